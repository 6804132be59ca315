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

import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from graphkit.cache import OutputCache, RecordCache, build_key, context_digest
from graphkit.errors import GraphkitError, InputError
from graphkit.graph.kg import KnowledgeGraph
from graphkit.io import read_documents
from graphkit.io.readers import DEFAULT_MAX_BYTES
from graphkit.nlp import model_identity
from graphkit.parallel import Task, chunked, fewer_collections, run_chunks
from graphkit.records import Skipped
from graphkit.registry import DEFAULT_EXTRACTOR, get_extractor
from graphkit.resolve import resolve_corpus
from graphkit.resolve.aliases import UserAliases, load_aliases
from graphkit.resolve.gazetteer import load_gazetteer
from graphkit.types import Document, DocumentRecords


@dataclass
class BuildStats:
    """Counts and timing of one build, for the summary a user sees.

    ``cached`` counts the documents whose records came from the cache (the
    others were parsed); ``warnings`` are lines to show that are no input
    problem (an unusable cache entry). ``stages`` gives the seconds spent in
    each stage: ``read``, ``cache`` (looking records up and storing them),
    ``parse`` and ``extract`` (with worker processes, ``parse`` is the time
    spent waiting for their records, extraction included), ``resolve``, ``graph``.
    """

    documents: int = 0
    sentences: int = 0
    words: int = 0
    mentions: int = 0
    entities: int = 0
    relations: int = 0
    edges: int = 0
    seconds: float = 0.0
    cached: int = 0
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)

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
    workers: int = 1,
    cache: str | Path | None = None,
    scheduler: str | None = None,
) -> KnowledgeGraph:
    """Build the knowledge graph of every document under ``paths``.

    ``aliases`` is a :class:`~graphkit.resolve.aliases.UserAliases` or the path
    of an alias file (see :mod:`graphkit.resolve.aliases`).
    Bad files are skipped and recorded in ``stats.problems``; with
    ``strict=True`` the first one is raised instead. Raises
    :class:`~graphkit.errors.InputError` when no document could be read.

    ``workers`` processes run the per-document stage (or, with ``scheduler``,
    the workers of a Dask cluster: an address, or ``local``; see
    :mod:`graphkit.parallel`); the result is the same for any number of them.
    ``cache`` is a folder of records kept from earlier builds
    (:mod:`graphkit.cache`): documents found there are not parsed again.
    """
    stats = stats if stats is not None else BuildStats()
    started = time.perf_counter()
    run = _Run.checked(model, extractor, strict, aliases, workers, cache, scheduler)
    reading = read_documents(paths, None if strict else stats.problems, max_bytes)
    return _build(reading, paths, run, stats, started, on_document)


def build_and_export(
    paths: Iterable[str | Path],
    outdir: str | Path,
    *,
    outputs: dict[str, str] | None = None,
    model: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stats: BuildStats | None = None,
    on_document: Callable[[Document], None] | None = None,
    aliases: UserAliases | str | Path | None = None,
    workers: int = 1,
    cache: str | Path | None = None,
    scheduler: str | None = None,
    export_options: dict[str, dict] | None = None,
    store: str | Path | None = None,
    base_iri: str | None = None,
) -> list[Path]:
    """:func:`build` then :func:`~graphkit.export.export` into ``outdir`` (what ``graphkit build`` does).

    ``export_options`` gives keyword arguments per file (``{"graph.ttl": {"base": IRI}}``);
    ``store`` also writes the graph as a store folder for ``graphkit query`` and ``serve``
    (with ``base_iri``).

    With a ``cache``, a corpus whose every document, option and file asked for
    is the same as in an earlier build gets that build's files again
    (:class:`~graphkit.cache.OutputCache`), without parsing, resolving or
    exporting; any change runs the build, with the records of the unchanged
    documents taken from the cache. A build that writes a store always builds
    the graph (the store is written from it). Returns the paths written.
    """
    from graphkit.export.outdir import publish
    from graphkit.registry import BUILD_OUTPUTS

    stats = stats if stats is not None else BuildStats()
    started = time.perf_counter()
    outputs = outputs or BUILD_OUTPUTS
    run = _Run.checked(model, extractor, strict, aliases, workers, cache, scheduler)
    reading = read_documents(paths, None if strict else stats.problems, max_bytes)
    if cache is None:
        graph = _build(reading, paths, run, stats, started, on_document)
        return _exported(graph, outdir, outputs, export_options, store, base_iri, stats, workers)
    clock = time.perf_counter()
    documents = list(reading)
    _add(stats.stages, "read", clock)
    clock = time.perf_counter()
    builds = OutputCache(cache)
    key = build_key(run.context, documents, run.aliases, outputs, export_options)
    found = builds.get(key) if documents and store is None else None
    _add(stats.stages, "cache", clock)
    if found is not None:
        files, counts = found
        for document in documents:
            if on_document:
                on_document(document)
        clock = time.perf_counter()
        written = publish(Path(outdir), {name: partial(shutil.copyfile, files[name]) for name in outputs})
        _add(stats.stages, "export", clock)
        for name in _COUNTS:
            setattr(stats, name, counts.get(name, 0))
        stats.cached = stats.documents
        stats.seconds = time.perf_counter() - started
        return written
    problems = len(stats.problems)
    graph = _build(iter(documents), paths, run, stats, started, on_document)
    del documents  # memory: the graph holds what the exports need
    written = _exported(graph, outdir, outputs, export_options, store, base_iri, stats, workers)
    if len(stats.problems) == problems:  # a document graphkit failed on is tried again next time, not forgotten
        clock = time.perf_counter()
        files = written if store is None else written[:-1]  # the store folder is no output file
        builds.put(key, files, {name: getattr(stats, name) for name in _COUNTS})
        _add(stats.stages, "cache", clock)
    stats.warnings.extend(builds.warnings)
    stats.seconds = time.perf_counter() - started
    return written


@fewer_collections()
def _exported(graph: KnowledgeGraph, outdir: str | Path, outputs: dict[str, str], export_options: dict | None,
              store: str | Path | None, base_iri: str | None, stats: BuildStats, workers: int) -> list[Path]:
    """The graph's files written into ``outdir`` by ``workers`` processes (and its store folder, last),
    timed as the export stage."""
    from graphkit.export import export

    clock = time.perf_counter()
    written = export(graph, outdir, outputs, export_options, processes=workers)
    if store is not None:
        from graphkit.query.store import write_store

        written.append(write_store(graph, store, base_iri))
    _add(stats.stages, "export", clock)
    return written


_COUNTS = ("documents", "sentences", "words", "mentions", "entities", "relations", "edges")


@dataclass(frozen=True)
class _Run:
    """What a build was asked to do, checked: the options :func:`build` and :func:`build_and_export` share."""

    model: str | None
    extractor: str
    strict: bool
    aliases: UserAliases | None
    workers: int
    cache: str | Path | None
    scheduler: str | None
    context: str  # the model's identity, the extractor, the aliases and graphkit: what records depend on

    @classmethod
    def checked(cls, model: str | None, extractor: str, strict: bool, aliases: UserAliases | str | Path | None,
                workers: int, cache: str | Path | None, scheduler: str | None) -> _Run:
        """The options, with the user's aliases loaded; an unknown extractor, a missing model or no workers
        fail here, before any work."""
        if workers < 1:
            raise GraphkitError(f"workers must be 1 or more, not {workers}")
        get_extractor(extractor)
        identity = model_identity(model)
        aliases = load_aliases(aliases) if isinstance(aliases, (str, Path)) else aliases
        return cls(model, extractor, strict, aliases, workers, cache, scheduler,
                   context_digest(identity, extractor, aliases))


@fewer_collections()
def _build(reading: Iterable[Document], paths: Iterable[str | Path], run: _Run, stats: BuildStats, started: float,
           on_document: Callable[[Document], None] | None) -> KnowledgeGraph:
    """:func:`build` over documents being read by ``reading`` (``paths`` names them in errors)."""
    records_cache = RecordCache(run.cache, run.context) if run.cache is not None else None
    stages = stats.stages
    documents: list[Document] = []
    results: list[DocumentRecords | None] = []  # by the index of the document
    keys: list[str] = []  # of the records cache, by the index of the document

    def uncached() -> Iterator[tuple[int, Document]]:
        """The documents read, each one whose records are cached answered at once; the others go on."""
        source = iter(reading)
        while True:
            clock = time.perf_counter()
            document = next(source, None)
            _add(stages, "read", clock)
            if document is None:
                return
            if on_document:
                on_document(document)
            clock = time.perf_counter()
            key = records_cache.key(document) if records_cache is not None else ""
            found = records_cache.get(key, document.id) if records_cache is not None else None
            _add(stages, "cache", clock)
            documents.append(document)
            keys.append(key)
            results.append(found)
            if found is None:
                yield len(documents) - 1, document
            else:
                stats.cached += 1

    task = Task(model=run.model, extractor=run.extractor, aliases=run.aliases)
    failed = False
    clock = time.perf_counter()
    before = {stage: stages.get(stage, 0.0) for stage in ("read", "cache", "extract")}
    for chunk in run_chunks(task, chunked(uncached()), workers=run.workers, scheduler=run.scheduler, stages=stages):
        for index, found in chunk:
            if isinstance(found, Skipped):
                _skip_document(documents[index], found, None if run.strict else stats.problems)
                failed = True
                continue
            results[index] = found
            if records_cache is not None:
                storing = time.perf_counter()
                records_cache.put(keys[index], found)
                _add(stages, "cache", storing)
    # what was not reading nor looking up was parsing (and, in workers, extracting)
    elapsed = time.perf_counter() - clock
    stages["parse"] = elapsed - sum(stages.get(stage, 0.0) - spent for stage, spent in before.items())
    if records_cache is not None:
        stats.warnings.extend(records_cache.warnings)
    if failed:
        kept = [(d, r) for d, r in zip(documents, results) if r is not None]
        documents[:] = [d for d, _ in kept]
        results[:] = [r for _, r in kept]
    if not documents:
        where = ", ".join(str(p) for p in paths) or "(no input)"
        raise InputError(where, "no readable documents to build a graph from")
    stats.sentences = sum(len(r.sentence_starts) for r in results)
    stats.words = sum(r.words for r in results)

    clock = time.perf_counter()
    resolution = resolve_corpus(documents, results, load_gazetteer(), run.aliases)
    results.clear()  # memory: the entities and relations hold all that is used below
    _add(stages, "resolve", clock)
    clock = time.perf_counter()
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
    _add(stages, "graph", clock)
    stats.seconds = time.perf_counter() - started
    return kg


def _add(stages: dict[str, float], stage: str, since: float) -> None:
    stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - since


def _skip_document(document: Document, skipped: Skipped, problems: list[InputError] | None) -> None:
    """Record that an internal error made us skip ``document`` (raised at once in strict mode)."""
    problem = InputError(document.source, f"skipped: graphkit failed on this document ({skipped.error}); "
                         "please report it")
    if problems is None:
        raise problem
    problems.append(problem)


__all__ = ["BuildStats", "GraphkitError", "build", "build_and_export"]
