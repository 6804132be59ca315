"""graphkit query: SPARQL on pyoxigraph over every export format and a store folder, and everything
a query must never do."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import time
from pathlib import Path

import pytest

from graphkit.cli import app
from graphkit.errors import InputError
from graphkit.registry import RDF_FILES, RDF_FORMATS
from graphkit.query import QueryError, load_rdf, query_results, run_query
from graphkit.registry import get_exporter

HONOR = "SELECT ?who ?whom WHERE { ?a rel:honor ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NO_SERVICE = "SERVICE is not supported: a query runs over the graph given and never goes online"


@pytest.fixture(scope="module")
def every_format(seed_graph, tmp_path_factory) -> dict[str, Path]:
    """The seed graph in each RDF format (``ttl``, ``trig``, ``nt``, ``nq``, ``jsonld``, ``xml``)."""
    folder = tmp_path_factory.mktemp("formats")
    paths = {}
    for name, exporter in RDF_FORMATS.items():
        paths[name] = folder / RDF_FILES[name]
        get_exporter(exporter)(seed_graph, paths[name])
    return paths


@pytest.mark.parametrize("name", list(RDF_FORMATS))
def test_select_over_every_format(runner, every_format, name):
    result = runner.invoke(app, ["query", str(every_format[name]), HONOR])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["who    whom", "Putin  Tillerson"]


def test_select_over_a_store_folder(runner, seed_store):
    result = runner.invoke(app, ["query", str(seed_store), HONOR, "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["?who\t?whom", '"Putin"\t"Tillerson"']


def test_w3c_result_formats(seed_output):
    graph = seed_output / "graph.trig"
    assert json.loads(query_results(graph, HONOR, "json"))["results"]["bindings"] == [
        {"who": {"type": "literal", "value": "Putin"}, "whom": {"type": "literal", "value": "Tillerson"}}]
    assert list(csv.reader(io.StringIO(query_results(graph, HONOR, "csv").decode()))) == [
        ["who", "whom"], ["Putin", "Tillerson"]]
    assert b"<literal>Putin</literal>" in query_results(graph, HONOR, "xml")
    with pytest.raises(QueryError, match=r"^unknown result format 'yaml' \(choose from: json, xml, csv, tsv"):
        query_results(graph, HONOR, "yaml")


def test_query_from_a_file_and_ask(runner, seed_output, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("# who backs whom, said by Trump\n"
                  "ASK { ?s a rdf:Statement ; gk:attributedTo \"Trump\" ; rdf:predicate rel:back }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", str(seed_output / "graph.ttl"), "--file", str(rq)])
    assert result.stdout.splitlines() == ["ask", "true"]
    both = runner.invoke(app, ["query", str(seed_output / "graph.ttl"), HONOR, "--file", str(rq)])
    assert both.exit_code == 2
    missing = runner.invoke(app, ["query", str(seed_output / "graph.ttl"), "--file", str(tmp_path / "none.rq")])
    assert _one_line_failure(missing).startswith(f"{tmp_path / 'none.rq'}: cannot read the query (")


def test_prefixes_follow_the_graphs_base_iri(runner, seed_graph, tmp_path):
    from graphkit.export.rdf import write_turtle

    path = tmp_path / "graph.ttl"
    write_turtle(seed_graph, path, base="https://news.example.org/kg/")
    columns, rows = run_query(path, "SELECT ?who WHERE { ?a rel:honor ?b . ?a rdfs:label ?who . "
                                    "FILTER(STRSTARTS(STR(?a), STR(ent:))) }", timeout=60)
    assert rows == [["Putin"]]
    assert run_query(path, "SELECT ?a WHERE { ?a rdfs:label \"Putin\" }", timeout=60)[1] == [
        ["https://news.example.org/kg/entity/person/putin"]]


def test_a_stores_prefixes_come_from_the_base_it_was_written_with(seed_graph, tmp_path):
    from graphkit.query.sparql import GraphSource, prefixes_of
    from graphkit.query.store import write_store

    folder = write_store(seed_graph, tmp_path / "store", "https://news.example.org/kg/")
    graph = GraphSource.at(folder)
    assert graph.prefixes()["ent"] == "https://news.example.org/kg/entity/"  # read from the marker
    assert graph.prefixes() == prefixes_of(graph.open())  # what the graph's own VoID says
    assert run_query(folder, "SELECT ?a WHERE { ?a rdfs:label \"Putin\" . FILTER(STRSTARTS(STR(?a), STR(ent:))) }",
                     timeout=60)[1] == [["https://news.example.org/kg/entity/person/putin"]]


def _one_line_failure(result) -> str:
    """The single stderr line of a failed query, after checking there is nothing else."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(("query", "message"), [
    ("SELEC ?x WHERE {", "invalid SPARQL: error at 1:10: expected "),
    ("SELECT ?x WHERE {\n  ?x rdfs:label \n}", "invalid SPARQL: error at 3:1: expected "),
    ("SELECT ?x WHERE { ?x nope:label ?y }", "invalid SPARQL: error at 1:32: undeclared prefix"),
])
def test_a_bad_query_is_one_line_with_its_position(runner, seed_output, query, message):
    result = runner.invoke(app, ["query", str(seed_output / "graph.ttl"), query])
    assert _one_line_failure(result).startswith(message)


def test_a_bad_file_is_one_line(runner, seed_output, tmp_path):
    missing = runner.invoke(app, ["query", str(tmp_path / "nope.ttl"), HONOR])
    assert _one_line_failure(missing) == f"{tmp_path / 'nope.ttl'}: no such file"
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    assert _one_line_failure(runner.invoke(app, ["query", str(broken), HONOR])).startswith(
        f"{broken}: cannot parse turtle (")
    folder = tmp_path / "folder"
    folder.mkdir()
    assert _one_line_failure(runner.invoke(app, ["query", str(folder), HONOR])) == (
        f"{folder}: not a graphkit store (a folder written by graphkit build --store)")
    odd = tmp_path / "graph.owl"
    odd.write_text("", encoding="utf-8")
    assert "unsupported RDF file type '.owl'" in _one_line_failure(runner.invoke(app, ["query", str(odd), HONOR]))


@pytest.fixture
def secret(tmp_path) -> Path:
    """A Turtle file next to the graph that a query must never read."""
    path = tmp_path / "secret.ttl"
    path.write_text('<urn:secret> <urn:is> "TOPSECRET" .\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
@pytest.mark.parametrize("pattern", ["FROM <{file}> WHERE { ?s ?p ?o }", "FROM NAMED <{file}> WHERE { GRAPH ?g { ?s ?p ?o } }",
                                     "FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"])
def test_from_names_a_graph_of_the_dataset_and_never_reads_a_file(runner, seed_output, secret, name, pattern):
    query = "SELECT ?o " + pattern.replace("{file}", secret.as_uri())
    result = runner.invoke(app, ["query", str(seed_output / name), query])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["o"]
    assert "TOPSECRET" not in result.output


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", NO_SERVICE),
    ("select * where {{ ?a rdfs:label ?l OPTIONAL {{ service silent <{url}/sparql> {{ ?a ?p ?o }} }} }}", NO_SERVICE),
    ("SELECT * WHERE {{ ?a rdfs:label ?l FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?a ?p ?o }} }} }}", NO_SERVICE),
    ("SELECT * WHERE {{ ?a rdfs:label ?l FILTER(?l<?l)SERVICE<{url}/sparql>{{ ?a ?p ?o }} FILTER(?l>?l) }}", NO_SERVICE),
    ("SELECT * WHERE {{ ?a rdfs:label ?l . #\n SERVICE <{url}/sparql> {{ ?a ?p ?o }} }}", NO_SERVICE),
    ("SELECT ?o FROM <{url}/x.ttl> WHERE {{ ?s ?p ?o }}", None),
    # "<'>" reads as an IRI to the word check, which then takes "' || true) SERVICE ... BIND('" for a
    # string; pyoxigraph reads 1 < '>' and calls the service: the kernel refuses the socket
    ("SELECT * WHERE {{ FILTER(1<'>' || true) SERVICE <{url}/sparql> {{ ?s ?p ?o }} BIND('' AS ?z) }}",
     "query failed: Permission denied (os error 13)"),
    ("LOAD <{url}/x.ttl>", "LOAD is not supported: graphkit only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)"),
])
def test_nothing_reaches_the_network(runner, seed_output, http_server, query, message):
    for name in ("graph.ttl", "graph.trig"):
        result = runner.invoke(app, ["query", str(seed_output / name), query.format(url=http_server.url)])
        if message is None:
            assert result.exit_code == 0 and result.stdout.splitlines() == ["o"], result.output
        else:
            assert _one_line_failure(result) == message
        assert "REMOTE-PAYLOAD" not in result.output
    assert http_server.requests == []


@pytest.mark.parametrize(("query", "message"), [
    ("LOAD <{secret}> INTO GRAPH <urn:g>", "LOAD is not supported: graphkit only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT is not supported: graphkit only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)"),
    ("PREFIX x: <urn:x#> DELETE WHERE { ?s ?p ?o }", "DELETE is not supported: graphkit only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)"),
    ("CLEAR ALL", "CLEAR is not supported: graphkit only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT queries are not supported here: use SELECT or ASK"),
])
def test_updates_and_graph_results_are_refused(runner, seed_output, secret, query, message):
    result = runner.invoke(app, ["query", str(seed_output / "graph.trig"), query.replace("{secret}", secret.as_uri())])
    assert _one_line_failure(result) == message
    assert "TOPSECRET" not in result.output


def test_the_words_in_comments_strings_and_names_are_harmless(runner, seed_output):
    query = ('# SERVICE <http://example.org/> LOAD\n'
             'PREFIX service: <urn:service#>\n'
             'SELECT ?who WHERE { ?a rdfs:label ?who FILTER(?who != "SERVICE <x> LOAD") '
             'OPTIONAL { ?a service:SERVICE ?service } ?a rel:honor ?b } ORDER BY ?who')
    result = runner.invoke(app, ["query", str(seed_output / "graph.ttl"), query])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["who", "Putin"]


@pytest.mark.parametrize("remote", [
    "{url}/context.jsonld",
    ["{url}/context.jsonld"],
    [{"name": "http://schema.org/name"}, "{url}/context.jsonld"],
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
    assert _one_line_failure(result).startswith(f"{graph}: cannot parse json-ld (")
    assert http_server.requests == []
    assert "TOPSECRET" not in result.output


def test_jsonld_with_an_inline_context_is_queried(runner, tmp_path):
    graph = tmp_path / "graph.jsonld"
    graph.write_text(json.dumps({"@context": {"name": "http://schema.org/name"}, "@id": "urn:putin", "name": "Putin"}),
                     encoding="utf-8")
    result = runner.invoke(app, ["query", str(graph), "SELECT ?s ?o WHERE { ?s ?p ?o }", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["s,o", "urn:putin,Putin"]


def test_a_runaway_query_stops_at_the_timeout(runner, seed_output):
    started = time.monotonic()
    result = runner.invoke(app, ["query", "--timeout", "2", str(seed_output / "graph.trig"),
                                 "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"])
    assert _one_line_failure(result) == "query stopped after 2 s (--timeout)"
    assert time.monotonic() - started < 30
    assert multiprocessing.active_children() == []


def test_a_runaway_query_stops_at_the_memory_cap(runner, seed_output):
    result = runner.invoke(app, ["query", "--timeout", "120", "--max-memory", "100", str(seed_output / "graph.ttl"),
                                 CARTESIAN + " ORDER BY ?c ?f ?i"])
    assert _one_line_failure(result) in ("query ran out of memory (--max-memory 100 MB)",
                                         "query process ended by SIGABRT, probably out of memory")
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(("option", "value"), [("--timeout", "0"), ("--timeout", "nan"), ("--max-memory", "-1")])
def test_limits_must_be_positive(runner, seed_output, option, value):
    result = runner.invoke(app, ["query", option, value, str(seed_output / "graph.ttl"), HONOR])
    assert result.exit_code == 2
    assert option in result.stderr


def test_run_query_and_load_rdf_from_python(seed_output, seed_store):
    columns, rows = run_query(seed_output / "graph.ttl", HONOR, timeout=60)
    assert (columns, rows) == (["who", "whom"], [["Putin", "Tillerson"]])
    with pytest.raises(QueryError, match=r"^query stopped after 1\.5 s \(--timeout\)$"):
        run_query(seed_output / "graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                  timeout=1.5)
    with pytest.raises(InputError) as missing:
        run_query(seed_output / "nope.ttl", HONOR)
    assert missing.value.problem == "no such file"
    turtle, trig, store = load_rdf(seed_output / "graph.ttl"), load_rdf(seed_output / "graph.trig"), load_rdf(seed_store)
    assert len(turtle) > 1000
    assert len(store) == len(trig)  # the store holds the TriG's quads (numbers in canonical form: 0.7, not 0.700)
    assert [(str(r.who), str(r.whom)) for r in store.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX rel: <https://graphkit.example/relation/> "
        + HONOR)] == [("Putin", "Tillerson")]
