"""graphkit query: SPARQL over the seed's Turtle and TriG exports."""

from __future__ import annotations

from graphkit.cli import app

HONOR = "SELECT ?who ?whom WHERE { ?a rel:honor ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }"


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
