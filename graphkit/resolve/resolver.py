"""Resolving mentions into entities: the state the rules share, the table run in order, entities out.

:func:`resolve` sorts the mentions, runs every rule of
:data:`~graphkit.resolve.rules.RULES` in order over one :class:`RuleState` (the
rules and how to add one are in :mod:`graphkit.resolve.rules`), then makes one
:class:`~graphkit.types.Entity` per key, with the count of mentions each rule
keyed (``merges``).

Entity ids are ``type/slug-of-label`` (or of the dictionary's canonical name): the same
input gives the same ids on every run.

A rule that fails on one mention (a bug, an input no rule foresaw) does not
lose the build: that mention is left out of every entity, and a warning on the
``graphkit.resolve`` logger names its document, offset and text (the command
line prints it as one line on standard error). Like Python's own warnings,
each failure is reported once per process, however often the pipeline resolves.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from graphkit.ids import disambiguate, slug
from graphkit.lexicon import CONCEPT_DETERMINERS
from graphkit.resolve.aliases import UserAliases
from graphkit.resolve.gazetteer import Country, Gazetteer, load_gazetteer
from graphkit.resolve.names import normalize, person_key
from graphkit.resolve.rules import RULES, Rule, concept_key, is_concept
from graphkit.text import trim_symbols, xml_safe
from graphkit.types import Entity, Mention

Key = tuple[str, str]
"""What a rule gives a mention: (type, name). Mentions with one key are one entity."""

__all__ = ["Key", "MentionIndex", "Resolution", "RuleState", "concept_key", "entities", "is_concept", "resolve"]

logger = logging.getLogger("graphkit.resolve")
_REPORTED: set[tuple] = set()


class _Guard:
    """Runs a rule mention by mention: a mention the rule fails on is skipped, with a warning."""

    def __init__(self) -> None:
        self.skipped: set[Mention] = set()

    def each(self, rule: str, mentions: Iterable[Mention], step: Callable[[Mention], None]) -> None:
        """Apply ``step`` to every mention not skipped yet."""
        for m in mentions:
            if self.skipped and m in self.skipped:
                continue
            try:
                step(m)
            except Exception as error:  # one odd mention must not lose every document
                self.skipped.add(m)
                problem = f"{type(error).__name__}: {xml_safe(str(error))}"
                if (m, rule, problem) not in _REPORTED:
                    _REPORTED.add((m, rule, problem))
                    logger.warning("%s: the %s rule failed on '%s' at offset %d (%s); that mention was skipped",
                                   m.doc_id, rule, m.text, m.start, problem)

    def kept(self, mentions: Iterable[Mention]) -> list[Mention]:
        """The mentions no rule failed on."""
        return [m for m in mentions if m not in self.skipped] if self.skipped else list(mentions)


class RuleState:
    """What the rules share while they resolve one set of mentions (see :mod:`graphkit.resolve.rules`).

    ``names``, ``pronouns``, ``titles`` and ``concepts`` are the mentions by kind,
    sorted; ``keys`` maps a mention to its key so far and ``rule_of`` to the name
    of the rule that gave it; ``labels`` and ``ids`` fix a key's label or entity
    id. ``rule`` is the name of the running rule.
    """

    def __init__(self, mentions: Iterable[Mention], gazetteer: Gazetteer | None = None,
                 aliases: UserAliases | None = None):
        self.gazetteer = gazetteer or load_gazetteer()
        self.aliases = aliases or UserAliases()
        # each mention once, in the order given (the records' come mostly in order, which sorts fast), then
        # sorted by every field, so that no order of the input shows through
        ordered = sorted(dict.fromkeys(mentions), key=lambda m: (m.doc_id, m.start, m.end, m.text, m.kind, m.label,
                                                                 m.role, m.sentence_start, m.roles, m.quoted))
        self.names = [m for m in ordered if m.kind == "name"]
        self.concepts = [m for m in ordered if m.kind == "concept"]
        self.pronouns = [m for m in ordered if m.kind == "pronoun"]
        self.titles = [m for m in ordered if m.kind == "title"]
        self.keys: dict[Mention, Key] = {}
        self.rule_of: dict[Mention, str] = {}
        self.labels: dict[Key, str] = {}
        self.ids: dict[Key, str] = {}
        self.rule = ""
        self._guard = _Guard()

    def apply(self, rule: Rule) -> None:
        """Run one rule of the table; the keys it assigns record its name."""
        self.rule = rule.name
        rule.apply(self)

    def assign(self, mention: Mention, key: Key) -> None:
        """Give ``mention`` a key, made by the running rule."""
        self.keys[mention] = key
        self.rule_of[mention] = self.rule

    def each(self, mentions: Iterable[Mention], step: Callable[[Mention], None], label: str = "") -> None:
        """Apply ``step`` to every mention no rule failed on yet; one it fails on is warned about and left out."""
        self._guard.each(label or self.rule, mentions, step)

    def kept(self, mentions: Iterable[Mention]) -> list[Mention]:
        """The mentions no rule failed on."""
        return self._guard.kept(mentions)

    @cached_property
    def surnames(self) -> frozenset[str]:
        """The last words of the multi-word names NER called a person: "rouhani" of "Hassan Rouhani"."""
        return frozenset(words[-1] for m in self.names if m.label == "PERSON"
                         and len(words := normalize(m.text).split()) > 1)

    def clusters(self) -> dict[Key, list[Mention]]:
        """The keyed mentions (none a rule failed on), grouped by key."""
        found: dict[Key, list[Mention]] = defaultdict(list)
        skipped = self._guard.skipped
        for mention, key in self.keys.items():
            if not skipped or mention not in skipped:
                found[key].append(mention)
        return found

    def name_key(self, text: str, kind: str) -> Key:
        """The key of a name of this type: a person's without particles and honorifics, else its normalised words."""
        return kind, person_key(text) if kind == "PERSON" else normalize(text)

    def country_key(self, country: Country) -> Key:
        """The key of a state, whose node is labelled with the state's common name."""
        key = ("GPE", f"country:{country.code}")
        self.labels[key] = country.label
        return key


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities, and which entity each mention belongs to."""

    entities: tuple[Entity, ...]
    entity_of: dict[Mention, str]

    def combine(self, other: Resolution) -> Resolution:
        """Both resolutions together (their entity ids must not overlap, e.g. actors and concepts)."""
        entities = sorted([*self.entities, *other.entities], key=lambda e: e.id)
        return Resolution(entities=tuple(entities), entity_of={**self.entity_of, **other.entity_of})

    def index(self) -> MentionIndex:
        """An index to find the entity a stretch of a document refers to."""
        return MentionIndex(self.entity_of)


class MentionIndex:
    """Find the mentions that cover or overlap a character range of a document.

    Spans are kept sorted by start; no span is longer than the longest mention,
    which bounds every search.
    """

    def __init__(self, entity_of: dict[Mention, str]):
        self._by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for mention, entity_id in entity_of.items():
            self._by_doc[mention.doc_id].append((mention.start, mention.end, entity_id))
        for spans in self._by_doc.values():
            spans.sort()
        self._starts = {doc: [s for s, _, _ in spans] for doc, spans in self._by_doc.items()}
        self._longest = max((m.end - m.start for m in entity_of), default=0)

    def _near(self, doc_id: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """The spans that start early enough to reach ``start`` and before ``end``."""
        starts = self._starts.get(doc_id, [])
        return self._by_doc[doc_id][bisect_left(starts, start - self._longest) : bisect_left(starts, end)] if starts else []

    def lookup(self, doc_id: str, start: int, end: int) -> str | None:
        """The entity of the smallest mention that contains ``[start, end)``, if any."""
        containing = [(e - s, entity_id) for s, e, entity_id in self._near(doc_id, start, end) if s <= start and e >= end]
        return min(containing)[1] if containing else None

    def overlaps(self, doc_id: str, start: int, end: int) -> bool:
        """Whether any mention overlaps ``[start, end)``."""
        return any(s < end and start < e for s, e, _ in self._near(doc_id, start, end))


def resolve(mentions: Iterable[Mention], gazetteer: Gazetteer | None = None,
            aliases: UserAliases | None = None, rules: tuple[Rule, ...] = RULES) -> Resolution:
    """Cluster mentions into entities by running ``rules`` in order; pronouns without an antecedent are dropped.

    The result does not depend on the order of ``mentions``. ``aliases`` (the
    user's alias file) comes before every other rule.
    """
    state = RuleState(mentions, gazetteer, aliases)
    for rule in rules:
        state.apply(rule)
    return entities(state)


def entities(state: RuleState) -> Resolution:
    """One entity per key of the state, with its label, a stable id and the rules that merged it."""
    found: dict[str, Entity] = {}
    entity_of: dict[Mention, str] = {}
    clusters = state.clusters()
    for key in sorted(clusters):
        members = clusters[key]
        label = state.labels.get(key) or _label(key[0], [m for m in members if m.kind == "name"] or members)
        entity_id = state.ids.get(key) or f"{key[0].lower()}/{slug(label)}"
        if entity_id in found:  # two different keys, one readable id: keep them apart
            entity_id = disambiguate(entity_id, "|".join(key))
        found[entity_id] = _entity(entity_id, label, key[0], members, state.rule_of)
        for m in members:
            entity_of[m] = entity_id
    return Resolution(entities=tuple(found[k] for k in sorted(found)), entity_of=entity_of)


def _label(kind: str, members: list[Mention]) -> str:
    counts = Counter(m.text for m in members)
    if kind == "PERSON":
        return max(counts, key=lambda t: (len(person_key(t).split()), counts[t], len(t), t))
    if kind == "CONCEPT":
        best = max(counts, key=lambda t: (counts[t], -len(t), t))
        words = trim_symbols(best).split()  # an argument cut at a token may end in half a flag
        while len(words) > 1 and words[0].lower() in CONCEPT_DETERMINERS:
            words.pop(0)
        return " ".join(words).strip("'\"“”‘’()[] ") or best
    return max(counts, key=lambda t: (counts[t], len(t), t))


def _surface_form(m: Mention) -> str:
    """How a mention is listed among its entity's aliases: a concept without symbols at its ends."""
    return (trim_symbols(m.text) or m.text) if m.kind == "concept" else m.text


_POSITION = attrgetter("doc_id", "start", "end")


def _entity(entity_id: str, label: str, kind: str, members: list[Mention], rules: dict[Mention, str]) -> Entity:
    members = sorted(members, key=_POSITION)  # one key's mentions, each once
    aliases = Counter([_surface_form(m) for m in members if m.kind != "pronoun"])
    merges = Counter([rules[m] for m in members])
    return Entity(
        id=entity_id,
        label=label,
        type=kind,
        mentions=tuple(members),
        aliases=tuple(sorted(aliases.items(), key=lambda item: (-item[1], item[0]))),
        merges=tuple(sorted(merges.items())),
    )
