"""Golden files: each exporter's output for a small hand-made graph, byte for byte.

A change to an export format shows up here as a readable diff. After checking the
diff, regenerate with ``pytest tests/export/test_golden.py --update-golden``.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from graphkit.graph import KnowledgeGraph
from graphkit.registry import BUILD_OUTPUTS, get_exporter
from graphkit.types import Argument, Document, Entity, Mention, Provenance, Relation, Triple

GOLDEN = Path(__file__).resolve().parent / "golden"
TEXT = "Putin honored Tillerson. Lavrov said \"=Russia is open\"."


def _span(text: str, start: int) -> Argument:
    return Argument(text=text, start=start, end=start + len(text), head_start=start, head_end=start + len(text))


def small_graph() -> KnowledgeGraph:
    """Two people, a country and a concept, two statements, one of them reported speech, one typed and dated."""
    doc = Document(id="news/a.txt", text=TEXT, source="news/a.txt", title="Talks", date="2017-04-12", author="J. Doe")
    first = Provenance("news/a.txt", "Putin honored Tillerson.", 0, 24, "clauses.v1")
    second = Provenance("news/a.txt", 'Lavrov said "=Russia is open".', 25, 55, "clauses.v1")
    putin, tillerson = Mention("news/a.txt", 0, 5, "Putin", "PERSON"), Mention("news/a.txt", 14, 23, "Tillerson", "PERSON")
    russia, open_ = Mention("news/a.txt", 38, 44, "Russia", "GPE"), Mention("news/a.txt", 48, 52, "open", "CONCEPT", "concept")
    entities = (
        Entity("concept/open", "open", "CONCEPT", (open_,), (("open", 1),), (("concept", 1),)),
        Entity("gpe/russian-federation", "Russian Federation", "GPE", (russia,), (("Russia", 1),), (("country-name", 1),)),
        Entity("person/putin", "Putin", "PERSON", (putin,), (("Putin", 1),), (("same-name", 1),)),
        Entity("person/tillerson", "Tillerson", "PERSON", (tillerson,), (("Tillerson", 1),), (("same-name", 1),)),
    )
    honor = Triple(_span("Putin", 0), "honored", (_span("Tillerson", 14),), 0.82, first, relation_lemma="honor")
    is_open = Triple(_span("=Russia", 37), "is", (_span("open", 48),), 0.6, second, negated=False,
                     attributed_to=_span("Lavrov", 25), relation_lemma="be")
    relations = (
        Relation(honor, "person/putin", "person/tillerson", event="SUPPORT", intensity=3.4, date="2017-04-12",
                 event_date="2017-04"),
        Relation(is_open, "gpe/russian-federation", "concept/open", speaker="Lavrov", date="2017-04-12"),
    )
    return KnowledgeGraph(documents=(doc,), entities=entities, relations=relations)


@pytest.mark.parametrize("name", sorted(n for n in BUILD_OUTPUTS if n != "graph.html"))
def test_export_matches_golden_file(name, tmp_path, request):
    path = tmp_path / name
    get_exporter(BUILD_OUTPUTS[name])(small_graph(), path)
    written = path.read_text(encoding="utf-8")
    golden = GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(written, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), written.splitlines(True), f"golden/{name}", name))
    assert written == expected, f"{name} changed (regenerate with --update-golden if intended):\n{diff}"
