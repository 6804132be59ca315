"""``graph.html``: one self-contained page to explore the graph, usable at thousands of nodes.

The page is written here rather than through pyvis's template: pyvis links
Bootstrap from a CDN even when told to inline (WestHealth/pyvis#159, #228),
runs physics on every graph (#204) and has a template that writes tooltips
into ``innerHTML`` (#92). What graphkit takes from pyvis is the vis-network
library it ships, inlined as it is.

Positions are computed before the page is written: the actors are where
:meth:`KnowledgeGraph.positions` puts them (the layout of the whole graph, the
one the GEXF and the GraphML carry), so the page draws at once with physics
off; only a small first view starts with physics on. The page opens on the
actor graph: each pair of actors is one edge aggregating all their statements,
coloured by mean intensity and labelled by the main event type; concepts come
on demand (those of the actor in focus, or of every shown actor), each placed
on a small spiral round the actors it is linked to. The
controls (search by label or alias, filters by entity type, event type, dates
and mentions, "show more", side panels with the evidence) are the page's own
script, ``html_assets/graph.js``.

Everything in the page is inline and nothing is fetched. The graph travels as
one JSON document in a ``<script type="application/json">`` with ``<``, ``>``
and ``&`` escaped, so no name or sentence can close the element; the script
puts every piece of data into the page with ``textContent`` or as vis-network
labels and string tooltips (which vis-network 9 shows with ``innerText``),
never as markup.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Iterator
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

from graphkit.export.style import MAX_INTENSITY, edge_colour, node_colour, node_size
from graphkit.graph import KnowledgeGraph
from graphkit.graph.kg import ACTOR_TYPES
from graphkit.text import UNENCODABLE, escaper

FIRST_VIEW = 150  # the most mentioned actors shown at first, and how many more each "show more" adds
PHYSICS_MAX_NODES = 50  # physics starts on only when the first view has at most this many nodes
_SPREAD = 20  # beyond _SPREAD**2 actors the layout is stretched by sqrt(actors) / _SPREAD to keep them apart
_SPIRAL_STEP = 35.0  # about the distance between a concept and the next one round the same actors
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# pyvis's copy of vis-network, found without importing pyvis (which loads jinja2: 0.17 s of every build)
_VIS_NETWORK = Path(find_spec("pyvis").origin).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
_ASSETS = files("graphkit.export") / "html_assets"
_escape_script = escaper({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _node_positions(graph: KnowledgeGraph) -> dict[str, tuple[float, float]]:
    """Actors where the graph's one layout puts them; concepts round their actors.

    The actors keep :meth:`KnowledgeGraph.positions`, the positions of the GEXF
    and the GraphML, stretched by ``sqrt(actors) / _SPREAD`` beyond ``_SPREAD**2``
    actors, so that thousands of actors stay about as far apart as a few dozen.
    A concept linked to no actor is never shown and gets no position.
    """
    laid_out = graph.positions()
    actor_ids = [e.id for e in graph.nodes() if e.type in ACTOR_TYPES]
    scale = max(1.0, math.sqrt(len(actor_ids)) / _SPREAD)
    actors = {a: (laid_out[a][0] * scale, laid_out[a][1] * scale) for a in actor_ids}
    anchors: dict[str, set[str]] = defaultdict(set)
    for r in graph.edge_relations():
        if r.subject_id in actors and r.object_id not in actors:
            anchors[r.object_id].add(r.subject_id)
        elif r.object_id in actors and r.subject_id not in actors:
            anchors[r.subject_id].add(r.object_id)
    placed = dict(actors)
    taken: dict[tuple[str, ...], int] = defaultdict(int)  # concepts already placed round these actors
    for concept in sorted(anchors):
        linked = tuple(sorted(anchors[concept]))
        cx = sum(actors[a][0] for a in linked) / len(linked)
        cy = sum(actors[a][1] for a in linked) / len(linked)
        k = taken[linked] = taken[linked] + 1
        radius, angle = _SPIRAL_STEP * (1 + math.sqrt(k)), k * _GOLDEN_ANGLE  # clear of the actors' own dots
        placed[concept] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return {node: (round(x, 1) + 0.0, round(y, 1) + 0.0) for node, (x, y) in placed.items()}


def page_data(graph: KnowledgeGraph, title: str = "graphkit") -> dict:
    """Everything the page shows, as plain JSON-ready data, in a stable order.

    ``nodes`` are the actors and the concepts some actor is linked to (a concept
    linked only to concepts can never be shown), each with its position, size,
    aliases with counts and the documents it is mentioned in; ``statements`` are the
    relations between two of them, each with its evidence (sentence, document,
    offsets, dates, confidence, speaker, event type and intensity), pointing
    into the ``nodes``, ``docs`` and ``sentences`` lists by index. ``summary``
    counts the whole graph. Colours and sizes are :mod:`graphkit.export.style`'s,
    as in the GEXF and GraphML: ``intensity_colours`` is the edge colour of every
    intensity from -10 to +10 in steps of 0.1, for the page to colour an edge by
    the mean intensity of the statements its filters keep.
    """
    placed = _node_positions(graph)
    nodes = [entity for entity in graph.nodes() if entity.id in placed]
    index = {entity.id: i for i, entity in enumerate(nodes)}
    doc_index = {doc.id: i for i, doc in enumerate(graph.documents)}
    sentences: dict[str, int] = {}
    statements = []
    for r in graph.edge_relations():
        if r.subject_id not in index or r.object_id not in index:
            continue
        provenance = r.triple.provenance
        statements.append({
            "s": index[r.subject_id],
            "o": index[r.object_id],
            "relation": r.triple.relation,
            "lemma": r.triple.relation_lemma,
            "event": r.event,
            "intensity": r.intensity,
            "confidence": r.triple.confidence,
            "negated": r.triple.negated,
            "speaker": r.speaker,
            "doc": doc_index[provenance.doc_id],
            "sentence": sentences.setdefault(provenance.sentence, len(sentences)),
            "start": provenance.sentence_start,
            "end": provenance.sentence_end,
            "date": r.date,
            "event_date": r.event_date,
        })
    node_records = []
    for entity in nodes:
        x, y = placed[entity.id]
        node_records.append({
            "id": entity.id,
            "label": entity.label,
            "type": entity.type,
            "mentions": len(entity.mentions),
            "x": x,
            "y": y,
            "size": node_size(entity.type, len(entity.mentions)),
            "aliases": [[name, count] for name, count in entity.aliases if name != entity.label],
            "docs": sorted({doc_index[m.doc_id] for m in entity.mentions if m.doc_id in doc_index}),
        })
    all_nodes = graph.nodes()
    actors = sum(1 for entity in all_nodes if entity.type in ACTOR_TYPES)
    return {
        "title": title,
        "summary": {"documents": len(graph.documents), "actors": actors, "concepts": len(all_nodes) - actors,
                    "statements": len(graph.edge_relations())},
        "first_view": FIRST_VIEW,
        "physics_max_nodes": PHYSICS_MAX_NODES,
        "colours": {t: node_colour(t) for t in sorted({entity.type for entity in nodes} | {"CONCEPT"})},
        "intensity_colours": [edge_colour(tenth / 10) for tenth in range(-10 * int(MAX_INTENSITY), 10 * int(MAX_INTENSITY) + 1)],
        "nodes": node_records,
        "statements": statements,
        "sentences": list(sentences),
        "docs": [{"id": doc.id, "title": doc.title, "date": doc.date} for doc in graph.documents],
    }


def _script_json(data: dict) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left to end it."""
    return _escape_script(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def render_html(graph: KnowledgeGraph, title: str = "graphkit") -> str:
    """The page as a string: no external resources, same bytes for the same graph."""
    return "".join(_pieces(graph, title))


def write_html(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write ``graph.html``, piece by piece (the page is never held whole)."""
    with open(path, "w", encoding="utf-8", errors=UNENCODABLE, newline="\n") as out:
        out.writelines(_pieces(graph, "graphkit"))


def _pieces(graph: KnowledgeGraph, title: str) -> Iterator[str]:
    """The page's template with its ``{{name}}`` fields filled: title, style, data, vis-network and script."""
    template = (_ASSETS / "graph.html").read_text(encoding="utf-8")
    parts = {
        "title": html.escape(title),
        "style": (_ASSETS / "graph.css").read_text(encoding="utf-8"),
        "data": _script_json(page_data(graph, title)),
        "vis": _VIS_NETWORK.read_text(encoding="utf-8"),
        "script": (_ASSETS / "graph.js").read_text(encoding="utf-8"),
    }
    head, *rest = template.split("{{")
    yield head
    for piece in rest:
        name, _, after = piece.partition("}}")
        yield parts[name]
        yield after
