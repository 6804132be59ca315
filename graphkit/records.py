"""The per-document stage: a parsed document in, its mentions and triples out as plain records.

>>> from graphkit.nlp import load_model, parse_documents  # doctest: +SKIP
>>> from graphkit.registry import get_extractor  # doctest: +SKIP
>>> document = Document(id="d", text="Putin honored Tillerson.")  # doctest: +SKIP
>>> paragraphs = parse_documents(load_model(), [document])  # doctest: +SKIP
>>> document_records(document, paragraphs, get_extractor("clauses.v1")).words  # doctest: +SKIP
3

Everything returned holds character offsets into the document's text and
strings: the spaCy parse is dropped paragraph by paragraph, so a document's
records are all that outlives its parse (see :class:`~graphkit.types.DocumentRecords`).
The corpus stage, :func:`graphkit.resolve.resolve_corpus`, takes them from here.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, groupby

from graphkit.errors import first_line
from graphkit.extract.when import with_time
from graphkit.nlp.parse import ParsedParagraph, parse_documents
from graphkit.nlp.tokens import reading
from graphkit.resolve.aliases import UserAliases
from graphkit.resolve.mentions import find_alias_mentions, find_mentions, prefer
from graphkit.types import Document, DocumentRecords, Mention, Triple


def document_records(document: Document, paragraphs: Iterable[ParsedParagraph], extractor,
                     aliases: UserAliases | None = None) -> DocumentRecords:
    """The mentions, triples, sentence offsets and word count of one document, from its parsed paragraphs.

    ``extractor`` is a registered extractor (``extract(sent, doc_id, offset)``);
    ``aliases`` adds a mention for every name the user declared, in place of
    any mention the parse found over it. Each triple gets the time expression
    its sentence dates it with (:func:`~graphkit.extract.when.with_time`).
    """
    mentions: list[Mention] = []
    triples: list[Triple] = []
    starts: list[int] = []
    words = 0
    for paragraph in paragraphs:
        with reading(paragraph.doc) as view:  # the paragraph's words, read once for all that follows
            found = find_mentions(paragraph)
            if aliases is not None:
                found = prefer(find_alias_mentions(paragraph, aliases), found)
            mentions.extend(found)
            words += sum(1 for word in view if not word.is_punct and not word.is_space)
            for sent in paragraph.doc.sents:
                starts.append(paragraph.offset + sent.start_char)
                triples.extend(with_time(list(extractor.extract(sent, document.id, paragraph.offset)), sent,
                                         paragraph.offset))
    return DocumentRecords(doc_id=document.id, sentence_starts=tuple(starts), words=words,
                           mentions=tuple(mentions), triples=tuple(triples))


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document the per-document stage failed on: its id and the error in one line.

    Plain strings, so that it travels back from a worker process like the records do.
    """

    doc_id: str
    error: str


def records_of_documents(nlp, documents: Iterable[Document], extractor, aliases: UserAliases | None = None,
                         stages: dict[str, float] | None = None) -> Iterator[DocumentRecords | Skipped]:
    """The per-document stage over a stream of documents: one result per document, in order.

    Documents are parsed in batches (:func:`~graphkit.nlp.parse_documents`) and
    each one's parse is dropped as soon as its records are made; a document with
    nothing to parse gets empty records. A bug on one document yields
    :class:`Skipped` for it; an error of the reader or the parser itself is no one
    document's fault and is raised. ``stages``, when given, adds up the seconds
    spent parsing (``parse``) and making records from the parses (``extract``).
    """
    waiting: deque[Document] = deque()  # read, not yet answered for

    def read() -> Iterator[Document]:
        for document in documents:
            waiting.append(document)
            yield document

    parsed = parse_documents(nlp, read())
    if stages is not None:
        parsed = _timed(parsed, stages, "parse")
    parser_errors: list[Exception] = []
    for document, paragraphs in _by_document(parsed, parser_errors):
        while waiting[0] is not document:
            yield _empty(waiting.popleft())
        waiting.popleft()
        started, parsing = time.perf_counter(), stages.get("parse", 0.0) if stages is not None else 0.0
        try:
            found = document_records(document, paragraphs, extractor, aliases)
        except Exception as error:  # noqa: BLE001 - one document's bug must not cost the others
            if parser_errors:
                raise
            message = first_line(error)
            found = Skipped(document.id, f"{type(error).__name__}: {message}")
        if stages is not None:
            parsed_meanwhile = stages.get("parse", 0.0) - parsing  # the document's later paragraphs
            stages["extract"] = stages.get("extract", 0.0) + time.perf_counter() - started - parsed_meanwhile
        yield found
    while waiting:
        yield _empty(waiting.popleft())


def _timed(items: Iterable[ParsedParagraph], stages: dict[str, float], stage: str) -> Iterator[ParsedParagraph]:
    """``items``, adding the seconds spent producing each to ``stages[stage]``."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        item = next(iterator, None)
        stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - started
        if item is None:
            return
        yield item


def _empty(document: Document) -> DocumentRecords:
    return DocumentRecords(doc_id=document.id, sentence_starts=(), words=0, mentions=(), triples=())


def _by_document(paragraphs: Iterable[ParsedParagraph], parser_errors: list[Exception]
                 ) -> Iterator[tuple[Document, Iterator[ParsedParagraph]]]:
    """Each document with its parsed paragraphs, lazily (a document's parses are never all held at once).

    An error raised by the reader or the parser itself, rather than by the
    records made of a paragraph, is added to ``parser_errors``.
    """
    def watched() -> Iterator[ParsedParagraph]:
        try:
            yield from paragraphs
        except Exception as error:
            parser_errors.append(error)
            raise

    for _, group in groupby(watched(), key=lambda paragraph: id(paragraph.document)):
        first = next(group)
        yield first.document, chain([first], group)
