"""graphkit query: SPARQL over the seed's exports, and everything a query must never do."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest

from graphkit.cli import app
from graphkit.errors import InputError
from graphkit.query import QueryError, run_query

HONOR = "SELECT ?who ?whom WHERE { ?a rel:honor ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ELSEWHERE = "a query runs over the graph file given"


def test_select_over_turtle_and_trig(runner, seed_output):
    for name in ("graph.ttl", "graph.trig"):
        result = runner.invoke(app, ["query", str(seed_output / name), HONOR])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == ["who\twhom", "Putin\tTillerson"]


def test_ask_and_evidence(runner, seed_output):
    ask = runner.invoke(app, ["query", str(seed_output / "graph.ttl"),
                              'ASK { ?s a rdf:Statement ; gk:attributedTo "Trump" ; rdf:predicate rel:back }'])
    assert ask.stdout.splitlines() == ["ask", "true"]
    aliases = runner.invoke(app, ["query", str(seed_output / "graph.ttl"),
                                  'SELECT ?alias WHERE { ?e rdfs:label "United States" ; skos:altLabel ?alias }'])
    assert aliases.stdout.splitlines() == ["alias", "U.S.", "US", "USA", "Washington"]


def test_bad_query_and_bad_file_are_one_line(runner, seed_output, tmp_path):
    bad = runner.invoke(app, ["query", str(seed_output / "graph.ttl"), "SELEC ?x WHERE {"])
    assert bad.exit_code == 1 and bad.stderr.startswith("invalid SPARQL: ") and "Traceback" not in bad.output
    missing = runner.invoke(app, ["query", str(tmp_path / "nope.ttl"), HONOR])
    assert (missing.exit_code, missing.stderr.strip()) == (1, f"{tmp_path / 'nope.ttl'}: no such file")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    parsed = runner.invoke(app, ["query", str(broken), HONOR])
    assert parsed.exit_code == 1 and parsed.stderr.startswith(f"{broken}: cannot parse turtle (")


def _one_line_failure(result) -> str:
    """The single stderr line of a failed query, after checking there is nothing else."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def secret(tmp_path) -> Path:
    """A Turtle file next to the graph that a query must never read."""
    path = tmp_path / "secret.ttl"
    path.write_text('<urn:secret> <urn:is> "TOPSECRET" .\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
@pytest.mark.parametrize(("clause", "pattern", "keyword"), [
    ("FROM", "?s ?p ?o", "FROM"),
    ("FROM NAMED", "GRAPH ?g { ?s ?p ?o }", "FROM NAMED"),
])
def test_from_a_local_file_is_refused_unread(runner, seed_output, secret, name, clause, pattern, keyword):
    query = f"SELECT ?o {clause} <{secret.as_uri()}> WHERE {{ {pattern} }}"
    result = runner.invoke(app, ["query", str(seed_output / name), query])
    assert _one_line_failure(result) == f"{keyword} is not supported: {ELSEWHERE}"
    assert "TOPSECRET" not in result.output


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_from_etc_passwd_is_one_line(runner, seed_output, name):
    result = runner.invoke(app, ["query", str(seed_output / name), "SELECT ?o FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"])
    assert _one_line_failure(result) == f"FROM is not supported: {ELSEWHERE}"
    assert "root" not in result.output


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT ?o FROM <{url}/x.ttl> WHERE {{ ?s ?p ?o }}", f"FROM is not supported: {ELSEWHERE}"),
    ("SELECT ?o FROM NAMED <{url}/x.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", f"FROM NAMED is not supported: {ELSEWHERE}"),
    ("SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", f"SERVICE is not supported: {ELSEWHERE}"),
    ("SELECT * WHERE {{ ?a rdfs:label ?l OPTIONAL {{ SERVICE SILENT <{url}/sparql> {{ ?a ?p ?o }} }} }}",
     f"SERVICE is not supported: {ELSEWHERE}"),
    ("SELECT * WHERE {{ ?a rdfs:label ?l FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?a ?p ?o }} }} }}",
     f"SERVICE is not supported: {ELSEWHERE}"),
    # over 600 characters: rdflib would POST this one rather than GET it
    ("SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o FILTER(?o != \"" + "x" * 700 + "\") }} }}",
     f"SERVICE is not supported: {ELSEWHERE}"),
    ("LOAD <{url}/x.ttl>", f"LOAD is not supported: {ELSEWHERE}"),
])
def test_nothing_reaches_the_network(runner, seed_output, http_server, query, message):
    for name in ("graph.ttl", "graph.trig"):
        result = runner.invoke(app, ["query", str(seed_output / name), query.format(url=http_server.url)])
        assert _one_line_failure(result) == message
        assert "REMOTE-PAYLOAD" not in result.output
    assert http_server.requests == []


@pytest.mark.parametrize(("query", "message"), [
    ("LOAD <{secret}>", f"LOAD is not supported: {ELSEWHERE}"),
    ("LOAD <{secret}> INTO GRAPH <urn:g>", f"LOAD is not supported: {ELSEWHERE}"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT DATA is not supported: graphkit query only reads (SELECT or ASK)"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE is not supported: graphkit query only reads (SELECT or ASK)"),
    ("CLEAR ALL", "CLEAR is not supported: graphkit query only reads (SELECT or ASK)"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT queries are not supported: use SELECT or ASK"),
    ("DESCRIBE <https://graphkit.example/entity/person/putin>", "DESCRIBE queries are not supported: use SELECT or ASK"),
])
def test_load_updates_and_graph_results_are_refused(runner, seed_output, secret, query, message):
    result = runner.invoke(app, ["query", str(seed_output / "graph.trig"), query.replace("{secret}", secret.as_uri())])
    assert _one_line_failure(result) == message
    assert "TOPSECRET" not in result.output


def test_the_words_in_comments_and_strings_are_harmless(runner, seed_output):
    query = ('# FROM <file:///etc/passwd> SERVICE <http://example.org/> LOAD\n'
             'SELECT ?who WHERE { ?a rdfs:label ?who FILTER(?who != "FROM <file:///etc/passwd> SERVICE LOAD") '
             '?a rel:honor ?b } ORDER BY ?who')
    result = runner.invoke(app, ["query", str(seed_output / "graph.ttl"), query])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["who", "Putin"]


@pytest.mark.parametrize("remote", [
    "{url}/context.jsonld",
    ["{url}/context.jsonld"],
    [{"name": "http://schema.org/name"}, "{url}/context.jsonld"],
    {"@import": "{url}/context.jsonld"},
    {"knows": {"@id": "http://schema.org/knows", "@context": "{url}/context.jsonld"}},
    "secret.jsonld",
])
def test_jsonld_never_fetches_a_context(runner, tmp_path, http_server, remote):
    (tmp_path / "secret.jsonld").write_text('{"@context": {"name": "urn:TOPSECRET"}}', encoding="utf-8")
    context = json.loads(json.dumps(remote).replace("{url}", http_server.url))
    document = {"@context": context, "@id": "urn:putin", "name": "Putin"}
    if isinstance(context, dict) and "knows" in context:  # a scoped context, read only where "knows" is used
        document = {"@context": context, "@id": "urn:putin", "knows": {"@id": "urn:tillerson", "name": "Tillerson"}}
    graph = tmp_path / "graph.jsonld"
    graph.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["query", str(graph), "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"])
    line = _one_line_failure(result)
    assert line.startswith(f"{graph}: JSON-LD @") and line.endswith("refused: graphkit never fetches a context; put the context itself in the file")
    assert http_server.requests == []
    assert "TOPSECRET" not in result.output


def test_jsonld_with_an_inline_context_is_queried(runner, tmp_path):
    graph = tmp_path / "graph.jsonld"
    graph.write_text(json.dumps({"@context": {"name": "http://schema.org/name"}, "@id": "urn:putin", "name": "Putin"}),
                     encoding="utf-8")
    result = runner.invoke(app, ["query", str(graph), "SELECT ?s ?o WHERE { ?s ?p ?o }"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["s\to", "urn:putin\tPutin"]


def test_a_runaway_query_stops_at_the_timeout(runner, seed_output):
    started = time.monotonic()
    result = runner.invoke(app, ["query", "--timeout", "2", str(seed_output / "graph.trig"), CARTESIAN])
    assert _one_line_failure(result) == "query stopped after 2 s (--timeout)"
    assert time.monotonic() - started < 30
    assert multiprocessing.active_children() == []


def test_a_runaway_query_stops_at_the_memory_cap(runner, seed_output):
    result = runner.invoke(app, ["query", "--timeout", "120", "--max-memory", "100", str(seed_output / "graph.ttl"), CARTESIAN])
    assert _one_line_failure(result) == "query ran out of memory (--max-memory 100 MB)"
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(("option", "value"), [("--timeout", "0"), ("--timeout", "nan"), ("--max-memory", "-1")])
def test_limits_must_be_positive(runner, seed_output, option, value):
    result = runner.invoke(app, ["query", option, value, str(seed_output / "graph.ttl"), HONOR])
    assert result.exit_code == 2
    assert option in result.stderr


def test_run_query_from_python(seed_output):
    columns, rows = run_query(seed_output / "graph.ttl", HONOR, timeout=60)
    assert (columns, rows) == (["who", "whom"], [["Putin", "Tillerson"]])
    with pytest.raises(QueryError, match=r"^query stopped after 1\.5 s \(--timeout\)$"):
        run_query(seed_output / "graph.ttl", CARTESIAN, timeout=1.5)
    with pytest.raises(InputError) as missing:
        run_query(seed_output / "nope.ttl", HONOR)
    assert missing.value.problem == "no such file"
