"""graphkit convert: an export in another format parses back to the same graph."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graphkit.cli import app

TRIPLE_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}


@pytest.mark.parametrize("suffix", list(TRIPLE_FORMATS))
def test_a_dataset_converts_to_the_turtle_exports_graph(runner, seed_output, tmp_path, suffix):
    target = tmp_path / f"graph{suffix}"
    result = runner.invoke(app, ["convert", str(seed_output / "graph.trig"), str(target)])
    assert result.exit_code == 0, result.output
    converted = Graph().parse(target, format=TRIPLE_FORMATS[suffix])
    assert isomorphic(converted, Graph().parse(seed_output / "graph.ttl", format="turtle"))


def test_turtle_converts_to_n_quads_and_a_store_to_turtle(runner, seed_output, seed_store, tmp_path):
    nquads = tmp_path / "graph.nq"
    assert runner.invoke(app, ["convert", str(seed_output / "graph.trig"), str(nquads)]).exit_code == 0
    ours, theirs = Dataset(), Dataset()
    ours.parse(seed_output / "graph.trig", format="trig")
    theirs.parse(nquads, format="nquads")
    assert _quads(ours) == _quads(theirs)  # no blank nodes: the same set of quads is the same dataset
    turtle = tmp_path / "from-store.ttl"
    assert runner.invoke(app, ["convert", str(seed_store), str(turtle)]).exit_code == 0
    assert len(Graph().parse(turtle, format="turtle")) == len(Graph().parse(seed_output / "graph.ttl", format="turtle"))
    assert "@prefix rel: <https://graphkit.example/relation/>" in turtle.read_text(encoding="utf-8")


def _quads(dataset: Dataset) -> set:
    return {(s, p, o, str(getattr(g, "identifier", g))) for s, p, o, g in dataset.quads((None, None, None, None))}


def test_a_bad_target_is_one_line(runner, seed_output, tmp_path):
    result = runner.invoke(app, ["convert", str(seed_output / "graph.ttl"), str(tmp_path / "graph.owl")])
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert "unsupported RDF file type '.owl'" in result.stderr
