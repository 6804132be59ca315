"""Relations that news states with nouns, not verbs.

* apposition: "Lavrov, Russia's foreign minister" -> (Lavrov; is; Russia's foreign minister)
  and (Lavrov; is foreign minister of; Russia);
* possessive with an apposition: "the Kremlin's ally Bashar Assad" -> (Bashar Assad; is ally of; the Kremlin);
* possessive event noun: "Tillerson's trip to Moscow" -> (Tillerson; trip to; Moscow);
* title before a name: "President Trump" -> (Trump; is; President), for titles that the
  PETRARCH/Phoenix agents dictionary lists as roles.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphkit.extract.tokens import arg_tokens, argument, entity_tokens, join_tokens
from graphkit.resolve.gazetteer import role_words
from graphkit.types import Argument

APPOSITION_CONFIDENCE = 0.6
POSSESSIVE_CONFIDENCE = 0.5
TITLE_CONFIDENCE = 0.65
_PRONOUNS = {"his", "her", "its", "their", "our", "my", "your", "whose"}


def nominal_relations(sent: Span, offset: int) -> Iterator[tuple[Argument, str, Argument, float]]:
    """Yield (subject, relation, object, confidence) for the sentence's nominal relations."""
    for token in sent:
        if token.dep_ == "appos" and token.head.pos_ in {"NOUN", "PROPN"}:
            yield from _apposition(token.head, token, offset)
        elif token.dep_ == "poss" and token.lower_ not in _PRONOUNS and token.head.pos_ == "NOUN":
            yield from _possessive(token, token.head, offset)
        elif token.dep_ == "compound" and token.head.ent_type_ == "PERSON" and token.lower_ in role_words():
            yield from _title(token, token.head, offset)


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
    owner = next((c for c in appos.children if c.dep_ == "poss" and c.lower_ not in _PRONOUNS), None)
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


def _title(title: Token, name: Token, offset: int):
    name_tokens = [t for t in entity_tokens(name) if t != title and t.i > title.i]
    if name_tokens:
        yield argument(name_tokens, name, offset), "is", argument([title], title, offset), TITLE_CONFIDENCE


def _strip_case(tokens: list[Token]) -> list[Token]:
    """The owner without its possessive marker: "the Kremlin's" -> "the Kremlin"."""
    return [t for t in tokens if t.tag_ != "POS"] or tokens
