"""Relations that news states with nouns, not verbs.

* apposition: "Lavrov, Russia's foreign minister" -> (Lavrov; is; Russia's foreign minister)
  and (Lavrov; is foreign minister of; Russia);
* possessive with an apposition: "the Kremlin's ally Bashar Assad" -> (Bashar Assad; is ally of; the Kremlin);
* possessive event noun: "Tillerson's trip to Moscow" -> (Tillerson; trip to; Moscow);
* a description before a name: "President Trump" -> (Trump; is; President), "German
  Chancellor Angela Merkel" -> (Angela Merkel; is; German Chancellor), when it holds a
  common noun or a title.

``clauses.v1`` runs these rules on every sentence; the triples they make carry
``nominal.v1`` as their extractor, so provenance tells them from clause triples.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphkit.extract.tokens import arg_tokens, argument, join_tokens
from graphkit.lexicon import ACTOR_TYPES, PERSON_TITLES, POSSESSIVE_DETERMINERS
from graphkit.nlp.tokens import entity_tokens
from graphkit.types import Argument

NOMINAL_EXTRACTOR = "nominal.v1"
APPOSITION_CONFIDENCE = 0.6
POSSESSIVE_CONFIDENCE = 0.5
TITLE_CONFIDENCE = 0.65
_DESCRIPTIVE = {"compound", "amod", "nmod"}


def nominal_relations(sent: Span, offset: int) -> Iterator[tuple[Argument, str, Argument, float]]:
    """Yield (subject, relation, object, confidence) for the sentence's nominal relations."""
    for token in sent:
        if token.dep_ == "appos" and token.head.pos_ in {"NOUN", "PROPN"}:
            yield from _apposition(token.head, token, offset)
        elif token.dep_ == "poss" and token.lower_ not in POSSESSIVE_DETERMINERS and token.head.pos_ == "NOUN":
            yield from _possessive(token, token.head, offset)
        elif token.ent_type_ in ACTOR_TYPES and token.ent_iob_ == "B":
            yield from _descriptor(token, offset)


def _without(tokens: list[Token], dropped: list[Token]) -> list[Token]:
    return [t for t in tokens if t not in dropped]


def _apposition(head: Token, appos: Token, offset: int):
    if head.pos_ != "PROPN" and appos.pos_ == "PROPN":
        # "the Kremlin's ally Bashar Assad": the name is what the description is about
        yield argument(arg_tokens(appos), appos, offset), "is", argument(arg_tokens(head), head, offset), APPOSITION_CONFIDENCE
        return
    subject = argument(arg_tokens(head), head, offset)
    described = arg_tokens(appos)
    yield subject, "is", argument(described, appos, offset), APPOSITION_CONFIDENCE
    owner = next((c for c in appos.children if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_DETERMINERS), None)
    if owner is not None:
        owner_tokens = arg_tokens(owner)
        role = [t for t in _without(described, owner_tokens) if t.tag_ != "POS" and t.dep_ != "det"]
        if role:
            yield subject, f"is {join_tokens(role)} of", argument(_strip_case(owner_tokens), owner, offset), POSSESSIVE_CONFIDENCE


def _possessive(owner: Token, noun: Token, offset: int):
    owner_arg = argument(_strip_case(arg_tokens(owner)), owner, offset)
    appos = next((c for c in noun.children if c.dep_ == "appos"), None)
    if appos is not None:
        role = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in {"det", "case"} and t not in owner.subtree]
        yield argument(arg_tokens(appos), appos, offset), f"is {join_tokens(role)} of", owner_arg, POSSESSIVE_CONFIDENCE
        return
    for prep in noun.children:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.dep_ == "prep" and pobj is not None:
            relation = join_tokens([t for t in noun.subtree if t.i <= noun.i and t not in owner.subtree and t.dep_ != "det"] + [prep])
            yield owner_arg, relation, argument(arg_tokens(pobj), pobj, offset), POSSESSIVE_CONFIDENCE
            return


def _descriptor(first: Token, offset: int):
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
        yield argument(entity, head, offset), "is", argument(tokens, tokens[-1], offset), TITLE_CONFIDENCE


def _strip_case(tokens: list[Token]) -> list[Token]:
    """The owner without its possessive marker: "the Kremlin's" -> "the Kremlin"."""
    return [t for t in tokens if t.tag_ != "POS"] or tokens
