"""graphkit serve: a SPARQL 1.1 Protocol endpoint, queried over loopback by a real client (SPARQLWrapper)."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

HONOR = "SELECT ?who ?whom WHERE { ?a rel:honor ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _start(graph) -> tuple[subprocess.Popen, str]:
    """``graphkit serve GRAPH --port 0`` (a free port); the process and the URL it prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "serve", str(graph), "--port", "0", "--timeout", "3"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    line = process.stderr.readline()
    found = re.search(r"SPARQL endpoint at (http://127\.0\.0\.1:\d+/sparql)", line)
    if not found:
        process.kill()
        process.wait()
        pytest.fail(f"graphkit serve did not start: {line}{process.stderr.read()}")
    return process, found[1]


@pytest.fixture(scope="module", params=["file", "store"])
def endpoint(request, seed_output, seed_store):
    """The endpoint over the seed's TriG file, then over its store folder; stopped by PID after the tests."""
    process, url = _start(seed_output / "graph.trig" if request.param == "file" else seed_store)
    try:
        yield url
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        process.stderr.close()


def _client(url: str, query: str, return_format, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(url, returnFormat=return_format)
    client.setMethod(method)
    client.setQuery("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                    "PREFIX rel: <https://graphkit.example/relation/> " + query)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_results_in_every_w3c_format(endpoint, method):
    bindings = _client(endpoint, HONOR, JSON, method).queryAndConvert()["results"]["bindings"]
    assert [(b["who"]["value"], b["whom"]["value"]) for b in bindings] == [("Putin", "Tillerson")]
    xml = _client(endpoint, HONOR, XML, method).queryAndConvert()
    assert [node.firstChild.data for node in xml.getElementsByTagName("literal")] == ["Putin", "Tillerson"]
    table = _client(endpoint, HONOR, CSV, method).queryAndConvert().decode()
    assert list(csv.reader(io.StringIO(table))) == [["who", "whom"], ["Putin", "Tillerson"]]
    assert _client(endpoint, HONOR, TSV, method).queryAndConvert().decode().splitlines() == [
        "?who\t?whom", '"Putin"\t"Tillerson"']


def test_ask_and_the_graphs_prefixes(endpoint):
    client = SPARQLWrapper(endpoint, returnFormat=JSON)
    client.setQuery('ASK { ?s gk:attributedTo "Trump" ; rdf:predicate rel:back }')
    assert client.queryAndConvert()["boolean"] is True


def test_cors_for_browser_clients(endpoint):
    preflight = urllib.request.Request(endpoint, method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(preflight, timeout=30) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
    request = urllib.request.Request(endpoint, data=HONOR.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv", "Origin": "https://example.org"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.read().decode().splitlines() == ["who,whom", "Putin,Tillerson"]


def _status(request: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_updates_load_and_service_are_refused(endpoint, http_server):
    update = urllib.request.Request(endpoint, data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", method="POST",
                                    headers={"Content-Type": "application/sparql-update"})
    assert _status(update) == (403, "updates are refused: this endpoint is read-only\n")
    form = urllib.request.Request(endpoint, data=f"update=LOAD <{http_server.url}/x.ttl>".encode(), method="POST",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert _status(form)[0] == 403
    load = urllib.request.Request(f"{endpoint}?query={quote(f'LOAD <{http_server.url}/x.ttl>')}")
    assert _status(load) == (403, "LOAD is not supported: graphkit only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)\n")
    with pytest.raises(QueryBadFormed, match="SERVICE is not supported"):
        _client(endpoint, f"SELECT * WHERE {{ SERVICE <{http_server.url}/sparql> {{ ?s ?p ?o }} }}", JSON).queryAndConvert()
    assert http_server.requests == []
    client = _client(endpoint, "SELECT ?x WHERE { ?x rdfs:label }", JSON)
    with pytest.raises(QueryBadFormed, match=r"invalid SPARQL: error at 1:\d+"):
        client.queryAndConvert()


def test_a_slow_query_is_stopped_and_the_endpoint_answers_on(endpoint):
    assert _status(urllib.request.Request(f"{endpoint}?query={quote(SLOW)}")) == (
        503, "query stopped after 3 s (--timeout)\n")
    bindings = _client(endpoint, HONOR, JSON).queryAndConvert()["results"]["bindings"]
    assert len(bindings) == 1


def test_ctrl_c_stops_it_cleanly(seed_output):
    process, url = _start(seed_output / "graph.ttl")
    try:
        assert len(_client(url, HONOR, JSON).queryAndConvert()["results"]["bindings"]) == 1
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "stopped" in process.stderr.read()
        with pytest.raises(OSError):
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()


def test_a_bad_graph_or_a_taken_port_is_one_line(runner, seed_output, tmp_path):
    from graphkit.cli import app

    missing = runner.invoke(app, ["serve", str(tmp_path / "none.ttl")])
    assert (missing.exit_code, missing.stderr) == (1, f"{tmp_path / 'none.ttl'}: no such file\n")
    process, url = _start(seed_output / "graph.ttl")
    try:
        port = url.rsplit(":", 1)[1].split("/")[0]
        taken = runner.invoke(app, ["serve", str(seed_output / "graph.ttl"), "--port", port])
        assert taken.exit_code == 1 and taken.stderr.startswith(f"cannot listen on 127.0.0.1:{port} (")
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


def test_bound_to_loopback_by_default(seed_output):
    process, url = _start(seed_output / "graph.ttl")
    try:
        assert url.startswith("http://127.0.0.1:")
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        listening = open("/proc/net/tcp", encoding="ascii").read() if os.path.exists("/proc/net/tcp") else ""
        if listening:
            assert f"0100007F:{port:04X}" in listening and f"00000000:{port:04X}" not in listening
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


def test_construct_answers_rdf_by_accept(endpoint):
    from rdflib import Graph

    query = "CONSTRUCT { ?a rel:honor ?b } WHERE { ?a rel:honor ?b }"
    for media, kind in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        request = urllib.request.Request(f"{endpoint}?query={quote(query)}", headers={"Accept": media})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.headers["Content-Type"].split(";")[0] == media
            graph = Graph().parse(data=response.read(), format=kind)
        assert [(str(s), str(o)) for s, _, o in graph] == [
            ("https://graphkit.example/entity/person/putin", "https://graphkit.example/entity/person/tillerson")]
