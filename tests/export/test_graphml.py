"""GraphML: typed attributes that networkx and igraph both read back as numbers, booleans and text, and the layout."""

from __future__ import annotations

import math

import igraph
import networkx as nx

from graphkit.export.graphml import write_graphml
from graphkit.export.style import TYPE_COLOURS, node_drawings, rgb
from graphkit.text import xml_safe
from tests.export.test_gexf import LONG, awkward_graph


def test_networkx_reads_typed_attributes(seed_output, seed_graph):
    graph = nx.read_graphml(seed_output / "graph.graphml")
    assert graph.number_of_nodes() == len(seed_graph.nodes())
    assert graph.number_of_edges() == len(seed_graph.edges())
    trump = graph.nodes["person/trump"]
    assert (trump["label"], trump["type"]) == ("Trump", "PERSON")
    assert isinstance(trump["mentions"], int) and trump["mentions"] >= 8
    assert isinstance(trump["x"], float) and isinstance(trump["size"], float)
    assert (trump["r"], trump["g"], trump["b"]) == rgb(TYPE_COLOURS["PERSON"])
    (honor,) = [d for u, v, d in graph.edges(data=True) if (u, v, d["relation"]) == ("person/putin", "person/tillerson", "honor")]
    assert isinstance(honor["weight"], int) and honor["weight"] == 1
    assert isinstance(honor["confidence"], float)
    assert honor["negated"] is False
    assert (honor["event"], honor["intensity"]) == ("SUPPORT", 3.4)
    assert any(d["negated"] is True for _, _, d in graph.edges(data=True))


def test_igraph_reads_typed_attributes(seed_output, seed_graph):
    graph = igraph.Graph.Read_GraphML(str(seed_output / "graph.graphml"))
    assert graph.is_directed()
    assert (graph.vcount(), graph.ecount()) == (len(seed_graph.nodes()), len(seed_graph.edges()))
    trump = graph.vs.find(id="person/trump")
    assert (trump["label"], trump["type"]) == ("Trump", "PERSON")
    assert trump["mentions"] >= 8 and isinstance(trump["mentions"], float)  # igraph keeps every number as a float
    (honor,) = [e for e in graph.es if e["relation"] == "honor"]
    assert graph.vs[honor.source]["id"] == "person/putin" and graph.vs[honor.target]["id"] == "person/tillerson"
    assert honor["negated"] is False and isinstance(honor["negated"], bool)
    assert honor["intensity"] == 3.4 and honor["weight"] == 1.0
    untyped = [e for e in graph.es if e["event"] == ""]
    assert untyped and all(math.isnan(e["intensity"]) for e in untyped)  # an edge without intensity reads as NaN


def test_same_layout_as_the_gexf(seed_output):
    from tests.export.test_gexf import read_gexf

    _, gexf_nodes, _ = read_gexf(seed_output / "graph.gexf")
    graph = nx.read_graphml(seed_output / "graph.graphml")
    for node, data in graph.nodes(data=True):
        assert (data["x"], data["y"]) == gexf_nodes[node]["position"]
        assert data["size"] == gexf_nodes[node]["size"]


def test_awkward_values_read_back_in_networkx_and_igraph(tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(awkward_graph(), path)
    graph = nx.read_graphml(path)
    assert graph.nodes["gpe/q"]["label"] == "\"Q&A\" <b>land</b>"
    assert graph.nodes["person/xi"]["label"] == "習近平"
    assert graph.nodes["person/empty"]["label"] == ""
    (say,) = [d for _, _, d in graph.edges(data=True) if d["relation"] == "say"]
    assert say["evidence"] == LONG
    loaded = igraph.Graph.Read_GraphML(str(path))
    assert sorted(loaded.vs["label"]) == sorted(d["label"] for _, d in graph.nodes(data=True))
    assert LONG in loaded.es["evidence"]


def test_same_bytes_as_networkx_writes_for_the_flat_graph(tmp_path):
    # graphkit writes the file itself; networkx's own writer (lxml) gives the same bytes, awkward values included
    graph = awkward_graph()
    write_graphml(graph, tmp_path / "ours.graphml")
    flat, drawings = nx.MultiDiGraph(), node_drawings(graph)
    safe = lambda data: {k: xml_safe(v) if isinstance(v, str) else v for k, v in data.items()}  # noqa: E731
    for node, data in graph.to_networkx().nodes(data=True):
        d = drawings[node]
        flat.add_node(xml_safe(node), **safe(data), x=d.x, y=d.y, size=d.size, **dict(zip("rgb", rgb(d.colour))))
    for number, (u, v, data) in enumerate(graph.to_networkx().edges(data=True)):
        flat.add_edge(xml_safe(u), xml_safe(v), key=f"e{number}", **safe(data))
    nx.write_graphml_lxml(flat, tmp_path / "networkx.graphml", encoding="utf-8", prettyprint=True)
    assert (tmp_path / "ours.graphml").read_bytes() == (tmp_path / "networkx.graphml").read_bytes()
