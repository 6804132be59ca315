"""Cutting paragraphs into parser-sized pieces and bounding sentences, so any input parses in linear time.

The cutting tests need no model; the last ones parse and build with the real one.
"""

from __future__ import annotations

import re

import pytest

from graphkit import build
from graphkit.nlp.parse import (
    MAX_PIECE_CHARS, MAX_SENTENCE_TOKENS, cut_point, limit_sentences, paragraphs, parse_documents,
)
from graphkit.types import Document
from tests.conftest import ROOT, SEED_FILE

SEED = SEED_FILE.read_text(encoding="utf-8")
CARB = (ROOT / "benchmarks" / "data" / "carb-dev" / "sentences.txt").read_text(encoding="utf-8")


def _no_punctuation(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]+", " ", text).split())


def _check_pieces(document: Document, limit: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """The document's pieces, after checking each is the document's text at its offset and within the limit."""
    pieces = list(paragraphs(document, limit))
    for offset, text in pieces:
        assert text == document.text[offset : offset + len(text)].replace("\r", " ").replace("\n", " ")
        assert 0 < len(text) <= limit
        assert text == text.strip()
    return pieces


SHAPES = {
    "paragraphs": SEED,
    "no blank lines": SEED.replace("\n\n", "\n") * 3,
    "one long line": " ".join(SEED.split()) * 3,
    "no punctuation": _no_punctuation(SEED) * 3,
    "hard-wrapped": "\n".join(re.findall(r".{1,60}(?:\s|$)", " ".join(SEED.split()))) * 2,
    "no whitespace": "x" * 5_000 + "e\u0301" * 3_000 + "\U0001f1eb\U0001f1f7" * 2_000,
    "crlf": SEED.replace("\n", "\r\n") * 2,
}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("limit", [MAX_PIECE_CHARS, 300])
def test_pieces_point_into_the_document_and_respect_the_limit(shape, limit):
    document = Document(id="d", text="Title\n\n" + SHAPES[shape], body_start=7)
    pieces = _check_pieces(document, limit)
    covered = "".join(text for _, text in pieces)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", SHAPES[shape])  # nothing lost, nothing doubled
    assert all(offset >= 7 for offset, _ in pieces)


def test_a_paragraph_that_fits_is_not_cut():
    document = Document(id="d", text=SEED)
    assert [text for _, text in _check_pieces(document)] == [
        " ".join(p.split("\n")) for p in (p.strip() for p in SEED.split("\n\n")) if p
    ]


def test_long_paragraphs_are_cut_between_sentences():
    sentences = [line for line in CARB.splitlines() if line.strip()][:200]
    document = Document(id="d", text=" ".join(sentences))
    pieces = _check_pieces(document)
    assert len(pieces) > 1
    for sentence in sentences:  # every sentence whole in one piece
        assert any(sentence in text for _, text in pieces), sentence


def test_cut_points():
    assert cut_point("He left. Then she spoke at length") == len("He left. ")
    assert cut_point("Mr. Smith met U.S. officials. They spoke") == len("Mr. Smith met U.S. officials. ")
    assert cut_point("Mr. Smith met U.S. President Trump today") == len("Mr. Smith met U.S. President Trump")
    assert cut_point("first line\nsecond line goes on") == len("first line\n")
    assert cut_point("no punctuation at all here") == len("no punctuation at all")
    assert cut_point("x" * 10) == 9
    assert cut_point("xxxxxe\u0301") == 5  # not between the e and its accent


def test_no_parsed_sentence_exceeds_the_token_limit(nlp):
    text = _no_punctuation(CARB)[:40_000]
    document = Document(id="d", text=text)
    lengths = [len(sent) for paragraph in parse_documents(nlp, [document]) for sent in paragraph.doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert sum(lengths) == sum(len(nlp.make_doc(text)) for _, text in paragraphs(document))


def test_sentences_within_the_limit_are_left_to_the_parser(nlp):
    doc = limit_sentences(nlp.make_doc(SEED))
    assert len(doc) > MAX_SENTENCE_TOKENS
    forced = [token.i for token in doc[1:] if token.is_sent_start]
    assert forced and all(doc[i - 2 : i].text.strip()[-1] in '."?' and (doc[i].is_title or doc[i].is_quote)
                          for i in forced)
    short = limit_sentences(nlp.make_doc("Putin honored Tillerson with an award."))
    assert not any(token.is_sent_start for token in short[1:])


def test_a_300_kb_line_without_punctuation_builds(nlp, tmp_path):
    words = _no_punctuation(SEED + "\n" + CARB)
    line = (words + " ") * (300_000 // len(words) + 1)
    path = tmp_path / "line.txt"
    path.write_text(line[:300_000].rsplit(" ", 1)[0] + "\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    kg = build([path])
    assert kg.relations and kg.nodes()
    for relation in kg.relations:
        provenance = relation.triple.provenance
        assert text[provenance.sentence_start : provenance.sentence_end] == provenance.sentence
        assert len(provenance.sentence) <= MAX_PIECE_CHARS
