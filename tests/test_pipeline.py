"""The pipeline's safety net: a bug on one document skips that document, never the build."""

from __future__ import annotations

import pytest

import graphkit.pipeline as pipeline
from graphkit.errors import InputError
from graphkit.pipeline import BuildStats, build


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
    monkeypatch.setattr(pipeline, "find_mentions", _failing_on("bad.txt", pipeline.find_mentions))
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
    monkeypatch.setattr(pipeline, "find_mentions", _failing_on("bad.txt", pipeline.find_mentions))
    with pytest.raises(InputError, match=r"bad.txt: skipped: graphkit failed on this document \(IndexError"):
        build([two_documents], strict=True)
