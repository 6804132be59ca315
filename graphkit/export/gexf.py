"""``graph.gexf``: GEXF 1.2 for Gephi, written by networkx, made reproducible.

networkx stamps today's date and its own version into ``<meta>`` and writes a
``name`` attribute on ``<graph>`` that the GEXF 1.2draft schema rejects; both
are removed so that the same input gives byte-identical, schema-valid files.
Edges carry ``label`` (the relation, shown by Gephi) and ``weight`` (the
number of supporting statements) natively, and ``relation``, ``evidence``,
``doc``, ``confidence``, ``negated`` and ``attributed_to`` as attributes.
"""

from __future__ import annotations

from pathlib import Path

from networkx.readwrite.gexf import GEXFWriter

from graphkit.graph import KnowledgeGraph

CREATOR = "graphkit"


def write_gexf(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as schema-valid GEXF 1.2draft without timestamps."""
    nx_graph = graph.to_networkx()
    for _, _, data in nx_graph.edges(data=True):
        data["label"] = data["relation"]
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = CREATOR
    writer.add_graph(nx_graph)
    writer.graph_element.attrib.pop("name", None)
    with open(path, "wb") as handle:
        writer.write(handle)
