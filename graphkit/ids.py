"""Stable, readable identifiers for entities, relations and documents."""

from __future__ import annotations

import hashlib
import re

from graphkit.text import strip_accents

_SEPARATORS = re.compile(r"[\W_]+")


def slug(text: str) -> str:
    """A readable id part, the same on every run: "Bashar al-Assad" -> "bashar-al-assad", "北京" -> "北京".

    Accents are dropped, letters of any script kept; text with no letters or
    digits at all gets a short hash so that two such names never share an id.
    """
    text = strip_accents(text).lower()
    found = _SEPARATORS.sub("-", text).strip("-")
    return found or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def disambiguate(base: str, key: str) -> str:
    """An id for a second, different thing whose readable id is already taken."""
    return f"{base}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:6]}"
