"""Dates in news text: a document's date, a dateline, and a time expression resolved against a date.

Parsing is ``dateparser``'s (English only, its bundled data: nothing is fetched).
Results are ISO 8601 strings exactly as precise as the text: a day
(``2005-02-09``), a month (``2005-01``) or a year (``2013``). A relative
expression ("last week", "on Wednesday", "in January") needs a date to count
from; without one only expressions that name their year resolve. Nothing
depends on today's date, so the same input gives the same output on every run.

>>> resolve_date("last week", "2005-02-09")
'2005-02-02'
>>> resolve_date("January", "2005-02-09"), resolve_date("2013", "")
('2005-01', '2013')
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

# Two far-apart dates to count from: an expression that gives the same date from both names its own year.
_PROBES = (datetime(2001, 3, 14), datetime(1987, 10, 26))
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
# "LONDON, March 3, 2005 (Reuters) -": a place in capitals, a date, an agency, a dash.
_AGENCY_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+,\s*(?P<date>[^()\n]{4,40}?)\s*\([A-Za-z .-]+\)\s*[-\u2013\u2014]")
_MAX_DATELINE = 60


@lru_cache(maxsize=64)
def _parser(base: datetime):
    from dateparser.date import DateDataParser  # imported when first needed: it takes a moment to load

    return DateDataParser(languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    })


@lru_cache(maxsize=4096)
def _parse(text: str, base: datetime) -> tuple[datetime, str] | None:
    """``text`` as a date counted from ``base`` and its period (day, week, month, year), or ``None``.

    Kept per (text, base): a corpus repeats its time expressions ("last week", "in 2003"), and each
    takes ``dateparser`` about a millisecond.
    """
    found = _parser(base).get_date_data(text)
    date = found.date_obj
    if date is None or (date.hour, date.minute, date.second, date.microsecond) != (0, 0, 0, 0):
        return None  # a time of day means dateparser read a duration ("the 1990s" as seconds), not a date
    return date, found.period or "day"


def _iso(date: datetime, period: str) -> str:
    if period == "year":
        return f"{date.year:04d}"
    if period == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.strftime("%Y-%m-%d")


def _base(iso: str) -> datetime | None:
    match = _ISO.match(iso or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return datetime(int(year), int(month), int(day))
    except ValueError:
        return None


def absolute_date(text: str) -> str:
    """``text`` as an ISO date when it names its year ("Wednesday, 9 February, 2005" -> "2005-02-09"), else "".

    >>> absolute_date("9 February 2005"), absolute_date("last week")
    ('2005-02-09', '')
    """
    text = (text or "").strip()
    if not text or len(text) > 100 or not _YEAR.search(text) and not _ISO.match(text):
        return ""
    match = _ISO.match(text)
    if match:
        return text if _base(text) else ""
    first, second = (_parse(text, base) for base in _PROBES)
    if first is None or second is None or _iso(*first) != _iso(*second):
        return ""  # counted from the base: a relative expression
    return _iso(*first)


def resolve_date(text: str, reference: str = "") -> str:
    """A time expression ("last week", "in January", "since 2013") as an ISO date, counted from ``reference``.

    ``reference`` is an ISO date (the document's); without one, only an
    expression that names its year resolves. "" when nothing resolves.
    """
    absolute = absolute_date(text)
    if absolute:
        return absolute
    base = _base(reference)
    if base is None or not (text or "").strip() or len(text) > 100:
        return ""
    found = _parse(text, base)
    return _iso(*found) if found else ""


def document_date(value: str) -> str:
    """A document's date as ISO 8601 ("April 12, 2017" -> "2017-04-12"); "" when it names no year."""
    return absolute_date(value)


def dateline(line: str) -> str:
    """The ISO date of a dateline: a line that is a date ("Wednesday, 9 February, 2005") or an agency's
    "LONDON, March 3, 2005 (Reuters) -"; "" for any other line, and for a dateline without a year.

    >>> dateline("Wednesday, 9 February, 2005"), dateline("LONDON, March 3, 2005 (Reuters) - Talks")
    ('2005-02-09', '2005-03-03')
    """
    line = line.strip()
    match = _AGENCY_DATELINE.match(line)
    if match:
        return absolute_date(match.group("date"))
    if len(line) > _MAX_DATELINE or not _YEAR.search(line) or re.search(r"[.!?:]\s*$", line):
        return ""
    return absolute_date(line)
