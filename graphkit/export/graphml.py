"""``graph.graphml``: GraphML for Gephi, yEd and igraph, written by networkx."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.graph import KnowledgeGraph
from graphkit.text import xml_safe, xml_safe_values


def write_graphml(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as GraphML with typed node and edge attributes.

    networkx writes a multigraph's edge keys (our relation names) as edge ids,
    which repeat and hold spaces; GraphML needs unique ids, so edges are
    numbered ``e0``, ``e1``, ... in the graph's stable order. Every id and text
    attribute passes through :func:`~graphkit.text.xml_safe` (lxml refuses
    control characters).
    """
    source = graph.to_networkx()
    numbered = nx.MultiDiGraph()
    numbered.add_nodes_from((xml_safe(node), xml_safe_values(data)) for node, data in source.nodes(data=True))
    for number, (u, v, data) in enumerate(source.edges(data=True)):
        numbered.add_edge(xml_safe(u), xml_safe(v), key=f"e{number}", **xml_safe_values(data))
    nx.write_graphml(numbered, path, encoding="utf-8", prettyprint=True)
