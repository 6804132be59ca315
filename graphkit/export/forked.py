"""Writing a build's files in several processes at once, each forked from the one holding the graph.

The exports all read one finished graph and write one file each, so they are
independent: with ``--workers N`` the build deals them out to this process and
``N - 1`` children made with ``fork``. A forked child sees the graph as it is
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
    """Run every job, dealt round-robin to this process and ``processes - 1`` forked children.

    Returns when all have ended. The first job's error (in the order given)
    is raised here, a child's included: it is sent back pickled, or, when it
    cannot be, as a :class:`~graphkit.errors.GraphkitError` naming it. A child
    that dies without a word (killed) is an error too. A child dies with this
    process (Linux), so a killed build leaves no writer behind.
    """
    processes = min(processes, len(jobs))
    if processes <= 1 or not hasattr(os, "fork") or threading.active_count() > 1:
        for job in jobs:
            job()
        return
    shares = [list(jobs[start::processes]) for start in range(processes)]
    children = [_fork(share) for share in shares[1:]]
    errors: list[BaseException] = []
    try:
        for job in shares[0]:
            job()
    except Exception as error:  # noqa: BLE001 - raised below, once the children have ended
        errors.append(error)
    except BaseException:  # interrupted: the children's work is lost anyway
        for pid, _ in children:
            os.kill(pid, signal.SIGKILL)
        _collect(children)
        raise
    errors.extend(_collect(children))
    if errors:
        raise errors[0]


def _fork(share: list[Callable[[], object]]) -> tuple[int, int]:
    """Start a child running ``share``; its pid and the pipe its error comes back on."""
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
        for job in share:
            job()
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which raises it
        status = 1
        try:
            message = pickle.dumps(error)
        except Exception:  # noqa: BLE001 - an error that cannot be pickled is named instead
            message = pickle.dumps(GraphkitError(f"{type(error).__name__}: {first_line(error)}"))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(message)
    finally:
        os._exit(status)  # no cleanup of the parent's state (atexit, buffers) in the child


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when its parent dies (Linux); leave now if it already has."""
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (AttributeError, OSError, TypeError):  # no prctl: not Linux
        return
    if os.getppid() != parent:
        os._exit(1)


def _collect(children: list[tuple[int, int]]) -> list[BaseException]:
    """Wait for every child; the errors they reported or died of, in order."""
    errors: list[BaseException] = []
    for pid, reading in children:
        with os.fdopen(reading, "rb") as pipe:
            message = pipe.read()
        _, status = os.waitpid(pid, 0)
        if message:
            try:
                errors.append(pickle.loads(message))
            except Exception:  # noqa: BLE001 - an error that cannot be rebuilt here
                errors.append(ExportError("an export process failed with an error that could not be read"))
        elif status:
            errors.append(ExportError(f"an export process died ({_how(status)})"))
    return errors


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
