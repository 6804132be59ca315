"""The pipeline's two stages and its safety net: a bug on one document skips that document, never the build."""

from __future__ import annotations

import pytest

import pickle

import graphkit.records as records
from graphkit.errors import InputError
from graphkit.nlp import load_model, parse_documents
from graphkit.pipeline import BuildStats, build
from graphkit.records import document_records
from graphkit.registry import get_extractor
from graphkit.resolve import resolve_corpus
from graphkit.types import Document


@pytest.fixture
def two_documents(tmp_path):
    (tmp_path / "good.txt").write_text("Putin honored Tillerson with a friendship award.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Lavrov met Kerry in Geneva.\n\nMerkel called Macron.\n", encoding="utf-8")
    return tmp_path


def _failing_on(name, real):
    def find(paragraph):
        if paragraph.document.id == name and "Merkel" in paragraph.doc.text:
            raise IndexError("list index out of range")
        return real(paragraph)
    return find


def test_an_internal_error_skips_only_its_document(two_documents, monkeypatch):
    monkeypatch.setattr(records, "find_mentions", _failing_on("bad.txt", records.find_mentions))
    stats = BuildStats()
    kg = build([two_documents], stats=stats)
    assert [str(p) for p in stats.problems] == [
        f"{two_documents / 'bad.txt'}: skipped: graphkit failed on this document (IndexError: list index out of range);"
        " please report it"
    ]
    assert [d.id for d in kg.documents] == ["good.txt"]
    labels = {e.label for e in kg.entities}
    assert {"Putin", "Tillerson"} <= labels
    assert not labels & {"Lavrov", "Kerry", "Merkel"}  # nothing of the skipped document, not even its first paragraph
    assert stats.sentences == 1


def test_strict_raises_the_internal_error_as_one_line(two_documents, monkeypatch):
    monkeypatch.setattr(records, "find_mentions", _failing_on("bad.txt", records.find_mentions))
    with pytest.raises(InputError, match=r"bad.txt: skipped: graphkit failed on this document \(IndexError"):
        build([two_documents], strict=True)


def test_a_failure_of_the_parser_itself_ends_the_build(two_documents, monkeypatch):
    real = records.parse_documents

    def broken(nlp, documents):
        yield next(real(nlp, documents))  # the first paragraph of bad.txt, then the parser fails inside its document
        raise MemoryError("the parser ran out of memory")

    monkeypatch.setattr(records, "parse_documents", broken)
    with pytest.raises(MemoryError):
        build([two_documents])


def test_the_stages_meet_at_plain_records():
    """Per document: records that pickle (no spaCy object); per corpus: one call, entities and relations."""
    text = "Bashar al-Assad met Putin in Sochi.\n\nAssad said he was grateful."
    document = Document(id="d.txt", text=text)
    found = document_records(document, parse_documents(load_model(), [document]), get_extractor("clauses.v1"))
    assert pickle.loads(pickle.dumps(found)) == found
    assert (found.doc_id, found.sentence_starts) == ("d.txt", (0, text.index("Assad said")))
    assert {m.text for m in found.mentions} >= {"Bashar al-Assad", "Putin", "Assad", "he"}
    resolution = resolve_corpus([document], [found])
    assad = next(e for e in resolution.entities if e.label == "Bashar al-Assad")
    assert {m.text for m in assad.mentions} >= {"Bashar al-Assad", "Assad", "he"}
    assert any(r.subject_id == assad.id for r in resolution.relations)
    assert resolution.mentions == sum(len(e.mentions) for e in resolution.entities)


def test_a_build_leaves_the_garbage_collector_as_it_found_it(two_documents, tmp_path):
    import gc

    before = gc.get_threshold()
    gc.set_threshold(1234, 9, 8)
    try:
        build([two_documents])
        assert gc.get_threshold() == (1234, 9, 8)
        with pytest.raises(InputError):
            build([tmp_path / "missing"], strict=True)
        assert gc.get_threshold() == (1234, 9, 8)
    finally:
        gc.set_threshold(*before)
