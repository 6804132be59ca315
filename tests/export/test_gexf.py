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
    edges = [d for u, v, d in graph.edges(data=True) if (u, v) == ("person/putin", "person/tillerson")]
    assert len(edges) == 1
    edge = edges[0]
    assert (edge["relation"], edge["label"], edge["weight"], edge["doc"]) == (
        "honor", "honor", 1.0, "us-russia-relations-2017.txt")
    assert "friendship award" in edge["evidence"]
    assert 0 < edge["confidence"] <= 1
