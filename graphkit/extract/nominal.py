"""Relations that news states with nouns, not verbs.

* apposition: "Lavrov, Russia's foreign minister" -> (Lavrov; is; Russia's foreign minister)
  and (Lavrov; is foreign minister of; Russia);
* possessive with an apposition: "the Kremlin's ally Bashar Assad" -> (Bashar Assad; is ally of; the Kremlin);
* event nouns (``event-noun.v1``), the noun's verb as the relation: "Tillerson's trip to
  Moscow" -> (Tillerson; visit; Moscow), "the EU's criticism of Britain" -> (the EU;
  criticise; Britain), "talks between Blair and Bush" -> (Blair; talk with; Bush);
* offices and membership (``role.v1``, relation lemma ``role`` or ``member_of``): "Blair,
  the Labour leader" -> (Blair; is leader of; Labour), "Dave Prentis, general secretary of
  Unison" -> (Dave Prentis; is general secretary of; Unison), "Russia's foreign minister
  Sergei Lavrov" -> (Sergei Lavrov; is foreign minister of; Russia);
* a description before a name: "President Trump" -> (Trump; is; President), "German
  Chancellor Angela Merkel" -> (Angela Merkel; is; German Chancellor), when it holds a
  common noun or a title.

``clauses.v1`` runs these rules on every sentence; the triples they make carry
``nominal.v1``, ``event-noun.v1`` or ``role.v1`` as their extractor, so provenance tells
them from clause triples. A list of names is no apposition: "members David Davis,
Oliver Letwin and Tim Yeo" says nothing of Davis and Letwin.

The event nouns and their verbs (:data:`EVENT_NOUNS`) come from WordNet 3.0's derivational
links (``graphkit/data/events/nouns.tsv``, 833 nouns whose verb the CAMEO dictionary types:
criticism/criticise, invasion/invade, negotiation/negotiate), derived once by
``graphkit/data/events/derive_nouns.py``; WordNet itself is never read at run time. A short
hand table (:data:`NOUN_OVERRIDES`) adds the news senses WordNet links elsewhere or not at
all (a trip is a visit, a summit a meeting, a war fighting) and the prepositions of nouns
that take fewer than the usual ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from typing import NamedTuple

from graphkit.extract.inner import ROLE_NOUNS
from graphkit.extract.tokens import arg_tokens, argument, conjuncts, join_tokens
from graphkit.lexicon import ACTOR_TYPES, PERSON_TITLES, POSSESSIVE_DETERMINERS
from graphkit.nlp.tokens import Phrase, Word, entity_tokens
from graphkit.types import Argument

NOMINAL_EXTRACTOR = "nominal.v1"
EVENT_NOUN_EXTRACTOR = "event-noun.v1"
ROLE_EXTRACTOR = "role.v1"
EVENT_CONFIDENCE = 0.55
APPOSITION_CONFIDENCE = 0.6
POSSESSIVE_CONFIDENCE = 0.5
TITLE_CONFIDENCE = 0.65
_DESCRIPTIVE = {"compound", "amod", "nmod"}

NOUN_OVERRIDES: dict[str, tuple[str, frozenset[str]]] = {
    noun: (verb, frozenset(preps.split())) for noun, verb, preps in (
        ("trip", "visit", "to"), ("journey", "visit", "to"), ("tour", "visit", "of"), ("visit", "visit", "to"),
        ("meeting", "meet", "with between"), ("summit", "meet", "with between"), ("deal", "agree", "with between"),
        ("treaty", "agree", "with between"), ("alliance", "ally", "with between"), ("threat", "threaten", "to against"),
        ("sanction", "sanction", "on against"), ("war", "fight", "with against between"), ("row", "argue", "with between"),
        ("call", "call on", "to"), ("support", "support", "for"), ("attack", "attack", "on against"),
    )
}
"""News senses WordNet's links miss, and nouns with fewer prepositions than :data:`EVENT_PREPOSITIONS`."""

EVENT_PREPOSITIONS = frozenset({"of", "against", "on", "to", "for", "with", "between"})
"""Prepositions that name whom an event noun is on or with, unless its override says otherwise.
"of" only counts after an owner ("the EU's criticism of Britain"), where it names the object."""


def _event_nouns() -> dict[str, tuple[str, frozenset[str]]]:
    table = files("graphkit.data.events").joinpath("nouns.tsv").read_text(encoding="utf-8")
    nouns = {noun: (verb, EVENT_PREPOSITIONS) for noun, verb, *_ in (line.split("\t") for line in table.splitlines()[1:] if line)}
    return nouns | NOUN_OVERRIDES


EVENT_NOUNS = _event_nouns()
"""Event noun (lemma) -> (its verb, the prepositions that name whom the event is with or on)."""

MEMBER_NOUNS = frozenset({"member", "mp", "msp", "mep", "am", "councillor", "activist", "supporter", "candidate",
                          "backbencher", "peer", "senator", "congressman", "congresswoman"})
"""Nouns of membership: "Labour MP Jane Smith" is a member of Labour (``member_of``), not its office holder."""


class NominalRelation(NamedTuple):
    """A relation stated by nouns, before it becomes a :class:`~graphkit.types.Triple`."""

    subject: Argument
    relation: str
    object: Argument
    confidence: float
    lemma: str = ""
    extractor: str = NOMINAL_EXTRACTOR


def nominal_relations(sent: Phrase, offset: int) -> Iterator[NominalRelation]:
    """Yield a :class:`NominalRelation` for each of the sentence's nominal relations."""
    for token in sent:
        if token.pos_ == "NOUN" and token.lemma_.lower() in EVENT_NOUNS:
            yield from _between(token, offset)
        if token.dep_ == "appos" and token.head.pos_ in {"NOUN", "PROPN"}:
            if _is_list(token.head, token):
                continue
            yield from _apposition(token.head, token, offset)
        elif token.dep_ == "poss" and token.lower_ not in POSSESSIVE_DETERMINERS and token.head.pos_ == "NOUN":
            yield from _possessive(token, token.head, offset)
        elif token.ent_type_ in ACTOR_TYPES and token.ent_iob_ == "B":
            yield from _descriptor(token, offset)


def _without(tokens: list[Word], dropped: list[Word]) -> list[Word]:
    return [t for t in tokens if t not in dropped]


def _apposition(head: Word, appos: Word, offset: int):
    if head.pos_ != "PROPN" and appos.pos_ == "PROPN":
        # "the Kremlin's ally Bashar Assad": the name is what the description is about
        yield NominalRelation(argument(arg_tokens(appos), appos, offset), "is", argument(arg_tokens(head), head, offset),
                              APPOSITION_CONFIDENCE)
        return
    subject = argument(arg_tokens(head), head, offset)
    described = arg_tokens(appos)
    yield NominalRelation(subject, "is", argument(described, appos, offset), APPOSITION_CONFIDENCE)
    owner = next((c for c in appos.children if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_DETERMINERS), None)
    if owner is not None:
        owner_tokens = arg_tokens(owner)
        role = [t for t in _without(described, owner_tokens) if t.tag_ != "POS" and t.dep_ != "det"]
        if role:
            yield NominalRelation(subject, f"is {join_tokens(role)} of", argument(_strip_case(owner_tokens), owner, offset),
                                  POSSESSIVE_CONFIDENCE, _role_lemma(appos), ROLE_EXTRACTOR)
    elif appos.pos_ == "NOUN" and appos.lemma_.lower() in ROLE_NOUNS | MEMBER_NOUNS:
        yield from _role_of(subject, appos, offset)


def _possessive(owner: Word, noun: Word, offset: int):
    owner_arg = argument(_strip_case(arg_tokens(owner)), owner, offset)
    appos = next((c for c in noun.children if c.dep_ == "appos"), None)
    if appos is not None:
        role = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in {"det", "case"} and t not in owner.subtree]
        relation = f"is {join_tokens(role)} of"
        if noun.lemma_.lower() in ROLE_NOUNS | MEMBER_NOUNS:
            yield NominalRelation(argument(arg_tokens(appos), appos, offset), relation, owner_arg, POSSESSIVE_CONFIDENCE,
                                  _role_lemma(noun), ROLE_EXTRACTOR)
        else:
            yield NominalRelation(argument(arg_tokens(appos), appos, offset), relation, owner_arg, POSSESSIVE_CONFIDENCE)
        return
    events = list(_event(owner_arg, noun, offset)) if noun.lemma_.lower() in EVENT_NOUNS else []
    if events:
        yield from events
        return
    for prep in noun.children:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.dep_ == "prep" and pobj is not None:
            relation = join_tokens([t for t in noun.subtree if t.i <= noun.i and t not in owner.subtree and t.dep_ != "det"] + [prep])
            yield NominalRelation(owner_arg, relation, argument(arg_tokens(pobj), pobj, offset), POSSESSIVE_CONFIDENCE)
            return


def _descriptor(first: Word, offset: int):
    """A description written before a name: "President Trump", "Undercover cop Muscles", "former U.S. Attorney Todd Graves".

    The words before the name that modify it (compounds, adjectives) are what
    the name *is*, when they hold a common noun or a title, not only more of
    the name. A title NER put inside the name ("President Trump") counts too.
    """
    entity = entity_tokens(first)
    if first.ent_type_ == "PERSON" and entity[0].lower_ in PERSON_TITLES and len(entity) > 1:
        entity = entity[1:]  # "President Trump" tagged as one name
    inside = set(entity)
    head = next((t for t in entity if t.head not in inside), entity[-1])
    if any(c.dep_ == "acl" for c in head.children):
        return  # "the 59 Tomahawk missiles Trump launched": a relative clause the parser misread
    before = [t for t in first.doc[max(0, entity[0].i - 6) : entity[0].i]
              if t.head in inside and t.dep_ in _DESCRIPTIVE]
    tokens = sorted({t for b in before for t in b.subtree if t.i < entity[0].i}, key=lambda t: t.i)
    tokens = [t for t in tokens if t.dep_ != "det" and not t.is_punct]
    if tokens and any(t.pos_ == "NOUN" or t.lower_ in PERSON_TITLES for t in tokens):
        yield NominalRelation(argument(entity, head, offset), "is", argument(tokens, tokens[-1], offset), TITLE_CONFIDENCE)
        yield from _office_before(argument(entity, head, offset), tokens, offset)


def _office_before(person: Argument, tokens: list[Word], offset: int) -> Iterator[NominalRelation]:
    """The body an office written before a name serves: "Tory leader Michael Howard" -> is leader of Tory."""
    role = tokens[-1]
    if role.lemma_.lower() not in ROLE_NOUNS | MEMBER_NOUNS:
        return
    body_start = next((t for t in tokens if t.ent_type_ in ACTOR_TYPES and t.i < role.i), None)
    if body_start is None:
        return
    body = [t for t in entity_tokens(body_start) if t.i < role.i]
    words = [t for t in tokens if t not in body and t.tag_ != "POS"]
    yield NominalRelation(person, f"is {join_tokens(words)} of", argument(body, body[-1], offset), POSSESSIVE_CONFIDENCE,
                          _role_lemma(role), ROLE_EXTRACTOR)


def _strip_case(tokens: list[Word]) -> list[Word]:
    """The owner without its possessive marker: "the Kremlin's" -> "the Kremlin"."""
    return [t for t in tokens if t.tag_ != "POS"] or tokens


def _is_list(head: Word, appos: Word) -> bool:
    """Whether a name "in apposition" is the next item of a list: "David Davis, Oliver Letwin and Tim Yeo"."""
    if head.pos_ == "PROPN" and appos.pos_ == "PROPN" and head.ent_type_ and appos.ent_type_:
        return True
    return any(c.dep_ in {"conj", "cc"} for c in appos.children) and appos.pos_ == "PROPN"


def _role_lemma(noun: Word) -> str:
    return "member_of" if noun.lemma_.lower() in MEMBER_NOUNS else "role"


def _role_of(subject: Argument, role: Word, offset: int) -> Iterator[NominalRelation]:
    """The body a role in apposition serves: "the Labour leader", "general secretary of Unison"."""
    bodies = [c for c in role.children if c.dep_ in {"compound", "amod"} and c.i < role.i and c.ent_type_ in ACTOR_TYPES]
    bodies += [p for prep in role.children if prep.dep_ == "prep" and prep.lower_ == "of"
               for p in prep.children if p.dep_ == "pobj" and p.ent_type_ in ACTOR_TYPES]
    if not bodies:
        return
    body = entity_tokens(bodies[0])
    words = [t for t in role.subtree if t.i <= role.i and t.dep_ != "det" and t not in body]
    yield NominalRelation(subject, f"is {join_tokens(words)} of", argument(body, body[-1], offset), POSSESSIVE_CONFIDENCE,
                          _role_lemma(role), ROLE_EXTRACTOR)


def _event(actor: Argument, noun: Word, offset: int) -> Iterator[NominalRelation]:
    """An actor's event noun and whom it is with or on: "Tillerson's trip to Moscow" -> (Tillerson; visit; Moscow)."""
    verb, preps = EVENT_NOUNS[noun.lemma_.lower()]
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps or prep.lower_ == "between":
            continue
        relation = _reciprocal(verb) if prep.lower_ == "with" else verb
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for other in conjuncts(pobj):
                yield NominalRelation(actor, relation, argument(arg_tokens(other), other, offset, inner=True),
                                      EVENT_CONFIDENCE, verb, EVENT_NOUN_EXTRACTOR)
        return


def _reciprocal(verb: str) -> str:
    """The relation of an event shared with someone: "negotiation with" -> "negotiate with"."""
    return verb if " " in verb else f"{verb} with"


def _between(noun: Word, offset: int) -> Iterator[NominalRelation]:
    """An event between two actors: "talks between Blair and Bush", "a 2013 deal between the USA and Russia"."""
    verb, preps = EVENT_NOUNS[noun.lemma_.lower()]
    if "between" not in preps:
        return
    for prep in noun.children:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
        if prep.lower_ == "between" and pobj is not None and len(sides := conjuncts(pobj)) >= 2:
            first, second = sides[0], sides[1]
            yield NominalRelation(argument(arg_tokens(first), first, offset), _reciprocal(verb),
                                  argument(arg_tokens(second), second, offset), EVENT_CONFIDENCE, verb,
                                  EVENT_NOUN_EXTRACTOR)
