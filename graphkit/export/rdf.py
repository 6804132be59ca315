"""RDF: ``graph.ttl`` (Turtle) and ``graph.trig`` (one named graph per source document).

What a SPARQL user finds:

* each entity ``<.../entity/person/trump>`` with ``rdf:type gk:Person``,
  ``rdfs:label``, ``skos:altLabel`` per alias and ``gk:mentions``;
* a direct edge ``subject rel:honor object`` per relation, for simple queries;
* a node per statement (``rdf:Statement``) with ``rdf:subject``, ``rdf:predicate``,
  ``rdf:object`` and its evidence: ``gk:document``, ``gk:sentence``, ``gk:start``,
  ``gk:end`` (the sentence's character offsets), ``gk:extractor``,
  ``gk:confidence``, ``gk:negated``, ``gk:relationText``, and for reported speech
  ``gk:attributedTo`` (the speaker's label) and ``gk:speaker`` (the speaker's node);
* each document with ``dcterms:title``, ``dcterms:date``, ``dcterms:creator``, ``dcterms:source``.

IRIs are derived from entity ids, relation names and statement offsets only,
so they are the same on every run; no blank nodes are used.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from rdflib.plugins.serializers.trig import TrigSerializer

from graphkit.graph import KnowledgeGraph
from graphkit.ids import slug
from graphkit.types import Relation

BASE = "https://graphkit.example/"
GK = Namespace(BASE + "ns#")
ENTITY = Namespace(BASE + "entity/")
REL = Namespace(BASE + "relation/")
STATEMENT = Namespace(BASE + "statement/")
DOCUMENT = Namespace(BASE + "document/")
TYPE_CLASSES = {
    "PERSON": GK.Person,
    "ORG": GK.Organization,
    "GPE": GK.GeopoliticalEntity,
    "NORP": GK.Group,
    "LOC": GK.Location,
    "FAC": GK.Facility,
    "CONCEPT": GK.Concept,
}


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of an entity id such as ``person/trump``."""
    return ENTITY[quote(entity_id, safe="/")]


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a source document."""
    return DOCUMENT[quote(doc_id, safe="")]


def relation_iri(name: str) -> URIRef:
    """The predicate IRI of a relation name such as ``point to``."""
    return REL[slug(name)]


def statement_iri(relation: Relation) -> URIRef:
    """A stable IRI for one extraction, from its document, offsets, relation and extractor."""
    t = relation.triple
    obj = t.object
    key = "\x1f".join(
        str(part)
        for part in (
            t.provenance.doc_id, t.provenance.extractor, t.subject.start, t.subject.end, t.relation,
            obj.start if obj else "", obj.end if obj else "",
        )
    )
    return STATEMENT[hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]]


def _bind(graph: Graph) -> None:
    for prefix, namespace in (("gk", GK), ("ent", ENTITY), ("rel", REL), ("st", STATEMENT), ("doc", DOCUMENT),
                              ("skos", SKOS), ("dcterms", DCTERMS)):
        graph.bind(prefix, namespace)


def _describe(graph: KnowledgeGraph, out: Graph) -> None:
    """Entities, relation predicates and documents: what every named graph shares."""
    for entity in graph.nodes():
        node = entity_iri(entity.id)
        out.add((node, RDF.type, TYPE_CLASSES.get(entity.type, GK.Entity)))
        out.add((node, RDFS.label, Literal(entity.label)))
        out.add((node, GK.mentions, Literal(len(entity.mentions))))
        for alias in entity.alias_names:
            out.add((node, SKOS.altLabel, Literal(alias)))
    for relation in graph.edge_relations():
        predicate = relation_iri(relation.triple.relation_lemma)
        out.add((predicate, RDF.type, RDF.Property))
        out.add((predicate, RDFS.label, Literal(relation.triple.relation_lemma)))
    for doc in graph.documents:
        node = document_iri(doc.id)
        out.add((node, RDF.type, GK.Document))
        out.add((node, DCTERMS.identifier, Literal(doc.id)))
        for predicate, value in ((DCTERMS.title, doc.title), (DCTERMS.date, doc.date),
                                 (DCTERMS.creator, doc.author), (DCTERMS.source, doc.url)):
            if value:
                out.add((node, predicate, Literal(value)))


def _statements(relations: list[Relation], out: Graph) -> None:
    """Direct edges and one evidence-carrying statement node per relation."""
    for relation in relations:
        t = relation.triple
        subject, obj = entity_iri(relation.subject_id), entity_iri(relation.object_id)
        predicate = relation_iri(t.relation_lemma)
        out.add((subject, predicate, obj))
        node = statement_iri(relation)
        p = t.provenance
        for pred, value in (
            (RDF.type, RDF.Statement),
            (RDF.subject, subject),
            (RDF.predicate, predicate),
            (RDF.object, obj),
            (GK.relationText, Literal(t.relation)),
            (GK.document, document_iri(p.doc_id)),
            (GK.sentence, Literal(p.sentence)),
            (GK.start, Literal(p.sentence_start, datatype=XSD.integer)),
            (GK.end, Literal(p.sentence_end, datatype=XSD.integer)),
            (GK.extractor, Literal(p.extractor)),
            (GK.confidence, Literal(f"{t.confidence:.3f}", datatype=XSD.decimal)),
            (GK.negated, Literal(t.negated)),
        ):
            out.add((node, pred, value))
        if relation.speaker:
            out.add((node, GK.attributedTo, Literal(relation.speaker)))
        if relation.speaker_id:
            out.add((node, GK.speaker, entity_iri(relation.speaker_id)))


def to_rdf(graph: KnowledgeGraph) -> Graph:
    """The whole graph as one rdflib ``Graph``."""
    out = Graph()
    _bind(out)
    _describe(graph, out)
    _statements(graph.edge_relations(), out)
    return out


def to_dataset(graph: KnowledgeGraph) -> Dataset:
    """An rdflib ``Dataset``: shared descriptions in the default graph, each document's statements in its own graph."""
    dataset = Dataset()
    _bind(dataset)
    _describe(graph, dataset.default_graph)
    by_doc: dict[str, list[Relation]] = {}
    for relation in graph.edge_relations():
        by_doc.setdefault(relation.triple.provenance.doc_id, []).append(relation)
    for doc_id in sorted(by_doc):
        _statements(by_doc[doc_id], dataset.graph(document_iri(doc_id)))
    return dataset


def write_turtle(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write ``graph.ttl``."""
    to_rdf(graph).serialize(destination=str(path), format="turtle", encoding="utf-8")


def write_trig(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write ``graph.trig`` with one named graph per source document.

    rdflib writes a dataset's graphs in the order its store yields them, which
    varies between runs; the default graph is put first and the named graphs
    sorted by IRI so the file is the same every time.
    """
    dataset = to_dataset(graph)
    serializer = TrigSerializer(dataset)
    default = dataset.default_graph.identifier
    serializer.contexts.sort(key=lambda g: (g.identifier != default, str(g.identifier)))
    with open(path, "wb") as handle:
        serializer.serialize(handle, encoding="utf-8")
