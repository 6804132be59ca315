"""CSV tables, node-link JSON and GraphML of the seed: columns, offsets, round trips."""

from __future__ import annotations

import csv
import json

import networkx as nx

from graphkit.export.csv import ENTITY_COLUMNS, MENTION_COLUMNS, RELATION_COLUMNS, safe_cell
from tests.conftest import SEED_FILE


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def test_entities_csv(seed_output):
    columns, rows = _rows(seed_output / "entities.csv")
    assert tuple(columns) == ENTITY_COLUMNS == ("id", "label", "type", "aliases", "mentions")
    by_label = {r["label"]: r for r in rows}
    assert by_label["Bashar al-Assad"]["type"] == "PERSON"
    assert set(by_label["Bashar al-Assad"]["aliases"].split("|")) == {"Assad", "Bashar Assad", "the Syrian president"}
    assert set(by_label["United States"]["aliases"].split("|")) == {"US", "USA", "U.S.", "Washington"}
    assert int(by_label["Trump"]["mentions"]) >= 8
    assert len({r["id"] for r in rows}) == len(rows)


def test_mentions_csv_offsets_point_into_the_document(seed_output):
    columns, rows = _rows(seed_output / "mentions.csv")
    assert tuple(columns) == MENTION_COLUMNS == ("entity_id", "doc", "start", "end", "text")
    text = SEED_FILE.read_text(encoding="utf-8")
    assert rows
    for row in rows:
        assert row["doc"] == "us-russia-relations-2017.txt"
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
    assert any(r["text"] == "Bashar al-Assad" and r["entity_id"] == "person/bashar-al-assad" for r in rows)


def test_relations_csv_carries_evidence(seed_output):
    columns, rows = _rows(seed_output / "relations.csv")
    assert tuple(columns) == RELATION_COLUMNS
    honor = [r for r in rows if r["subject"] == "Putin" and r["relation"] == "had even honored"]
    assert len(honor) == 1
    row = honor[0]
    assert (row["subject_id"], row["object_id"], row["object"]) == ("person/putin", "person/tillerson", "Tillerson")
    assert row["negated"] == "false"
    assert row["extractor"] == "clauses.v1"
    text = SEED_FILE.read_text(encoding="utf-8")
    assert text[int(row["start"]) : int(row["end"])] == row["sentence"] == "Putin had even honored Tillerson with a friendship award."
    quoted = [r for r in rows if r["attributed_to"] == "Lavrov"]
    assert any(r["subject"] == "Russia" for r in quoted)
    # '"We discussed ... helping Assad ...", he said': the speaker is resolved, and not to Assad
    discussed = [r for r in rows if r["relation"] == "discussed"]
    assert [r["attributed_to"] for r in discussed] == ["Tillerson"]
    assert any(r["negated"] == "true" for r in rows)


def test_formula_cells_are_neutralised():
    assert [safe_cell(v) for v in ("=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "Putin", 3)] == [
        "'=HYPERLINK(1)", "'+1", "'-2", "'@SUM(A1)", "Putin", 3]


def test_formulas_after_leading_whitespace_are_neutralised():
    cells = (" =1+1", "\t=1+1", "  +1", "\n@SUM(A1)", "\u00a0-2", "\r\n=cmd", " Putin", "", " \t")
    assert [safe_cell(v) for v in cells] == [
        "' =1+1", "'\t=1+1", "'  +1", "'\n@SUM(A1)", "'\u00a0-2", "'\r\n=cmd", " Putin", "", " \t"]


def test_formula_behind_a_space_does_not_reach_the_tables_raw(tmp_path):
    """Through the exporters, on a graph whose labels, aliases and mention texts start with a space and a formula."""
    from graphkit.export.csv import write_entities, write_mentions
    from graphkit.graph import KnowledgeGraph
    from graphkit.types import Document, Entity, Mention

    text = " =1+1 met Lavrov."
    formula = Mention("d", 0, 5, " =1+1", "PERSON")
    lavrov = Mention("d", 10, 16, "Lavrov", "PERSON")
    graph = KnowledgeGraph(
        documents=(Document(id="d", text=text),),
        entities=(Entity("person/x", " =1+1", "PERSON", (formula,), ((" =1+1", 1), (" +2", 1))),
                  Entity("person/lavrov", "Lavrov", "PERSON", (lavrov,), (("Lavrov", 1),))),
        relations=(),
    )
    write_entities(graph, tmp_path / "entities.csv")
    write_mentions(graph, tmp_path / "mentions.csv")
    for name in ("entities.csv", "mentions.csv"):
        for row in csv.reader((tmp_path / name).open(encoding="utf-8", newline="")):
            assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in row), (name, row)
    rows = list(csv.DictReader((tmp_path / "entities.csv").open(encoding="utf-8", newline="")))
    assert [(r["label"], r["aliases"]) for r in rows] == [("' =1+1", "' +2"), ("Lavrov", "")]


def test_formula_in_a_document_does_not_reach_the_csv_raw(runner, tmp_path):
    from graphkit.cli import app

    src = tmp_path / "evil.txt"
    src.write_text("=HYPERLINK(\"x\") met Lavrov in Moscow. Lavrov praised =cmd.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    for name in ("entities.csv", "relations.csv", "mentions.csv"):
        for row in csv.reader((tmp_path / "out" / name).open(encoding="utf-8")):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), (name, row)


def test_json_is_node_link_and_round_trips(seed_output, seed_graph):
    data = json.loads((seed_output / "graph.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="links")
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.nodes["person/putin"]["label"] == "Putin"
    assert graph.has_edge("person/putin", "person/tillerson", key="honor")
    assert graph.number_of_nodes() == len(seed_graph.nodes())


def test_graphml_round_trips_with_flat_attributes(seed_output):
    graph = nx.read_graphml(seed_output / "graph.graphml")
    node = graph.nodes["person/bashar-al-assad"]
    assert (node["label"], node["type"]) == ("Bashar al-Assad", "PERSON")
    assert set(node["aliases"].split("|")) == {"Assad", "Bashar Assad", "the Syrian president"}
    assert node["mentions"] >= 7
    (edge,) = [d for _, v, d in graph.out_edges("person/putin", data=True)
               if v == "person/tillerson" and d["relation"] == "honor"]  # "the meeting between Putin and Tillerson" too
    assert edge["relation"] == "honor"
    assert edge["weight"] == 1
    assert edge["doc"] == "us-russia-relations-2017.txt"
    assert "friendship award" in edge["evidence"]
    assert 0 < edge["confidence"] <= 1


def test_graphml_edge_ids_are_unique_tokens(seed_output):
    from lxml import etree

    ids = [e.get("id") for e in etree.parse(str(seed_output / "graph.graphml")).iter("{*}edge")]
    assert len(ids) == len(set(ids)) > 0
    assert all(i and " " not in i for i in ids)


def test_nodes_say_why_their_names_were_merged(seed_output):
    graph = nx.read_graphml(seed_output / "graph.graphml")
    merges = dict(item.split("=") for item in graph.nodes["person/bashar-al-assad"]["merges"].split("|"))
    assert int(merges["surname"]) >= 4 and int(merges["title"]) == 1
    counts = dict(item.split("=") for item in graph.nodes["person/bashar-al-assad"]["alias_counts"].split("|"))
    assert counts == {"Assad": "5", "Bashar Assad": "1", "Bashar al-Assad": "1", "the Syrian president": "1"}


def test_every_build_file_writes_a_lone_surrogate_as_the_replacement_character(tmp_path):
    """A graph made through the Python API may hold text no reader cleaned: every file is still valid UTF-8."""
    from graphkit.export import export
    from tests.export.test_gexf import awkward_graph

    graph = awkward_graph()  # "lone \ud800 surrogate" among its names and sentences
    for path in export(graph, tmp_path / "out"):
        text = path.read_bytes().decode("utf-8")  # strict: fails on a surrogate written as such
        assert "\ufffd" in text, path.name
