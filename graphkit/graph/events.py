"""Who did what to whom: a relation's PLOVER event type and its Goldstein intensity.

A plain function over a triple's words, negation and modality (no spaCy, no
entities): :func:`event_of` reads the relation's lemma the way an event coder
reads a verb phrase, with the CAMEO verb dictionary (PETRARCH2), the
CAMEO->PLOVER table and the ICEWS Goldstein values (``graphkit/data/events``)::

    >>> event_of("praise", "praised", ("Trump",))
    Event(event='SUPPORT', intensity=3.4, code='051')
    >>> event_of("refuse meet", "refused to meet", ("the envoy",)).event
    'REJECT'

The rules, in order:

* the first verb of the lemma that the dictionary knows gives a CAMEO code,
  made more precise by the longest pattern of its synonym block that the rest
  of the relation and the object state ("agree with" -> 030);
* a verb of refusal before another verb ("refused to meet", "declined to
  back") is ``REJECT``; "threatened to attack" is ``THREATEN``; a verb of
  trying, wanting or planning passes to the verb after it;
* negation: a cooperative event that did not happen ("did not agree") is
  ``REJECT``; a hostile one that did not happen is ``OTHER``;
* modality: "will attack" is ``THREATEN``, "will send aid" is ``AGREE``
  (intent to cooperate);
* ``be``, verbs of office and membership ("led Labour", "joined the Tories") and
  what no verb types are ``OTHER``,
  with no intensity; reporting verbs are ``STATEMENT``.

:func:`annotate` gives these to the relations whose two ends are actors, and
dates every relation (:mod:`graphkit.dates`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from graphkit.dates import document_date, resolve_date
from graphkit.lexicon import ACTOR_TYPES, REPORTING_VERBS
from graphkit.types import Document, Entity, Relation

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT", "OTHER",
)
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE_ACTS = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
MATERIAL_COOPERATION = frozenset({"COOPERATE", "AID", "RETREAT", "CONCEDE"})
# The CAMEO root whose Goldstein value an event gets when a rule, not a verb, sets its type.
_ROOT_OF = {"REJECT": "12", "THREATEN": "13", "AGREE": "03", "REQUEST": "02"}
REFUSING_VERBS = frozenset({"refuse", "decline", "reject", "rule out", "resist"})
THREATENING_VERBS = frozenset({"threaten", "vow"})
PROMISING_VERBS = frozenset({"agree", "promise", "pledge", "offer", "undertake"})
REQUESTING_VERBS = frozenset({"urge", "ask", "call on", "call for", "press", "demand", "appeal"})
# Verbs that pass on to the verb they govern ("tried to block" is about blocking).
PASSING_VERBS = frozenset({
    "try", "want", "plan", "seek", "hope", "begin", "start", "continue", "decide", "intend", "attempt", "prepare",
    "expect", "need", "aim", "move", "go", "come", "have", "get", "help", "wish", "choose", "struggle", "be",
    "set", "look", "appear", "seem", "fail",
})
# Verbs of holding an office or belonging ("Kinnock led Labour", "joined the Tories"): roles, no event.
ROLE_VERBS = frozenset({"lead", "head", "chair", "run", "join", "represent", "govern", "oversee", "manage", "await"})
LIGHT_VERBS = frozenset({"take", "make", "give", "hold", "have", "get", "put", "do", "keep"})
PREPOSITIONS = frozenset({
    "to", "with", "on", "in", "for", "of", "at", "by", "from", "against", "over", "into", "about", "between", "after",
    "under", "through", "toward", "towards", "across", "upon", "within", "without", "out", "off", "up", "down",
})
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll"})
_SKIPPED_WORDS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"})
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True, slots=True)
class Event:
    """An event type, its Goldstein intensity (``None`` when no scale applies) and the CAMEO code it came from."""

    event: str
    intensity: float | None
    code: str = ""


OTHER = Event("OTHER", None)


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, tuple[str, str]]  # verb -> (synonym block, CAMEO code or "")
    patterns: dict[str, list[tuple[tuple[str, ...], str]]]  # block -> [(words, code)], longest first
    codes: dict[str, tuple[str, float]]  # CAMEO code -> (PLOVER event, Goldstein value)
    starting: dict[str, dict[str, list[int]]]  # block -> first word -> the positions of its patterns there


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    def rows(name: str) -> list[list[str]]:
        text = files("graphkit.data.events").joinpath(name).read_text(encoding="utf-8")
        return [line.split("\t") for line in text.splitlines()[1:] if line]

    verbs = {verb: (block, code) for verb, block, code in rows("verbs.tsv")}
    patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for block, words, code in rows("patterns.tsv"):
        patterns.setdefault(block, []).append((tuple(words.split()), code))
    for found in patterns.values():
        found.sort(key=lambda pattern: (-len(pattern[0]), pattern))
    codes = {code: (event, float(value)) for code, event, value, _ in rows("codes.tsv") if event}
    starting: dict[str, dict[str, list[int]]] = {}
    for block, found in patterns.items():
        for position, (words, _) in enumerate(found):
            starting.setdefault(block, {}).setdefault(words[0], []).append(position)
    return _Lexicon(verbs, patterns, codes, starting)


def _known(verb: str) -> str | None:
    """The dictionary's form of ``verb``: as written, or in US spelling ("criticise" -> "criticize")."""
    verbs = _lexicon().verbs
    for form in (verb, re.sub(r"is(e|ing|ed)$", r"iz\1", verb), verb.replace("our", "or")):
        if form in verbs:
            return form
    return None


def _coded(code: str) -> Event:
    """The event of a CAMEO code: its PLOVER type and Goldstein value (from its parents when it has no row)."""
    codes = _lexicon().codes
    for length in range(len(code), 1, -1):
        if code[:length] in codes:
            event, value = codes[code[:length]]
            return Event(event, value, code)
    return OTHER


def _by_rule(event: str) -> Event:
    return replace(_coded(_ROOT_OF[event]), event=event)


def _subsequence(pattern: tuple[str, ...], words: Sequence[str]) -> bool:
    it = iter(words)
    return all(word in it for word in pattern)


def _verb_event(verb: str, rest: list[str], relation_words: list[str], args: Sequence[str]) -> Event | None:
    """The event of one dictionary verb, a pattern of its block refining it; ``None`` if neither gives a code."""
    block, code = _lexicon().verbs[verb]
    code = "" if verb in LIGHT_VERBS else code  # "take action against": only a pattern says what a light verb does
    object_words = [w for w in _WORD.findall(args[0].lower()) if w not in _SKIPPED_WORDS] if args else []
    rest = rest + [w for w in relation_words if w not in rest]  # the words as written: "talks", not "talk"
    patterns, starting = _lexicon().patterns.get(block, []), _lexicon().starting.get(block, {})
    # only a pattern whose first word is here can match: those, in the block's order
    for position in sorted({p for w in {*rest, *object_words} for p in starting.get(w, ())}):
        words, pattern_code = patterns[position]
        if len(words) == 1 and words[0] in PREPOSITIONS:
            matches = words[0] in rest  # "agree with": a lone preposition counts only in the relation
        else:
            matches = _subsequence(words, rest + object_words) and any(
                w in object_words for w in words if w not in PREPOSITIONS)
        if matches:
            code = pattern_code
            break
    return _coded(code) if code else None


def event_of(lemma: str, relation: str = "", args: Sequence[str] = (), negated: bool = False,
             modal: str = "") -> Event:
    """The PLOVER event of a relation, from its lemma ("not agree with"), words, arguments, negation and modal.

    ``args`` are the argument texts, the object first. See the module's rules.

    >>> event_of("attack", "attacked", ("Gaza",)).event
    'ASSAULT'
    >>> event_of("not agree with", "did not agree with", ("the plan",), negated=True).event
    'REJECT'
    """
    words = lemma.lower().split()
    if words[:1] == ["not"]:
        negated, words = True, words[1:]
    found = _first_event(words, relation.lower().split(), args)
    if found is None:
        return Event("STATEMENT", 0.0, "010") if any(w in REPORTING_VERBS for w in words[:1]) else OTHER
    if negated:
        if found.event in COOPERATIVE:
            return _by_rule("REJECT")
        return found if found.event == "STATEMENT" else OTHER
    modal_words = set(modal.lower().split()) | {w for w in relation.lower().split() if w in FUTURE_MODALS}
    if modal_words & FUTURE_MODALS:
        if found.event in HOSTILE_ACTS:
            return _by_rule("THREATEN")
        if found.event in MATERIAL_COOPERATION:
            return _by_rule("AGREE")
    return found


def _first_event(words: list[str], relation_words: list[str], args: Sequence[str]) -> Event | None:
    """The event of the first verb that says one, with the control verbs' rules ("refuse meet" -> REJECT)."""
    for i, word in enumerate(words):
        pair = " ".join(words[i:i + 2])
        verb, rest = (pair, words[i + 2:]) if _known(pair) else (word, words[i + 1:])
        governs_verb = any(_known(w) for w in rest)
        if governs_verb and verb in REFUSING_VERBS:
            return _by_rule("REJECT")
        if governs_verb and verb in THREATENING_VERBS:
            return _by_rule("THREATEN")
        if governs_verb and verb in REQUESTING_VERBS:
            return _by_rule("REQUEST")
        if governs_verb and verb in PROMISING_VERBS:
            nested = _first_event(rest, relation_words, args)
            hostile = nested is not None and nested.event in HOSTILE_ACTS
            return _by_rule("THREATEN" if hostile else "AGREE")
        if governs_verb and verb in PASSING_VERBS:
            continue
        if verb in REQUESTING_VERBS:
            return _by_rule("REQUEST")
        if verb in ROLE_VERBS:
            return OTHER
        form = _known(verb)
        if form is None or verb == "be":
            continue
        found = _verb_event(form, rest, relation_words, args)
        if found is not None:
            return found
    return None


def is_actor(entity: Entity | None) -> bool:
    """An entity that can act: a person, organisation, state, group, place or facility (no concept)."""
    return entity is not None and entity.type in ACTOR_TYPES


def annotate(relations: Iterable[Relation], entities: Iterable[Entity], documents: Iterable[Document]
             ) -> tuple[Relation, ...]:
    """The relations with their event and intensity (actor to actor only), document date and event date.

    ``event_date`` is the triple's time expression ("last week") resolved against
    the document's date (:func:`graphkit.dates.resolve_date`).
    """
    by_id = {entity.id: entity for entity in entities}
    dates = {doc.id: document_date(doc.date) for doc in documents}
    annotated = []
    for relation in relations:
        t = relation.triple
        date = dates.get(t.provenance.doc_id, "")
        fields: dict[str, object] = {"date": date}
        if t.when is not None:
            fields["event_date"] = resolve_date(t.when.text, date)
        if is_actor(by_id.get(relation.subject_id)) and is_actor(by_id.get(relation.object_id)):
            found = event_of(t.relation_lemma or t.relation, t.relation, [a.text for a in t.args], t.negated, t.modal)
            fields["event"], fields["intensity"] = found.event, found.intensity
        annotated.append(replace(relation, **fields))
    return tuple(annotated)
