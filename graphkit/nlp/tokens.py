"""Helpers over spaCy tokens that more than one stage needs (extraction and mention finding)."""

from __future__ import annotations

from spacy.tokens import Token


def entity_tokens(token: Token) -> list[Token]:
    """The tokens of the named entity ``token`` belongs to."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])
