"""``graph.graphml``: GraphML for Gephi, yEd, networkx and igraph, written by networkx.

Attributes are typed (``attr.type`` ``long``, ``double``, ``boolean`` or
``string``), so ``networkx.read_graphml`` gives back ints, floats and booleans
and igraph numbers and booleans. Each node also carries its drawing under the
names Gephi's GraphML importer reads as position, size and colour (``x``,
``y``, ``size``, ``r``, ``g``, ``b``), the same as the GEXF's, so Gephi opens
this file laid out and coloured too.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.export.style import node_drawings, rgb
from graphkit.graph import KnowledgeGraph
from graphkit.text import xml_safe, xml_safe_values


def write_graphml(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as GraphML with typed node and edge attributes and the layout.

    networkx writes a multigraph's edge keys (our relation names) as edge ids,
    which repeat and hold spaces; GraphML needs unique ids, so edges are
    numbered ``e0``, ``e1``, ... in the graph's stable order. Every id and text
    attribute passes through :func:`~graphkit.text.xml_safe` (lxml refuses
    control characters).
    """
    source = graph.to_networkx()
    drawings = node_drawings(graph)
    numbered = nx.MultiDiGraph()
    for node, data in source.nodes(data=True):
        drawing = drawings[node]
        r, g, b = rgb(drawing.colour)
        numbered.add_node(
            xml_safe(node), **xml_safe_values(data), x=drawing.x, y=drawing.y, size=drawing.size, r=r, g=g, b=b
        )
    for number, (u, v, data) in enumerate(source.edges(data=True)):
        numbered.add_edge(xml_safe(u), xml_safe(v), key=f"e{number}", **xml_safe_values(data))
    nx.write_graphml(numbered, path, encoding="utf-8", prettyprint=True)
