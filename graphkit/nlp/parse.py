"""Turning documents into parsed paragraphs, batched through ``nlp.pipe``.

A document's body is split into paragraphs at blank lines; each paragraph is
parsed on its own (spaCy keeps offsets inside the paragraph) and carries the
character offset at which it starts in the document, so every record made from
it can point into the document's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.types import Document

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
MAX_PARAGRAPH_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class ParsedParagraph:
    """A paragraph's parse and where it starts in its document."""

    document: Document
    offset: int
    doc: Doc


def paragraphs(document: Document) -> Iterator[tuple[int, str]]:
    """Yield (offset, text) for each non-blank paragraph of the document's body.

    Line breaks inside a paragraph are given to the parser as spaces.

    Paragraphs longer than ``MAX_PARAGRAPH_CHARS`` are cut at line breaks, then
    at the last space before the limit, so that no parse exceeds spaCy's limits.
    """
    body_offset = document.body_start
    body = document.body
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = match.start() if match else len(body)
        chunk = body[position:end]
        start = position + len(chunk) - len(chunk.lstrip())
        chunk = _unwrap(chunk.strip())
        if chunk:
            yield from _cut(body_offset + start, chunk)
        if match:
            position = match.end()


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines: line breaks inside a paragraph become spaces, one for one.

    The parser reads a line break as a token of its own and parses the
    sentence around it badly; replacing characters one for one keeps offsets.
    """
    return text.replace("\r", " ").replace("\n", " ")


def _cut(offset: int, text: str) -> Iterator[tuple[int, str]]:
    while len(text) > MAX_PARAGRAPH_CHARS:
        cut = text.rfind("\n", 0, MAX_PARAGRAPH_CHARS)
        if cut <= 0:
            cut = text.rfind(" ", 0, MAX_PARAGRAPH_CHARS)
        if cut <= 0:
            cut = MAX_PARAGRAPH_CHARS
        yield offset, text[:cut]
        rest = text[cut:]
        skipped = len(rest) - len(rest.lstrip())
        offset, text = offset + cut + skipped, rest.lstrip()
    if text:
        yield offset, text


def parse_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int = 64
) -> Iterator[ParsedParagraph]:
    """Parse each document's paragraphs, in order, yielding them as they are ready."""

    def items():
        for document in documents:
            for offset, text in paragraphs(document):
                yield text, (document, offset)

    for doc, (document, offset) in nlp.pipe(items(), as_tuples=True, batch_size=batch_size):
        yield ParsedParagraph(document=document, offset=offset, doc=doc)


def parse_lines(nlp: Language, lines: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse each line as exactly one sentence (for ``graphkit extract --lines``)."""

    def docs():
        for line in lines:
            doc = nlp.make_doc(line)
            for token in doc[1:]:
                token.is_sent_start = False
            if len(doc):
                doc[0].is_sent_start = True
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)
