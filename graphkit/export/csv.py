"""CSV tables: ``entities.csv``, ``relations.csv`` and ``mentions.csv``.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, after any leading spaces) are
prefixed with ``'``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from graphkit.graph import KnowledgeGraph
from graphkit.text import UNENCODABLE

ENTITY_COLUMNS = ("id", "label", "type", "aliases", "mentions")
RELATION_COLUMNS = (
    "subject_id", "subject", "relation", "object_id", "object", "confidence", "negated",
    "attributed_to", "doc", "sentence", "start", "end", "extractor", "event", "intensity", "date", "event_date",
)
MENTION_COLUMNS = ("entity_id", "doc", "start", "end", "text")
# A cell that starts with =, +, -, @, a tab or a carriage return, or does after all its leading white space.
_FORMULA = re.compile(r"[=+\-@\t\r]|\s*+[=+\-@\t\r]")


def safe_cell(value: object) -> object:
    """Neutralise a text cell that a spreadsheet would evaluate: ``=cmd()`` -> ``'=cmd()``.

    Spreadsheets skip leading spaces before a formula, so ``" =1+1"`` is one too.
    """
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def write_rows(path: str | Path, columns: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    """Write a header and rows as UTF-8 CSV, every cell through :func:`safe_cell`."""
    with open(path, "w", encoding="utf-8", errors=UNENCODABLE, newline="", buffering=1 << 20) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def write_entities(graph: KnowledgeGraph, path: str | Path) -> None:
    """One row per node: ``id,label,type,aliases,mentions`` (aliases ``|``-joined)."""
    write_rows(
        path,
        ENTITY_COLUMNS,
        ((e.id, e.label, e.type, "|".join(e.alias_names), len(e.mentions)) for e in graph.nodes()),
    )


def write_relations(graph: KnowledgeGraph, path: str | Path) -> None:
    """One row per extraction; ``start``/``end`` are the sentence's offsets in its document.

    ``attributed_to`` is the speaker's node label when the speaker resolved ("He" -> Trump),
    else the speaker's words. ``event`` and ``intensity`` (PLOVER type, Goldstein value) are
    empty unless both ends are actors; ``date`` is the document's date and ``event_date`` the
    date the sentence gives (ISO 8601, as precise as stated).
    """

    def rows():
        for r in graph.relations:
            t = r.triple
            p = t.provenance
            yield (
                r.subject_id, t.subject.text, t.relation, r.object_id, t.object.text if t.object else "",
                f"{t.confidence:.3f}", str(t.negated).lower(), r.speaker,
                p.doc_id, p.sentence, p.sentence_start, p.sentence_end, p.extractor,
                r.event, "" if r.intensity is None else round(r.intensity, 1), r.date, r.event_date,
            )

    write_rows(path, RELATION_COLUMNS, rows())


def write_mentions(graph: KnowledgeGraph, path: str | Path) -> None:
    """One row per mention of a node: ``entity_id,doc,start,end,text`` (offsets into the document's text)."""
    rows = sorted(
        (m.doc_id, m.start, m.end, e.id, m.text) for e in graph.nodes() for m in e.mentions
    )
    write_rows(path, MENTION_COLUMNS, ((eid, doc, start, end, text) for doc, start, end, eid, text in rows))
