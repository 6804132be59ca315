"""Running the per-document stage: in this process, in worker processes, or on a Dask cluster.

The documents are cut into chunks (:func:`chunked`) and each chunk is turned
into records by :func:`process_chunk`, wherever it runs. The chunks are the
same whatever runs them, and so are the batches spaCy is given, so a build's
records, and its outputs, are byte for byte the same with one process, N
processes or a cluster. Results come back in the order the chunks were sent,
and only a few chunks per worker are in flight at a time, so the documents are
read as the workers need them rather than all at once.

* ``workers=1``: in this process;
* ``workers=N``: this process and N - 1 more (``forkserver``, else ``spawn``), each
  loading the model once; this one parses a chunk whenever the others have
  enough in hand, between sending them chunks and taking their records back;
* ``scheduler="tcp://HOST:8786"``: the workers of a running Dask distributed
  cluster (each needs graphkit and the model installed); ``scheduler="local"``
  starts a ``LocalCluster`` of ``workers`` processes on this machine.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from graphkit.errors import GraphkitError
from graphkit.nlp.parse import BATCH_CHARS
from graphkit.records import Skipped, records_of_documents
from graphkit.resolve.aliases import UserAliases
from graphkit.text import sized_batches
from graphkit.types import Document, DocumentRecords

CHUNK_CHARS = BATCH_CHARS  # one spaCy batch: worth sending, and small enough to keep N workers busy to the end
# About 3% of a build's CPU time went to collections at the default 700 (benchmarks/README.md), same peak memory.
GC_THRESHOLD = 50_000
IN_FLIGHT = 2  # chunks sent ahead per worker, so that none waits for the next while the last is returned
# Numerical libraries start a thread per core in each process; N processes on N cores want one each.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")

Item = TypeVar("Item")
Result = DocumentRecords | Skipped


@dataclass(frozen=True, slots=True)
class Task:
    """What the per-document stage needs to know, sent once to every worker."""

    model: str | None
    extractor: str
    aliases: UserAliases | None = None


def chunked(items: Iterable[tuple[Item, Document]], max_chars: int | None = None
            ) -> Iterator[list[tuple[Item, Document]]]:
    """Consecutive groups of ``(tag, document)`` of at most ``max_chars`` (default ``CHUNK_CHARS``) characters.

    A longer document is a chunk of its own. The grouping depends on the
    documents only, never on how many workers there are.
    """
    return sized_batches(items, lambda item: len(item[1].text), max_chars or CHUNK_CHARS)


def process_chunk(task: Task, documents: list[Document], stages: dict[str, float] | None = None) -> list[Result]:
    """The records of each document of one chunk, in order (run in a worker, or in this process)."""
    from graphkit.nlp.model import load_model
    from graphkit.registry import get_extractor

    nlp = load_model(task.model)  # loaded once per process: load_model keeps it
    with fewer_collections():
        return list(records_of_documents(nlp, documents, get_extractor(task.extractor), task.aliases, stages))


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often meanwhile (its youngest generation at
    ``GC_THRESHOLD`` new objects instead of 700), as it was before afterwards.

    A build makes millions of small records that all live to its end, and the
    default threshold has the collector walk over them thousands of times.
    """
    old = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def run_chunks(task: Task, chunks: Iterable[list[tuple[Item, Document]]], *, workers: int = 1,
               scheduler: str | None = None, stages: dict[str, float] | None = None
               ) -> Iterator[list[tuple[Item, Result]]]:
    """Each chunk's ``(tag, result)`` pairs, chunk after chunk in the order given, however they are run.

    ``stages`` (in this process only) gets the seconds spent making records
    from parses (``extract``); see :class:`~graphkit.pipeline.BuildStats`.
    """
    if scheduler:
        with _dask_submitter(task, scheduler, workers) as (submit, width):
            yield from _in_order(chunks, submit, width)
    elif workers > 1:
        with _one_thread_each(), ProcessPoolExecutor(workers - 1, mp_context=_start_method(),
                                                     initializer=_start_worker, initargs=(task,)) as pool:
            try:
                yield from _in_order(chunks, lambda docs: pool.submit(process_chunk, task, docs), workers - 1,
                                     here=lambda docs: process_chunk(task, docs, stages))
            except BrokenProcessPool:
                raise GraphkitError("a worker process died (killed, or out of memory?); try fewer --workers") from None
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    else:
        for chunk in chunks:
            yield list(zip((tag for tag, _ in chunk), process_chunk(task, [doc for _, doc in chunk], stages)))


def _in_order(chunks: Iterable[list[tuple[Item, Document]]], submit: Callable[[list[Document]], Future],
              width: int, here: Callable[[list[Document]], list[Result]] | None = None
              ) -> Iterator[list[tuple[Item, Result]]]:
    """Send chunks to ``submit``, at most ``IN_FLIGHT * width`` ahead, and yield the results in order.

    With ``here``, a chunk that comes while ``submit`` has as many as that in hand
    is run by ``here``, in this process, instead of waiting for a free place.
    """
    pending: deque[tuple[list[Item], Future]] = deque()  # a Dask future, or a concurrent.futures one
    held = IN_FLIGHT * (width + (here is not None))  # chunks sent or done, not yet yielded
    for chunk in chunks:
        tags, documents = [tag for tag, _ in chunk], [doc for _, doc in chunk]
        sent = sum(1 for _, future in pending if not future.done())
        pending.append((tags, submit(documents) if here is None or sent < IN_FLIGHT * width else _done(here(documents))))
        while pending and (len(pending) >= held or pending[0][1].done()):
            tags, future = pending.popleft()
            yield list(zip(tags, future.result()))
    while pending:
        tags, future = pending.popleft()
        yield list(zip(tags, future.result()))


def _done(results: list[Result]) -> Future:
    """A future that already holds ``results`` (a chunk run in this process)."""
    future: Future = Future()
    future.set_result(results)
    return future


def _start_method() -> multiprocessing.context.BaseContext:
    """``forkserver`` where there is one: spaCy and graphkit are imported once, in the server, and each
    worker is forked from it ready to load the model; else ``spawn`` (each worker imports them itself).

    Never plain ``fork``: the parent may hold threads and a loaded model in an unknown state.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graphkit.parallel", "graphkit.nlp.model", "graphkit.registry"])
    return context


def _start_worker(task: Task) -> None:
    """A worker process's start: the model, loaded once."""
    from graphkit.nlp.model import load_model

    load_model(task.model)


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """Processes started meanwhile get one thread each for the numerical libraries (unless the user set it).

    They read it from the environment when they load, before any code of ours
    runs in them, so it is set here, in the parent, while they are started.
    """
    added = [variable for variable in _THREAD_VARIABLES if variable not in os.environ]
    os.environ.update({variable: "1" for variable in added})
    try:
        yield
    finally:
        for variable in added:
            os.environ.pop(variable, None)


@contextmanager
def _dask_submitter(task: Task, scheduler: str, workers: int) -> Iterator[tuple[Callable[[list[Document]], Future], int]]:
    """A function sending one chunk to a Dask cluster, and how many chunks it runs at once."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GraphkitError("--scheduler needs Dask distributed: pip install 'graphkit[dask]'") from None
    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   env={variable: "1" for variable in _THREAD_VARIABLES})
            client = Client(cluster)
        else:
            client = Client(scheduler)  # waits as long as the Dask configuration says (30 s by default)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise GraphkitError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        width = max(1, sum(client.nthreads().values()))
        yield (lambda docs: client.submit(process_chunk, task, docs, pure=False)), width
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["CHUNK_CHARS", "Task", "chunked", "fewer_collections", "process_chunk", "run_chunks"]
