"""RDF: SPARQL over the Turtle export finds actors, direct edges and statement evidence.

The exporter writes Turtle and TriG itself, streaming; these tests check that the files parse
into the graph rdflib built from the same data before (kept below as the reference), for the
seed and for strings that need escaping.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as vocab
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graphkit.export.rdf import (
    GK, TYPE_CLASSES, document_iri, entity_iri, relation_iri, statement_iri, write_trig, write_turtle,
)
from graphkit.graph import KnowledgeGraph
from graphkit.text import xml_safe
from tests.conftest import SEED_FILE
from tests.export.test_golden import small_graph

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


# The graph rdflib built before the exporters streamed (graphkit 0.1's to_rdf / to_dataset), kept
# here as the reference that the streamed files must parse into. ``literal`` makes the literals.
def _describe(kg, out: Graph, literal=Literal) -> None:
    for entity in kg.nodes():
        node = entity_iri(entity.id)
        out.add((node, vocab.RDF.type, TYPE_CLASSES.get(entity.type, GK.Entity)))
        out.add((node, vocab.RDFS.label, literal(entity.label)))
        out.add((node, GK.mentions, literal(len(entity.mentions))))
        for alias in entity.alias_names:
            out.add((node, vocab.SKOS.altLabel, literal(alias)))
    for relation in kg.edge_relations():
        predicate = relation_iri(relation.triple.relation_lemma)
        out.add((predicate, vocab.RDF.type, vocab.RDF.Property))
        out.add((predicate, vocab.RDFS.label, literal(relation.triple.relation_lemma)))
    for doc in kg.documents:
        node = document_iri(doc.id)
        out.add((node, vocab.RDF.type, GK.Document))
        out.add((node, vocab.DCTERMS.identifier, literal(doc.id)))
        for predicate, value in ((vocab.DCTERMS.title, doc.title), (vocab.DCTERMS.date, doc.date),
                                 (vocab.DCTERMS.creator, doc.author), (vocab.DCTERMS.source, doc.url)):
            if value:
                out.add((node, predicate, literal(value)))


def _statements(relations, out: Graph, literal=Literal) -> None:
    for relation in relations:
        t, p = relation.triple, relation.triple.provenance
        subject, obj = entity_iri(relation.subject_id), entity_iri(relation.object_id)
        predicate = relation_iri(t.relation_lemma)
        out.add((subject, predicate, obj))
        node = statement_iri(relation)
        for pred, value in (
            (vocab.RDF.type, vocab.RDF.Statement), (vocab.RDF.subject, subject),
            (vocab.RDF.predicate, predicate), (vocab.RDF.object, obj),
            (GK.relationText, literal(t.relation)), (GK.document, document_iri(p.doc_id)),
            (GK.sentence, literal(p.sentence)),
            (GK.start, literal(p.sentence_start, datatype=vocab.XSD.integer)),
            (GK.end, literal(p.sentence_end, datatype=vocab.XSD.integer)), (GK.extractor, literal(p.extractor)),
            (GK.confidence, literal(f"{t.confidence:.3f}", datatype=vocab.XSD.decimal)),
            (GK.negated, literal(t.negated)),
        ):
            out.add((node, pred, value))
        if relation.event:
            out.add((node, GK.event, literal(relation.event)))
        if relation.intensity is not None:
            out.add((node, GK.intensity, literal(f"{relation.intensity:.1f}", datatype=vocab.XSD.decimal)))
        for pred, value in ((vocab.DCTERMS.date, relation.date), (GK.eventDate, relation.event_date)):
            if value:
                datatype = {10: vocab.XSD.date, 7: vocab.XSD.gYearMonth, 4: vocab.XSD.gYear}[len(value)]
                out.add((node, pred, literal(value, datatype=datatype)))
        if relation.speaker:
            out.add((node, GK.attributedTo, literal(relation.speaker)))
        if relation.speaker_id:
            out.add((node, GK.speaker, entity_iri(relation.speaker_id)))


def _safe_literal(value, **kwargs) -> Literal:
    return Literal(xml_safe(value) if isinstance(value, str) else value, **kwargs)


def _reference_graph(kg, literal=Literal) -> Graph:
    out = Graph()
    _describe(kg, out, literal)
    _statements(kg.edge_relations(), out, literal)
    return out


def _reference_graphs(kg, literal=Literal) -> dict[str, Graph]:
    """The old dataset as graph name -> graph ("" for the default graph)."""
    graphs = {"": Graph()}
    _describe(kg, graphs[""], literal)
    for relation in kg.edge_relations():
        name = str(document_iri(relation.triple.provenance.doc_id))
        _statements([relation], graphs.setdefault(name, Graph()), literal)
    return graphs


def _parsed_graphs(path) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(path, format="trig")
    graphs = {}
    for graph in dataset.graphs():
        name = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
        if len(graph) or name:
            graphs[name] = graph
    return graphs


def _assert_same_graphs(kg, folder, literal=Literal) -> None:
    turtle = Graph().parse(folder / "graph.ttl", format="turtle")
    assert isomorphic(turtle, _reference_graph(kg, literal))
    expected, parsed = _reference_graphs(kg, literal), _parsed_graphs(folder / "graph.trig")
    assert sorted(parsed) == sorted(expected)
    for name, graph in expected.items():
        assert isomorphic(parsed[name], graph), name


def test_streamed_turtle_and_trig_parse_into_the_graph_rdflib_built(seed_graph, tmp_path):
    write_turtle(seed_graph, tmp_path / "graph.ttl")
    write_trig(seed_graph, tmp_path / "graph.trig")
    _assert_same_graphs(seed_graph, tmp_path)


def test_rdf_files_are_byte_identical_across_writes(seed_graph, tmp_path):
    for name, write in (("graph.ttl", write_turtle), ("graph.trig", write_trig)):
        write(seed_graph, tmp_path / f"1-{name}")
        write(seed_graph, tmp_path / f"2-{name}")
        assert (tmp_path / f"1-{name}").read_bytes() == (tmp_path / f"2-{name}").read_bytes()


HOSTILE = [
    'say "no"', "back\\slash", "two\nlines", "ends in a quote\"", 'triple """ quotes', "ends\n\"\"",
    "cr\r\nlf", "tab\there", "control\x0bchar\x1b", "lone \ud800 surrogate", "北京 🇫🇷 e\u0301",
    "\\u0041 not an escape",
    "'single' and ''two''", "\n", " ", "x\\", "<tag> {braces} | ^caret `tick`",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_any_string_round_trips_through_turtle_and_trig(value, tmp_path):
    kg = small_graph()
    doc_id = f"news/{value}"
    doc = replace(kg.documents[0], id=doc_id, title=value, author=value)
    honor, reported = kg.relations
    triple = replace(honor.triple, relation=value, relation_lemma=value,
                     provenance=replace(honor.triple.provenance, doc_id=doc_id, sentence=value))
    said = replace(reported.triple, provenance=replace(reported.triple.provenance, doc_id=doc_id))
    relations = (replace(honor, triple=triple), replace(reported, triple=said, speaker=value))
    entities = tuple(replace(e, label=value, aliases=((value + " alias", 1),)) if e.id == "person/putin" else e
                     for e in kg.entities)
    kg = KnowledgeGraph(documents=(doc,), entities=entities, relations=relations)
    write_turtle(kg, tmp_path / "graph.ttl")
    write_trig(kg, tmp_path / "graph.trig")
    _assert_same_graphs(kg, tmp_path, _safe_literal)
    turtle = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    safe = Literal(xml_safe(value))
    assert (entity_iri("person/putin"), vocab.RDFS.label, safe) in turtle
    assert (None, GK.sentence, safe) in turtle and (None, GK.attributedTo, safe) in turtle
