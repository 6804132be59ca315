"""GEXF: valid against the official 1.2draft schema, no timestamp, attributes Gephi reads."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from lxml import etree

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "schemas" / "gexf-1.2draft" / "gexf.xsd"


def test_gexf_is_schema_valid(seed_output):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(seed_output / "graph.gexf"))
    schema.assertValid(document)


def test_gexf_has_no_date_and_no_library_version(seed_output):
    text = (seed_output / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert "NetworkX" not in text
    assert "<creator>graphkit</creator>" in text


def test_gexf_round_trips_with_node_and_edge_attributes(seed_output):
    graph = nx.read_gexf(seed_output / "graph.gexf")
    node = graph.nodes["person/bashar-al-assad"]
    assert node["label"] == "Bashar al-Assad"
    assert node["type"] == "PERSON"
    assert set(node["aliases"].split("|")) == {"Assad", "Bashar Assad", "the Syrian president"}
    assert node["mentions"] >= 7
    edges = [d for u, v, d in graph.edges(data=True)
             if (u, v) == ("person/putin", "person/tillerson") and d["relation"] == "honor"]  # "meet" is another edge
    assert len(edges) == 1
    edge = edges[0]
    assert (edge["relation"], edge["label"], edge["weight"], edge["doc"]) == (
        "honor", "honor", 1.0, "us-russia-relations-2017.txt")
    assert "friendship award" in edge["evidence"]
    assert 0 < edge["confidence"] <= 1


def test_gexf_and_graphml_make_every_string_valid_xml(tmp_path):
    """A graph built through the API with control characters and lone surrogates still gives files that parse.

    The readers clean input first; the exporters are the second line of defence.
    """
    from graphkit.export.gexf import write_gexf
    from graphkit.export.graphml import write_graphml
    from graphkit.graph import KnowledgeGraph
    from graphkit.types import Argument, Document, Entity, Mention, Provenance, Relation, Triple

    doc_id = "feed\x0b\ud800.jsonl#1"
    text = "Putin\x1b honored Tillerson."
    doc = Document(id=doc_id, text=text, title="Esc\x1bape")
    putin = Mention(doc_id, 0, 6, "Putin\x1b", "PERSON")
    tillerson = Mention(doc_id, 15, 24, "Tillerson", "PERSON")
    entities = (
        Entity("person/putin\x0b", "Putin\x1b", "PERSON", (putin,), (("Putin\x1b", 1), ("V\ud800", 1)), (("same-name", 1),)),
        Entity("person/tillerson", "Tillerson", "PERSON", (tillerson,), (("Tillerson", 1),), (("same-name", 1),)),
    )
    provenance = Provenance(doc_id, text, 0, len(text), "clauses.v1")
    triple = Triple(Argument("Putin\x1b", 0, 6, 0, 6), "honored\x07", (Argument("Tillerson", 15, 24, 15, 24),), 0.8,
                    provenance, relation_lemma="honor\x07")
    graph = KnowledgeGraph(documents=(doc,), entities=entities,
                           relations=(Relation(triple, "person/putin\x0b", "person/tillerson"),))
    write_gexf(graph, tmp_path / "graph.gexf")
    write_graphml(graph, tmp_path / "graph.graphml")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    schema.assertValid(etree.parse(str(tmp_path / "graph.gexf")))
    for name in ("graph.gexf", "graph.graphml"):
        read = nx.read_gexf(tmp_path / name) if name.endswith("gexf") else nx.read_graphml(tmp_path / name)
        assert read.nodes["person/putin "]["label"] == "Putin "
        assert read.nodes["person/putin "]["aliases"] == "V\ufffd"
        (edge,) = [d for _, _, d in read.edges(data=True)]
        assert edge["doc"] == "feed \ufffd.jsonl#1"
