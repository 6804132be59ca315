"""The records cache: a rebuild parses only what changed, and never trusts an entry it cannot check."""

from __future__ import annotations

import json
import shutil

import pytest

import graphkit.registry as registry
from graphkit.cli import app
from graphkit.export import export
from graphkit.nlp import load_model
from graphkit.pipeline import BuildStats, build, build_and_export
from tests.conftest import OUTPUT_FILES, SEEDS
from tests.resolve.test_corpus import CORPUS


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def _build(corpus, cache, **options):
    stats = BuildStats()
    kg = build([corpus], cache=cache, stats=stats, **options)
    return kg, stats


def _files(kg, out):
    export(kg, out)
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def _entries(cache):
    """The records entries in the cache folder, one per document."""
    return sorted(cache.glob("records-v1/*/*.json"))


def test_a_rebuild_takes_every_document_from_the_cache_and_writes_the_same_files(corpus, tmp_path):
    cache = tmp_path / "cache"
    first, stats = _build(corpus, cache)
    assert (stats.documents, stats.cached) == (3, 0)
    assert len(_entries(cache)) == 3
    again, stats = _build(corpus, cache)
    assert (stats.documents, stats.cached, stats.warnings) == (3, 3, [])
    assert stats.stages.get("extract", 0.0) == 0.0  # nothing was parsed
    assert _files(again, tmp_path / "again") == _files(first, tmp_path / "first")
    uncached = build([corpus])
    assert _files(uncached, tmp_path / "uncached") == _files(first, tmp_path / "first")


def test_adding_a_document_parses_only_that_one(corpus, tmp_path):
    cache = tmp_path / "cache"
    _build(corpus, cache)
    shutil.copy(SEEDS / "us-russia-relations-2017.txt", corpus / "d-seed.txt")
    kg, stats = _build(corpus, cache)
    assert (stats.documents, stats.cached) == (4, 3)
    assert len(_entries(cache)) == 4
    assert _files(kg, tmp_path / "cached") == _files(build([corpus]), tmp_path / "fresh")


def test_a_changed_document_is_parsed_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    _build(corpus, cache)
    envoy = corpus / "b-envoy.txt"
    envoy.write_text(envoy.read_text(encoding="utf-8").replace("Bashar al-Assad", "Vladimir Putin"), encoding="utf-8")
    kg, stats = _build(corpus, cache)
    assert (stats.documents, stats.cached) == (3, 2)
    labels = {e.label for e in kg.entities}
    assert "Vladimir Putin" in labels


def test_another_extractor_does_not_use_the_records_of_the_first(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    _build(corpus, cache)
    monkeypatch.setitem(registry.EXTRACTORS, "clauses.v2", registry.EXTRACTORS["clauses.v1"])
    _, stats = _build(corpus, cache, extractor="clauses.v2")
    assert stats.cached == 0
    _, stats = _build(corpus, cache, extractor="clauses.v1")
    assert stats.cached == 3  # the first extractor's records are still there


def test_another_model_version_does_not_use_the_records_of_the_first(corpus, tmp_path):
    model = tmp_path / "model"
    load_model().to_disk(model)
    cache = tmp_path / "cache"
    _build(corpus, cache, model=str(model))
    assert _build(corpus, cache, model=str(model))[1].cached == 3
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    (model / "meta.json").write_text(json.dumps({**meta, "version": meta["version"] + ".1"}), encoding="utf-8")
    assert _build(corpus, cache, model=str(model))[1].cached == 0


@pytest.mark.parametrize("damage", [
    pytest.param(lambda text: text[: len(text) // 2], id="truncated"),
    pytest.param(lambda text: "not json at all", id="not-json"),
    pytest.param(lambda text: text.replace('"format":1', '"format":99'), id="other-format"),
    pytest.param(lambda text: text.replace('"key":"', '"key":"0'), id="other-key"),
    pytest.param(lambda text: text.replace('"b-envoy.txt",[', '"b-envoy.txt","oops",['), id="wrong-shape"),
    pytest.param(lambda text: text.replace('"b-envoy.txt"', '"a-veto.txt"'), id="other-document"),
])
def test_a_damaged_or_foreign_entry_is_ignored_with_one_warning(corpus, tmp_path, damage):
    cache = tmp_path / "cache"
    first, _ = _build(corpus, cache)
    (envoy,) = [p for p in _entries(cache) if '"b-envoy.txt"' in p.read_text(encoding="utf-8")]
    original = envoy.read_text(encoding="utf-8")
    assert damage(original) != original
    envoy.write_text(damage(original), encoding="utf-8")
    kg, stats = _build(corpus, cache)
    assert stats.cached == 2
    assert len(stats.warnings) == 1
    assert stats.warnings[0].startswith(f"{envoy}: cache entry ignored (")
    assert _files(kg, tmp_path / "rebuilt") == _files(first, tmp_path / "first")
    assert _build(corpus, cache)[1].cached == 3  # the entry was written again, whole


def test_the_command_keeps_its_cache_in_the_user_cache_directory_unless_told_otherwise(corpus, tmp_path, runner):
    user_cache = tmp_path / "xdg-cache" / "graphkit"  # XDG_CACHE_HOME is tmp_path/xdg-cache (tests/conftest.py)
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not user_cache.exists()
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "3 (0 from the cache)" in result.stdout
    assert len(_entries(user_cache)) == 3
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(tmp_path / "mine")])
    assert "3 (0 from the cache)" in result.stdout
    assert len(_entries(tmp_path / "mine")) == 3
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out")])
    assert "3 (3 from the cache)" in result.stdout


def test_a_warning_is_one_line_and_the_build_succeeds(corpus, tmp_path, runner):
    cache = tmp_path / "cache"
    runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(cache), "-q"])
    entry = next(p for p in _entries(cache) if b'"a-veto.txt"' in p.read_bytes())
    entry.write_bytes(b"\xff\xfe garbage")
    with open(corpus / "c-summit.txt", "a", encoding="utf-8") as summit:
        summit.write("\nMerkel called Macron.\n")  # a changed corpus: the records are looked up again
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(cache), "-q"])
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"warning: {entry}: cache entry ignored (")


def test_an_unchanged_corpus_gets_its_files_back_without_parsing_resolving_or_exporting(corpus, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = BuildStats()
    build_and_export([corpus], out, cache=cache, stats=first)
    files = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    again = BuildStats()
    build_and_export([corpus], tmp_path / "again", cache=cache, stats=again)
    assert {name: (tmp_path / "again" / name).read_bytes() for name in OUTPUT_FILES} == files
    assert set(again.stages) == {"read", "cache", "export"}  # no parse, no resolution
    counted = ("documents", "sentences", "words", "mentions", "entities", "relations", "edges")
    assert [getattr(again, n) for n in counted] == [getattr(first, n) for n in counted]
    assert again.cached == 3 and first.cached == 0


def test_a_changed_option_rebuilds_the_graph_from_the_cached_records(corpus, tmp_path):
    cache = tmp_path / "cache"
    build_and_export([corpus], tmp_path / "out", cache=cache)
    stats = BuildStats()
    written = build_and_export([corpus], tmp_path / "csv", cache=cache, stats=stats,
                               outputs={"entities.csv": "entities-csv"})
    assert [p.name for p in written] == ["entities.csv"]
    assert "resolve" in stats.stages and "extract" not in stats.stages  # resolved again, nothing parsed
    assert stats.cached == 3
    assert (tmp_path / "csv" / "entities.csv").read_bytes() == (tmp_path / "out" / "entities.csv").read_bytes()


def test_a_damaged_output_in_the_cache_is_ignored_with_one_warning(corpus, tmp_path):
    cache = tmp_path / "cache"
    build_and_export([corpus], tmp_path / "first", cache=cache)
    (stored,) = (cache / "builds-v1").glob("*/graph.ttl")
    stored.write_bytes(stored.read_bytes().replace(b"Lavrov", b"Lavrow"))
    stats = BuildStats()
    build_and_export([corpus], tmp_path / "second", cache=cache, stats=stats)
    assert stats.warnings == [f"{stored.parent}: cache entry ignored (graph.ttl is not the file stored)"]
    assert b"Lavrow" not in (tmp_path / "second" / "graph.ttl").read_bytes()
    assert (tmp_path / "second" / "graph.ttl").read_bytes() == (tmp_path / "first" / "graph.ttl").read_bytes()
    assert stored.read_bytes() == (tmp_path / "first" / "graph.ttl").read_bytes()  # stored again, whole


def test_another_base_iri_or_a_store_is_never_answered_from_the_output_cache(corpus, tmp_path, runner):
    cache, out = tmp_path / "cache", tmp_path / "out"

    def run(*extra):
        result = runner.invoke(app, ["build", str(corpus), "-o", str(out), "--cache", str(cache), "-q",
                                     "--rdf", "ttl", *extra])
        assert result.exit_code == 0, result.output
        return (out / "graph.ttl").read_text(encoding="utf-8")

    assert "https://one.example/" in run("--base-iri", "https://one.example/")
    assert "https://two.example/" in run("--base-iri", "https://two.example/")  # not the first build's files
    store = tmp_path / "store"
    run("--base-iri", "https://two.example/", "--store", str(store))  # same files as before, but a store asked for
    assert (store / "graphkit-store.json").is_file()
