"""The per-document stage in worker processes and on a Dask cluster gives the same files as one process."""

from __future__ import annotations

import shutil

import pytest

import graphkit.parallel as parallel
from graphkit.cli import app
from tests.conftest import OUTPUT_FILES, SEEDS, visible_files
from tests.resolve.test_corpus import CORPUS


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The seed article and the three small test articles, each sent to the workers as a chunk of its own."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    shutil.copytree(SEEDS, folder / "seeds")
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 200)  # every document is longer: four chunks, out of step
    return folder


def _build(runner, corpus, out, *options):
    result = runner.invoke(app, ["build", str(corpus), "-o", str(out), "-q", "--no-cache", *options])
    assert result.exit_code == 0, result.output
    assert visible_files(out) == sorted(OUTPUT_FILES)
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def test_two_workers_write_the_same_bytes_as_one(runner, corpus, tmp_path, monkeypatch):
    one = _build(runner, corpus, tmp_path / "one")
    here = []  # chunks run in this process: with two workers, this one is the second
    real = parallel.records_of_documents
    monkeypatch.setattr(parallel, "records_of_documents", lambda nlp, docs, *rest: here.append(docs) or real(nlp, docs, *rest))
    two = _build(runner, corpus, tmp_path / "two", "--workers", "2")
    assert two == one
    assert 1 <= len(here) < 4  # the other process, loading its model meanwhile, had the first two chunks
    assert b"Tillerson" in one["entities.csv"] and b"Assad" in one["entities.csv"]  # all four documents are in it


def test_a_local_dask_cluster_writes_the_same_bytes_as_one_process(runner, corpus, tmp_path):
    pytest.importorskip("distributed")
    one = _build(runner, corpus, tmp_path / "one")
    dask = _build(runner, corpus, tmp_path / "dask", "--dask", "local", "--workers", "2")
    assert dask == one


def test_a_scheduler_that_cannot_be_reached_is_one_line(runner, corpus, tmp_path):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-cache",
                                     "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_workers_must_be_at_least_one(runner, corpus, tmp_path):
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--workers", "0"])
    assert result.exit_code == 2
    assert "--workers" in result.output
