"""``graph.json``: networkx node-link JSON, keys sorted, for reading back with ``nx.node_link_graph``.

The file is what ``json.dump(nx.node_link_data(kg.to_networkx(), edges="links"),
indent=2, sort_keys=True)`` writes, byte for byte, but written node by node and
link by link: the networkx graph and the node-link dictionaries would each hold
the whole graph again, which for a large corpus is gigabytes. Every string
passes through :func:`~graphkit.text.xml_safe` (a lone surrogate cannot be
written as UTF-8).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from graphkit.graph import KnowledgeGraph
from graphkit.text import xml_safe

# One item, flat, as json.dump(indent=2, sort_keys=True) writes it two levels in: its members one a line, six
# spaces in. The C encoder writes that when the line break and indent are its separator; with an indent it would not run.
_ITEM = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",\n      ", ": "))


def write_json(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as node-link JSON (``edges="links"``, multigraph keys kept).

    >>> import networkx as nx  # doctest: +SKIP
    >>> nx.node_link_graph(json.load(open("graph.json")), edges="links")  # doctest: +SKIP
    """
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        out.write('{\n  "directed": true,\n  "graph": {},\n  "links": ')
        _write_list(out, graph.networkx_edges())
        out.write(',\n  "multigraph": true,\n  "nodes": ')
        _write_list(out, _nodes(graph))
        out.write("\n}\n")


def _write_list(out: TextIO, items: Iterator[dict]) -> None:
    """A JSON list of flat, non-empty objects, indented as ``json.dump(indent=2)`` indents it at the second level."""
    first = True
    for item in items:
        out.write(("[\n" if first else ",\n") + "    {\n      " + _ITEM.encode(_safe(item))[1:-1] + "\n    }")
        first = False
    out.write("[]" if first else "\n  ]")


def _safe(item: dict) -> dict:
    return {key: xml_safe(value) if isinstance(value, str) else value for key, value in item.items()}


def _nodes(graph: KnowledgeGraph) -> Iterator[dict]:
    """The nodes in the order ``KnowledgeGraph.to_networkx`` adds them, with the same attributes."""
    for node, attributes in graph.node_attributes():
        yield {"id": node, **attributes}
