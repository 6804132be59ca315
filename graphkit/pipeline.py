"""The whole pipeline in one call: read -> parse -> extract -> resolve -> graph.

>>> from graphkit import build
>>> kg = build(["seeds/"])  # doctest: +SKIP
>>> kg.find("Assad").label  # doctest: +SKIP
'Bashar al-Assad'
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import GraphkitError, InputError
from graphkit.graph.kg import KnowledgeGraph
from graphkit.io import read_documents
from graphkit.io.readers import DEFAULT_MAX_BYTES
from graphkit.nlp import load_model, parse_documents
from graphkit.registry import DEFAULT_EXTRACTOR, get_extractor
from graphkit.resolve.aliases import UserAliases, load_aliases
from graphkit.resolve.gazetteer import load_gazetteer
from graphkit.resolve.mentions import find_alias_mentions, find_mentions, prefer
from graphkit.resolve.propagate import repeated_names
from graphkit.resolve.resolver import MentionIndex, is_concept, resolve
from graphkit.text import grapheme_span
from graphkit.types import Argument, Document, Mention, Relation, Triple


@dataclass
class BuildStats:
    """Counts and timing of one build, for the summary a user sees."""

    documents: int = 0
    sentences: int = 0
    words: int = 0
    mentions: int = 0
    entities: int = 0
    relations: int = 0
    edges: int = 0
    seconds: float = 0.0
    problems: list[InputError] = field(default_factory=list)

    @property
    def words_per_second(self) -> float:
        """Throughput of the whole build."""
        return self.words / self.seconds if self.seconds else 0.0


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stats: BuildStats | None = None,
    on_document: Callable[[Document], None] | None = None,
    aliases: UserAliases | str | Path | None = None,
) -> KnowledgeGraph:
    """Build the knowledge graph of every document under ``paths``.

    ``aliases`` is a :class:`~graphkit.resolve.aliases.UserAliases` or the path
    of an alias file (see :mod:`graphkit.resolve.aliases`).
    Bad files are skipped and recorded in ``stats.problems``; with
    ``strict=True`` the first one is raised instead. Raises
    :class:`~graphkit.errors.InputError` when no document could be read.
    """
    stats = stats if stats is not None else BuildStats()
    started = time.perf_counter()
    if isinstance(aliases, (str, Path)):
        aliases = load_aliases(aliases)
    nlp = load_model(model)
    rules = get_extractor(extractor)
    documents: list[Document] = []

    def counted(docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            documents.append(doc)
            if on_document:
                on_document(doc)
            yield doc

    problems = None if strict else stats.problems
    mentions: list[Mention] = []
    triples: list[Triple] = []
    sentence_starts: dict[str, list[int]] = defaultdict(list)
    failed: set[str] = set()
    words_of: dict[str, int] = defaultdict(int)
    for paragraph in parse_documents(nlp, counted(read_documents(paths, problems, max_bytes))):
        doc_id = paragraph.document.id
        if doc_id in failed:
            continue
        try:
            found = find_mentions(paragraph)
            if aliases is not None:
                found = prefer(find_alias_mentions(paragraph, aliases), found)
            starts, found_triples, words = [], [], 0
            for sent in paragraph.doc.sents:
                starts.append(paragraph.offset + sent.start_char)
                words += sum(1 for t in sent if not t.is_punct and not t.is_space)
                found_triples.extend(rules.extract(sent, doc_id, paragraph.offset))
        except Exception as error:  # noqa: BLE001 - one document's bug must not cost the others
            _skip_document(paragraph.document, error, problems, failed)
            stats.sentences -= len(sentence_starts.pop(doc_id, ()))
            stats.words -= words_of.pop(doc_id, 0)
            continue
        mentions.extend(found)
        triples.extend(found_triples)
        sentence_starts[doc_id].extend(starts)
        words_of[doc_id] += words
        stats.sentences += len(starts)
        stats.words += words
    if failed:
        documents[:] = [doc for doc in documents if doc.id not in failed]
        mentions = [m for m in mentions if m.doc_id not in failed]
        triples = [t for t in triples if t.provenance.doc_id not in failed]
    if not documents:
        where = ", ".join(str(p) for p in paths) or "(no input)"
        raise InputError(where, "no readable documents to build a graph from")

    gazetteer = load_gazetteer()
    first = resolve(mentions, gazetteer, aliases)
    mentions.extend(repeated_names(first.entities, documents, mentions, sentence_starts, gazetteer))
    del first, sentence_starts  # memory: a resolution holds an entry per mention; free each once it is used
    actors = resolve(mentions, gazetteer, aliases)
    index = actors.index()
    texts = {doc.id: doc.text for doc in documents}
    roles = MentionIndex({m: "role" for m in mentions if m.kind == "title"})  # unresolved roles name no concept
    concepts = [
        _concept_mention(triple, arg, texts[triple.provenance.doc_id])
        for triple in triples
        for arg in (triple.subject, triple.object)
        if arg is not None
        and arg.kind == "np"
        and index.lookup(triple.provenance.doc_id, arg.head_start, arg.head_end) is None
        and roles.lookup(triple.provenance.doc_id, arg.head_start, arg.head_end) is None
        and is_concept(arg.text)
    ]
    resolution = actors.combine(resolve(concepts))
    del actors, roles, concepts, mentions, texts, index  # memory: only the combined resolution is used below
    index = resolution.index()

    labels = {entity.id: entity.label for entity in resolution.entities}
    relations = []
    for triple in triples:
        doc_id = triple.provenance.doc_id
        obj, said_by = triple.object, triple.attributed_to
        speaker_id = (index.lookup(doc_id, said_by.head_start, said_by.head_end) or "") if said_by else ""
        relations.append(
            Relation(
                triple=triple,
                subject_id=index.lookup(doc_id, triple.subject.head_start, triple.subject.head_end) or "",
                object_id=(index.lookup(doc_id, obj.head_start, obj.head_end) or "") if obj else "",
                speaker_id=speaker_id,
                speaker=labels[speaker_id] if speaker_id else (said_by.text if said_by else ""),
            )
        )
    del index, triples, labels  # memory: the relations are all that is left to keep
    relations.sort(key=_relation_order)  # the same order whatever order the inputs were given in
    kg = KnowledgeGraph(
        documents=tuple(sorted(documents, key=lambda d: d.id)),
        entities=resolution.entities,
        relations=tuple(relations),
    )
    stats.documents = len(documents)
    stats.mentions = len(resolution.entity_of)
    stats.entities = len(kg.nodes())
    stats.relations = len(kg.edge_relations())
    stats.edges = len(kg.edges())
    stats.seconds = time.perf_counter() - started
    return kg


def _skip_document(document: Document, error: Exception, problems: list[InputError] | None, failed: set[str]) -> None:
    """Record that an internal error made us skip ``document`` (raised at once in strict mode)."""
    failed.add(document.id)
    problem = InputError(document.source, f"skipped: graphkit failed on this document ({type(error).__name__}: "
                         f"{str(error).splitlines()[0] if str(error) else 'no message'}); please report it")
    if problems is None:
        raise problem from error
    problems.append(problem)


def _relation_order(relation: Relation) -> tuple:
    t = relation.triple
    return (t.provenance.doc_id, t.provenance.sentence_start, t.subject.start, t.subject.end, t.relation,
            tuple((a.start, a.end, a.text) for a in t.args), t.confidence)


def _concept_mention(triple: Triple, arg: Argument, text: str) -> Mention:
    """A mention of a concept: the argument's head noun and the words before it.

    "a retaliatory USA missile strike against the forces ..." is the concept
    "retaliatory USA missile strike": concepts merge when their heads and
    pre-modifiers agree, not when whole clauses happen to repeat.
    """
    end = arg.head_end if arg.start <= arg.head_start < arg.head_end <= arg.end else arg.end
    start, end = grapheme_span(text, arg.start, end)  # a token may end inside a flag emoji
    return Mention(
        doc_id=triple.provenance.doc_id,
        start=start,
        end=end,
        text=text[start:end].replace("\r", " ").replace("\n", " "),
        label="CONCEPT",
        kind="concept",
        role="other",
        sentence_start=triple.provenance.sentence_start,
    )


__all__ = ["BuildStats", "GraphkitError", "build"]
