"""``graph.graphml``: GraphML for Gephi, yEd, networkx and igraph.

Attributes are typed (``attr.type`` ``long``, ``double``, ``boolean`` or
``string``), so ``networkx.read_graphml`` gives back ints, floats and booleans
and igraph numbers and booleans. Each node also carries its drawing under the
names Gephi's GraphML importer reads as position, size and colour (``x``,
``y``, ``size``, ``r``, ``g``, ``b``), the same as the GEXF's, so Gephi opens
this file laid out and coloured too.

The bytes are those ``networkx.write_graphml`` (lxml, ``prettyprint=True``)
writes for the graph's flat networkx graph: keys ``d0``, ``d1``, ... numbered
as each (name, type) is first met, nodes then edges, and declared last first;
values as ``str()`` gives them. They are written here, node by node and edge by
edge from :meth:`KnowledgeGraph.node_attributes` and
:meth:`KnowledgeGraph.networkx_edges`: networkx built the graph and an lxml
element per value (1.1 s of the 1.4 s the file took), and without lxml, which
graphkit does not require, falls back to a writer with other bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graphkit.export.style import NodeDrawing, node_drawings, rgb
from graphkit.graph import KnowledgeGraph
from graphkit.text import escaper, flat_type, xml_safe

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_EDGE_ENDS = ("source", "target", "key")  # an edge record's ends and key: the edge element's, no attributes
# What libxml2 escapes in text and in attribute values.
_escape_text = escaper({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_escape_attribute = escaper({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                             "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})


def write_graphml(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as GraphML with typed node and edge attributes and the layout.

    Edges are numbered ``e0``, ``e1``, ... in the graph's stable order (GraphML
    needs unique edge ids; the relation names repeat and hold spaces). Every id
    and text value passes through :func:`~graphkit.text.xml_safe`; a value that
    is not a string, number or boolean raises ``TypeError``
    (:func:`~graphkit.text.flat_type`).
    """
    drawings = node_drawings(graph)
    met: dict[tuple[str, str, type], object] = {}  # (scope, name, the value's class) -> its first value, in the order met
    for scope, _, data in _elements(graph, drawings):
        for name, value in data:
            met.setdefault((scope, name, value.__class__), value)
    keys: dict[tuple[str, str, type], str] = {}  # (scope, name, flat type) -> key id, in the order met
    ids: dict[tuple[str, str, type], tuple[str, bool]] = {}  # (scope, name, class) -> (key id, whether it is text)
    for (scope, name, cls), value in met.items():
        kind = flat_type(name, value)
        ids[scope, name, cls] = keys.setdefault((scope, name, kind), f"d{len(keys)}"), kind is str
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        out.write(_HEADER)
        for (scope, name, kind), key in reversed(keys.items()):
            out.write(f'<key id="{key}" for="{scope}" attr.name="{_attribute(name)}" '
                      f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n')
        out.write('<graph edgedefault="directed">')
        for scope, attributes, data in _elements(graph, drawings):
            lines = [f"<{scope} {attributes}>"]
            for name, value in data:
                key, text = ids[scope, name, value.__class__]
                lines.append(f'  <data key="{key}">{_escape_text(xml_safe(value)) if text else value}</data>')
            lines.append(f"</{scope}>\n")
            out.write("\n".join(lines))
        out.write("</graph></graphml>")


Element = tuple[str, str, list[tuple[str, object]]]  # "node" or "edge", the opening tag's attributes, the data


def _elements(graph: KnowledgeGraph, drawings: dict[str, NodeDrawing]) -> Iterator[Element]:
    """Every node, then every edge: ``"node"`` or ``"edge"``, the opening tag's attributes, and the data.

    A node has its ``id``, its attributes, then its drawing (``x``, ``y``,
    ``size``, ``r``, ``g``, ``b``); an edge its ``source``, ``target`` and ``id``
    (``e0``, ``e1``, ...), then its attributes.
    """
    for node, data in graph.node_attributes():
        drawing = drawings[node]
        r, g, b = rgb(drawing.colour)
        yield "node", f'id="{_attribute(node)}"', [*data.items(), ("x", drawing.x), ("y", drawing.y),
                                                    ("size", drawing.size), ("r", r), ("g", g), ("b", b)]
    for number, edge in enumerate(graph.networkx_edges()):
        yield ("edge", f'source="{_attribute(edge["source"])}" target="{_attribute(edge["target"])}" id="e{number}"',
               [(name, value) for name, value in edge.items() if name not in _EDGE_ENDS])


def _attribute(text: str) -> str:
    return _escape_attribute(xml_safe(text))
