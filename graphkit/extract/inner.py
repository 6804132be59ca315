"""Actors inside an argument phrase (``Argument.inner``).

An argument's head is often a common noun ("a United Nations *resolution*",
"the UN *envoy*"), so the argument names no actor by its head, though a reader
sees one inside it. Each rule below finds the words that may name that actor,
recorded as plain offsets with the rule's name; the corpus stage takes the first
that resolved to an actor, so the edge reaches it and keeps the phrase as its text:

* ``apposition``: a name in apposition to the head: "his Israeli counterpart, Ariel
  Sharon", "the Palestinian leader, Mahmoud Abbas" (before every other rule);
* ``role-noun``: an office or a spokesperson acts for whom it serves: "the UN
  envoy", "Labour's spokesman", "the general secretary of Unison";
* ``against``: the target of a noun, or of a noun the phrase's prepositions lead to: "an
  unlawful attack against Syria", "alarming actions with an unlawful attack against Syria";
* ``possessive``: "the Tories' plans", "the forces of the Kremlin's ally";
* ``of-phrase``: "the forces of Bashar Assad" (the name in apposition to a noun
  of the phrase too: "the forces of the Kremlin's ally Bashar Assad");
* ``compound``: a name or a people's adjective before the noun: "a United Nations
  resolution", "the Syrian army";
* ``described-person``: a bare "person" or "man" described by a clause that names one
  person: "a person that's truly an evil person in his relationship with Assad" (Assad).

Possessive pronouns ("his plans") are left out: they name no actor by themselves.
"""

from __future__ import annotations

from graphkit.lexicon import ACTOR_TYPES, PERSON_TITLES, POSSESSIVE_DETERMINERS, STAFF_NOUNS
from graphkit.nlp.tokens import Word, entity_tokens

ROLE_NOUNS = PERSON_TITLES | STAFF_NOUNS | frozenset({"representative", "delegate", "delegation", "envoy", "chief",
                                                       "head", "negotiator", "chairman", "chairwoman"})
"""Nouns for someone who acts for a body: "the UN envoy" acts for the UN."""

INNER_RULES = ("apposition", "role-noun", "against", "possessive", "of-phrase", "compound", "described-person")

GENERIC_PERSON_NOUNS = frozenset({"person", "man", "woman", "individual", "figure", "guy"})
"""Heads that say only that the argument is someone: the phrase's description names whom."""
_NESTED = frozenset({"with", "in", "of", "over", "by", "amid"})
"""Prepositions through which an ``against`` phrase further in still describes the argument."""


def inner_actors(head: Word, offset: int) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, rule)`` of the words inside the phrase headed by ``head`` that may name its actor, best first.

    Nothing for a head that is itself a name or a pronoun: the head names the actor.
    """
    if head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ in ACTOR_TYPES:  # "former President" may come as PROPN
        return ()
    possessors = [c for c in head.children if c.dep_ == "poss" and _names_owner(c)]
    of_phrase = _prepositional(head, "of")
    modifiers = [_entity_head(c) for c in head.children
                 if c.dep_ in {"compound", "amod"} and c.i < head.i and c.ent_type_ in ACTOR_TYPES]
    found: list[tuple[Word, str]] = [(_entity_head(c), "apposition") for c in head.children
                                      if c.dep_ == "appos" and c.ent_type_ in ACTOR_TYPES]
    if head.lemma_.lower() in ROLE_NOUNS:
        found += [(t, "role-noun") for t in possessors + modifiers + of_phrase]
    elif head.lemma_.lower() in GENERIC_PERSON_NOUNS:
        found += [(t, "described-person") for t in _described_person(head)]
    else:
        found += [*((t, "against") for t in _targets(head)), *((t, "possessive") for t in possessors),
                 *((t, "of-phrase") for t in of_phrase), *((t, "compound") for t in modifiers)]
    seen: set[int] = set()
    spans = []
    for token, rule in found:
        if token.i not in seen:
            seen.add(token.i)
            spans.append((offset + token.idx, offset + token.idx + len(token), rule))
    return tuple(spans)


def _names_owner(token: Word) -> bool:
    """Whether a possessor may name an actor: "the Kremlin's", not "his" or "its"."""
    return token.lower_ not in POSSESSIVE_DETERMINERS and token.pos_ != "PRON"


def _prepositional(head: Word, preposition: str) -> list[Word]:
    """The actors named by the noun's ``preposition`` phrase: the name itself, or one in apposition to its noun."""
    found: list[Word] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != preposition:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.ent_type_ in ACTOR_TYPES:
                found.append(pobj)
            elif pobj.pos_ == "NOUN":
                found.extend(c for c in pobj.children if c.dep_ == "appos" and c.ent_type_ in ACTOR_TYPES)
                found.extend(c for c in pobj.children if c.dep_ == "poss" and _names_owner(c))
    return found


def _targets(head: Word) -> list[Word]:
    """The actors an ``against`` phrase names, on the head or on a noun its prepositions lead to."""
    found = _prepositional(head, "against")
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _NESTED:
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
                found.extend(_targets(pobj))
    return found


def _described_person(head: Word) -> list[Word]:
    """The one person named in the clause describing a generic "person" ("a person that is ... with Assad")."""
    clause = next((c for c in head.children if c.dep_ == "relcl"), None)
    if clause is None:
        return []
    people = {_entity_head(t) for t in clause.subtree if t.ent_type_ == "PERSON"}
    return list(people) if len(people) == 1 else []


def _entity_head(token: Word) -> Word:
    """The last word of the name ``token`` is part of ("United" -> "Nations")."""
    return entity_tokens(token)[-1] if token.ent_type_ else token
