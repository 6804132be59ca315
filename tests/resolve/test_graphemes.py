"""Names are never cut inside a character: flags, emoji sequences and combining accents stay whole."""

from __future__ import annotations

import csv
import unicodedata

import pytest
from lxml import etree

import graphkit
from graphkit.cli import app
from graphkit.text import grapheme_span, is_grapheme_boundary

FRANCE = "\U0001f1eb\U0001f1f7"
GERMANY = "\U0001f1e9\U0001f1ea"
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"
THUMB = "\U0001f44d\U0001f3fd"


@pytest.mark.parametrize(
    ("text", "index", "boundary"),
    [
        (FRANCE, 1, False),
        (FRANCE + GERMANY, 2, True),
        (FRANCE + GERMANY, 3, False),
        ("x" + FRANCE + GERMANY, 3, True),
        ("Zoe\u0301", 3, False),
        (FAMILY, 1, False),
        (FAMILY, 2, False),
        (THUMB, 1, False),
        ("a\r\nb", 2, False),
        ("Macron " + FRANCE, 7, True),
        ("Macron", 3, True),
    ],
)
def test_grapheme_boundaries(text, index, boundary):
    assert is_grapheme_boundary(text, index) is boundary


def test_a_span_is_widened_to_whole_characters():
    text = "Zoe\u0301 met " + FRANCE
    assert grapheme_span(text, 0, 3) == (0, 4)
    assert grapheme_span(text, 9, 10) == (9, 11)


def _ends_whole(text: str) -> bool:
    """No lone regional indicator, joiner or mark at either end of a label."""
    flags = len(text) - len(text.rstrip("".join(chr(c) for c in range(0x1F1E6, 0x1F200))))
    return flags % 2 == 0 and not text.endswith("\u200d") and not unicodedata.combining(text[:1] or "a")


def test_no_label_or_mention_ends_in_half_a_flag(runner, tmp_path):
    text = (f"Emmanuel Macron {FRANCE} met Angela Merkel {GERMANY} in Berlin on Monday. "
            f"Macron said {THUMB} the talks with Merkel {FAMILY} went well.\n")
    path = tmp_path / "flags.txt"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    with (out / "entities.csv").open(encoding="utf-8", newline="") as handle:
        entities = {row["id"]: row for row in csv.DictReader(handle)}
    assert entities["person/emmanuel-macron"]["label"] == "Emmanuel Macron"
    assert all(_ends_whole(row["label"]) for row in entities.values()), [r["label"] for r in entities.values()]
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["entity_id"].startswith("concept/"):
                continue  # a concept is the extractor's argument, cut at its head token
            start, end = int(row["start"]), int(row["end"])
            assert is_grapheme_boundary(text, start) and is_grapheme_boundary(text, end), row
            assert text[start:end] == row["text"]
    gexf = etree.parse(str(out / "graph.gexf"))
    labels = {node.get("label") for node in gexf.iter("{*}node")}
    assert "Emmanuel Macron" in labels
    aliases = [a for value in gexf.iter("{*}attvalue") for a in value.get("value").split("|")]
    assert all(_ends_whole(alias) for alias in aliases), aliases


def test_an_alias_never_matches_part_of_an_accented_letter(tmp_path):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[[entity]]\nname = "Jose"\ntype = "PERSON"\n', encoding="utf-8")
    path = tmp_path / "nfd.txt"
    text = "Jose\u0301 Barroso met Jose in Lisbon on Monday."
    path.write_text(text, encoding="utf-8")
    kg = graphkit.build([path], aliases=aliases)
    jose = kg.entity("person/jose")
    assert [(m.start, m.text) for m in jose.mentions if m.kind == "name"] == [(text.rindex("Jose"), "Jose")]
