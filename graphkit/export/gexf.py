"""``graph.gexf``: GEXF 1.3 for Gephi, laid out, coloured, typed and dated.

networkx writes only GEXF 1.1draft/1.2draft, with no layout, and its files
fail the official schema (networkx#1490, #3572); this module writes GEXF 1.3
itself, valid against the GEXF Working Group's schema (tests/data/schemas/gexf-1.3):

- every node has a ``color`` (by entity type), a ``size`` (from mentions) and a
  ``position`` (:meth:`KnowledgeGraph.positions`), so Gephi opens the
  graph laid out and coloured. The official 1.3 schema puts these elements in
  the GEXF namespace itself; Gephi reads them by name, whatever the namespace;
- attributes are declared with their types: ``mentions`` and ``pair_count``
  ``integer``, ``confidence``, ``intensity`` and ``pair_mean_intensity``
  ``double``, ``negated`` ``boolean``, the rest ``string``. An edge's ``label``
  is its relation, its ``weight`` the number of statements, its colour its
  intensity (red conflict, grey neutral, green cooperation);
- dates are spells (``timeformat="date"``), so Gephi's timeline plays the graph:
  each statement is dated by the date the sentence gives the event, else its
  document's date; a month or a year spans its days; an edge's spells are its
  statements' dates, overlapping ones joined (Gephi refuses overlapping spells);
  a node's one spell runs from its first to its last dated mention or edge.
  A graph without dates is ``mode="static"``.

Nothing varies between runs (no timestamp, sorted input, fixed layout seed), so
the same graph gives the same bytes. Values pass through
:func:`~graphkit.text.flat_value` (strings made XML-safe); a value that is not a
string, number or boolean raises ``TypeError`` rather than reach the file.
"""

from __future__ import annotations

import calendar
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path


from graphkit.export.style import edge_colour, node_drawings, rgb
from graphkit.graph import KnowledgeGraph
from graphkit.text import escaper, flat_type, flat_value, xml_safe

NAMESPACE = "http://gexf.net/1.3"
CREATOR = "graphkit"
_INDENT = "  "
# What ElementTree escapes in an attribute value: nodes and edges are written as strings, with the same bytes.
_escape_attribute = escaper({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                              "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"})
_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
_EDGE_ENDS = ("source", "target", "key")  # an edge record's ends and key: the edge element's, no attributes
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Spell = tuple[date, date]


def write_gexf(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write the graph as GEXF 1.3 with layout, colours, typed attributes and date spells.

    Written node by node and edge by edge from :meth:`KnowledgeGraph.node_attributes`
    and :meth:`KnowledgeGraph.networkx_edges` (the order of ``to_networkx``'s graph),
    so the file is never held in memory whole.
    """
    drawings = node_drawings(graph)
    edge_spells = _edge_spells(graph)
    node_spells = _node_spells(graph, edge_spells)
    node_types = attribute_types(data for _, data in graph.node_attributes())
    node_types.pop("label", None)
    edge_types = attribute_types(graph.networkx_edges())
    for name in (*_EDGE_ENDS, "weight"):
        edge_types.pop(name, None)
    dynamic = bool(edge_spells or node_spells)
    graph_attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attrs.update(timeformat="date", timerepresentation="interval")

    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<gexf xmlns=\"{NAMESPACE}\" version=\"1.3\">\n")
        _write(out, _meta(), 1)
        out.write(f"{_INDENT}<graph {_attributes(graph_attrs)}>\n")
        _write(out, _declarations("node", node_types), 2)
        _write(out, _declarations("edge", edge_types), 2)
        node_values, edge_values = _attvalue_starts(node_types), _attvalue_starts(edge_types)
        out.write(f"{_INDENT * 2}<nodes count=\"{len(drawings)}\">\n")
        for node, data in graph.node_attributes():
            drawing = drawings[node]
            lines = [f'<node id="{_escaped(node)}" label="{_escaped(str(data["label"]))}">', *_attvalues(data, node_values)]
            if node in node_spells:
                lines += _spells([node_spells[node]])
            lines += [_colour(drawing.colour), f'{_INDENT}<position x="{_number(drawing.x)}" y="{_number(drawing.y)}" />',
                      f'{_INDENT}<size value="{_number(drawing.size)}" />', "</node>"]
            _write_lines(out, lines, 3)
        out.write(f"{_INDENT * 2}</nodes>\n{_INDENT * 2}<edges count=\"{graph.edge_count()}\">\n")
        for number, edge in enumerate(graph.networkx_edges()):
            source, target = edge["source"], edge["target"]
            lines = [f'<edge id="{number}" source="{_escaped(source)}" target="{_escaped(target)}" '
                     f'label="{_escaped(str(edge["relation"]))}" weight="{_number(edge["weight"])}">',
                     *_attvalues(edge, edge_values)]
            if spells := edge_spells.get((source, edge["key"], target)):
                lines += _spells(spells)
            lines += [_colour(edge_colour(edge.get("intensity"))), "</edge>"]
            _write_lines(out, lines, 3)
        out.write(f"{_INDENT * 2}</edges>\n{_INDENT}</graph>\n</gexf>\n")


def attribute_types(items: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """The GEXF type of every attribute the items carry, in first-seen order.

    ``bool`` is ``boolean``, ``int`` ``integer``, ``float`` ``double`` (and an
    attribute holding both ints and floats), ``str`` ``string``. Anything else
    (``None``, a list, a dict) is a ``TypeError`` (:func:`~graphkit.text.flat_type`): flatten it first.
    """
    found: dict[str, str] = {}
    for item in items:
        for name, value in item.items():
            kind = _GEXF_TYPES[flat_type(name, value)]
            known = found.setdefault(name, kind)
            if known != kind:
                if {known, kind} != {"integer", "double"}:
                    raise TypeError(f"attribute {name!r} holds both {known} and {kind} values")
                found[name] = "double"
    return found


def _meta() -> ET.Element:
    meta = ET.Element("meta")
    ET.SubElement(meta, "creator").text = CREATOR
    ET.SubElement(meta, "description").text = "actors, relations and their evidence, built by graphkit"
    return meta


def _declarations(kind: str, types: Mapping[str, str]) -> ET.Element:
    element = ET.Element("attributes", {"class": kind, "mode": "static"})
    for name, type_ in types.items():
        ET.SubElement(element, "attribute", id=xml_safe(name), title=xml_safe(name), type=type_)
    return element


def _attvalue_starts(types: Mapping[str, str]) -> dict[str, str]:
    """Each declared attribute's ``<attvalue>`` line up to its value, made once per file."""
    return {name: f'{_INDENT * 2}<attvalue for="{_escaped(name)}" value="' for name in types}


def _attvalues(data: Mapping[str, object], starts: Mapping[str, str]) -> list[str]:
    """The ``<attvalues>`` element's lines, one level in, for the declared attributes (``starts``) the item has."""
    values = [f'{start}{_escape_attribute(str(flat_value(name, data[name])))}" />'
              for name, start in starts.items() if name in data]
    if not values:
        return [f"{_INDENT}<attvalues />"]
    return [f"{_INDENT}<attvalues>", *values, f"{_INDENT}</attvalues>"]


def _number(value: float) -> str:
    """Integers without a decimal point, floats in their shortest form that reads back the same."""
    return repr(value)


def _colour(colour: str) -> str:
    r, g, b = rgb(colour)
    return f'{_INDENT}<color r="{r}" g="{g}" b="{b}" />'


def _spells(spells: Iterable[Spell]) -> list[str]:
    return [f"{_INDENT}<spells>",
            *(f'{_INDENT * 2}<spell start="{start.isoformat()}" end="{end.isoformat()}" />' for start, end in spells),
            f"{_INDENT}</spells>"]


def _escaped(text: str) -> str:
    """Text as an attribute value: :func:`~graphkit.text.xml_safe`, then escaped as ElementTree escapes it."""
    return _escape_attribute(xml_safe(text))


def _attributes(attrs: Mapping[str, str]) -> str:
    return " ".join(f'{name}="{value}"' for name, value in attrs.items())


def _write_lines(out, lines: list[str], level: int) -> None:
    """One element's lines, indented to ``level``, as :func:`_write` would write them."""
    pad = _INDENT * level
    out.write(pad + f"\n{pad}".join(lines) + "\n")


def _write(out, element: ET.Element, level: int) -> None:
    ET.indent(element, space=_INDENT, level=level)
    out.write(_INDENT * level + ET.tostring(element, encoding="unicode") + "\n")


def spell_of(iso: str) -> Spell | None:
    """The days an ISO date as precise as stated covers: a day, a month or a year; ``None`` for anything else.

    >>> spell_of("2017-04")
    (datetime.date(2017, 4, 1), datetime.date(2017, 4, 30))
    """
    match = _ISO_DATE.match(iso)
    if not match:
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day:
            found = date(year, int(month), int(day))
            return found, found
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), 1), date(year, int(month), last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def joined(spells: Iterable[Spell]) -> list[Spell]:
    """Spells sorted, with overlapping and touching ones joined, so that no two overlap (Gephi refuses that)."""
    result: list[Spell] = []
    for start, end in sorted(spells):
        if result and start <= result[-1][1] + timedelta(days=1):
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _edge_spells(graph: KnowledgeGraph) -> dict[tuple[str, str, str], list[Spell]]:
    """(source, relation, target) -> the spells of its statements: each one's event date, else its document's."""
    found: dict[tuple[str, str, str], list[Spell]] = {}
    for key, members in graph.edge_statements().items():
        if spells := [spell for spell in (spell_of(r.event_date or r.date) for r in members) if spell]:
            found[key] = joined(spells)
    return found


def _node_spells(graph: KnowledgeGraph, edge_spells: Mapping[tuple[str, str, str], list[Spell]]) -> dict[str, Spell]:
    """Node id -> one spell from its first to its last dated mention or edge (an edge lives within its nodes)."""
    doc_spells = {doc.id: spell_of(doc.date) for doc in graph.documents}
    found: dict[str, list[Spell]] = defaultdict(list)
    for entity in graph.nodes():
        found[entity.id].extend(s for s in (doc_spells.get(m.doc_id) for m in entity.mentions) if s)
    for (source, _, target), spells in edge_spells.items():
        found[source].extend(spells)
        found[target].extend(spells)
    return {node: (min(s for s, _ in spells), max(e for _, e in spells)) for node, spells in found.items() if spells}

