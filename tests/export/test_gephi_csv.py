"""nodes.csv and edges.csv in Gephi's spreadsheet import format."""

from __future__ import annotations

import csv

import pytest

from graphkit.export.gephi_csv import EDGE_COLUMNS, NODE_COLUMNS, write_edges, write_nodes
from tests.export.test_gexf import LONG, awkward_graph


def _rows(path):
    """The header and rows; Python's csv module refuses fields above 128 KiB unless told otherwise."""
    limit = csv.field_size_limit(1 << 24)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            return reader.fieldnames, list(reader)
    finally:
        csv.field_size_limit(limit)


def test_nodes_csv_starts_with_gephis_id_and_label(seed_output, seed_graph):
    columns, rows = _rows(seed_output / "nodes.csv")
    assert tuple(columns[:2]) == ("Id", "Label") and tuple(columns) == NODE_COLUMNS
    assert [r["Id"] for r in rows] == [e.id for e in seed_graph.nodes()]
    assad = {r["Id"]: r for r in rows}["person/bashar-al-assad"]
    assert (assad["Label"], assad["type"]) == ("Bashar al-Assad", "PERSON")
    assert int(assad["mentions"]) >= 7


def test_edges_csv_has_gephis_columns_then_the_attributes(seed_output, seed_graph):
    columns, rows = _rows(seed_output / "edges.csv")
    assert tuple(columns[:5]) == ("Source", "Target", "Type", "Weight", "Label") and tuple(columns) == EDGE_COLUMNS
    assert len(rows) == len(seed_graph.edges())
    assert {r["Type"] for r in rows} == {"Directed"}
    node_ids = {e.id for e in seed_graph.nodes()}
    assert all(r["Source"] in node_ids and r["Target"] in node_ids for r in rows)
    (honor,) = [r for r in rows if (r["Source"], r["Target"], r["Label"]) == ("person/putin", "person/tillerson", "honor")]
    assert (honor["Weight"], honor["event"], honor["intensity"], honor["negated"]) == ("1", "SUPPORT", "3.4", "false")
    assert "friendship award" in honor["evidence"]
    untyped = [r for r in rows if not r["event"]]
    assert untyped and all(r["intensity"] == "" for r in untyped)


@pytest.mark.parametrize("value", [None, ["a", "b"], {"a": 1}])
def test_no_none_list_or_dict_reaches_the_tables(seed_graph, tmp_path, monkeypatch, value):
    # an attribute that is not flat stops the writer; no cell ever reads "None" or "['a', 'b']"
    (node, data), *_ = seed_graph.node_attributes()
    monkeypatch.setattr(type(seed_graph), "node_attributes", lambda self: [(node, {**data, "aliases": value})])
    with pytest.raises(TypeError, match="only strings, numbers and booleans"):
        write_nodes(seed_graph, tmp_path / "nodes.csv")


def test_awkward_values_and_formulas(tmp_path):
    write_nodes(awkward_graph(), tmp_path / "nodes.csv")
    write_edges(awkward_graph(), tmp_path / "edges.csv")
    _, nodes = _rows(tmp_path / "nodes.csv")
    labels = {r["Id"]: r["Label"] for r in nodes}
    assert labels["gpe/q"] == "\"Q&A\" <b>land</b>" and labels["person/xi"] == "習近平" and labels["person/empty"] == ""
    assert labels["person/o-brien"] == "O'Brien "
    _, edges = _rows(tmp_path / "edges.csv")
    say = {r["Label"]: r for r in edges}["say"]
    assert say["evidence"] == LONG and say["doc"] == "a&b \"quoted\".txt"
    reject = {r["Label"]: r for r in edges}["reject"]
    assert (reject["negated"], reject["intensity"]) == ("true", "-4.0")


def test_formula_cells_are_neutralised(tmp_path):
    from graphkit.graph import KnowledgeGraph
    from graphkit.types import Document, Entity, Mention

    formula = Mention("d", 0, 5, "=1+1", "PERSON")
    graph = KnowledgeGraph(documents=(Document(id="d", text="=1+1"),),
                           entities=(Entity("person/x", "=HYPERLINK(1)", "PERSON", (formula,), (("@SUM(A1)", 1),)),),
                           relations=())
    write_nodes(graph, tmp_path / "nodes.csv")
    _, (row,) = _rows(tmp_path / "nodes.csv")
    assert (row["Label"], row["aliases"]) == ("'=HYPERLINK(1)", "'@SUM(A1)")
