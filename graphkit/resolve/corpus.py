"""The per-corpus stage: every document's records in, entities and the relations between them out.

This is resolution's one front door (also :func:`graphkit.resolve.resolve_corpus`)::

    resolve_corpus(documents, records, gazetteer, aliases) -> CorpusResolution(entities, relations, mentions)

It takes plain records only (:class:`~graphkit.types.DocumentRecords`, no
spaCy), and runs, in order:

1. the rule table (:data:`~graphkit.resolve.rules.RULES`) over every mention;
2. name propagation: occurrences of a resolved name that NER missed become
   mentions, and so does a person's full name that begins a longer name ("Andy
   Warhol" of "the Andy Warhol Foundation") (:mod:`graphkit.resolve.propagate`);
   the table runs again;
3. concept mentions: a triple's noun phrase that names no actor, and is no
   unresolved role, becomes a concept mention, keyed by the ``concept`` rule;
4. relations: each triple with the entities its subject, object and speaker name
   (an argument whose head names no actor takes the first actor found inside it,
   ``Argument.inner``; no self-loop unless the object is reflexive; a place that is
   only where the subject went is a ``location``, no edge: see :func:`_relations`),
   then its event type and intensity (actor to actor) and dates (:func:`~graphkit.graph.events.annotate`).

Intermediate resolutions are freed as soon as they have been used: each
holds an entry per mention, and a large build has millions.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from graphkit.graph.events import annotate
from graphkit.resolve.aliases import UserAliases
from graphkit.resolve.fragments import common_words
from graphkit.resolve.gazetteer import Gazetteer, load_gazetteer
from graphkit.resolve.names import normalize
from graphkit.resolve.propagate import nested_names, repeated_names
from graphkit.resolve.resolver import MentionIndex, Resolution, resolve
from graphkit.resolve.rules import is_concept
from graphkit.text import grapheme_span
from graphkit.types import Argument, Document, DocumentRecords, Entity, Mention, Relation, Triple


@dataclass(frozen=True, slots=True)
class CorpusResolution:
    """The corpus stage's result: the entities, the relations in a fixed order, and how many mentions joined an entity."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    mentions: int


def resolve_corpus(documents: Sequence[Document], records: Iterable[DocumentRecords],
                   gazetteer: Gazetteer | None = None, aliases: UserAliases | None = None) -> CorpusResolution:
    """Resolve the mentions of every document into entities and turn the triples into relations.

    ``documents`` are the documents the records were made from (their text is
    searched for names NER missed); ``aliases`` is the user's alias file. The
    result does not depend on the order of the documents or of the records.
    """
    with _cycle_collector_paused():
        return _resolve_corpus(documents, records, gazetteer or load_gazetteer(), aliases)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the while: resolution makes no reference cycles, but the many small
    records it makes start collections that walk the whole heap (every record, the spaCy model) again and
    again; a fifth of the stage's time on the benchmark corpus."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve_corpus(documents: Sequence[Document], records: Iterable[DocumentRecords], gazetteer: Gazetteer,
                    aliases: UserAliases | None) -> CorpusResolution:
    mentions: list[Mention] = []
    triples: list[Triple] = []
    sentence_starts: dict[str, list[int]] = defaultdict(list)
    for found in records:
        mentions.extend(found.mentions)
        triples.extend(found.triples)
        sentence_starts[found.doc_id].extend(found.sentence_starts)

    mentions = _without_common_words(mentions, documents, gazetteer, aliases)
    first = resolve(mentions, gazetteer, aliases)
    mentions.extend(repeated_names(first.entities, list(documents), mentions, sentence_starts, gazetteer))
    mentions.extend(nested_names(first.entities, mentions))
    del first, sentence_starts  # memory: a resolution holds an entry per mention; free each once it is used
    actors = resolve(mentions, gazetteer, aliases)
    concepts = _concept_mentions(triples, documents, mentions, actors)
    resolution = actors.combine(resolve(concepts))
    del actors, concepts, mentions  # memory: only the combined resolution is used below
    relations = annotate(_relations(triples, resolution, gazetteer), resolution.entities, documents)
    del triples  # memory: the relations are all that is left to keep
    return CorpusResolution(entities=resolution.entities, relations=relations, mentions=len(resolution.entity_of))


def _without_common_words(mentions: list[Mention], documents: Sequence[Document], gazetteer: Gazetteer,
                          aliases: UserAliases | None) -> list[Mention]:
    """The mentions without one-word "names" the corpus mostly writes in lower case ("Health", "Government").

    NER takes a capitalised common noun for an organisation ("Education will be
    protected"); a word the same corpus writes more often in lower case is no
    name. Parties, states, places, the dictionaries' actors and the user's
    aliases are always kept.
    """
    common = common_words(doc.text for doc in documents)
    if not common:
        return mentions

    def known(m: Mention) -> bool:
        norm = normalize(m.text)
        return "party" in m.roles or bool(gazetteer.country(norm) or gazetteer.seat(norm) or gazetteer.place(norm)
                                          or gazetteer.body(norm) or gazetteer.organisation(norm)
                                          or gazetteer.is_person(norm)) \
            or (aliases is not None and aliases.lookup(m.text) is not None)

    return [m for m in mentions if not (m.kind == "name" and m.text in common and not known(m))]


def _concept_mentions(triples: list[Triple], documents: Sequence[Document], mentions: list[Mention],
                      actors: Resolution) -> list[Mention]:
    """A concept mention for each noun-phrase argument that names no actor and no unresolved role."""
    index = actors.index()
    texts = {doc.id: doc.text for doc in documents}
    roles = MentionIndex({m: "role" for m in mentions if m.kind == "title"})  # unresolved roles name no concept
    return [
        _concept_mention(triple, arg, texts[triple.provenance.doc_id])
        for triple in triples
        for arg in (triple.subject, triple.object)
        if arg is not None
        and arg.kind == "np"
        and index.lookup(triple.provenance.doc_id, arg.head_start, arg.head_end) is None
        and not any(index.lookup(triple.provenance.doc_id, start, end) for start, end, _ in arg.inner)
        and roles.lookup(triple.provenance.doc_id, arg.head_start, arg.head_end) is None
        and is_concept(arg.text)
    ]


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


REFLEXIVE_PRONOUNS = frozenset({"himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself",
                                "yourselves", "oneself"})
"""An object that states a self-loop: "Blair praised himself"."""

LOCATION_LEMMAS = frozenset({
    "visit", "tour", "go to", "travel to", "fly to", "come to", "return to", "move to", "head to", "arrive in",
    "arrive at", "leave",
})
"""Relation lemmas whose object is where the subject went ("visits Manchester"), not whom it acted on; a
capital visited stands for its state ("arrived in Amman"). Being somewhere ("lives in", "spoke in") is
:data:`LOCATIVE_PREPOSITIONS`' rule."""

LOCATIVE_PREPOSITIONS = frozenset({"at", "in", "near", "inside", "outside", "across", "throughout"})
"""A relation ending in one of these ("has died at") has a city as its object only as where it happened."""
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def _relations(triples: list[Triple], resolution: Resolution, gazetteer: Gazetteer | None = None
               ) -> tuple[Relation, ...]:
    """Each triple with the entities of its subject, first argument and speaker, in a fixed order.

    An argument whose head names no actor (none, or a concept) reaches the first
    actor inside it (``Argument.inner``: "Russia vetoed a United Nations resolution"
    -> the United Nations), other than the subject; the argument keeps its words,
    and the provenance's extractor names the rule (``clauses.v1+compound.v1``).
    No edge is a self-loop unless its object is reflexive ("Blair praised himself"):
    otherwise the object's id is left empty. A city or region (not a state, not a
    capital) that is the object of a movement ("visits Manchester", LOCATION_LEMMAS)
    is a ``location`` argument with an empty id: where the subject was, not an actor
    it acted on; so is a place other than a state that any other relation reaches
    through a locative preposition ("has died at a London hospice"), while a state
    stays an actor ("Kurds demonstrated in Iraq": event coding reads the state as the
    target). An unresolved pronoun is no node, so it never ends an edge.
    """
    index = resolution.index()
    labels = {entity.id: entity.label for entity in resolution.entities}
    concepts = {entity.id for entity in resolution.entities if entity.type == "CONCEPT"}
    sites, places = _sites_and_places(resolution.entities, gazetteer)
    relations = []
    for triple in triples:
        doc_id = triple.provenance.doc_id
        obj, said_by = triple.object, triple.attributed_to
        speaker_id = (index.lookup(doc_id, said_by.head_start, said_by.head_end) or "") if said_by else ""
        subject_id, subject_rule = _actor(index, doc_id, triple.subject, concepts, "")
        object_id, object_rule = _actor(index, doc_id, obj, concepts, subject_id) if obj else ("", "")
        if object_id and object_id == subject_id and obj.text.lower() not in REFLEXIVE_PRONOUNS:
            object_id, object_rule = "", ""
        rules = [rule for rule in (subject_rule, object_rule) if rule]
        if rules:
            extractor = "+".join([triple.provenance.extractor, *(f"{rule}.v1" for rule in rules)])
            triple = replace(triple, provenance=replace(triple.provenance, extractor=extractor))
        if _only_where(triple.relation_lemma, object_id, sites, places):
            triple = replace(triple, args=(replace(obj, kind="location"), *triple.args[1:]))
            object_id = ""
        relations.append(
            Relation(
                triple=triple,
                subject_id=subject_id,
                object_id=object_id,
                speaker_id=speaker_id,
                speaker=labels[speaker_id] if speaker_id else (said_by.text if said_by else ""),
            )
        )
    relations.sort(key=_relation_order)  # the same order whatever order the inputs were given in
    return tuple(relations)


def _actor(index: MentionIndex, doc_id: str, arg: Argument, concepts: set[str], other: str) -> tuple[str, str]:
    """The entity an argument names and the inner rule that found it ("" when its head names it)."""
    head = index.lookup(doc_id, arg.head_start, arg.head_end) or ""
    if head and head not in concepts:
        return head, ""
    for start, end, rule in arg.inner:
        found = index.lookup(doc_id, start, end)
        if found and found not in concepts and found != other:
            return found, rule
    return head, ""


def _sites_and_places(entities: Iterable[Entity], gazetteer: Gazetteer | None) -> tuple[set[str], set[str]]:
    """The ids of the places that are no state (a capital, a city, a region, a building), and among them
    those that are no capital either, only places ("Manchester", "Scotland")."""
    sites: set[str] = set()
    places: set[str] = set()
    for entity in entities:
        if gazetteer is None or entity.type not in PLACE_TYPES:
            continue
        key = normalize(entity.label)
        if gazetteer.country(key) is None:
            sites.add(entity.id)
            if gazetteer.place(key) is not None and gazetteer.seat(key) is None:
                places.add(entity.id)
    return sites, places


def _only_where(lemma: str, object_id: str, sites: set[str], places: set[str]) -> bool:
    """Whether the relation's object is only where its subject went or was, not an actor it acted on."""
    if lemma in LOCATION_LEMMAS:
        return object_id in places  # a capital visited stands for its state
    return object_id in sites and lemma.rsplit(" ", 1)[-1] in LOCATIVE_PREPOSITIONS


def _relation_order(relation: Relation) -> tuple:
    t = relation.triple
    return (t.provenance.doc_id, t.provenance.sentence_start, t.subject.start, t.subject.end, t.relation,
            tuple((a.start, a.end, a.text) for a in t.args), t.confidence)
