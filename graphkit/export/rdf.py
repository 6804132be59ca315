"""RDF: the graph as Turtle, TriG, N-Triples, N-Quads, JSON-LD and RDF/XML, in one model.

The model (the README's "RDF model" section shows it as Turtle and as a diagram):

* each entity ``ent:person/putin`` is typed with a schema.org class (``schema:Person``,
  ``schema:Organization``, ``schema:Country``, ``schema:Place``) or a graphkit class
  (``gk:Group`` for nationalities and other groups, ``gk:Concept``), with ``rdfs:label`` and
  ``skos:prefLabel`` (its name), ``skos:altLabel`` (the other names the text used),
  ``gk:entityType`` (the NER type) and ``gk:mentions``;
* a direct edge ``subject rel:honor object`` per relation between two nodes, so simple
  queries stay simple; each ``rel:`` predicate is an ``rdf:Property`` with an ``rdfs:label``;
* a statement node per extraction (``rdf:Statement``), every one ``relations.csv`` has,
  reported speech included: ``rdf:subject``/``rdf:object`` (the nodes, when the argument
  resolved to one), ``rdf:predicate``, the words (``gk:subjectText``, ``gk:relationText``,
  ``gk:objectText``), the evidence (``gk:sentence``, ``gk:start``, ``gk:end``,
  ``prov:wasDerivedFrom`` the document, ``gk:extractor``, ``gk:confidence``), ``gk:negated``,
  ``gk:modal``, between two actors ``gk:event`` (PLOVER) and ``gk:intensity`` (Goldstein),
  ``gk:eventDate``, and for a claim ``gk:speaker`` (the speaker's node) and
  ``gk:attributedTo`` (the speaker's name);
* each document a ``schema:NewsArticle`` with ``schema:identifier``, ``schema:headline``,
  ``schema:datePublished``, ``schema:author`` and ``schema:url``;
* the dataset itself, ``<BASE>``, a ``void:Dataset`` whose ``void:uriSpace`` is the base IRI,
  so a query tool can find the graph's own prefixes.

Instance IRIs start with a base IRI (default ``https://graphkit.example/``, any other with
``base=``) and are derived from entity ids, relation names, document ids and statement
offsets only, so they are the same on every run; no blank nodes are used. The vocabulary
(``gk:``) does not change with the base.

Every format comes from one pass over the graph (``_Model``), written as it goes:
Turtle and TriG grouped by subject with prefixed names (both files in the same pass when
both are asked for, :func:`write_turtle_and_trig`), N-Triples and N-Quads one line per
triple, JSON-LD and RDF/XML by pyoxigraph's serializers reading the N-Triples stream. Nothing
holds the whole graph as RDF objects or as text. Strings pass through :func:`rdf_string`;
the output is deterministic: documents, predicates and entities sorted by IRI, statements in
the graph's relation order.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TextIO
from urllib.parse import quote

from graphkit.errors import ExportError
from graphkit.ids import slug
from graphkit.text import escaper, xml_safe

if TYPE_CHECKING:  # networkx, which graphkit.graph imports, would cost every query command 0.4 s
    from graphkit.graph import KnowledgeGraph
    from graphkit.types import Entity, Relation

DEFAULT_BASE = "https://graphkit.example/"
GK = "https://graphkit.example/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
VOID = "http://rdfs.org/ns/void#"

TYPE_CLASSES = {
    "PERSON": SCHEMA + "Person",
    "ORG": SCHEMA + "Organization",
    "GPE": SCHEMA + "Place",  # a GPE that is a state is schema:Country (see _entity_class)
    "NORP": GK + "Group",
    "LOC": SCHEMA + "Place",
    "FAC": SCHEMA + "Place",
    "CONCEPT": GK + "Concept",
}
COUNTRY = SCHEMA + "Country"
# The resolution rules that only ever key a GPE to a state.
_STATE_RULES = frozenset({"country-name", "metonymy"})
_DATE_TYPES = {10: XSD + "date", 7: XSD + "gYearMonth", 4: XSD + "gYear"}
# An absolute IRI that N-Triples can hold as it is (written as schema:url; anything else is a string).
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+")
# A Turtle local name made of ASCII letters, digits, "_", "-", "." and %-escapes (not ending in ".").
_PLAIN_LOCAL = re.compile(r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*(?<!\.)")
_escape_literal = escaper({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_INDENT = "    "


class Namespaces:
    """The IRIs of one export: the instance namespaces under a base IRI, and every prefix declared.

    >>> Namespaces("https://news.example.org/kg/").entity
    'https://news.example.org/kg/entity/'
    """

    def __init__(self, base: str = DEFAULT_BASE):
        if not _ABSOLUTE_IRI.fullmatch(base) or not base.endswith(("/", "#")):
            raise ExportError(f"base IRI '{base}' must be an absolute IRI ending in '/' or '#', "
                              "such as https://news.example.org/kg/")
        self.base = base
        self.entity = base + "entity/"
        self.relation = base + "relation/"
        self.statement = base + "statement/"
        self.document = base + "document/"

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """Prefix -> namespace, as declared in every file and predeclared for every query."""
        return {
            "doc": self.document, "ent": self.entity, "gk": GK, "prov": PROV, "rdf": RDF, "rdfs": RDFS,
            "rel": self.relation, "schema": SCHEMA, "skos": SKOS, "st": self.statement, "void": VOID, "xsd": XSD,
        }


def entity_iri(entity_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of an entity id such as ``person/trump``."""
    return base + "entity/" + quote(xml_safe(entity_id), safe="/")


def document_iri(doc_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of a source document."""
    return base + "document/" + quote(xml_safe(doc_id), safe="")


def relation_iri(name: str, base: str = DEFAULT_BASE) -> str:
    """The predicate IRI of a relation name such as ``point to``."""
    return base + "relation/" + slug(xml_safe(name))


def statement_iri(relation: Relation, base: str = DEFAULT_BASE) -> str:
    """A stable IRI for one extraction, from its document, offsets, relation and extractor."""
    t = relation.triple
    obj = t.object
    key = (f"{t.provenance.doc_id}\x1f{t.provenance.extractor}\x1f{t.subject.start}\x1f{t.subject.end}\x1f{t.relation}"
           f"\x1f{obj.start if obj else ''}\x1f{obj.end if obj else ''}")
    return base + "statement/" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class Term(NamedTuple):
    """An object term: an IRI (``iri`` true), or a literal's lexical form and datatype (``""``: a string)."""

    value: str
    iri: bool = False
    datatype: str = ""


def _iri(value: str) -> Term:
    return Term(value, True)


def rdf_string(value: str) -> str:
    """A string as every RDF file holds it: :func:`~graphkit.text.xml_safe`, and line ends as line feeds.

    XML parsers read a carriage return as a line feed, so RDF/XML cannot keep one; writing every
    format the same way keeps all six parsing to one graph.

    >>> rdf_string("a\r\nb\rc")
    'a\nb\nc'
    """
    value = xml_safe(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _string(value: str) -> Term:
    return Term(rdf_string(value))


def _date(value: str) -> Term:
    """An ISO date typed ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` by its precision, else a string."""
    datatype = _DATE_TYPES.get(len(value))
    if datatype is None or not value.replace("-", "").isdigit():
        return _string(value)
    return Term(value, False, datatype)


def _integer(value: int) -> Term:
    return Term(str(value), False, XSD + "integer")


def _decimal(text: str) -> Term:
    return Term(text, False, XSD + "decimal")


def _boolean(value: bool) -> Term:
    return Term("true" if value else "false", False, XSD + "boolean")


_A = RDF + "type"
_Pairs = list[tuple[str, Term]]
# A statement's predicates, and the pairs every statement shares.
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = RDF + "subject", RDF + "predicate", RDF + "object"
_SUBJECT_TEXT, _RELATION_TEXT, _OBJECT_TEXT = GK + "subjectText", GK + "relationText", GK + "objectText"
_SENTENCE, _START, _END, _EXTRACTOR = GK + "sentence", GK + "start", GK + "end", GK + "extractor"
_DERIVED_FROM, _CONFIDENCE, _MODAL = PROV + "wasDerivedFrom", GK + "confidence", GK + "modal"
_EVENT, _INTENSITY, _EVENT_DATE = GK + "event", GK + "intensity", GK + "eventDate"
_SPEAKER, _ATTRIBUTED_TO = GK + "speaker", GK + "attributedTo"
_A_STATEMENT = (_A, _iri(RDF + "Statement"))
_NEGATED = {negated: (GK + "negated", _boolean(negated)) for negated in (False, True)}


class Block(NamedTuple):
    """One subject's triples in one graph (``graph`` is ``""`` for the default graph)."""

    graph: str
    subject: str
    pairs: _Pairs


@dataclass(frozen=True)
class _Model:
    """The triples of one graph under one base IRI, produced block by block."""

    graph: KnowledgeGraph
    ns: Namespaces

    def blocks(self, named_graphs: bool) -> Iterator[Block]:
        """Every block once; with ``named_graphs`` each document's edges and statements go in its own graph.

        Without named graphs an entity's description and its direct edges are one block.
        """
        yield from self.descriptions(named_graphs)
        if not named_graphs:
            yield from self.statements(self.graph.relations, "")
            return
        for name, _, members in self.document_graphs():
            yield from self.document_edges(name, members)
            yield from self.statements(members, name)

    def descriptions(self, named_graphs: bool) -> Iterator[Block]:
        """The dataset, the documents, the predicates and the entities, in the default graph.

        Without named graphs each entity's block holds its direct edges too.
        """
        relations = self.graph.relations
        yield Block("", self.ns.base, [(_A, _iri(VOID + "Dataset")), (VOID + "uriSpace", Term(self.ns.base))])
        yield from self._documents()
        yield from self._predicates(relations)
        yield from self._entities(self.graph.nodes(), {} if named_graphs else self._direct_edges(relations), "")

    def document_graphs(self) -> Iterator[tuple[str, str, list[Relation]]]:
        """Each document's named graph: its IRI, the document's id and its relations in the graph's order, by IRI."""
        by_doc: dict[str, list[Relation]] = {}
        for relation in self.graph.relations:
            by_doc.setdefault(relation.triple.provenance.doc_id, []).append(relation)
        for name, doc_id in sorted((self._document(doc_id), doc_id) for doc_id in by_doc):
            yield name, doc_id, by_doc.pop(doc_id)

    def document_edges(self, graph: str, relations: Iterable[Relation]) -> Iterator[Block]:
        """The direct edges of a document's relations, in its named graph, one block per subject."""
        return self._entities([], self._direct_edges(relations), graph)

    @cached_property
    def _entity(self):
        return lru_cache(maxsize=1 << 16)(lambda entity_id: entity_iri(entity_id, self.ns.base))

    @cached_property
    def _predicate(self):
        return lru_cache(maxsize=1 << 12)(lambda lemma: relation_iri(lemma, self.ns.base))

    @cached_property
    def _document(self):
        return lru_cache(maxsize=1 << 16)(lambda doc_id: document_iri(doc_id, self.ns.base))

    def _documents(self) -> Iterator[Block]:
        for name, doc in sorted(((self._document(doc.id), doc) for doc in self.graph.documents), key=lambda p: p[0]):
            pairs = [(_A, _iri(SCHEMA + "NewsArticle")), (SCHEMA + "identifier", _string(doc.id))]
            if doc.title:
                pairs.append((SCHEMA + "headline", _string(doc.title)))
            if doc.date:
                pairs.append((SCHEMA + "datePublished", _date(doc.date)))
            if doc.author:
                pairs.append((SCHEMA + "author", _string(doc.author)))
            if doc.url:
                url = rdf_string(doc.url)
                pairs.append((SCHEMA + "url", _iri(url) if _ABSOLUTE_IRI.fullmatch(url) else _string(url)))
            yield Block("", name, pairs)

    def _predicates(self, relations: Iterable[Relation]) -> Iterator[Block]:
        labels: dict[str, set[str]] = {}
        for lemma in {relation.triple.relation_lemma for relation in relations}:
            labels.setdefault(self._predicate(lemma), set()).add(rdf_string(lemma))
        for name in sorted(labels):
            yield Block("", name, [(_A, _iri(RDF + "Property")),
                                   *((RDFS + "label", Term(label)) for label in sorted(labels[name]))])

    def _direct_edges(self, relations: Iterable[Relation]) -> dict[str, _Pairs]:
        """Subject IRI -> its (predicate, object) edges between nodes, each once, sorted."""
        keys = {(r.subject_id, r.triple.relation_lemma, r.object_id) for r in relations if r.subject_id and r.object_id}
        edges = sorted({(self._entity(s), self._predicate(lemma), self._entity(o)) for s, lemma, o in keys})
        by_subject: dict[str, _Pairs] = {}
        for subject, predicate, obj in edges:
            by_subject.setdefault(subject, []).append((predicate, _iri(obj)))
        return by_subject

    def _entities(self, nodes: Iterable[Entity], edges: dict[str, _Pairs], graph: str) -> Iterator[Block]:
        """Each entity's description and direct edges; subjects with edges but no description too."""
        described = {self._entity(entity.id): entity for entity in nodes}
        for name in sorted(described.keys() | edges.keys()):
            pairs: _Pairs = []
            entity = described.get(name)
            if entity is not None:
                label = _string(entity.label)
                pairs += [(_A, _iri(_entity_class(entity))), (RDFS + "label", label), (SKOS + "prefLabel", label)]
                pairs += [(SKOS + "altLabel", _string(alias)) for alias in entity.alias_names if alias != entity.label]
                pairs += [(GK + "entityType", Term(entity.type)), (GK + "mentions", _integer(len(entity.mentions)))]
            pairs += edges.get(name, ())
            yield Block(graph, name, pairs)

    def statements(self, relations: Iterable[Relation], graph: str) -> Iterator[Block]:
        """One evidence-carrying statement node per extraction."""
        entity, predicate, document, base = self._entity, self._predicate, self._document, self.ns.base
        for relation in relations:
            t, p = relation.triple, relation.triple.provenance
            pairs: _Pairs = [_A_STATEMENT]
            if relation.subject_id:
                pairs.append((_RDF_SUBJECT, _iri(entity(relation.subject_id))))
            pairs.append((_RDF_PREDICATE, _iri(predicate(t.relation_lemma))))
            if relation.object_id:
                pairs.append((_RDF_OBJECT, _iri(entity(relation.object_id))))
            pairs.append((_SUBJECT_TEXT, _string(t.subject.text)))
            pairs.append((_RELATION_TEXT, _string(t.relation)))
            if t.object is not None:
                pairs.append((_OBJECT_TEXT, _string(t.object.text)))
            pairs += [
                (_SENTENCE, _string(p.sentence)),
                (_START, _integer(p.sentence_start)),
                (_END, _integer(p.sentence_end)),
                (_DERIVED_FROM, _iri(document(p.doc_id))),
                (_EXTRACTOR, _string(p.extractor)),
                (_CONFIDENCE, _decimal(f"{t.confidence:.3f}")),
                _NEGATED[t.negated],
            ]
            if t.modal:
                pairs.append((_MODAL, _string(t.modal)))
            if relation.event:
                pairs.append((_EVENT, Term(relation.event)))
            if relation.intensity is not None:
                pairs.append((_INTENSITY, _decimal(f"{relation.intensity:.1f}")))
            if relation.event_date:
                pairs.append((_EVENT_DATE, _date(relation.event_date)))
            if relation.speaker_id:
                pairs.append((_SPEAKER, _iri(entity(relation.speaker_id))))
            if relation.speaker:
                pairs.append((_ATTRIBUTED_TO, _string(relation.speaker)))
            yield Block(graph, statement_iri(relation, base), pairs)


def _entity_class(entity: Entity) -> str:
    if entity.type == "GPE" and any(rule in _STATE_RULES for rule, _ in entity.merges):
        return COUNTRY
    return TYPE_CLASSES.get(entity.type, GK + "Entity")


# ---- writers -------------------------------------------------------------------------------------

def write_turtle(graph: KnowledgeGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write Turtle (``graph.ttl``): every description, direct edge and statement in one graph."""
    write_turtle_and_trig(graph, path, None, base)


def write_trig(graph: KnowledgeGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write TriG (``graph.trig``): descriptions in the default graph, each document's edges and
    statements in a named graph whose IRI is the document's (graphs sorted by IRI)."""
    write_turtle_and_trig(graph, None, path, base)


def write_turtle_and_trig(graph: KnowledgeGraph, turtle_path: str | Path | None, trig_path: str | Path | None,
                          base: str = DEFAULT_BASE) -> None:
    """Write the Turtle and the TriG (either path may be ``None``) in one pass, each statement formatted once.

    The files are those of :func:`write_turtle` and :func:`write_trig`. The
    Turtle takes each statement as it comes, in the graph's relation order; the
    TriG holds it in its document's named graph, the graphs sorted by IRI, so the
    statement's TriG text goes to a temporary file beside the TriG as it comes,
    and is copied into place graph by graph at the end.
    """
    ns = Namespaces(base)
    model, writer = _Model(graph, ns), _TurtleWriter(ns)
    with ExitStack() as files:
        turtle = files.enter_context(_open(turtle_path)) if turtle_path is not None else None
        trig = files.enter_context(_open(trig_path)) if trig_path is not None else None
        if turtle:
            turtle.write(writer.header)
            turtle.writelines(writer.block(block) for block in model.descriptions(named_graphs=False))
        if trig:
            trig.write(writer.header + "\n{")
            trig.writelines(writer.block(block, _INDENT) for block in model.descriptions(named_graphs=True))
            trig.write("}\n")
            spool = files.enter_context(tempfile.TemporaryFile(dir=Path(trig_path).parent))
        runs: dict[str, list[list[int]]] = defaultdict(list)  # document id -> its statements' byte ranges in the spool
        size = 0
        for relation, block in zip(graph.relations, model.statements(graph.relations, "")):
            objects = writer.objects(block.pairs)
            if turtle:
                turtle.write(writer.text(block.subject, objects))
            if trig:
                data = writer.text(block.subject, objects, _INDENT).encode("utf-8")
                spool.write(data)
                ranges = runs[relation.triple.provenance.doc_id]
                if ranges and ranges[-1][1] == size:
                    ranges[-1][1] += len(data)
                else:
                    ranges.append([size, size + len(data)])
                size += len(data)
        if trig:
            for name, doc_id, members in model.document_graphs():
                trig.write(f"\n{writer.name(name)} {{")
                trig.writelines(writer.block(block, _INDENT) for block in model.document_edges(name, members))
                trig.flush()
                for start, end in runs.pop(doc_id):
                    _copy(spool, start, end, trig.buffer)
                trig.write("}\n")


def _copy(source: BinaryIO, start: int, end: int, target: BinaryIO) -> None:
    """Bytes ``[start, end)`` of ``source`` appended to ``target``, a MiB at a time."""
    source.seek(start)
    while start < end:
        chunk = source.read(min(end - start, 1 << 20))
        target.write(chunk)
        start += len(chunk)


def write_ntriples(graph: KnowledgeGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write N-Triples (``graph.nt``): the Turtle file's triples, one per line."""
    with _open(path) as out:
        out.writelines(_nquad_lines(_Model(graph, Namespaces(base)).blocks(named_graphs=False)))


def write_nquads(graph: KnowledgeGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write N-Quads (``graph.nq``): the TriG file's quads, one per line."""
    with _open(path) as out:
        out.writelines(_nquad_lines(_Model(graph, Namespaces(base)).blocks(named_graphs=True)))


def write_jsonld(graph: KnowledgeGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write JSON-LD (``graph.jsonld``): the Turtle file's triples, by pyoxigraph's serializer."""
    _write_with_pyoxigraph(graph, path, base, "JSON_LD")


def write_rdfxml(graph: KnowledgeGraph, path: str | Path, base: str = DEFAULT_BASE) -> None:
    """Write RDF/XML (``graph.rdf``): the Turtle file's triples, by pyoxigraph's serializer."""
    _write_with_pyoxigraph(graph, path, base, "RDF_XML")


def _open(path: str | Path) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)


def _literal(term: Term) -> str:
    return '"' + _escape_literal(term.value) + '"'


def _nt(term: Term) -> str:
    if term.iri:
        return f"<{term.value}>"
    if term.datatype:
        return f'{_literal(term)}^^<{term.datatype}>'
    return _literal(term)


def _nquad_lines(blocks: Iterable[Block]) -> Iterator[str]:
    for graph, subject, pairs in blocks:
        tail = f" <{graph}> .\n" if graph else " .\n"
        head = f"<{subject}> "
        for predicate, obj in pairs:
            yield f"{head}<{predicate}> {_nt(obj)}{tail}"


class _TurtleWriter:
    """Turtle and TriG text: one block per subject, prefixed names where the local part allows."""

    _BARE = frozenset({XSD + "integer", XSD + "decimal", XSD + "boolean"})
    _CONTINUED = {"": " ;\n" + _INDENT, _INDENT: " ;\n" + _INDENT * 2}  # after each object, by the block's indent

    def __init__(self, ns: Namespaces):
        self.prefixes = sorted(ns.prefixes.items(), key=lambda item: -len(item[1]))  # longest namespace first
        self.name = lru_cache(maxsize=1 << 16)(self._name)
        self.header = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(ns.prefixes.items()))

    def _name(self, iri: str) -> str:
        if iri == _A:
            return "a"
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and _PLAIN_LOCAL.fullmatch(iri, len(namespace)):
                return f"{prefix}:{iri[len(namespace):]}"
        return f"<{iri}>"

    def block(self, block: Block, indent: str = "") -> str:
        """One subject's triples, ``indent`` in (a named graph's blocks in TriG)."""
        return self.text(block.subject, self.objects(block.pairs), indent)

    def objects(self, pairs: _Pairs) -> list[str]:
        """Each ``predicate object``: the object as an IRI, a bare number or boolean, or a literal."""
        name, bare = self.name, self._BARE
        found = []
        for predicate, (value, iri, datatype) in pairs:
            if iri:
                found.append(f"{name(predicate)} {name(value)}")
            elif not datatype:
                found.append(f'{name(predicate)} "{_escape_literal(value)}"')
            elif datatype in bare:
                found.append(f"{name(predicate)} {value}")
            else:
                found.append(f'{name(predicate)} "{_escape_literal(value)}"^^{name(datatype)}')
        return found

    def text(self, subject: str, objects: list[str], indent: str = "") -> str:
        return f"\n{indent}{self.name(subject)} {self._CONTINUED[indent].join(objects)} .\n"


class _LineReader(io.RawIOBase):
    """The N-Triples (or N-Quads) lines of ``blocks`` as a binary stream, made as they are read."""

    def __init__(self, blocks: Iterable[Block]):
        self.lines = _nquad_lines(blocks)
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while len(self.pending) < len(buffer):
            chunk = "".join(islice(self.lines, 256))
            if not chunk:
                break
            self.pending += chunk.encode("utf-8")
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def nquads_stream(graph: KnowledgeGraph, base: str = DEFAULT_BASE) -> io.BufferedReader:
    """The TriG export's quads as an N-Quads byte stream, made as it is read (to load a store)."""
    return io.BufferedReader(_LineReader(_Model(graph, Namespaces(base)).blocks(named_graphs=True)))


def _write_with_pyoxigraph(graph: KnowledgeGraph, path: str | Path, base: str, format_name: str) -> None:
    import pyoxigraph

    ns = Namespaces(base)
    rdf_format = getattr(pyoxigraph.RdfFormat, format_name)
    triples = pyoxigraph.parse(io.BufferedReader(_LineReader(_Model(graph, ns).blocks(named_graphs=False))),
                               format=pyoxigraph.RdfFormat.N_TRIPLES)
    with open(path, "wb") as out:
        pyoxigraph.serialize(triples, out, rdf_format, prefixes=ns.prefixes)
