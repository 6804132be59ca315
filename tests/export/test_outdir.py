"""The output folder is replaced as one set: failures, SIGKILLs and concurrent builds never mix two sets."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graphkit.cli import app
from graphkit.export import export
from graphkit.export.outdir import CURRENT, LOCK, STATE
from tests.conftest import OUTPUT_FILES, ROOT
from tests.export.test_golden import small_graph


def graph_of(title: str):
    """The golden test's small graph with its document retitled, so two sets differ in every file."""
    graph = small_graph()
    doc = dataclasses.replace(graph.documents[0], title=title, id=f"news/{title}.txt", source=f"news/{title}.txt")
    relations = tuple(
        dataclasses.replace(r, triple=dataclasses.replace(
            r.triple, provenance=dataclasses.replace(r.triple.provenance, doc_id=doc.id)))
        for r in graph.relations
    )
    entities = tuple(
        dataclasses.replace(e, mentions=tuple(dataclasses.replace(m, doc_id=doc.id) for m in e.mentions),
                            label=f"{e.label} ({title})")
        for e in graph.entities
    )
    return dataclasses.replace(graph, documents=(doc,), relations=relations, entities=entities)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES if (out / name).is_file()}


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """The complete file sets of the two graphs, written into folders of their own."""
    found = {}
    for title in ("old", "new"):
        folder = tmp_path_factory.mktemp(title)
        export(graph_of(title), folder)
        found[title] = snapshot(folder)
        assert set(found[title]) == set(OUTPUT_FILES)
    assert all(found["old"][n] != found["new"][n] for n in OUTPUT_FILES)
    return found


def assert_clean(out: Path) -> None:
    """Only the current set, its link and the lock: nothing a killed build left."""
    state = out / STATE
    current = os.readlink(state / CURRENT)
    assert sorted(p.name for p in state.iterdir()) == sorted([CURRENT, LOCK, current])
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != STATE] == []


def test_a_taken_name_fails_before_anything_changes(runner, tmp_path, sets):
    out = tmp_path / "out"
    export(graph_of("old"), out)
    (out / "relations.csv").unlink()
    (out / "relations.csv").mkdir()
    expected = {n: b for n, b in sets["old"].items() if n != "relations.csv"}
    with pytest.raises(Exception, match="relations.csv: cannot write outputs"):
        export(graph_of("new"), out)
    assert snapshot(out) == expected


def test_cli_reports_a_taken_name_in_one_line(runner, tmp_path, sets):
    out = tmp_path / "out"
    export(graph_of("old"), out)
    (out / "relations.csv").unlink()
    (out / "relations.csv").mkdir()
    result = runner.invoke(app, ["build", str(ROOT / "seeds"), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{out / 'relations.csv'}: cannot write outputs (a folder or special file has this name; move it away)"
    ]
    assert snapshot(out) == {n: b for n, b in sets["old"].items() if n != "relations.csv"}


def test_plain_files_of_an_earlier_layout_are_adopted(tmp_path, sets):
    out = tmp_path / "out"
    out.mkdir()
    for name, data in sets["old"].items():
        (out / name).write_bytes(data)
    (out / ".graph.ttl.abc123.tmp").write_bytes(b"left by a killed build of an earlier version")
    (out / "notes.md").write_text("mine\n")
    export(graph_of("new"), out)
    assert snapshot(out) == sets["new"]
    assert (out / "notes.md").read_text() == "mine\n"
    assert all((out / name).is_symlink() for name in OUTPUT_FILES)
    assert_clean(out)


def test_files_not_written_this_time_are_kept(tmp_path, sets):
    out = tmp_path / "out"
    export(graph_of("old"), out)
    export(graph_of("new"), out, {"graph.ttl": "ttl"})
    assert snapshot(out) == {**sets["old"], "graph.ttl": sets["new"]["graph.ttl"]}
    assert_clean(out)


KILLER = """
import builtins, os, signal, sys
from graphkit.export import export
from tests.export.test_outdir import graph_of

out, title, target, nth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
owner, name = target.split(".")
module = builtins if owner == "builtins" else os
original = getattr(module, name)
calls = 0

def killer(*args, **kwargs):
    global calls
    calls += 1
    if calls == nth:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)

setattr(module, name, killer)
export(graph_of(title), out)
"""


def run_killed(out: Path, title: str, target: str, nth: int) -> int:
    done = subprocess.run([sys.executable, "-c", KILLER, str(out), title, target, str(nth)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    return done.returncode


@pytest.mark.parametrize(
    ("layout", "target", "nth", "moment"),
    [
        ("links", "builtins.open", 4, "while the new files are written"),
        ("links", "os.fsync", 3, "while the new set is flushed"),
        ("links", "os.replace", 1, "just before the swap"),
        ("links", "os.close", 2, "just after the swap"),
        ("links", "os.unlink", 1, "while leftovers are removed"),
        ("plain", "os.replace", 3, "mid-rename of an earlier layout's files"),
        ("plain", "os.link", 4, "while an earlier layout's files are adopted"),
    ],
)
def test_sigkill_at_any_moment_leaves_one_complete_set(tmp_path, sets, layout, target, nth, moment):
    out = tmp_path / "out"
    if layout == "links":
        export(graph_of("old"), out)
    else:
        out.mkdir()
        for name, data in sets["old"].items():
            (out / name).write_bytes(data)
    assert run_killed(out, "new", target, nth) == -9, f"the build was not killed {moment}"
    seen = snapshot(out)
    assert seen in (sets["old"], sets["new"]), f"a mix of two sets after a kill {moment}"
    export(graph_of("new"), out)
    assert snapshot(out) == sets["new"]
    assert_clean(out)


WRITER = """
import sys
from graphkit.export import export
from tests.export.test_outdir import graph_of

for _ in range(int(sys.argv[3])):
    export(graph_of(sys.argv[2]), sys.argv[1])
"""


def test_concurrent_builds_never_mix_and_a_reader_always_sees_a_complete_set(tmp_path, sets):
    out = tmp_path / "out"
    export(graph_of("old"), out)
    complete = {title: files for title, files in sets.items()}
    problems: list[str] = []
    stop = threading.Event()

    def read_sets() -> None:
        while not stop.is_set():
            try:
                name = os.readlink(out / STATE / CURRENT)
                files = {p.name: p.read_bytes() for p in (out / STATE / name).iterdir()}
            except FileNotFoundError:
                continue  # that set was replaced and removed while we read it: read the new one
            if os.readlink(out / STATE / CURRENT) != name:
                continue  # replaced while we read (the documented reader protocol): read again
            if files not in complete.values():
                problems.append(f"incomplete or mixed set: {sorted(files)}")

    reader = threading.Thread(target=read_sets)
    reader.start()
    try:
        builds = [subprocess.Popen([sys.executable, "-c", WRITER, str(out), title, "4"], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                  for title in ("old", "new")]
        results = [build.communicate(timeout=300) for build in builds]
    finally:
        stop.set()
        reader.join()
    assert [b.returncode for b in builds] == [0, 0], results
    assert problems == []
    assert snapshot(out) in (sets["old"], sets["new"])
    assert_clean(out)
