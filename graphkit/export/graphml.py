"""``graph.graphml``: GraphML for Gephi, yEd and igraph, written by networkx."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.graph import KnowledgeGraph


def write_graphml(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as GraphML with typed node and edge attributes."""
    nx.write_graphml(graph.to_networkx(), path, encoding="utf-8", prettyprint=True)
