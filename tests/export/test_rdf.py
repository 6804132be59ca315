"""RDF: the model a SPARQL user finds, every format parsing back to the same graph, and golden files.

Turtle and TriG are graphkit's own streamed writers; N-Triples and N-Quads come from the same pass,
JSON-LD and RDF/XML from pyoxigraph's serializers. Each is read back here by rdflib, a parser
of its own, and compared with ``rdflib.compare.isomorphic``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graphkit.errors import ExportError
from graphkit.export.rdf import entity_iri, rdf_string, write_trig, write_turtle, write_turtle_and_trig
from graphkit.graph import KnowledgeGraph
from graphkit.registry import RDF_FILES, RDF_FORMATS, get_exporter
from tests.conftest import SEED_FILE
from tests.export.test_golden import GOLDEN, small_graph

GK = Namespace("https://graphkit.example/ns#")
SCHEMA = Namespace("http://schema.org/")
RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "xml": "xml"}
DATASETS = ("trig", "nq")
PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX gk: <https://graphkit.example/ns#>
PREFIX rel: <https://graphkit.example/relation/>
"""


@pytest.fixture(scope="module")
def seed_turtle(seed_graph, tmp_path_factory) -> Graph:
    path = tmp_path_factory.mktemp("rdf") / "graph.ttl"
    write_turtle(seed_graph, path)
    return Graph().parse(path, format="turtle")


def _rows(graph: Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(value) for value in row) for row in graph.query(PREFIXES + query))


def test_entities_are_schema_org_things_with_labels(seed_turtle):
    assert _rows(seed_turtle, """SELECT ?alias WHERE { ?e a schema:Person ; rdfs:label "Bashar al-Assad" ;
                                 skos:prefLabel "Bashar al-Assad" ; skos:altLabel ?alias }""") == [
        ("Assad",), ("Bashar Assad",), ("the Syrian president",)]
    people = {row[0] for row in _rows(seed_turtle, "SELECT ?l WHERE { ?e a schema:Person ; rdfs:label ?l }")}
    assert {"Trump", "Putin", "Tillerson", "Lavrov", "Bashar al-Assad"} <= people
    assert not people & {"he", "He", "him", "his"}
    assert ("Russian Federation",) in _rows(seed_turtle, "SELECT ?l WHERE { ?e a schema:Country ; rdfs:label ?l }")
    assert ("United Nations",) in _rows(seed_turtle, "SELECT ?l WHERE { ?e a schema:Organization ; rdfs:label ?l }")
    assert _rows(seed_turtle, "SELECT ?l WHERE { ?e a gk:Concept ; rdfs:label ?l } LIMIT 1")
    # SKOS: a name is never both an entity's preferred and an alternative label
    assert _rows(seed_turtle, "SELECT ?e WHERE { ?e skos:prefLabel ?l ; skos:altLabel ?l }") == []


def test_documents_are_news_articles(seed_turtle):
    assert _rows(seed_turtle, "SELECT ?id ?title WHERE { ?d a schema:NewsArticle ; schema:identifier ?id ; "
                              "schema:headline ?title }") == [
        ("us-russia-relations-2017.txt", "Russian relations 'may be at an all-time low'")]


def test_direct_edge_and_statement_with_evidence(seed_turtle):
    assert list(seed_turtle.query(PREFIXES + """
        ASK { ?p rdfs:label "Putin" . ?t rdfs:label "Tillerson" . ?p rel:honor ?t }"""))[0] is True
    rows = list(seed_turtle.query(PREFIXES + """
        SELECT ?sentence ?start ?end ?extractor ?confidence ?doc ?subject ?object ?event ?intensity ?negated WHERE {
            ?s a rdf:Statement ; rdf:predicate rel:honor ; gk:sentence ?sentence ; gk:start ?start ; gk:end ?end ;
               gk:extractor ?extractor ; gk:confidence ?confidence ; prov:wasDerivedFrom ?doc ;
               gk:subjectText ?subject ; gk:objectText ?object ; gk:event ?event ; gk:intensity ?intensity ;
               gk:negated ?negated }"""))
    assert len(rows) == 1
    row = rows[0]
    text = SEED_FILE.read_text(encoding="utf-8")
    assert text[row.start.toPython() : row.end.toPython()] == str(row.sentence)
    assert (str(row.extractor), str(row.subject), str(row.object), str(row.event)) == (
        "clauses.v1", "Putin", "Tillerson", "SUPPORT")
    assert 0 < float(row.confidence) <= 1 and float(row.intensity) > 0 and row.negated.toPython() is False
    assert str(row.doc).endswith("/document/us-russia-relations-2017.txt")


def test_every_extraction_is_a_statement_reported_speech_included(seed_graph, seed_turtle):
    statements = _rows(seed_turtle, "SELECT ?s WHERE { ?s a rdf:Statement }")
    assert len(statements) == len(seed_graph.relations) > len(seed_graph.edge_relations())
    # what Lavrov said: claims whose subject or object is no node still name their speaker
    claims = _rows(seed_turtle, """SELECT ?who ?did WHERE { ?c gk:speaker/rdfs:label "Lavrov" ;
                                   gk:attributedTo "Lavrov" ; gk:subjectText ?who ; gk:relationText ?did }""")
    assert ("We", "have seen") in claims and ("Russia", "is") in claims
    assert _rows(seed_turtle, """SELECT DISTINCT ?speaker WHERE { ?s gk:speaker ?node ; rdf:predicate rel:back .
                                 ?node rdfs:label ?speaker }""") == [("Trump",)]


def test_the_base_iri_is_configurable_and_the_vocabulary_is_not(seed_graph, tmp_path):
    write_turtle(seed_graph, tmp_path / "graph.ttl", base="https://news.example.org/kg/")
    graph = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    putin = URIRef("https://news.example.org/kg/entity/person/putin")
    assert (putin, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Putin")) in graph
    assert (putin, URIRef("https://news.example.org/kg/relation/honor"),
            URIRef("https://news.example.org/kg/entity/person/tillerson")) in graph
    assert not any("graphkit.example/entity" in str(term) for triple in graph for term in triple)
    assert (None, GK.sentence, None) in graph
    with pytest.raises(ExportError, match="base IRI 'news' must be an absolute IRI ending in '/' or '#'"):
        write_turtle(seed_graph, tmp_path / "bad.ttl", base="news")


def test_build_writes_the_formats_asked_for(runner, tmp_path):
    from graphkit.cli import app
    from tests.conftest import SEEDS

    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(out), "-q", "--rdf", "nt,jsonld",
                                 "--base-iri", "https://news.example.org/kg/", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert {"graph.nt", "graph.jsonld"} <= names and not {"graph.ttl", "graph.trig", "graph.nq", "graph.rdf"} & names
    assert "<https://news.example.org/kg/entity/person/putin>" in (out / "graph.nt").read_text(encoding="utf-8")
    assert (tmp_path / "store" / "graphkit-store.json").is_file()
    bad = runner.invoke(app, ["build", str(SEEDS), "-o", str(out), "--rdf", "ttl,owl"])
    assert bad.exit_code == 2 and "--rdf" in bad.stderr
    base = runner.invoke(app, ["build", str(SEEDS), "-o", str(out), "--base-iri", "news"])
    assert base.exit_code == 2 and "--base-iri" in base.stderr
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    refused = runner.invoke(app, ["build", str(SEEDS), "-o", str(out), "-q", "--store", str(tmp_path / "notes")])
    assert refused.exit_code == 1 and "not a graphkit store; refusing to replace it" in refused.stderr
    assert (tmp_path / "notes" / "mine.txt").read_text(encoding="utf-8") == "keep me"


def _write(kg: KnowledgeGraph, folder, name: str):
    path = folder / RDF_FILES[name]
    get_exporter(RDF_FORMATS[name])(kg, path)
    return path


def _parsed(path, name: str) -> dict[str, Graph]:
    """Graph name -> graph, ``""`` for the default graph; a triples format is one default graph."""
    if name not in DATASETS:
        return {"": Graph().parse(path, format=RDFLIB_FORMATS[name])}
    dataset = Dataset()
    dataset.parse(path, format=RDFLIB_FORMATS[name])
    graphs = {}
    for graph in dataset.graphs():
        key = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
        if len(graph) or key:
            graphs[key] = graph
    return graphs


def _assert_every_format_isomorphic(kg: KnowledgeGraph, folder) -> Graph:
    """Each triples format parses to the Turtle's graph; each dataset to the TriG's graphs, whose union is
    the Turtle's graph. Returns the Turtle's graph."""
    turtle = _parsed(_write(kg, folder, "ttl"), "ttl")[""]
    trig = _parsed(_write(kg, folder, "trig"), "trig")
    for name in RDF_FORMATS:
        parsed = _parsed(_write(kg, folder, name), name)
        if name in DATASETS:
            assert sorted(parsed) == sorted(trig), name
            for key, graph in trig.items():
                assert isomorphic(parsed[key], graph), f"{name}: graph {key or 'default'}"
        else:
            assert isomorphic(parsed[""], turtle), name
    union = Graph()
    for graph in trig.values():
        for triple in graph:
            union.add(triple)
    assert isomorphic(union, turtle)
    return turtle


def test_every_format_round_trips_on_the_seed(seed_graph, tmp_path):
    turtle = _assert_every_format_isomorphic(seed_graph, tmp_path)
    assert len(turtle) > 1000


@pytest.mark.parametrize("name", list(RDF_FORMATS))
def test_rdf_files_are_byte_identical_across_writes_and_match_golden(name, tmp_path, request):
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir()
    second.mkdir()
    written = _write(small_graph(), first, name).read_text(encoding="utf-8")
    assert _write(small_graph(), second, name).read_text(encoding="utf-8") == written
    golden = GOLDEN / RDF_FILES[name]
    if request.config.getoption("--update-golden"):
        golden.write_text(written, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), written.splitlines(True), f"golden/{golden.name}", name))
    assert written == expected, f"{golden.name} changed (regenerate with --update-golden if intended):\n{diff}"


HOSTILE = [
    'say "no"', "back\\slash", "two\nlines", "ends in a quote\"", 'triple """ quotes', "ends\n\"\"",
    "cr\r\nlf", "tab\there", "control\x0bchar\x1b", "lone \ud800 surrogate", "北京 🇫🇷 e\u0301",
    "\\u0041 not an escape", "'single' and ''two''", "\n", " ", "x\\", "<tag> {braces} | ^caret `tick`",
    "]]> <!-- & &amp;",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_any_string_round_trips_through_every_format(value, tmp_path):
    kg = small_graph()
    doc_id = f"news/{value}"
    doc = replace(kg.documents[0], id=doc_id, title=value, author=value, url=value)
    honor, reported = kg.relations
    triple = replace(honor.triple, relation=value, relation_lemma=value,
                     provenance=replace(honor.triple.provenance, doc_id=doc_id, sentence=value))
    said = replace(reported.triple, provenance=replace(reported.triple.provenance, doc_id=doc_id))
    relations = (replace(honor, triple=triple), replace(reported, triple=said, speaker=value))
    entities = tuple(replace(e, label=value, aliases=((value + " alias", 1),)) if e.id == "person/putin" else e
                     for e in kg.entities)
    kg = KnowledgeGraph(documents=(doc,), entities=entities, relations=relations)
    turtle = _assert_every_format_isomorphic(kg, tmp_path)
    safe = Literal(rdf_string(value))
    assert (URIRef(entity_iri("person/putin")), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), safe) in turtle
    assert (None, GK.sentence, safe) in turtle and (None, GK.attributedTo, safe) in turtle
    assert (None, SCHEMA.headline, safe) in turtle and (None, SCHEMA.url, safe) in turtle


def test_a_document_url_is_an_iri_when_it_is_one(tmp_path):
    kg = small_graph()
    kg = KnowledgeGraph(documents=(replace(kg.documents[0], url="https://news.example.org/a?b=1#c"),),
                        entities=kg.entities, relations=kg.relations)
    write_trig(kg, tmp_path / "graph.trig")
    dataset = Dataset(default_union=True)
    dataset.parse(tmp_path / "graph.trig", format="trig")
    assert (None, SCHEMA.url, URIRef("https://news.example.org/a?b=1#c")) in dataset


def test_turtle_and_trig_written_in_one_pass_are_the_files_written_apart(tmp_path):
    # three documents' statements interleaved, so the TriG's named graphs (sorted by IRI) hold them in another order
    from tests.export.test_gexf import awkward_graph

    kg = awkward_graph()
    kg = replace(kg, relations=tuple(kg.relations[i] for i in (4, 1, 5, 0, 3, 2)))
    apart, together = tmp_path / "apart", tmp_path / "together"
    apart.mkdir()
    together.mkdir()
    _assert_every_format_isomorphic(kg, apart)  # the TriG's graphs hold what the N-Quads' do
    write_turtle_and_trig(kg, together / "graph.ttl", together / "graph.trig")
    for name in ("graph.ttl", "graph.trig"):
        assert (together / name).read_bytes() == (apart / name).read_bytes(), name
    assert sorted(p.name for p in together.iterdir()) == ["graph.trig", "graph.ttl"]  # no temporary file left
    in_order = lambda path, pattern: list(dict.fromkeys(re.findall(pattern, path.read_text(encoding="utf-8"))))  # noqa: E731
    trig_order = in_order(together / "graph.trig", r"st:([0-9a-f]{20})")
    assert len(trig_order) >= 3 and trig_order == in_order(apart / "graph.nq", r"/statement/([0-9a-f]{20})>")


def test_export_writes_turtle_and_trig_in_one_pass_with_their_options(tmp_path, monkeypatch):
    # graphkit build's RDF files: one pass for the two, which gives each the same bytes as its own writer
    from graphkit.export import export
    from graphkit.export import rdf

    calls = []
    one_pass = rdf.write_turtle_and_trig
    monkeypatch.setattr(rdf, "write_turtle_and_trig", lambda *args, **kw: calls.append(args[1:]) or one_pass(*args, **kw))
    base = "https://news.example.org/kg/"
    outputs = {"graph.ttl": "turtle", "graph.trig": "trig"}
    export(small_graph(), tmp_path / "out", outputs, {name: {"base": base} for name in outputs})
    assert [tuple(Path(p).name for p in paths) for paths in calls] == [("graph.ttl", "graph.trig")]
    write_turtle(small_graph(), tmp_path / "alone.ttl", base=base)
    write_trig(small_graph(), tmp_path / "alone.trig", base=base)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (tmp_path / "alone.ttl").read_bytes()
    assert (tmp_path / "out" / "graph.trig").read_bytes() == (tmp_path / "alone.trig").read_bytes()
