"""RDF: SPARQL over the Turtle export finds actors, direct edges and statement evidence."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from tests.conftest import SEED_FILE

PREFIXES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX gk: <https://graphkit.example/ns#>
PREFIX rel: <https://graphkit.example/relation/>
"""


def _turtle(seed_output) -> Graph:
    return Graph().parse(seed_output / "graph.ttl", format="turtle")


def test_entities_have_type_label_and_aliases(seed_output):
    graph = _turtle(seed_output)
    rows = graph.query(PREFIXES + """
        SELECT ?alias WHERE { ?e a gk:Person ; rdfs:label "Bashar al-Assad" ; skos:altLabel ?alias }""")
    assert {str(r.alias) for r in rows} == {"Assad", "Bashar Assad", "the Syrian president"}
    people = {str(r.label) for r in graph.query(PREFIXES + "SELECT ?label WHERE { ?e a gk:Person ; rdfs:label ?label }")}
    assert {"Trump", "Putin", "Tillerson", "Lavrov", "Bashar al-Assad"} <= people
    assert not people & {"he", "He", "him", "his"}


def test_direct_edge_and_statement_with_evidence(seed_output):
    graph = _turtle(seed_output)
    assert list(graph.query(PREFIXES + """
        ASK { ?p rdfs:label "Putin" . ?t rdfs:label "Tillerson" . ?p rel:honor ?t }"""))[0] is True
    rows = list(graph.query(PREFIXES + """
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?sentence ?start ?end ?extractor ?confidence ?doc WHERE {
            ?s a rdf:Statement ; rdf:predicate rel:honor ; gk:sentence ?sentence ; gk:start ?start ;
               gk:end ?end ; gk:extractor ?extractor ; gk:confidence ?confidence ; gk:document ?doc }"""))
    assert len(rows) == 1
    row = rows[0]
    text = SEED_FILE.read_text(encoding="utf-8")
    assert text[row.start.toPython() : row.end.toPython()] == str(row.sentence)
    assert str(row.extractor) == "clauses.v1"
    assert 0 < float(row.confidence) <= 1
    assert str(row.doc).endswith("/document/us-russia-relations-2017.txt")


def test_trig_has_one_named_graph_per_document(seed_output):
    dataset = Dataset()
    dataset.parse(seed_output / "graph.trig", format="trig")
    named = {str(g.identifier) for g in dataset.graphs() if isinstance(g.identifier, URIRef)
             and "/document/" in str(g.identifier)}
    assert named == {"https://graphkit.example/document/us-russia-relations-2017.txt"}
    doc_graph = dataset.graph(URIRef("https://graphkit.example/document/us-russia-relations-2017.txt"))
    assert len(doc_graph) > 100


def test_reported_statements_name_their_speaker_node(seed_output):
    graph = _turtle(seed_output)
    rows = list(graph.query(PREFIXES + """
        SELECT DISTINCT ?speaker WHERE { ?s gk:speaker ?node ; rdf:predicate rel:back . ?node rdfs:label ?speaker }""",
        initNs={"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}))
    assert [str(r.speaker) for r in rows] == ["Trump"]
