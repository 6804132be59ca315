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
  between two actors ``gk:event`` (the PLOVER type) and ``gk:intensity`` (Goldstein,
  -10..+10); ``dcterms:date`` (the document's date) and ``gk:eventDate`` (the date the
  sentence gives the event), typed ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``;
* each document with ``dcterms:title``, ``dcterms:date``, ``dcterms:creator``, ``dcterms:source``.

IRIs are derived from entity ids, relation names and statement offsets only,
so they are the same on every run; no blank nodes are used.

The files are written statement by statement rather than through an
``rdflib.Graph``: rdflib's in-memory store takes about a kilobyte per triple and
its serializers hold the whole graph again, which for a large corpus (millions
of triples) is many gigabytes. Every IRI and string is still written by rdflib's
own :meth:`~rdflib.term.Node.n3` (so the escaping is rdflib's), every string
passes through :func:`~graphkit.text.xml_safe` first, and the output is
deterministic: documents, relation predicates and entities sorted by IRI,
statements in the graph's relation order (document, sentence, subject).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from graphkit.graph import KnowledgeGraph
from graphkit.ids import slug
from graphkit.text import xml_safe
from graphkit.types import Entity, Relation

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
# The prefixes declared in both files, used for every IRI whose local part is a plain name.
PREFIXES = tuple(
    (prefix, str(namespace)) for prefix, namespace in (
        ("dcterms", DCTERMS), ("doc", DOCUMENT), ("gk", GK), ("rdf", RDF), ("rdfs", RDFS), ("rel", REL),
        ("skos", SKOS), ("st", STATEMENT), ("xsd", XSD),
    )
)
# A Turtle local name made of ASCII letters, digits, "_", "-", "." and %-escapes (not ending in ".").
_PLAIN_LOCAL = re.compile(r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*(?<!\.)")
_INDENT = "    "

_Blocks = Iterable[tuple[str, Iterable[tuple[str, str]]]]


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of an entity id such as ``person/trump``."""
    return ENTITY[quote(xml_safe(entity_id), safe="/")]


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a source document."""
    return DOCUMENT[quote(xml_safe(doc_id), safe="")]


def relation_iri(name: str) -> URIRef:
    """The predicate IRI of a relation name such as ``point to``."""
    return REL[slug(xml_safe(name))]


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
    return STATEMENT[hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]]


@lru_cache(maxsize=1 << 12)
def iri(node: URIRef) -> str:
    """``node`` as Turtle: a prefixed name (``rel:honor``) when its local part allows, else ``<...>``.

    >>> iri(REL["honor"]), iri(ENTITY["person/putin"])
    ('rel:honor', '<https://graphkit.example/entity/person/putin>')
    """
    if node == RDF.type:
        return "a"
    for prefix, namespace in PREFIXES:
        if node.startswith(namespace) and _PLAIN_LOCAL.fullmatch(node, len(namespace)):
            return f"{prefix}:{node[len(namespace):]}"
    return node.n3()


def string_literal(value: str) -> str:
    """A string literal, escaped by rdflib, after :func:`~graphkit.text.xml_safe`.

    >>> string_literal('Lavrov said "no"')
    '"Lavrov said \\\\"no\\\\""'
    """
    return Literal(xml_safe(value)).n3()


def date_literal(value: str) -> str:
    """An ISO date as a typed literal: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` by its precision.

    >>> date_literal("2005-02-09"), date_literal("2013")
    ('"2005-02-09"^^xsd:date', '"2013"^^xsd:gYear')
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value))
    if datatype is None or not value.replace("-", "").isdigit():
        return string_literal(value)
    return f'"{value}"^^{iri(datatype)}'


@lru_cache(maxsize=1 << 16)
def _entity(entity_id: str) -> str:
    return iri(entity_iri(entity_id))


@lru_cache(maxsize=1 << 12)
def _predicate(lemma: str) -> str:
    return iri(relation_iri(lemma))


@lru_cache(maxsize=1 << 12)
def _document(doc_id: str) -> str:
    return iri(document_iri(doc_id))


def write_turtle(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write ``graph.ttl``: every description, direct edge and statement in one graph."""
    relations = graph.edge_relations()
    with _open(path) as out:
        _prefixes(out)
        _write(out, "", _documents(graph))
        _write(out, "", _predicates(relations))
        _write(out, "", _entities(graph.nodes(), _direct_edges(relations)))
        _write(out, "", _statements(relations))


def write_trig(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write ``graph.trig``: descriptions in the default graph, each document's edges and statements in its own.

    The default graph comes first, then the documents' graphs sorted by IRI.
    """
    relations = graph.edge_relations()
    with _open(path) as out:
        _prefixes(out)
        out.write("\n{")
        _write(out, _INDENT, _documents(graph), _entities(graph.nodes(), {}), _predicates(relations))
        out.write("}\n")
        by_doc: dict[str, list[Relation]] = {}
        for relation in relations:
            by_doc.setdefault(relation.triple.provenance.doc_id, []).append(relation)
        for name, doc_id in sorted((_document(doc_id), doc_id) for doc_id in by_doc):
            members = by_doc.pop(doc_id)
            out.write(f"\n{name} {{")
            _write(out, _INDENT, _entities([], _direct_edges(members)), _statements(members))
            out.write("}\n")


def _open(path: str | Path) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)


def _prefixes(out: TextIO) -> None:
    for prefix, namespace in PREFIXES:
        out.write(f"@prefix {prefix}: {URIRef(namespace).n3()} .\n")


def _write(out: TextIO, indent: str, *blocks: _Blocks) -> None:
    """Write each (subject, [(predicate, object), ...]) as one Turtle block, on a new line after a blank one."""
    continued = f" ;\n{indent}{_INDENT}"
    for subject, pairs in (block for group in blocks for block in group):
        body = continued.join(f"{predicate} {obj}" for predicate, obj in pairs)
        out.write(f"\n{indent}{subject} {body} .\n")


def _documents(graph: KnowledgeGraph) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    for name, doc in sorted(((_document(doc.id), doc) for doc in graph.documents), key=lambda pair: pair[0]):
        pairs = [("a", iri(GK.Document)), (iri(DCTERMS.identifier), string_literal(doc.id))]
        for predicate, value in ((DCTERMS.title, doc.title), (DCTERMS.date, doc.date),
                                 (DCTERMS.creator, doc.author), (DCTERMS.source, doc.url)):
            if value:
                pairs.append((iri(predicate), string_literal(value)))
        yield name, pairs


def _predicates(relations: list[Relation]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    labels: dict[str, set[str]] = {}
    for lemma in {relation.triple.relation_lemma for relation in relations}:
        labels.setdefault(_predicate(lemma), set()).add(string_literal(lemma))
    for name in sorted(labels):
        yield name, [("a", iri(RDF.Property)), *((iri(RDFS.label), label) for label in sorted(labels[name]))]


def _direct_edges(relations: list[Relation]) -> dict[str, list[tuple[str, str]]]:
    """Subject IRI -> its (predicate, object) edges, each once, sorted."""
    keys = {(r.subject_id, r.triple.relation_lemma, r.object_id) for r in relations}
    edges = {(_entity(subject), _predicate(lemma), _entity(obj)) for subject, lemma, obj in keys}
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for subject, predicate, obj in sorted(edges):
        by_subject.setdefault(subject, []).append((predicate, obj))
    return by_subject


def _entities(nodes: list[Entity], edges: dict[str, list[tuple[str, str]]]
              ) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Each entity's description and direct edges; subjects with edges but no description last."""
    described = {_entity(entity.id): entity for entity in nodes}
    for name in sorted(described.keys() | edges.keys()):
        pairs = []
        entity = described.get(name)
        if entity is not None:
            pairs.append(("a", iri(TYPE_CLASSES.get(entity.type, GK.Entity))))
            pairs.append((iri(RDFS.label), string_literal(entity.label)))
            pairs.extend((iri(SKOS.altLabel), string_literal(alias)) for alias in entity.alias_names)
            pairs.append((iri(GK.mentions), str(len(entity.mentions))))
        pairs.extend(edges.get(name, ()))
        yield name, pairs


def _statements(relations: list[Relation]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """One evidence-carrying statement node per relation."""
    for relation in relations:
        t, p = relation.triple, relation.triple.provenance
        pairs = [
            ("a", iri(RDF.Statement)),
            (iri(RDF.subject), _entity(relation.subject_id)),
            (iri(RDF.predicate), _predicate(t.relation_lemma)),
            (iri(RDF.object), _entity(relation.object_id)),
            (iri(GK.relationText), string_literal(t.relation)),
            (iri(GK.document), _document(p.doc_id)),
            (iri(GK.sentence), string_literal(p.sentence)),
            (iri(GK.start), str(p.sentence_start)),
            (iri(GK.end), str(p.sentence_end)),
            (iri(GK.extractor), string_literal(p.extractor)),
            (iri(GK.confidence), f"{t.confidence:.3f}"),
            (iri(GK.negated), "true" if t.negated else "false"),
        ]
        if relation.event:
            pairs.append((iri(GK.event), string_literal(relation.event)))
        if relation.intensity is not None:
            pairs.append((iri(GK.intensity), f"{relation.intensity:.1f}"))
        if relation.date:
            pairs.append((iri(DCTERMS.date), date_literal(relation.date)))
        if relation.event_date:
            pairs.append((iri(GK.eventDate), date_literal(relation.event_date)))
        if relation.speaker:
            pairs.append((iri(GK.attributedTo), string_literal(relation.speaker)))
        if relation.speaker_id:
            pairs.append((iri(GK.speaker), _entity(relation.speaker_id)))
        yield iri(statement_iri(relation)), pairs
