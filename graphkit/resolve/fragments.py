"""Spans that must not become actor nodes: money, times, quantities, dates and broken pieces of text.

:func:`fragment_reason` says why a span is no actor ("" when it may be one),
:func:`is_fragment` says whether it is one. Both look at the span's text and
its entity label only, with simple rules that each have a name:

>>> fragment_reason("pounds 4bn", "ORG"), fragment_reason("Office of the", "ORG")
('money', 'function word at an edge')
>>> fragment_reason("Lindsay Lohan Checks Into Rehab", "PERSON")
'headline'
>>> is_fragment("Michael Howard", "PERSON")
False

A lone capitalised common word ("Government", "Health") is only flagged
when the caller passes ``common``, the words its corpus writes mostly in lower
case (:func:`common_words`): the same word is a name in one corpus and a common
noun in another, so the corpus decides, not a word list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

NON_ACTOR_LABELS = frozenset({"MONEY", "TIME", "DATE", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
"""spaCy's labels for values: never actors, whatever the text."""

_EDGE_WORDS = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "as",
                         "but", "that", "than", "have", "has", "had", "is", "was", "are", "were", "be", "said", "says"})
_FIRST_WORDS = _EDGE_WORDS - {"the"}
_PREFIXED = re.compile(r"^[Ee]x-")  # "Ex-BBC chat show host": a description, not a name
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                           "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
                           "thousands", "million", "millions", "billion", "billions", "dozen", "dozens", "half"})
_HEADLINE_WORDS = frozenset({"Into", "To", "For", "With", "From", "After", "Over", "On", "At", "In", "Up", "Out", "Off",
                             "Is", "Are", "Was", "Will", "Says", "Said", "Gets", "Has", "Be"})

_TITLE_CASE_LOWER = frozenset({"a", "an", "the", "of", "and", "or", "nor", "but", "to", "in", "on", "for", "with", "by",
                               "at", "from", "as", "into", "over", "after", "vs"})
"""Words title case may leave in lower case ("Madonna Adopts Baby from Malawi")."""
LONGEST_HEADLINE = 200
"""No headline or caption line is longer (in characters)."""

_MONEY = re.compile(
    r"[£$€¥]\s?\d|\d\s?(?:bn|m|k|p)\b|\b(?:pounds?|pence|dollars?|euros?|yen|quid)\b.*\d|\d.*\b(?:pounds?|pence|dollars?|euros?)\b",
    re.IGNORECASE)
_TIME = re.compile(r"^\d{1,4}\s?(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT)$|\b(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT)$|"
                   r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b")
_PERCENT = re.compile(r"%|\bper\s?cent\b|\bpercent(?:age)?\b", re.IGNORECASE)
_DATE = re.compile(
    r"^(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + "|".join(_MONTHS) + r")(?:\s+\d{1,4})?|(?:" + "|".join(_DAYS) + r")|"
    r"(?:19|20)\d{2}|(?:19|20)?\d0s)$", re.IGNORECASE)
_NUMBER = re.compile(r"^[\d.,]+(?:st|nd|rd|th)?$")
_DASH = re.compile(r"\s[-–—]\s|^[-–—]|[-–—]$")
_INVERTED = re.compile(r",\s*\w+\s+\w+$")  # "Palestine, State of": a name written inverted, as in ISO 3166
_GLUED = re.compile(r"^(?:of|the|and|in|to|for|on|at|by|from)[A-Z]")


def fragment_reason(text: str, label: str = "", common: frozenset[str] = frozenset(), line: str = "") -> str:
    """Why a span is no actor ("money", "time", "percentage", "date", "quantity",
    "dash", "function word at an edge", "glued words", "common word", "headline"), or "".

    ``label`` is the span's entity label (PERSON, ORG, ... or spaCy's MONEY,
    DATE ...); ``common`` the corpus's common words (:func:`common_words`);
    ``line`` the line of text the span is on, if known: a person found on a
    title-cased headline or caption line (:func:`is_headline`) is a "headline"
    fragment, since capitals there say nothing about names ("Lindsay Lohan Checks").

    >>> fragment_reason("£4bn"), fragment_reason("0530GMT"), fragment_reason("Perm 35 - a")
    ('money', 'time', 'dash')
    >>> fragment_reason("ofNew Labour"), fragment_reason("10 Downing Street")
    ('glued words', '')
    """
    text = " ".join(text.split())
    if label.upper() in NON_ACTOR_LABELS:
        return label.lower()
    words = text.split() or [""]
    checks = (
        ("money", bool(_MONEY.search(text))),
        ("time", bool(_TIME.search(text))),
        ("percentage", bool(_PERCENT.search(text))),
        ("date", bool(_DATE.match(text))),
        ("quantity", not any(c.isalpha() for c in text) or all(_NUMBER.match(w) or w.lower() in _NUMBER_WORDS
                                                                for w in words)),
        ("dash", bool(_DASH.search(text))),
        ("function word at an edge", words[0] in _FIRST_WORDS
         or words[-1].lower() in _EDGE_WORDS and not _INVERTED.search(text)),
        ("glued words", bool(_GLUED.match(text))),
        ("prefix", words[0].lower() in {"ex", "ex-"} or bool(_PREFIXED.match(text))),
        ("common word", len(words) == 1 and text in common),
        ("headline", label.upper() == "PERSON" and (len(words) >= 3 and any(w in _HEADLINE_WORDS for w in words[1:])
                                                     or is_headline(line))),
    )
    return next((reason for reason, found in checks if found), "")


def is_headline(line: str) -> bool:
    """Whether a line is a headline or caption in title case: three words or more, each capitalised but for
    short function words, and no end of sentence.

    >>> is_headline("Lindsay Lohan Checks Into Rehab"), is_headline("Madonna Adopts Baby from Malawi")
    (True, True)
    >>> is_headline("Lindsay Lohan has entered a clinic."), is_headline("Tony Blair")
    (False, False)
    """
    line = line.strip()
    if not 0 < len(line) <= LONGEST_HEADLINE or line[-1] in ".!,;:" or line.endswith((".\"", ".”")):
        return False
    words = [w for w in line.split() if w[0].isalpha()]
    return len(words) >= 3 and all(w[0].isupper() or w in _TITLE_CASE_LOWER for w in words) \
        and words[-1][0].isupper() and any(w[0].isupper() for w in words[1:])


def is_fragment(text: str, label: str = "", common: frozenset[str] = frozenset()) -> bool:
    """Whether a span is a value or a broken piece of text rather than a name (see :func:`fragment_reason`)."""
    return bool(fragment_reason(text, label, common))


_WORD = re.compile(r"(?<![\w'’-])([A-Za-z][a-z]+)(?![\w'’-])")
_AFTER_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“‘'(\n]\s*)$")


def common_words(texts: Iterable[str], ratio: float = 1.0) -> frozenset[str]:
    """The capitalised words a corpus writes at least ``ratio`` times as often in lower case (and at least once).

    Only capitals inside a sentence count (not after ". ", "? ", a quote or a
    line break), so "Government" is common in a corpus that mostly writes
    "the government", and so is "Education" seen only at the start of a sentence
    in a corpus that writes "education", while "Labour" and "Blair" are not. Returns the
    capitalised spellings, ready for :func:`fragment_reason`.

    >>> sorted(common_words(["Mr Brown said the Government and the government would act."]))
    ['Government']
    """
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()  # inside a sentence; a word seen only at sentence starts counts 0
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group(1)
            if word[0].islower():
                lower[word] += 1
            elif _AFTER_SENTENCE_START.search(text[max(0, match.start() - 3):match.start()]):
                capital.setdefault(word, 0)  # seen, but only where any word is capitalised
            else:
                capital[word] += 1
    return frozenset(w for w, n in capital.items() if lower[w.lower()] >= max(1.0, ratio * n))
