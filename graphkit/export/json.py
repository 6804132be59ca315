"""``graph.json``: networkx node-link JSON, keys sorted, for reading back with ``nx.node_link_graph``."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphkit.graph import KnowledgeGraph


def write_json(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as node-link JSON (``edges="links"``, multigraph keys kept)."""
    data = nx.node_link_data(graph.to_networkx(), edges="links")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
        handle.write("\n")
