"""Exports written by several processes at once: same bytes, errors and deaths reported, nothing left behind."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from graphkit.errors import ExportError
from graphkit.export import export
from graphkit.export.forked import run_jobs
from graphkit.export.outdir import STATE
from tests.conftest import OUTPUT_FILES, visible_files


def _write_pid(path):
    return lambda: path.write_text(str(os.getpid()))


def _meet(mine, other):
    """A job that writes its pid, then waits for ``other``'s: it can only end if the other runs at the same time."""
    def job():
        mine.write_text(str(os.getpid()))
        deadline = time.monotonic() + 30
        while not other.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{other.name} never ran beside {mine.name}")
            time.sleep(0.01)
    return job


def test_jobs_run_at_once_in_a_forked_process(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    run_jobs([_meet(a, b), _meet(b, a), _write_pid(c)], processes=2)
    pids = {int(a.read_text()), int(b.read_text())}
    assert len(pids) == 2 and os.getpid() in pids  # each waited for the other: two processes, this one of them
    assert c.exists()  # the third job was taken by whichever was free first


def test_a_free_process_takes_the_next_job(tmp_path):
    slow, quick = tmp_path / "slow", [tmp_path / f"quick{i}" for i in range(4)]

    def long_job():
        deadline = time.monotonic() + 30
        while not all(path.exists() for path in quick):  # ends once the other process has done all the rest
            if time.monotonic() > deadline:
                raise TimeoutError("the quick jobs were not all taken by the free process")
            time.sleep(0.01)
        slow.write_text(str(os.getpid()))

    run_jobs([long_job, *(_write_pid(path) for path in quick)], processes=2)
    assert len({int(path.read_text()) for path in quick}) == 1  # dealt round-robin, two would be the slow one's
    assert int(quick[0].read_text()) != int(slow.read_text())


def test_one_process_or_another_thread_running_writes_here(tmp_path):
    run_jobs([_write_pid(tmp_path / "a"), _write_pid(tmp_path / "b")], processes=1)
    assert {int((tmp_path / n).read_text()) for n in "ab"} == {os.getpid()}
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        run_jobs([_write_pid(tmp_path / "c"), _write_pid(tmp_path / "d")], processes=2)
    finally:
        stop.set()
        thread.join()
    assert {int((tmp_path / n).read_text()) for n in "cd"} == {os.getpid()}  # forking beside a thread is unsafe


def _fail():
    raise ValueError("no room for graph.gexf")


def _in_a_child(tmp_path, then):
    """Two jobs that meet (so they run in two processes at once); the one in the forked child then runs ``then``."""
    parent, a, b = os.getpid(), tmp_path / "a", tmp_path / "b"

    def job(meet):
        def run():
            meet()
            if os.getpid() != parent:
                then()
        return run

    return [job(_meet(a, b)), job(_meet(b, a))]


def test_an_error_in_a_child_is_raised_here_after_all_jobs_ran(tmp_path):
    done = tmp_path / "done"
    with pytest.raises(ValueError, match="no room for graph.gexf"):
        run_jobs([*_in_a_child(tmp_path, _fail), lambda: done.write_text("x")], processes=2)
    assert done.read_text() == "x"


def test_a_child_killed_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="an export process died \\(signal SIGKILL\\)"):
        run_jobs(_in_a_child(tmp_path, lambda: os.kill(os.getpid(), signal.SIGKILL)), processes=2)


def test_two_processes_write_the_same_files_as_one(seed_graph, tmp_path):
    one = export(seed_graph, tmp_path / "one")
    two = export(seed_graph, tmp_path / "two", processes=2)
    assert visible_files(tmp_path / "two") == sorted(OUTPUT_FILES)
    assert [path.read_bytes() for path in two] == [path.read_bytes() for path in one]


def test_an_export_failing_in_a_child_keeps_the_previous_files(seed_graph, tmp_path, monkeypatch):
    out = tmp_path / "out"
    export(seed_graph, out)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    import graphkit.export as exporting

    real = exporting.get_exporter

    parent = os.getpid()

    def broken(name):
        write = real(name)
        return lambda graph, path, **options: _fail() if os.getpid() != parent else write(graph, path, **options)

    monkeypatch.setattr(exporting, "get_exporter", broken)
    with pytest.raises(ValueError):
        export(seed_graph, out, processes=2)
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    assert sorted(p.name for p in (out / STATE).iterdir() if p.name.startswith("v-")) == [
        os.readlink(out / STATE / "current")]  # the failed set is gone
