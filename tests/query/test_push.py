"""graphkit push: the export loaded into PyPI's oxigraph server (a real triplestore) through the
SPARQL Graph Store Protocol, and the store answers a query as graphkit query does."""

from __future__ import annotations

import csv
import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from graphkit.cli import app
from graphkit.query import run_query

QUERY = ("SELECT ?who ?did ?whom WHERE { ?s rdf:subject/rdfs:label ?who ; gk:relationText ?did ; "
         "rdf:object/rdfs:label ?whom } ORDER BY ?who ?did ?whom")
PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX gk: <https://graphkit.example/ns#> ")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    """``oxigraph serve`` on a free loopback port with an empty store, querying the union of its graphs
    (as graphkit query does); killed by PID afterwards."""
    beside_python = Path(sys.executable).parent / "oxigraph"  # the test extra's script, venv activated or not
    binary = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is part of the test extra: pip install '.[test]'")
    port = _free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query={quote('ASK {}')}", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the oxigraph server did not start")
                time.sleep(0.1)
        yield url
    finally:
        process.kill()
        process.wait(timeout=30)


def _oxigraph_rows(url: str, query: str) -> list[list[str]]:
    request = urllib.request.Request(f"{url}/query", data=(PREFIXES + query).encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return list(csv.reader(io.StringIO(response.read().decode())))[1:]


@pytest.mark.parametrize("name", ["graph.trig", "graph.ttl"])
def test_push_then_the_store_answers_like_graphkit_query(runner, seed_output, oxigraph_server, name):
    result = runner.invoke(app, ["push", str(seed_output / name), "--endpoint", f"{oxigraph_server}/store"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("pushed ")
    ours = run_query(seed_output / name, QUERY, timeout=60)[1]
    assert len(ours) > 10
    assert _oxigraph_rows(oxigraph_server, QUERY) == ours
    graphs = _oxigraph_rows(oxigraph_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    expected = [["https://graphkit.example/document/us-russia-relations-2017.txt"]] if name == "graph.trig" else []
    assert graphs == expected
    count = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    before = _oxigraph_rows(oxigraph_server, count)
    again = runner.invoke(app, ["push", str(seed_output / name), "--endpoint", f"{oxigraph_server}/store"])
    assert again.exit_code == 0
    assert _oxigraph_rows(oxigraph_server, count) == before  # the store's own count: a second push replaces


def test_an_unreachable_or_refusing_store_is_one_line(runner, seed_output, oxigraph_server):
    port = _free_port()
    result = runner.invoke(app, ["push", str(seed_output / "graph.ttl"), "--endpoint", f"http://127.0.0.1:{port}/store"])
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert "cannot reach the triplestore" in result.stderr
    wrong = runner.invoke(app, ["push", str(seed_output / "graph.ttl"), "--endpoint", f"{oxigraph_server}/nowhere"])
    assert wrong.exit_code == 1 and len(wrong.stderr.splitlines()) == 1 and "HTTP 404" in wrong.stderr
    scheme = runner.invoke(app, ["push", str(seed_output / "graph.ttl"), "--endpoint", "file:///etc/passwd"])
    assert scheme.exit_code == 1 and "must be an http:// or https:// URL" in scheme.stderr
