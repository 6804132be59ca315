"""The whole pipeline in one call, in two stages: per document, then per corpus.

1. Per document: read -> parse -> :func:`~graphkit.records.document_records`
   (mentions and triples as plain records; the parse is dropped);
2. per corpus: :func:`~graphkit.resolve.resolve_corpus` (entities and relations),
   then the :class:`~graphkit.graph.kg.KnowledgeGraph` and the build's counts.

>>> from graphkit import build
>>> kg = build(["seeds/"])  # doctest: +SKIP
>>> kg.find("Assad").label  # doctest: +SKIP
'Bashar al-Assad'
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, groupby
from pathlib import Path

from graphkit.errors import GraphkitError, InputError
from graphkit.graph.kg import KnowledgeGraph
from graphkit.io import read_documents
from graphkit.io.readers import DEFAULT_MAX_BYTES
from graphkit.nlp import ParsedParagraph, load_model, parse_documents
from graphkit.records import document_records
from graphkit.registry import DEFAULT_EXTRACTOR, get_extractor
from graphkit.resolve import resolve_corpus
from graphkit.resolve.aliases import UserAliases, load_aliases
from graphkit.resolve.gazetteer import load_gazetteer
from graphkit.types import Document, DocumentRecords


@dataclass
class BuildStats:
    """Counts and timing of one build, for the summary a user sees."""

    documents: int = 0
    sentences: int = 0
    words: int = 0
    mentions: int = 0
    entities: int = 0
    relations: int = 0
    edges: int = 0
    seconds: float = 0.0
    problems: list[InputError] = field(default_factory=list)

    @property
    def words_per_second(self) -> float:
        """Throughput of the whole build."""
        return self.words / self.seconds if self.seconds else 0.0


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stats: BuildStats | None = None,
    on_document: Callable[[Document], None] | None = None,
    aliases: UserAliases | str | Path | None = None,
) -> KnowledgeGraph:
    """Build the knowledge graph of every document under ``paths``.

    ``aliases`` is a :class:`~graphkit.resolve.aliases.UserAliases` or the path
    of an alias file (see :mod:`graphkit.resolve.aliases`).
    Bad files are skipped and recorded in ``stats.problems``; with
    ``strict=True`` the first one is raised instead. Raises
    :class:`~graphkit.errors.InputError` when no document could be read.
    """
    stats = stats if stats is not None else BuildStats()
    started = time.perf_counter()
    if isinstance(aliases, (str, Path)):
        aliases = load_aliases(aliases)
    nlp = load_model(model)
    rules = get_extractor(extractor)
    documents: list[Document] = []

    def counted(docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            documents.append(doc)
            if on_document:
                on_document(doc)
            yield doc

    problems = None if strict else stats.problems
    records: list[DocumentRecords] = []
    failed: set[str] = set()
    parser_errors: list[Exception] = []
    parsed = parse_documents(nlp, counted(read_documents(paths, problems, max_bytes)))
    for document, paragraphs in _by_document(parsed, parser_errors):
        try:
            found = document_records(document, paragraphs, rules, aliases)
        except Exception as error:  # noqa: BLE001 - one document's bug must not cost the others
            if parser_errors:
                raise  # the parser (or reader) itself failed: no later document can be read
            _skip_document(document, error, problems, failed)
            continue
        records.append(found)
        stats.sentences += len(found.sentence_starts)
        stats.words += found.words
    if failed:
        documents[:] = [doc for doc in documents if doc.id not in failed]
        records = [r for r in records if r.doc_id not in failed]
    if not documents:
        where = ", ".join(str(p) for p in paths) or "(no input)"
        raise InputError(where, "no readable documents to build a graph from")

    resolution = resolve_corpus(documents, records, load_gazetteer(), aliases)
    del records  # memory: the entities and relations hold all that is used below
    kg = KnowledgeGraph(
        documents=tuple(sorted(documents, key=lambda d: d.id)),
        entities=resolution.entities,
        relations=resolution.relations,
    )
    stats.documents = len(documents)
    stats.mentions = resolution.mentions
    stats.entities = len(kg.nodes())
    stats.relations = len(kg.edge_relations())
    stats.edges = len(kg.edges())
    stats.seconds = time.perf_counter() - started
    return kg


def _by_document(paragraphs: Iterable[ParsedParagraph], parser_errors: list[Exception]
                 ) -> Iterator[tuple[Document, Iterator[ParsedParagraph]]]:
    """Each document with its parsed paragraphs, lazily (a document's parses are never all held at once).

    An error raised by the reader or the parser itself, rather than by the
    records made of a paragraph, is added to ``parser_errors``: it is no one
    document's fault, and it ends the build.
    """
    def watched() -> Iterator[ParsedParagraph]:
        try:
            yield from paragraphs
        except Exception as error:
            parser_errors.append(error)
            raise

    for _, group in groupby(watched(), key=lambda paragraph: paragraph.document.id):
        first = next(group)
        yield first.document, chain([first], group)


def _skip_document(document: Document, error: Exception, problems: list[InputError] | None, failed: set[str]) -> None:
    """Record that an internal error made us skip ``document`` (raised at once in strict mode)."""
    failed.add(document.id)
    problem = InputError(document.source, f"skipped: graphkit failed on this document ({type(error).__name__}: "
                         f"{str(error).splitlines()[0] if str(error) else 'no message'}); please report it")
    if problems is None:
        raise problem from error
    problems.append(problem)


__all__ = ["BuildStats", "GraphkitError", "build"]
