"""Dates: a document's date, datelines, and time expressions resolved against the document's date."""

from __future__ import annotations

import pytest

from graphkit.dates import absolute_date, dateline, document_date, resolve_date
from graphkit.io.readers import parse_text_document


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("last week", "2005-02-09", "2005-02-02"),
    ("Wednesday", "2005-02-10", "2005-02-09"),
    ("January", "2005-02-09", "2005-01"),
    ("2013", "2005-02-09", "2013"),
    ("2013", "", "2013"),
    ("March 2004", "", "2004-03"),
    ("last week", "", ""),
    ("recent weeks", "2005-02-09", ""),
    ("the 1990s", "2005-02-09", ""),
])
def test_a_time_expression_resolves_as_precisely_as_stated(text, reference, expected):
    assert resolve_date(text, reference) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2017-04-12", "2017-04-12"), ("April 12, 2017", "2017-04-12"), ("2017-04", "2017-04"),
    ("Wednesday", ""), ("", ""), ("2017-13-45", ""),
])
def test_a_documents_date_is_iso(value, expected):
    assert document_date(value) == expected == absolute_date(value)


@pytest.mark.parametrize(("line", "expected"), [
    ("Wednesday, 9 February, 2005", "2005-02-09"),
    ("LONDON, March 3, 2005 (Reuters) - Talks began.", "2005-03-03"),
    ("LONDON, March 3 (Reuters) - Talks began.", ""),  # no year: never guessed from today's date
    ("Blair met Bush in 2004.", ""),
])
def test_datelines(line, expected):
    assert dateline(line) == expected


def test_a_text_files_dateline_dates_the_document_and_leaves_the_body():
    doc = parse_text_document("Talks collapse\n\nWednesday, 9 February, 2005\n\nBlair met Bush last week.\n", "a.txt")
    assert (doc.title, doc.date) == ("Talks collapse", "2005-02-09")
    assert doc.body.strip() == "Blair met Bush last week."
    agency = parse_text_document("Talks\n\nLONDON, March 3, 2005 (Reuters) - Blair met Bush.\n", "b.txt")
    assert agency.date == "2005-03-03" and "Reuters" in agency.body
