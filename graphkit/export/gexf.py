"""``graph.gexf``: GEXF 1.2 for Gephi, written by networkx, made reproducible.

networkx stamps today's date and its own version into ``<meta>`` and writes a
``name`` attribute on ``<graph>`` that the GEXF 1.2draft schema rejects; both
are removed so that the same input gives byte-identical, schema-valid files.
Edges carry ``label`` (the relation, shown by Gephi) and ``weight`` (the
number of supporting statements) natively, and ``relation``, ``evidence``,
``doc``, ``confidence``, ``negated``, ``attributed_to``, ``date``, ``event_date``,
``event``, ``intensity`` and the actor pair's ``pair_count``,
``pair_mean_intensity`` and ``pair_events`` as attributes.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graphkit.graph import KnowledgeGraph
from graphkit.text import xml_safe, xml_safe_values

CREATOR = "graphkit"


def write_gexf(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as schema-valid GEXF 1.2draft without timestamps.

    Every id and text attribute passes through :func:`~graphkit.text.xml_safe`:
    networkx's GEXF writer would write a control character as it is and leave
    a file no XML parser reads.
    """
    source = graph.to_networkx()
    nx_graph = nx.MultiDiGraph()
    nx_graph.graph.update(xml_safe_values(source.graph))
    nx_graph.add_nodes_from((xml_safe(node), xml_safe_values(data)) for node, data in source.nodes(data=True))
    for u, v, key, data in source.edges(keys=True, data=True):
        nx_graph.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(key), **xml_safe_values({**data, "label": data["relation"]}))
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = CREATOR
    writer.add_graph(nx_graph)
    writer.graph_element.attrib.pop("name", None)
    with open(path, "wb") as handle:
        writer.write(handle)
