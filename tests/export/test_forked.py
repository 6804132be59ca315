"""Exports written by several processes at once: same bytes, errors and deaths reported, nothing left behind."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from graphkit.errors import ExportError
from graphkit.export import export
from graphkit.export.forked import run_jobs
from graphkit.export.outdir import STATE
from tests.conftest import OUTPUT_FILES, visible_files


def _write_pid(path):
    return lambda: path.write_text(str(os.getpid()))


def test_jobs_are_dealt_to_a_forked_process(tmp_path):
    files = [tmp_path / f"job{i}" for i in range(4)]
    run_jobs([_write_pid(path) for path in files], processes=2)
    pids = [int(path.read_text()) for path in files]
    assert pids[0] == pids[2] == os.getpid()  # round-robin: this process takes the first, third, ...
    assert pids[1] == pids[3] != os.getpid()


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


def test_an_error_in_a_child_is_raised_here_after_all_jobs_ran(tmp_path):
    done = tmp_path / "done"
    with pytest.raises(ValueError, match="no room for graph.gexf"):
        run_jobs([lambda: done.write_text("x"), _fail], processes=2)
    assert done.read_text() == "x"


def test_a_child_killed_is_an_export_error():
    with pytest.raises(ExportError, match="an export process died \\(signal SIGKILL\\)"):
        run_jobs([lambda: None, lambda: os.kill(os.getpid(), signal.SIGKILL)], processes=2)


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
