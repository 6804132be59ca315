"""Normalising names so that variants of one name compare equal.

>>> normalize("the U.S.")
'us'
>>> normalize("Bashar al-Assad's")
'bashar al assad'
>>> person_key("Bashar al-Assad")
'bashar assad'
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphkit.lexicon import NAME_HONORIFICS, NAME_PARTICLES
from graphkit.text import strip_accents

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM_DOTS = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_PUNCTUATION = re.compile(r"[^\w\s]")
ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "to"})
"""Words an organisation's initials skip: "Bank of England" -> "BE"."""


def surface(text: str) -> str:
    """The mention's text without a leading article, a possessive ending or stray spacing."""
    text = " ".join(text.split())
    text = _LEADING.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower-case, accent-free, punctuation-free words: the key two spellings share."""
    text = strip_accents(surface(text))
    if "." in text:
        text = _ACRONYM_DOTS.sub(_undotted, text)
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def _undotted(match: re.Match) -> str:
    return match.group(1).replace(".", "")


@lru_cache(maxsize=65536)
def person_key(text: str) -> str:
    """A person's name without particles, initials and honorifics: "Bashar al-Assad" -> "bashar assad".

    A name made only of particles or initials ("van", "K") keeps its normalised
    words: a person key is never empty.
    """
    words = [w for w in normalize(text).split() if w not in NAME_PARTICLES and len(w) > 1]  # "Donald J. Trump"
    while len(words) > 1 and words[0] in NAME_HONORIFICS:
        words.pop(0)
    return " ".join(words) or normalize(text)


def initials(text: str) -> str:
    """The capitals an organisation's name abbreviates to: "United Nations" -> "UN".

    >>> initials("the United Nations")
    'UN'
    """
    return "".join(w[0] for w in normalize(text).split() if w not in ACRONYM_STOPWORDS).upper()
