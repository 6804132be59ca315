"""Run a query in a child process that cannot outlive its deadline, eat the machine's memory,
read other files or go online.

Python threads cannot be stopped, so the query runs in a forked child that the parent kills
at the deadline. Inside the child:

* its private writable memory is capped (``RLIMIT_DATA``) at its size when forked plus
  ``max_memory`` bytes, so a runaway query ends in ``MemoryError`` or, in native code, an abort
  (Linux; other systems may ignore the cap). Unlike the address space, this leaves out the
  database files a store maps and the address space native threads reserve but never use;
* the standard error stream goes to ``/dev/null``, so that a native library's dying words
  do not add lines to the one-line error;
* CPU time is capped a little past the deadline, so the child also dies if its parent
  was killed before it could kill the child;
* an audit hook (PEP 578) refuses sockets, URL requests, new processes, every file write
  and every file read but the files named in ``readable`` and Python's own modules;
* on Linux (x86-64 and arm64) a seccomp filter makes the kernel refuse ``socket`` and
  ``connect`` to the child and every thread it starts, so native code (pyoxigraph's Rust,
  which Python's audit hooks never see) cannot reach the network either.

Nothing here knows about SPARQL or rdflib: any engine's function runs the same way, as long
as it takes and returns picklable values.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable
from importlib.machinery import all_suffixes
from typing import Any, TypeVar

from graphkit.errors import GraphkitError, first_line
from graphkit.query.errors import QueryError, QueryLimitError

T = TypeVar("T")

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_MEMORY = 4_000_000_000
_CPU_GRACE = 5
_CODE_SUFFIXES = tuple({*all_suffixes(), ".pyc"})
_NETWORK_EVENTS = frozenset({
    "socket.__new__", "socket.bind", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
    "socket.gethostbyaddr", "socket.sendmsg", "socket.sendto", "urllib.Request", "http.client.connect",
})
_PROCESS_EVENTS = frozenset({
    "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
})
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def run_sandboxed(
    function: Callable[..., T],
    *args: Any,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    readable: Iterable[str | os.PathLike] = (),
) -> T:
    """Return ``function(*args)`` computed in a forked child, or raise a one-line error.

    ``timeout`` is in seconds and ``max_memory`` in bytes (``None`` for no limit); ``readable``
    lists the only files the child may open. A :class:`GraphkitError` raised in the child is
    raised again here; the deadline, memory exhaustion, a refused file or network access, and
    any other failure become a :class:`QueryError`. The child is killed and reaped on every
    way out, Ctrl-C included.

    >>> run_sandboxed(sum, [1, 2, 3], timeout=5)
    6
    """
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        raise QueryError("queries need a system that can fork a process (Linux, macOS)") from None
    receiver, sender = context.Pipe(duplex=False)
    readable = tuple(os.path.realpath(path) for path in readable)
    child = context.Process(
        target=_child, args=(sender, function, args, timeout, max_memory, readable),
        name="graphkit-query", daemon=True,
    )
    try:
        child.start()
    except OSError as error:
        receiver.close()
        raise QueryError(f"cannot start the query process ({error})") from None
    finally:
        sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryLimitError(f"query stopped after {timeout:g} s (--timeout)")
        try:
            outcome = receiver.recv()
        except EOFError:
            outcome = None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    return _unpack(outcome, child.exitcode, max_memory)


def _unpack(outcome: tuple | None, exitcode: int | None, max_memory: int | None) -> Any:
    if outcome is None:
        if exitcode is not None and exitcode < 0:
            name = signal.Signals(-exitcode).name
            if -exitcode == signal.SIGXCPU:
                raise QueryLimitError(f"query stopped by its CPU time limit ({name})")
            hint = ", probably out of memory" if name in ("SIGKILL", "SIGABRT") else ""
            raise QueryLimitError(f"query process ended by {name}{hint}")
        raise QueryLimitError(f"query process ended without an answer (exit status {exitcode})")
    kind, *details = outcome
    if kind == "ok":
        return details[0]
    if kind == "error":
        cls, message, attributes = details
        error = cls.__new__(cls)
        Exception.__init__(error, message)
        error.__dict__.update(attributes)
        raise error
    if kind == "memory":
        limit = f" (--max-memory {max_memory / 1_000_000:g} MB)" if max_memory is not None else ""
        raise QueryLimitError(f"query ran out of memory{limit}")
    raise QueryError(details[0])


def _child(sender, function, args, timeout, max_memory, readable) -> None:
    """The forked child: limit itself, guard itself, run, send one outcome, never print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills us
    gc.freeze()  # the parent's objects are not the query's: the collector need not walk them again
    guard = _Guard(readable)
    try:
        _deny_network()
        _silence_stderr()
        _limit(timeout, max_memory)
        sys.dont_write_bytecode = True
        sys.unraisablehook = _ignore  # generators torn down by MemoryError would print tracebacks
        sys.addaudithook(guard)
        try:
            outcome: tuple = ("ok", function(*args))
        except GraphkitError as error:
            outcome = ("error", type(error), str(error), vars(error))
        except MemoryError:
            outcome = ("memory",)
        except BaseException as error:  # anything else: one line, not a traceback
            outcome = ("failed", f"query failed: {_describe(error)}")
        if guard.refused:
            outcome = ("refused", guard.refused)
        sender.send(outcome)
    except MemoryError:  # the answer itself did not fit
        sender.send(("memory",))
    except BaseException as error:
        sender.send(("failed", f"query failed: {_describe(error)}"))
    finally:
        sender.close()


# (AUDIT_ARCH_..., socket, connect) system call numbers, by machine
_SECCOMP_ARCHES = {"x86_64": (0xC000003E, 41, 42), "aarch64": (0xC00000B7, 198, 203), "arm64": (0xC00000B7, 198, 203)}


def _deny_network() -> None:
    """Install a seccomp filter: ``socket`` and ``connect`` fail with EACCES in this process and its threads.

    Does nothing where seccomp or the machine's system call numbers are unknown; the audit
    hook and the query checks still stand there.
    """
    import ctypes
    import platform

    arch = _SECCOMP_ARCHES.get(platform.machine())
    if arch is None or not sys.platform.startswith("linux"):
        return
    audit_arch, socket_nr, connect_nr = arch
    load_word, jump_equal, ret = 0x20, 0x15, 0x06
    allow, refuse = 0x7FFF0000, 0x00050000 | 13  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EACCES

    class Filter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    program = (Filter * 8)(
        Filter(load_word, 0, 0, 4),               # the call's architecture
        Filter(jump_equal, 1, 0, audit_arch),
        Filter(ret, 0, 0, refuse),                # another ABI: refuse everything
        Filter(load_word, 0, 0, 0),               # the system call number
        Filter(jump_equal, 2, 0, socket_nr),
        Filter(jump_equal, 1, 0, connect_nr),
        Filter(ret, 0, 0, allow),
        Filter(ret, 0, 0, refuse),
    )
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS, required to filter without privileges
        return
    libc.prctl(22, 2, ctypes.byref(Program(len(program), program)), 0, 0)  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER


def _silence_stderr() -> None:
    """Send the child's file descriptor 2 to /dev/null: a native library (pyoxigraph's Rust) that runs
    out of memory prints there before it aborts, and the user is to see one line, the parent's."""
    import faulthandler

    faulthandler.disable()  # it may write to a copy of the parent's stderr
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _limit(timeout: float | None, max_memory: int | None) -> None:
    import resource

    def cap(kind: int, value: int) -> None:
        _, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(kind, (value, hard))
        except (ValueError, OSError):  # e.g. macOS refuses RLIMIT_AS
            pass

    if max_memory is not None:
        cap(resource.RLIMIT_DATA, _data_size() + max_memory)
    if timeout is not None:
        cap(resource.RLIMIT_CPU, math.ceil(timeout) + _CPU_GRACE)


def _data_size() -> int:
    """Bytes of private writable memory (data) this process already has (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[5]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _Guard:
    """Audit hook that refuses the network, new processes, writes and reads of other files.

    It raises ``PermissionError`` where the operation happens and remembers the first refusal,
    so the refusal is reported even when a library catches the exception and carries on.
    """

    def __init__(self, readable: tuple[str, ...]):
        self.readable = frozenset(readable)
        self.refused: str | None = None

    def __call__(self, event: str, args: tuple) -> None:
        if event == "open":
            problem = self._open_problem(*args[:3])
        elif event in _NETWORK_EVENTS:
            problem = f"refused network access ({event}): a query never goes online"
        elif event in _PROCESS_EVENTS:
            problem = f"refused to start a process ({event}): a query runs alone"
        else:
            return
        if problem:
            self.refused = self.refused or problem
            raise PermissionError(problem)

    def _open_problem(self, path, mode, flags) -> str | None:
        if path is None or isinstance(path, int):  # an already open descriptor
            return None
        path = os.fsdecode(path)
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & _WRITE_FLAGS)
        if writing:
            return f"refused to write {path}: a query writes no files"
        if os.path.realpath(path) in self.readable or path.endswith(_CODE_SUFFIXES):
            return None
        return f"refused to read {path}: a query reads only the graph file given"


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {first_line(error)}" if str(error).strip() else type(error).__name__


def _ignore(unraisable) -> None:
    """Swallow an exception Python cannot raise (one in a finaliser): the outcome says what failed."""
