"""``graph.graphml``: GraphML for Gephi, yEd and igraph, written by networkx."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.graph import KnowledgeGraph


def write_graphml(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as GraphML with typed node and edge attributes.

    networkx writes a multigraph's edge keys (our relation names) as edge ids,
    which repeat and hold spaces; GraphML needs unique ids, so edges are
    numbered ``e0``, ``e1``, ... in the graph's stable order.
    """
    source = graph.to_networkx()
    numbered = nx.MultiDiGraph()
    numbered.add_nodes_from(source.nodes(data=True))
    for number, (u, v, data) in enumerate(source.edges(data=True)):
        numbered.add_edge(u, v, key=f"e{number}", **data)
    nx.write_graphml(numbered, path, encoding="utf-8", prettyprint=True)
