"""Writing a build's files in several processes at once, each forked from the one holding the graph.

The exports all read one finished graph and write one file each, so they are
independent: with ``--workers N`` the build shares them between this process
and ``N - 1`` children made with ``fork``, each taking the next when it is free. A forked child sees the graph as it is
in memory (copied on write), so nothing is pickled or sent to it; it writes
its files and exits. Forking is only safe in a process running no other
thread, so with threads about (or without ``os.fork``) the files are written
here, one after the other, as with one worker. Either way the bytes written
are the same: each file is written by the same function from the same graph.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence

from graphkit.errors import ExportError, GraphkitError, first_line

_PR_SET_PDEATHSIG = 1


def run_jobs(jobs: Sequence[Callable[[], object]], processes: int = 1) -> None:
    """Run every job, in this process and ``processes - 1`` forked children at once.

    Each process takes the next job not yet taken when it is free (give the
    longest first), so a long job does not hold back the others. Returns when
    all have ended. The error of the first job (in the order given) that failed
    is raised here, a child's included: it is sent back pickled, or, when it
    cannot be, as a :class:`~graphkit.errors.GraphkitError` naming it; a process
    whose job failed takes no more, the others go on. A child that dies without
    a word (killed) is an error too, raised before any job's (which job it was
    running is not known). A child dies with this process (Linux), so a killed
    build leaves no writer behind.
    """
    processes = min(processes, len(jobs))
    if processes <= 1 or not hasattr(os, "fork") or threading.active_count() > 1 or len(jobs) > _MAX_JOBS:
        for job in jobs:
            job()
        return
    reading, writing = os.pipe()  # the jobs not yet taken: each process reads the next index off it
    os.write(writing, b"".join(index.to_bytes(_INDEX_BYTES, "big") for index in range(len(jobs))))
    os.close(writing)
    try:
        children = [_fork(jobs, reading) for _ in range(processes - 1)]
        failed: dict[int, BaseException] = {}
        try:
            found = _take_and_run(jobs, reading)
        except BaseException:  # interrupted: the children's work is lost anyway
            for pid, _ in children:
                os.kill(pid, signal.SIGKILL)
            _collect(children)
            raise
        if found is not None:
            failed[found[0]] = found[1]
        failed.update(_collect(children))
    finally:
        os.close(reading)
    if failed:
        raise failed[min(failed)]


_INDEX_BYTES = 2
_MAX_JOBS = 4096  # their indices fit in a pipe's buffer (64 KiB), so writing them never waits


def _take_and_run(jobs: Sequence[Callable[[], object]], reading: int) -> tuple[int, Exception] | None:
    """Take jobs off the pipe and run them until none is left; the index and error of a job that failed."""
    while len(taken := os.read(reading, _INDEX_BYTES)) == _INDEX_BYTES:  # a pipe read is atomic: no job twice
        index = int.from_bytes(taken, "big")
        try:
            jobs[index]()
        except Exception as error:  # noqa: BLE001 - reported to the caller
            return index, error
    return None


def _fork(jobs: Sequence[Callable[[], object]], queue: int) -> tuple[int, int]:
    """Start a child taking jobs off ``queue``; its pid and the pipe its error comes back on."""
    parent = os.getpid()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writing)
        return pid, reading
    os.close(reading)
    status = 0
    try:
        _die_with(parent)
        found = _take_and_run(jobs, queue)
        if found is not None:
            status = 1
            _report(writing, *found)
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which raises it
        status = 1
        _report(writing, -1, error)
    finally:
        os._exit(status)  # no cleanup of the parent's state (atexit, buffers) in the child


def _report(pipe: int, index: int, error: BaseException) -> None:
    """Send the parent the index of the job that failed and its error (pickled, or named when it cannot be)."""
    try:
        message = pickle.dumps((index, error))
    except Exception:  # noqa: BLE001 - an error that cannot be pickled is named instead
        message = pickle.dumps((index, GraphkitError(f"{type(error).__name__}: {first_line(error)}")))
    with os.fdopen(pipe, "wb") as handle:
        handle.write(message)


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when its parent dies (Linux); leave now if it already has."""
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (AttributeError, OSError, TypeError):  # no prctl: not Linux
        return
    if os.getppid() != parent:
        os._exit(1)


def _collect(children: list[tuple[int, int]]) -> dict[int, BaseException]:
    """Wait for every child; the errors they reported or died of, by the index of their job."""
    errors: dict[int, BaseException] = {}
    for pid, reading in children:
        with os.fdopen(reading, "rb") as pipe:
            message = pipe.read()
        _, status = os.waitpid(pid, 0)
        if message:
            try:
                index, error = pickle.loads(message)
            except Exception:  # noqa: BLE001 - an error that cannot be rebuilt here
                index, error = -1, ExportError("an export process failed with an error that could not be read")
            errors[index] = error
        elif status:
            errors[-1] = ExportError(f"an export process died ({_how(status)})")
    return errors


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
