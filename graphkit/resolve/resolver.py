"""Merging mentions into entities, and explaining each merge by the rule that made it.

Rules, in order:

``user-alias``    a name from the user's ``--aliases`` file is the entity declared there;
``country-name``  a name of a country ("US", "U.S.", "USA", "Russia") is the country;
``metonymy``      a capital acting as subject or possessor ("Moscow maintains",
                  "Washington's allies") is its state, elsewhere it is the place; a seat
                  of government that is no place ("the Kremlin", "the White House") is always the state;
``type-vote``     one name gets one type across the corpus (spaCy may call "Trump" an ORG
                  once): known political figures and surnames of people are people, else
                  the most frequent label;
``same-name``     mentions with the same normalised name and type are one entity;
``org-name``      names of one organisation in the Phoenix dictionaries are one entity
                  ("North Atlantic Treaty Organization", "NATO");
``surname``       a partial name ("Assad") joins the nearest full name of the same
                  document that ends with it ("Bashar al-Assad"), else the full name that
                  dominates the corpus;
``acronym``       an acronym defined in parentheses joins its name everywhere ("Islamic
                  State (ISIS)"); else "UN" joins the one organisation whose initials
                  spell it;
``never-merge``   the user's pairs are kept apart;
``pronoun``       he/she/his/her join the nearest person before them whose first name does
                  not say otherwise (Angela is a woman's name), its (and "it" as a
                  subject that is not expletive) the nearest state or organisation: the
                  current sentence first, then up to two sentences back, subjects preferred;
``title``         a role ("the Syrian president", "the President", "the Syrian
                  government") joins the one entity of its document that fits it;
``concept``       arguments that name no actor become concept nodes, merged by their
                  normalised words.

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
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graphkit.ids import disambiguate, slug
from graphkit.lexicon import CONCEPT_DETERMINERS, FEMALE_PRONOUNS, MALE_PRONOUNS, REFERRING_WORDS, TYPE_PRECEDENCE
from graphkit.resolve.aliases import UserAliases
from graphkit.resolve.gazetteer import Gazetteer, load_gazetteer, name_gender
from graphkit.resolve.names import normalize, person_key
from graphkit.text import trim_symbols, xml_safe
from graphkit.types import Entity, Mention

PRONOUN_WINDOW_SENTENCES = 2


logger = logging.getLogger("graphkit.resolve")
_REPORTED: set[tuple] = set()


class _Guard:
    """Runs a rule mention by mention: a mention the rule fails on is skipped, with a warning."""

    def __init__(self) -> None:
        self.skipped: set[Mention] = set()

    def each(self, rule: str, mentions: Iterable[Mention], step: Callable[[Mention], None]) -> None:
        """Apply ``step`` to every mention not skipped yet."""
        for m in mentions:
            if m in self.skipped:
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
        return [m for m in mentions if m not in self.skipped]


def is_concept(text: str) -> bool:
    """Whether an argument can be a concept node: some word that is not a pronoun or determiner alone."""
    key = concept_key(text)
    return any(c.isalpha() for c in key) and key not in CONCEPT_DETERMINERS | REFERRING_WORDS


def concept_key(text: str) -> str:
    """Normalised words of a concept, without leading determiners: "the chemical attack" -> "chemical attack"."""
    words = normalize(text).split()
    while len(words) > 1 and words[0] in CONCEPT_DETERMINERS:
        words.pop(0)
    return " ".join(words)


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
            aliases: UserAliases | None = None) -> Resolution:
    """Cluster mentions into entities; pronouns without an antecedent are dropped.

    The result does not depend on the order of ``mentions``. ``aliases`` (the
    user's alias file) comes before every other rule.
    """
    gazetteer = gazetteer or load_gazetteer()
    aliases = aliases or UserAliases()
    mentions = sorted(set(mentions), key=lambda m: (m.doc_id, m.start, m.end, m.text, m.kind, m.label))
    names = [m for m in mentions if m.kind == "name"]
    concepts = [m for m in mentions if m.kind == "concept"]
    pronouns = [m for m in mentions if m.kind == "pronoun"]
    titles = [m for m in mentions if m.kind == "title"]

    votes: dict[str, Counter] = defaultdict(Counter)
    for m in names:
        votes[normalize(m.text)][m.label] += 1
    surnames = {  # the last word of a multi-word name that NER called a person: "Rouhani" of "Hassan Rouhani"
        normalize(m.text).split()[-1] for m in names if m.label == "PERSON" and len(normalize(m.text).split()) > 1
    }

    keys: dict[Mention, tuple[str, str]] = {}
    rules: dict[Mention, str] = {}
    fixed_labels: dict[tuple[str, str], str] = {}
    fixed_ids: dict[tuple[str, str], str] = {}

    def key_name(m: Mention) -> None:
        norm = normalize(m.text)
        declared = aliases.lookup(m.text)
        if declared is not None:
            keys[m] = (declared.type, f"user:{normalize(declared.name)}")
            fixed_labels[keys[m]] = declared.name
            rules[m] = "user-alias"
            return
        country = gazetteer.country(norm)
        seat = gazetteer.body(norm) or (gazetteer.seat(norm) if m.role in {"subject", "possessor"} else None)
        if country or seat:
            state = country or seat
            keys[m] = ("GPE", f"country:{state.code}")
            rules[m] = "country-name" if country else "metonymy"
            return
        surname = norm in surnames and not m.text.replace(".", "").isupper()  # "UN" is no surname of "Kim Jong-un"
        if gazetteer.seat(norm) and not gazetteer.is_person(norm):
            kind = "GPE"  # a capital named as a place ("flew back to Ankara") is never a person
        else:
            kind = _vote(votes[norm], gazetteer.is_person(norm) or surname)
        rules[m] = "type-vote" if kind != m.label else "same-name"
        keys[m] = (kind, person_key(m.text) if kind == "PERSON" else norm)
        if kind == "ORG" and (canonical := gazetteer.organisation(norm)):
            keys[m] = ("ORG", f"org:{canonical}")
            fixed_ids[keys[m]] = f"org/{slug(canonical)}"
            rules[m] = "org-name"

    guard = _Guard()
    guard.each("name (user-alias, country-name, metonymy, type-vote, org-name)", names, key_name)
    _merge_surnames(guard.kept(names), keys, rules, guard)
    _merge_acronyms(guard.kept(names), keys, rules, guard)
    _keep_apart(guard.kept(names), keys, rules, aliases.never_merge, guard)
    names = guard.kept(names)

    clusters: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in names:
        clusters[keys[m]].append(m)

    def key_concept(m: Mention) -> None:
        keys[m] = ("CONCEPT", concept_key(m.text))
        rules[m] = "concept"

    guard.each("concept", concepts, key_concept)
    for m in guard.kept(concepts):
        clusters[keys[m]].append(m)

    people = [m for m in names if keys[m][0] == "PERSON"]
    groups = [m for m in names if keys[m][0] in {"ORG", "GPE", "NORP"}]
    genders = {key: _gender(members) for key, members in clusters.items() if key[0] == "PERSON"}
    linked = {}
    for gender, forms in (("M", MALE_PRONOUNS), ("F", FEMALE_PRONOUNS)):
        fitting = [m for m in people if genders[keys[m]] in {gender, ""}]
        linked.update(_antecedents([p for p in pronouns if p.text.lower() in forms], fitting, guard))
    linked.update(_antecedents([p for p in pronouns if p.label != "PERSON"], groups, guard))
    for pronoun, antecedent in linked.items():
        keys[pronoun] = keys[antecedent]
        rules[pronoun] = "pronoun"
        clusters[keys[antecedent]].append(pronoun)

    for title, key in _titles(titles, clusters, gazetteer, guard).items():
        keys[title] = key
        rules[title] = "title"
        clusters[key].append(title)

    entities: dict[str, Entity] = {}
    entity_of: dict[Mention, str] = {}
    for key in sorted(clusters):
        members = clusters[key]
        if key[1].startswith("country:"):
            fixed_labels[key] = gazetteer.country_named(key[1].removeprefix("country:")).label
        label = fixed_labels.get(key) or _label(key[0], [m for m in members if m.kind == "name"] or members)
        entity_id = fixed_ids.get(key) or f"{key[0].lower()}/{slug(label)}"
        if entity_id in entities:  # two different keys, one readable id: keep them apart
            entity_id = disambiguate(entity_id, "|".join(key))
        entities[entity_id] = _entity(entity_id, label, key[0], members, rules)
        for m in members:
            entity_of[m] = entity_id
    return Resolution(entities=tuple(entities[k] for k in sorted(entities)), entity_of=entity_of)


def _vote(labels: Counter, known_person: bool) -> str:
    if known_person or labels.get("PERSON", 0) > 0:
        return "PERSON"
    return max(labels, key=lambda lab: (labels[lab], -TYPE_PRECEDENCE.index(lab) if lab in TYPE_PRECEDENCE else -99))


def _merge_surnames(names: list[Mention], keys: dict[Mention, tuple[str, str]], rules: dict[Mention, str],
                    guard: _Guard) -> None:
    """Re-key partial person names to the nearest full name that ends with them."""
    people = [m for m in names if keys[m][0] == "PERSON"]
    full_names = {keys[m][1]: keys[m][1].split() for m in people}
    by_doc_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for o in people:
        by_doc_key[(o.doc_id, keys[o][1])].append(o)
    candidates_of: dict[str, list[str]] = {}

    def candidates(short: str) -> list[str]:
        if short not in candidates_of:
            words = short.split()
            found = [k for k, full in full_names.items() if k != short and words and full[-len(words):] == words]
            if not found and len(words) == 1:  # family name first: "Xi" of "Xi Jinping"
                found = [k for k, full in full_names.items() if k != short and len(full) > 1 and full[0] == words[0]]
            candidates_of[short] = sorted(found)
        return candidates_of[short]

    def join_full_name(m: Mention) -> None:
        found = candidates(keys[m][1])
        if not found:
            return
        same_doc = [o for k in found for o in by_doc_key.get((m.doc_id, k), [])]
        if same_doc:
            nearest = min(same_doc, key=lambda o: (o.start > m.start, abs(o.start - m.start)))
            target = keys[nearest][1]
        elif (dominant := _dominant(found, people, keys)) is not None:
            target = dominant
        else:
            return
        keys[m] = ("PERSON", target)
        rules[m] = "surname"

    guard.each("surname", people, join_full_name)


def _keep_apart(names: list[Mention], keys: dict[Mention, tuple[str, str]], rules: dict[Mention, str],
                pairs: tuple[frozenset[str], ...], guard: _Guard) -> None:
    """Split any node that holds both names of a user's never-merge pair: the second name gets its own."""
    for pair in pairs:
        first, second = sorted(pair)
        first_keys = {keys[o] for o in names if normalize(o.text) == first}

        def keep_apart(m: Mention) -> None:
            if normalize(m.text) == second and keys[m] in first_keys:
                keys[m] = (keys[m][0], f"apart:{second}")
                rules[m] = "never-merge"

        guard.each("never-merge", names, keep_apart)


_ACRONYM_STOPWORDS = {"of", "the", "and", "for", "on", "in", "de", "to"}


def _initials(text: str) -> str:
    return "".join(w[0] for w in normalize(text).split() if w not in _ACRONYM_STOPWORDS).upper()


def _merge_acronyms(names: list[Mention], keys: dict[Mention, tuple[str, str]], rules: dict[Mention, str],
                    guard: _Guard) -> None:
    """Re-key an acronym to the name it follows in parentheses ("Islamic State (ISIS)"), else to the
    one organisation in the corpus whose initials spell it ("UN" -> "United Nations")."""
    long_forms: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for m in names:
        if keys[m][0] == "ORG" and len(normalize(m.text).split()) >= 2:
            long_forms[_initials(m.text)].add(keys[m])
    defined: dict[tuple[str, str], tuple[str, str]] = {}  # "Islamic State (ISIS)": the acronym's key -> the name's
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in names:
        by_doc[m.doc_id].append(m)

    def learn_definition(m: Mention) -> None:
        letters = m.text.replace(".", "")
        if not (letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 6):
            return
        if "bracketed" not in m.roles or keys[m][1].startswith("user:"):
            return
        before = [n for n in by_doc[m.doc_id] if n is not m and 0 < m.start - n.end <= 3 and keys[n][0] in {"ORG", "GPE"}]
        if before and keys[m] != keys[before[-1]]:
            defined[keys[m]] = keys[before[-1]]

    def join_long_form(m: Mention) -> None:
        letters = m.text.replace(".", "")
        if keys[m] in defined:
            keys[m] = defined[keys[m]]
            rules[m] = "acronym"
        elif keys[m][0] == "ORG" and letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 6 \
                and not keys[m][1].startswith("user:"):
            candidates = long_forms.get(letters, set()) - {keys[m]}
            if len(candidates) == 1:
                keys[m] = next(iter(candidates))
                rules[m] = "acronym"

    guard.each("acronym", names, learn_definition)
    guard.each("acronym", names, join_long_form)


def _titles(titles: list[Mention], clusters: dict[tuple[str, str], list[Mention]], gazetteer: Gazetteer,
            guard: _Guard) -> dict[Mention, tuple[str, str]]:
    """Attach a role to the one entity of its document that fits it.

    "the Syrian government" is Syria; "the Syrian president" is the one person
    of the document known (from the dictionary, or from "Syrian President
    Bashar al-Assad" anywhere in the corpus) to hold a Syrian role, narrowed by
    the title if several do; "the President" is the principal of the staff who
    speak of him ("Trump's aides said the President ..."), else the one person of
    the document the corpus calls president. Otherwise the role stays unresolved.
    """
    countries_of: dict[tuple[str, str], set[str]] = {}
    titles_of: dict[tuple[str, str], set[str]] = {}
    docs: dict[tuple[str, str], set[str]] = {}
    for key, members in clusters.items():
        if key[0] == "PERSON":
            countries_of[key] = set().union(*(gazetteer.roles(normalize(m.text)) for m in members))
            countries_of[key] |= {r.split(":")[1] for m in members for r in m.roles if r.startswith("country:")}
            titles_of[key] = {r.split(":")[1] for m in members for r in m.roles if r.startswith("title:")}
            docs[key] = {m.doc_id for m in members}
    found: dict[Mention, tuple[str, str]] = {}

    def attach(title: Mention) -> None:
        words = normalize(title.text).split()
        phrases = words + [" ".join(pair) for pair in zip(words, words[1:])]  # "north korean"
        countries = {c.code for w in phrases if (c := gazetteer.country(w))}
        if title.label == "GPE":
            if len(countries) == 1:
                found[title] = ("GPE", f"country:{countries.pop()}")
            return
        word = words[-1] if words else ""
        here = [k for k in countries_of if title.doc_id in docs[k]]
        holders = {normalize(r.split(":", 1)[1]) for r in title.roles if r.startswith("holder:")}
        if holders:
            fitting = [k for k in here if holders & {normalize(m.text) for m in clusters[k]}]
        elif countries:
            fitting = [k for k in here if countries_of[k] & countries]
            if len(fitting) > 1:
                fitting = [k for k in fitting if word in titles_of[k]]
        else:
            fitting = [k for k in here if word in titles_of[k]]
        if len(fitting) == 1:
            found[title] = fitting[0]

    guard.each("title", titles, attach)
    return found


def _gender(members: list[Mention]) -> str:
    """The gender a person's names point to ("" when unknown or when they disagree)."""
    found = {g for m in members if m.kind == "name" and (g := name_gender(m.text))}
    return found.pop() if len(found) == 1 else ""


def _dominant(candidates: list[str], people: list[Mention], keys: dict[Mention, tuple[str, str]]) -> str | None:
    """The full name a bare surname means across documents: the only one, or one found in twice as many documents."""
    if len(candidates) == 1:
        return candidates[0]
    spread = {k: len({o.doc_id for o in people if keys[o][1] == k}) for k in candidates}
    ranked = sorted(spread, key=lambda k: (-spread[k], k))
    return ranked[0] if spread[ranked[0]] >= 2 * spread[ranked[1]] else None


def _antecedents(pronouns: list[Mention], people: list[Mention], guard: _Guard) -> dict[Mention, Mention]:
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in people:
        by_doc[m.doc_id].append(m)
    sentence_starts: dict[str, list[int]] = defaultdict(list)
    for m in [*people, *pronouns]:
        sentence_starts[m.doc_id].append(m.sentence_start)
    for doc in sentence_starts:
        sentence_starts[doc] = sorted(set(sentence_starts[doc]))
    found: dict[Mention, Mention] = {}
    for doc in by_doc:
        by_doc[doc].sort(key=lambda m: (m.start, m.end))
    firsts = {doc: [m.start for m in found] for doc, found in by_doc.items()}

    def link(pronoun: Mention) -> None:
        starts = sentence_starts[pronoun.doc_id]
        here = bisect_left(starts, pronoun.sentence_start)  # starts is sorted and holds it
        earliest = starts[max(0, here - PRONOUN_WINDOW_SENTENCES)]
        candidates = by_doc[pronoun.doc_id]
        window = candidates[bisect_left(firsts.get(pronoun.doc_id, []), earliest) : bisect_right(firsts.get(pronoun.doc_id, []), pronoun.start)]
        before = [m for m in window if earliest <= m.sentence_start and m.end <= pronoun.start
                  and (pronoun.quoted or not m.quoted)]  # '"... Assad ...", he said': he is not Assad
        if not before:
            return
        nearest_sentence = max(m.sentence_start for m in before)
        pool = [m for m in before if m.sentence_start == nearest_sentence]
        found[pronoun] = max(pool, key=lambda m: (m.role == "subject" and m.sentence_start != pronoun.sentence_start, m.start))

    guard.each("pronoun", pronouns, link)
    return found


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


def _entity(entity_id: str, label: str, kind: str, members: list[Mention], rules: dict[Mention, str]) -> Entity:
    members = sorted(set(members), key=lambda m: (m.doc_id, m.start, m.end))
    aliases = Counter(_surface_form(m) for m in members if m.kind != "pronoun")
    merges = Counter(rules[m] for m in members)
    return Entity(
        id=entity_id,
        label=label,
        type=kind,
        mentions=tuple(members),
        aliases=tuple(sorted(aliases.items(), key=lambda item: (-item[1], item[0]))),
        merges=tuple(sorted(merges.items())),
    )
