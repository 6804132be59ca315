"""An output folder whose set of files is replaced in one step.

Nine files cannot be renamed into place at once, so the folder is laid out the
way Kubernetes lays out a mounted ConfigMap::

    output/
      graph.ttl  -> .graphkit/current/graph.ttl     (one symlink per output)
      ...
      .graphkit/
        current  -> v-3f9c...                       (the only thing a build swaps)
        v-3f9c.../graph.ttl, graph.trig, ...        (one complete set)
        lock                                        (held while a build writes)

A build writes its complete set into a fresh ``v-*`` folder, then replaces the
``current`` symlink with one ``rename``: before it every path in the folder
resolves to the old set, after it to the new one, and a failure or a SIGKILL at
any moment leaves the old set in place. Builds into the same folder are
serialised by an ``flock`` on ``.graphkit/lock`` (the second one waits), and
each build removes what killed builds left behind. A reader that opens several
files and wants them from one set resolves ``.graphkit/current``, reads from the
folder it names, and reads again if ``current`` has changed meanwhile (only sets
that are no longer current are ever removed).

Files from an earlier graphkit, written as plain files, are moved into this
layout on the first build (their content first becomes a set of its own, so
that a reader never sees a mix there either).
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from graphkit.errors import ExportError
from graphkit.export.forked import run_jobs

STATE = ".graphkit"
CURRENT = "current"
LOCK = "lock"
_VERSION_PREFIX = "v-"


@contextmanager
def locked(outdir: Path) -> Iterator[Path]:
    """Hold the output folder's lock; yield its state folder (``OUTDIR/.graphkit``)."""
    state = outdir / STATE
    state.mkdir(parents=True, exist_ok=True)
    with open(state / LOCK, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released by the kernel even if this process is killed
        try:
            yield state
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(outdir: Path, files: Mapping[str | tuple[str, ...], Callable[..., None]], processes: int = 1) -> list[Path]:
    """Write every ``name -> writer(path)`` into ``outdir`` as one set, replacing the old set at once.

    A writer that writes several files in one pass is keyed by the tuple of
    their names and called with their paths, in that order. The writers run in
    up to ``processes`` processes at once (:mod:`graphkit.export.forked`).
    Files of the previous set that this call does not write are kept. Raises
    :class:`~graphkit.errors.ExportError` (the old set untouched) when a name is
    taken by something that is not a file, or when writing fails. Returns the
    paths, in the order of the names.
    """
    names = [name for key in files for name in _names(key)]
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{outdir}: cannot create output folder ({error.strerror or error})") from None
    try:
        with locked(outdir) as state:
            _remove_leftovers(outdir, state)
            for name in names:
                _check_name(outdir, name)
            _adopt_plain_files(outdir, state, names)
            version = _new_version(state)
            try:
                jobs = [partial(writer, *(str(version / name) for name in _names(key))) for key, writer in files.items()]
                run_jobs(jobs, processes)
                _carry_over(state, version, names)
                _make_readable(version)
                _sync(version)
                for name in names:
                    _link_name(outdir, name)
                _point_current(state, version.name)
            except BaseException:
                if _current_target(state) != version.name:
                    shutil.rmtree(version, ignore_errors=True)
                raise
            _remove_leftovers(outdir, state)
    except ExportError:
        raise
    except OSError as error:
        raise ExportError(f"{outdir}: cannot write outputs ({error.strerror or error})") from None
    return [outdir / name for name in names]


def _names(key: str | tuple[str, ...]) -> tuple[str, ...]:
    return (key,) if isinstance(key, str) else key


def _check_name(outdir: Path, name: str) -> None:
    """Refuse, before anything changes, a name that is taken by a folder or another non-file."""
    path = outdir / name
    if path.is_symlink() or not path.exists() or path.is_file():
        return
    raise ExportError(f"{path}: cannot write outputs (a folder or special file has this name; move it away)")


def _link_target(name: str) -> str:
    return f"{STATE}/{CURRENT}/{name}"


def _is_ours(path: Path) -> bool:
    return path.is_symlink() and os.readlink(path) == _link_target(path.name)


def _link_name(outdir: Path, name: str) -> None:
    """Make ``outdir/name`` the symlink into the current set (atomically, if something is there)."""
    path = outdir / name
    if _is_ours(path):
        return
    temp = outdir / STATE / f"link-{secrets.token_hex(8)}"
    os.symlink(_link_target(name), temp)
    os.replace(temp, path)


def _current_target(state: Path) -> str | None:
    try:
        return os.readlink(state / CURRENT)
    except OSError:
        return None


def _point_current(state: Path, version: str) -> None:
    """The one step that replaces the set: a new symlink renamed over ``current``."""
    temp = state / f"current-{secrets.token_hex(8)}"
    os.symlink(version, temp)
    os.replace(temp, state / CURRENT)
    _fsync_dir(state)


def _new_version(state: Path) -> Path:
    version = state / f"{_VERSION_PREFIX}{secrets.token_hex(8)}"
    version.mkdir()
    return version


def _adopt_plain_files(outdir: Path, state: Path, files: Collection[str]) -> None:
    """Turn plain output files of an earlier layout into a set of their own, then into symlinks.

    The set is made current before any plain file is replaced by its symlink,
    and each symlink resolves to the same bytes as the file it replaces.
    """
    plain = [n for n in _known_names(outdir, state, files) if (outdir / n).is_file() and not (outdir / n).is_symlink()]
    if not plain:
        return
    version = _new_version(state)
    for name in plain:
        _copy(outdir / name, version / name)
    _carry_over(state, version, {})
    _make_readable(version)
    _sync(version)
    _point_current(state, version.name)
    for name in plain:
        _link_name(outdir, name)


def _known_names(outdir: Path, state: Path, files: Collection[str]) -> list[str]:
    """The names this build writes, plus those of the current set."""
    names = set(files)
    current = _current_target(state)
    if current and (state / current).is_dir():
        names.update(p.name for p in (state / current).iterdir())
    return sorted(names)


def _carry_over(state: Path, version: Path, written: Collection[str]) -> None:
    """Keep, in the new set, the current set's files that this build does not write."""
    current = _current_target(state)
    if not current or not (state / current).is_dir():
        return
    for old in (state / current).iterdir():
        if old.name not in written and not (version / old.name).exists():
            _copy(old, version / old.name)


def _copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _remove_leftovers(outdir: Path, state: Path) -> None:
    """Delete what killed or failed builds left: sets that are not current, temporary links and files."""
    current = _current_target(state)
    for entry in state.iterdir():
        if entry.name in (CURRENT, LOCK, current):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    for entry in outdir.iterdir():  # temporary files of graphkit versions before this layout
        if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
            entry.unlink(missing_ok=True)


def _make_readable(version: Path) -> None:
    """Files and the set's folder get the modes the user's umask gives new files and folders."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(version, 0o777 & ~umask)
    for path in version.iterdir():
        os.chmod(path, 0o666 & ~umask)


def _sync(version: Path) -> None:
    """Flush the new set to disk before it becomes current, so a power cut cannot expose empty files."""
    for path in version.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(version)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
