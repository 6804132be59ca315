"""The resolution rules, as one ordered table: which mentions are one actor, and why.

Each rule is a function over records: it reads the mentions (plain
:class:`~graphkit.types.Mention` records, no spaCy) and the shared
:class:`~graphkit.resolve.resolver.RuleState`, and gives mentions a *key*
(``(type, name)``): mentions with one key become one entity, and the entity
records, for each of its mentions, the name of the rule that keyed it
(``Entity.merges``, the ``merges`` column). :func:`~graphkit.resolve.resolver.resolve`
runs :data:`RULES` in order; a later rule may re-key what an earlier one keyed.

The table, in order:

``user-alias``    a name from the user's ``--aliases`` file is the entity declared there;
``country-name``  a name of a country ("US", "U.S.", "USA", "Russia") is the country;
``metonymy``      a capital acting as subject or possessor ("Moscow maintains",
                  "Washington's allies") is its state, elsewhere it is the place, and so
                  is a capital that owns what only a city has ("Paris's police"); a seat
                  of government that is no place ("the Kremlin", "the White House") is always the state;
``party``         a name of a political party is the party, one node for its name, plural,
                  adjective, possessive, "the X Party" and nickname ("Labour", "the Labour
                  Party", "New Labour"; "Tories", "Tory", "Conservatives"), from the Party
                  Facts table (``graphkit/data/parties``); a name several countries' parties
                  share is that of a country the document names, else Britain's, then the US's...;
``place``         a one-word city or region NER called a person ("Torbay") is a place,
                  unless the corpus uses it as a surname ("Howard" of Michael Howard);
``type-vote``     one name gets one type across the corpus (spaCy may call "Trump" an ORG
                  once): known political figures and surnames of people are people, else
                  the most frequent label;
``same-name``     mentions with the same normalised name and type are one entity;
``org-name``      names of one organisation in the Phoenix dictionaries are one entity
                  ("North Atlantic Treaty Organization", "NATO");
``surname``       a partial name ("Assad") joins the nearest full name of the same
                  document that ends with it ("Bashar al-Assad"); in another document, only
                  the one full name of the corpus that ends with it. Names are parsed
                  (``nameparser``, :mod:`graphkit.resolve.persons`): a gendered honorific
                  keeps people apart ("Mrs Howard" is not Michael Howard), a title with a
                  first name joins no other full name ("Prince Edward", "Edward Leigh"),
                  and a first name alone joins only within its own document;
``acronym``       an acronym defined in parentheses joins its name everywhere ("Islamic
                  State (ISIS)"); else "UN" joins the one organisation whose initials
                  spell it;
``never-merge``   the user's pairs are kept apart;
``pronoun``       he/she/his/her join the nearest person before them whose first name does
                  not say otherwise (Angela is a woman's name), its (and "it" as a
                  subject that is not expletive) the nearest state or organisation: the
                  current sentence first, then up to two sentences back, subjects preferred;
``title``         a role ("the Syrian president", "the President", "the Syrian
                  government", "the prime minister", "the Tory leader", "his chancellor")
                  joins the one entity of its document that fits it: the one person
                  of the document the corpus states holds that office ("Prime Minister
                  Tony Blair", "Tory leader Michael Howard"), of that party when the role
                  names one; otherwise the role stays unresolved, never guessed;
``description``   a definite description joins the actor named before it in its document:
                  "the party", "his party" the party named last; "the committee", "the
                  prince" the nearest name holding that noun; "the government", "this
                  country" the state the document names most; otherwise it stays unresolved;
``concept``       arguments that name no actor become concept nodes, merged by their
                  normalised words; a description of people ("the judge", "his father",
                  "the team") only within its document.

Every rule is near-linear in the number of mentions: it indexes what it looks up
(last words of full names, the documents a name is in, the names of a document
by offset) instead of rescanning the corpus for each mention.

Adding a rule is writing one function and adding one row to :data:`RULES`::

    def honorific_gender(state: RuleState) -> None:
        \"\"\"Mrs Howard is not Michael Howard.\"\"\"
        def check(m: Mention) -> None:
            if ...:
                state.assign(m, (state.keys[m][0], f"apart:{...}"))

        state.each(state.kept(state.names), check)

    Rule(HONORIFIC_GENDER, honorific_gender, "a gendered honorific keeps people apart"),

The function takes the :class:`~graphkit.resolve.resolver.RuleState` and returns
nothing. The state holds the mentions by kind (``names``, ``pronouns``,
``titles``, ``concepts``; sorted, whatever the input order), the
``gazetteer`` and the user's ``aliases``; ``keys`` (mention -> key so far),
``rule_of`` (mention -> name of the rule that keyed it), ``labels`` and ``ids``
(a key's fixed label or entity id). A rule changes keys only through
``state.assign(mention, key)``, which records the running rule's name (the
table's, so a name is written once, here); ``state.each(mentions, step)`` runs
``step`` on each mention, and a mention ``step`` fails on is warned about once
and left out of every entity (the rest of the build goes on); ``state.kept``
drops such mentions; ``state.clusters()`` groups the keyed mentions by key;
``state.name_key(text, type)`` and ``state.country_key(country)`` make keys.
A rule's name is a constant below; it must keep the result independent of the
input's order and resolving twice must change nothing (tests/resolve/test_resolver.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from graphkit.ids import slug
from graphkit.lexicon import (
    CONCEPT_DETERMINERS,
    FEMALE_PRONOUNS,
    LOCAL_NOUNS,
    MALE_PRONOUNS,
    PERSON_NOUNS,
    REFERRING_WORDS,
    TYPE_PRECEDENCE,
)
from graphkit.resolve.gazetteer import name_gender
from graphkit.resolve.names import initials, normalize
from graphkit.resolve.parties import load_parties, news_aliases
from graphkit.resolve.persons import can_corefer, has_honorific, parse_person
from graphkit.types import Mention

if TYPE_CHECKING:
    from graphkit.resolve.resolver import Key, RuleState

USER_ALIAS = "user-alias"
COUNTRY_NAME = "country-name"
METONYMY = "metonymy"
PARTY = "party"
PLACE = "place"
TYPE_VOTE = "type-vote"
SAME_NAME = "same-name"
ORG_NAME = "org-name"
SURNAME = "surname"
ACRONYM = "acronym"
NEVER_MERGE = "never-merge"
PRONOUN = "pronoun"
TITLE = "title"
DESCRIPTION = "description"
CONCEPT = "concept"

NAMING = f"name ({', '.join((USER_ALIAS, COUNTRY_NAME, METONYMY, TYPE_VOTE, ORG_NAME))})"
"""The step a failure of the six naming rules is reported under, as the command line has always printed it."""

PRONOUN_WINDOW_SENTENCES = 2
_AGENT_ROLES = {"subject", "possessor"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the table: a rule's name (recorded on the entities it merges), its function and what it does."""

    name: str
    apply: Callable[[RuleState], None]
    description: str


def user_alias(state: RuleState) -> None:
    """A name the user's alias file declares is that entity, whatever else is known of it."""
    def claim(m: Mention) -> None:
        declared = state.aliases.lookup(m.text)
        if declared is not None:
            key = (declared.type, f"user:{normalize(declared.name)}")
            state.labels[key] = declared.name
            state.assign(m, key)

    state.each(_unkeyed(state), claim, NAMING)


def country_name(state: RuleState) -> None:
    """A name of a country ("U.S.", "Russia") is the country."""
    def claim(m: Mention) -> None:
        if (country := state.gazetteer.country(normalize(m.text))) is not None:
            state.assign(m, state.country_key(country))

    state.each(_unkeyed(state), claim, NAMING)


def metonymy(state: RuleState) -> None:
    """A seat of government ("the Kremlin") is its state; a capital is too when it acts (subject, possessor)."""
    def claim(m: Mention) -> None:
        norm = normalize(m.text)
        acting = m.role in _AGENT_ROLES and LOCAL_NOUNS.isdisjoint(r.removeprefix("possessed:") for r in m.roles)
        seat = state.gazetteer.body(norm) or (state.gazetteer.seat(norm) if acting else None)  # not "Paris's police"
        if seat is not None:
            state.assign(m, state.country_key(seat))

    state.each(_unkeyed(state), claim, NAMING)


def party(state: RuleState) -> None:
    """A name of a political party (Party Facts, with derived plurals, adjectives and nicknames) is the party.

    "Labour", "the Labour Party", "Labour's" and "New Labour" are one node;
    "Tories", "Tory" and "Conservatives" another. A name several countries'
    parties share is the party of a country the document names, else of the
    first country of the table's default order (Britain, then the US, ...).
    A single ordinary word ("Labour", "Conservative") counts only where the
    mention finder saw a party (an organisation, or a party modifier).
    """
    table = load_parties()
    countries_in: dict[str, set[str]] = defaultdict(set)
    for m, key in state.keys.items():
        if key[1].startswith("country:"):
            countries_in[m.doc_id].add(key[1].removeprefix("country:"))

    def claim(m: Mention) -> None:
        declared = state.labels.get(state.keys[m], "") if m in state.keys else ""
        if m in state.keys and not (declared and state.keys[m][0] == "ORG"):
            return  # keyed already by another rule; a user's alias of a party still joins the party
        if not declared and "party" not in m.roles and m.label not in {"ORG", "NORP"}:
            return
        found = table.lookup(declared or m.text, sorted(countries_in.get(m.doc_id, ())))
        if found is None:
            return
        key = ("ORG", f"party:{found.id}")
        state.labels[key] = found.label
        state.ids[key] = f"org/{slug(found.label)}"
        state.assign(m, key)

    state.each([m for m in state.names if m not in state.keys or state.keys[m][1].startswith("user:")], claim, NAMING)


def place(state: RuleState) -> None:
    """A one-word city or region NER called a person ("Torbay", "Sleaford") is a place.

    Not when the corpus uses the word as a person's surname ("Howard" of
    Michael Howard), a known politician's name, or with an honorific.
    """
    gazetteer = state.gazetteer

    def claim(m: Mention) -> None:
        norm = normalize(m.text)
        if m.label != "PERSON" or m.text.isupper() or len(norm.split()) != 1 or gazetteer.place(norm) is None:
            return
        if norm in state.surnames or gazetteer.is_person(norm) or has_honorific(m.text):
            return
        state.assign(m, state.name_key(m.text, "GPE"))

    state.each(_unkeyed(state), claim, NAMING)


def type_vote(state: RuleState) -> None:
    """A name whose mentions disagree on its type gets the type the corpus votes for."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in state.names:
        votes[normalize(m.text)][m.label] += 1
    gazetteer = state.gazetteer

    def claim(m: Mention) -> None:
        norm = normalize(m.text)
        surname = norm in state.surnames and not m.text.replace(".", "").isupper()  # "UN" is no surname of "Kim Jong-un"
        if gazetteer.seat(norm) and not gazetteer.is_person(norm):
            kind = "GPE"  # a capital named as a place ("flew back to Ankara") is never a person
        elif gazetteer.place(norm) and not gazetteer.is_person(norm) and not surname \
                and votes[norm].get("PERSON", 0) * 2 <= sum(votes[norm].values()):
            kind = max(("GPE", "LOC", "FAC", "ORG"), key=lambda lab: votes[norm].get(lab, 0))  # "Wales", "England"
        else:
            kind = _vote(votes[norm], gazetteer.is_person(norm) or surname)
        if kind != m.label:
            state.assign(m, state.name_key(m.text, kind))

    state.each(_unkeyed(state), claim, NAMING)


def same_name(state: RuleState) -> None:
    """Every other name is keyed by its type and normalised name: the same name is the same entity."""
    state.each(_unkeyed(state), lambda m: state.assign(m, state.name_key(m.text, m.label)), NAMING)


def org_name(state: RuleState) -> None:
    """Names of one organisation in the dictionaries ("NATO", "North Atlantic Treaty Organization") are one entity."""
    shipped = _shipped_names()

    def rekey(m: Mention) -> None:
        norm = normalize(m.text)
        if state.keys[m][0] == "ORG" and norm in shipped:  # "the Commons": House of Commons
            key = ("ORG", f"org:{shipped[norm]}")
            state.labels[key] = shipped[norm]
            state.ids[key] = f"org/{slug(shipped[norm])}"
            state.assign(m, key)
        elif state.keys[m] == ("ORG", norm) and (canonical := state.gazetteer.organisation(norm)):
            key = ("ORG", f"org:{canonical}")
            state.ids[key] = f"org/{slug(canonical)}"
            state.assign(m, key)

    state.each(state.kept(state.names), rekey, NAMING)


def surname(state: RuleState) -> None:
    """A partial person name joins the nearest full name of its document that ends with it, else the dominant one.

    Indexed: full names by their last words (and first word, for "Xi" of "Xi
    Jinping"), mentions by document and key with sorted offsets, and for each key
    the documents it is in, kept up to date as names join.
    """
    keys = state.keys
    people = [m for m in state.kept(state.names) if keys[m][0] == "PERSON"]
    ending_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    starting_with: dict[str, list[str]] = defaultdict(list)
    for full in sorted({keys[m][1] for m in people}):
        words = tuple(full.split())
        for n in range(1, len(words) + 1):
            ending_with[words[-n:]].append(full)
        if len(words) > 1:
            starting_with[words[0]].append(full)
    in_doc: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    documents: dict[str, Counter] = defaultdict(Counter)  # key -> document -> its mentions there, as keys change
    for m in people:
        in_doc[(m.doc_id, keys[m][1])].append(m)
        documents[keys[m][1]][m.doc_id] += 1
    starts = {where: [m.start for m in found] for where, found in in_doc.items()}
    spread = Counter({key: len(found) for key, found in documents.items()})  # key -> documents it is in

    shown: dict[str, str] = {}  # key -> its longest name as written, to parse titles and first names
    for m in people:
        if len(m.text) > len(shown.get(keys[m][1], "")):
            shown[keys[m][1]] = m.text
    shown.update({key[1]: label for key, label in state.labels.items() if key[0] == "PERSON"})  # declared names
    parsed: dict[str, object] = {}

    def person(text: str):
        if text not in parsed:
            parsed[text] = parse_person(text)
        return parsed[text]

    def candidates(m: Mention, short: str) -> list[str]:
        words = tuple(short.split())
        found = [k for k in ending_with.get(words, ()) if k != short]
        if not found and len(words) == 1:  # family name first: "Xi" of "Xi Jinping"
            found = [k for k in starting_with.get(words[0], ()) if k != short]
        return [k for k in found if can_corefer(person(m.text), person(shown[k]), same_document=True)]

    offices: dict[str, set[str]] = defaultdict(set)  # key -> the titles its mentions state ("president")
    for m in people:
        offices[keys[m][1]].update(r.split(":", 1)[1] for r in m.roles if r.startswith(("title:", "office:")))

    def across_documents(m: Mention, found: list[str]) -> list[str]:
        """Full names a name may join from another document: never a first name alone ("Sandra", "Ed"), and
        for a titled name only the people known to hold that title ("President Trump": not Melania Trump)."""
        fitting = [k for k in found if can_corefer(person(m.text), person(shown[k]), same_document=False)]
        titles = {r.split(":", 1)[1] for r in m.roles if r.startswith(("title:", "office:"))}
        return [k for k in fitting if titles & offices[k]] if titles and len(fitting) > 1 else fitting

    def nearest(m: Mention, found: list[str]) -> Mention | None:
        """The mention of one of ``found`` nearest before ``m`` in its document, else the nearest after it."""
        best, best_distance = None, None
        for k in found:
            here = in_doc.get((m.doc_id, k))
            if not here:
                continue
            offsets = starts[(m.doc_id, k)]
            after = bisect_right(offsets, m.start)
            options = []
            if after > 0:
                at = bisect_left(offsets, offsets[after - 1])  # the first mention at that offset
                options.append((at, (False, m.start - offsets[at])))
            if after < len(offsets):
                options.append((after, (True, offsets[after] - m.start)))
            for i, distance in options:
                if best_distance is None or distance < best_distance:
                    best, best_distance = here[i], distance
        return best

    def dominant(found: list[str]) -> str | None:
        """The full name a bare surname means across documents: only when no other person of the corpus has it."""
        return found[0] if len(found) == 1 else None

    def move(m: Mention, source: str, target: str) -> None:
        """Count ``m`` under its new key in the index of documents."""
        documents[source][m.doc_id] -= 1
        if documents[source][m.doc_id] == 0:
            spread[source] -= 1
        documents[target][m.doc_id] += 1
        if documents[target][m.doc_id] == 1:
            spread[target] += 1

    def join_full_name(m: Mention) -> None:
        short = keys[m][1]
        found = candidates(m, short)
        if not found:
            return
        near = nearest(m, found)
        target = keys[near][1] if near is not None else dominant(across_documents(m, found))
        if target is None:
            return
        move(m, short, target)
        state.assign(m, ("PERSON", target))

    state.each(people, join_full_name)


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 6


def _spells(acronym: str, name: str) -> bool:
    """Whether the acronym's letters occur in the name in order, the first at the start of a word.

    Schwartz and Hearst's test for a definition in parentheses: "Islamic State (ISIS)",
    "Northern Relief Coalition (NORCO)"; not "Trump (U.S.)".
    """
    letters = acronym.replace(".", "").lower()
    text = name.lower()
    at = len(text)
    for i, letter in enumerate(reversed(letters)):
        first = i == len(letters) - 1
        at = next((j for j in range(at - 1, -1, -1)
                   if text[j] == letter and (not first or j == 0 or not text[j - 1].isalnum())), -1)
        if at < 0:
            return False
    return True


def acronym(state: RuleState) -> None:
    """An acronym joins the name it follows in parentheses ("Islamic State (ISIS)"), else the one
    organisation of the corpus whose initials spell it ("UN" -> "United Nations")."""
    keys = state.keys
    names = state.kept(state.names)
    long_forms: dict[str, set[Key]] = defaultdict(set)
    for m in names:
        if keys[m][0] == "ORG" and len(normalize(m.text).split()) >= 2:
            long_forms[initials(m.text)].add(keys[m])
    defined: dict[Key, Key] = {}  # "Islamic State (ISIS)": the acronym's key -> the name's
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in names:
        by_doc[m.doc_id].append(m)
    starts = {doc: [m.start for m in found] for doc, found in by_doc.items()}
    longest = max((m.end - m.start for m in names), default=0)

    def learn_definition(m: Mention) -> None:
        if not _is_acronym(m.text) or "bracketed" not in m.roles or keys[m][1].startswith("user:"):
            return
        here, offsets = by_doc[m.doc_id], starts[m.doc_id]
        window = here[bisect_left(offsets, m.start - 3 - longest) : bisect_left(offsets, m.start)]
        before = [n for n in window if n is not m and 0 < m.start - n.end <= 3 and keys[n][0] in {"ORG", "GPE"}]
        if before and keys[m] != keys[before[-1]] and _spells(m.text, before[-1].text):
            defined[keys[m]] = keys[before[-1]]

    def join_long_form(m: Mention) -> None:
        if keys[m] in defined:
            state.assign(m, defined[keys[m]])
        elif keys[m][0] == "ORG" and _is_acronym(m.text) and not keys[m][1].startswith("user:"):
            found = long_forms.get(m.text.replace(".", ""), set())
            if len(found) == 1 and keys[m] not in found:  # "UN" the dictionary made the United Nations stays
                state.assign(m, next(iter(found)))

    state.each(names, learn_definition)
    state.each(names, join_long_form)


def never_merge(state: RuleState) -> None:
    """Split any node that holds both names of a user's never-merge pair: the second name gets its own."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for m in state.kept(state.names):
        by_name[normalize(m.text)].append(m)
    for pair in state.aliases.never_merge:
        first, second = sorted(pair)
        first_keys = {state.keys[o] for o in by_name.get(first, ())}

        def keep_apart(m: Mention, first_keys=first_keys, second=second) -> None:
            if state.keys[m] in first_keys:
                state.assign(m, (state.keys[m][0], f"apart:{second}"))

        state.each(by_name.get(second, []), keep_apart)


def pronoun(state: RuleState) -> None:
    """he/she/his/her join the nearest fitting person before them; its (and a referring "it") the nearest group;
    I/we/my/our in a quotation its speaker."""
    keys = state.keys
    names = state.kept(state.names)
    people = [m for m in names if keys[m][0] == "PERSON"]
    groups = [m for m in names if keys[m][0] in {"ORG", "GPE", "NORP"}]
    genders = {key: _gender(members) for key, members in state.clusters().items() if key[0] == "PERSON"}
    linked: dict[Mention, Mention] = {}
    for gender, forms in (("M", MALE_PRONOUNS), ("F", FEMALE_PRONOUNS)):
        fitting = [m for m in people if genders[keys[m]] in {gender, ""}]
        linked.update(_antecedents(state, [p for p in state.pronouns if p.text.lower() in forms], fitting))
    singular = [p for p in state.pronouns if p.label != "PERSON" and "plural" not in p.roles]
    linked.update(_antecedents(state, singular, groups))
    plural_groups = [m for m in groups if keys[m][1].startswith("party:") or keys[m][0] == "NORP"
                     or keys[m][0] == "ORG" and _plural_name(m.text)]
    plural = [p for p in state.pronouns if "plural" in p.roles and "after-plural-noun" not in p.roles]
    linked.update(_antecedents(state, plural, plural_groups))
    for found, antecedent in linked.items():
        state.assign(found, keys[antecedent])
    _speakers(state, names)


def _speakers(state: RuleState, names: list[Mention]) -> None:
    """I, we, my, our in a quotation join the quotation's named speaker (a person, or a party or state that speaks)."""
    first_person = [p for p in state.pronouns if "first-person" in p.roles]
    if not first_person:
        return
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in sorted(names, key=lambda m: (m.start, m.end)):
        by_doc[m.doc_id].append(m)
    starts = {doc: [m.start for m in found] for doc, found in by_doc.items()}

    def join(p: Mention) -> None:
        speaker = _speaker_key(p, by_doc.get(p.doc_id, []), starts.get(p.doc_id, []), state.keys)
        if speaker is not None:
            state.assign(p, speaker)

    state.each(first_person, join)


def title(state: RuleState) -> None:
    """Attach a role to the one entity of its document that fits it.

    "the Syrian government" is Syria; "the Syrian president" is the one person
    of the document known (from the dictionary, or from "Syrian President
    Bashar al-Assad" anywhere in the corpus) to hold a Syrian role, narrowed by
    the title if several do; "the President" is the principal of the staff who
    speak of him ("Trump's aides said the President ..."), else the one person of
    the document the corpus calls president. Otherwise the role stays unresolved.
    """
    gazetteer = state.gazetteer
    clusters = state.clusters()
    countries_of: dict[Key, set[str]] = {}
    titles_of: dict[Key, set[str]] = {}
    parties_of: dict[Key, set[str]] = {}
    names_of: dict[Key, set[str]] = {}
    people_in: dict[str, list[Key]] = defaultdict(list)  # document -> the people keys with a mention there
    for key, members in clusters.items():
        if key[0] == "PERSON":
            countries_of[key] = set().union(*(gazetteer.roles(normalize(m.text)) for m in members))
            countries_of[key] |= {r.split(":")[1] for m in members for r in m.roles if r.startswith("country:")}
            titles_of[key] = {r.split(":")[1] for m in members for r in m.roles if r.startswith(("title:", "office:"))}
            parties_of[key] = {r.split(":", 1)[1] for m in members for r in m.roles if r.startswith("party:")}
            names_of[key] = {normalize(m.text) for m in members}
            for doc in {m.doc_id for m in members}:
                people_in[doc].append(key)
    found: dict[Mention, Key] = {}

    def attach(role: Mention) -> None:
        words = normalize(role.text).split()
        phrases = words + [" ".join(pair) for pair in zip(words, words[1:])]  # "north korean"
        countries = {c.code: c for w in phrases if (c := gazetteer.country(w))}
        if role.label == "GPE":
            if len(countries) == 1:
                found[role] = state.country_key(*countries.values())
            return
        offices = [r.split(":", 1)[1] for r in role.roles if r.startswith("office:")]
        word = offices[0] if offices else words[-1] if words else ""
        in_party = {r.split(":", 1)[1] for r in role.roles if r.startswith("party:")}
        here = people_in.get(role.doc_id, [])
        holders = {normalize(r.split(":", 1)[1]) for r in role.roles if r.startswith("holder:")}
        if holders:
            fitting = [k for k in here if holders & names_of[k]]
        elif countries:
            fitting = [k for k in here if not countries_of[k].isdisjoint(countries)]
            if len(fitting) > 1:
                fitting = [k for k in fitting if word in titles_of[k]]
        else:
            fitting = [k for k in here if word in titles_of[k]]
            if in_party:  # "the Tory leader": the leader of that party
                fitting = [k for k in fitting if in_party & parties_of[k]]
        if len(fitting) == 1:
            found[role] = fitting[0]

    state.each([t for t in state.titles if not _described(t)], attach)
    for role, key in found.items():
        state.assign(role, key)


def _described(m: Mention) -> str:
    """The noun of a description mention ("party" of "his party"), or ""."""
    return next((r.split(":", 1)[1] for r in m.roles if r.startswith("description:")), "")


def description(state: RuleState) -> None:
    """A definite description joins the actor it describes, named before it in the document.

    "the party" and "his party" are the party named last before them; "the
    committee", "the prison service", "the prince" the nearest name before
    them that holds that noun ("the Commons home affairs committee", "Scottish
    Prison Service", "Prince Harry"); "the government" and "this country" the
    one state the document names most (more than any other). Otherwise the
    description stays unresolved.
    """
    keys = state.keys
    by_word: dict[tuple[str, str], list[tuple[int, Key]]] = defaultdict(list)  # (document, word) -> names
    parties: dict[str, list[tuple[int, Key]]] = defaultdict(list)
    countries: dict[str, Counter] = defaultdict(Counter)
    for m in state.kept(state.names):
        key = keys.get(m)
        if key is None:
            continue
        if key[1].startswith("party:"):
            parties[m.doc_id].append((m.start, key))
        elif key[1].startswith("country:"):
            countries[m.doc_id][key] += 1
        for word in set(normalize(m.text).split()):
            by_word[(m.doc_id, word)].append((m.start, key))
    for found in (*by_word.values(), *parties.values()):
        found.sort()

    def last_before(found: list[tuple[int, Key]], start: int) -> Key | None:
        at = bisect_left(found, (start,))
        return found[at - 1][1] if at else None

    def attach(m: Mention) -> None:
        noun = _described(m)
        if m.label == "GPE":
            ranked = countries.get(m.doc_id, Counter()).most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                state.assign(m, ranked[0][0])
            return
        if noun == "party":
            key = last_before(parties.get(m.doc_id, []), m.start)
        else:
            key = last_before(by_word.get((m.doc_id, noun), []), m.start)
        if key is not None and (key[0] == "PERSON") == (m.label == "PERSON"):
            state.assign(m, key)

    state.each([t for t in state.titles if _described(t) and t not in keys], attach)


def concept(state: RuleState) -> None:
    """Arguments that name no actor are concepts, one per normalised phrase ("the chemical attack").

    A description of people ("the judge", "his father", "the team": its head is
    one of :data:`~graphkit.lexicon.PERSON_NOUNS`) is one per document: the
    judge of one article is not the judge of another.
    """
    def key(m: Mention) -> Key:
        words = concept_key(m.text)
        return ("CONCEPT", f"{words} @{m.doc_id}") if words.rsplit(" ", 1)[-1] in PERSON_NOUNS else ("CONCEPT", words)

    state.each(state.concepts, lambda m: state.assign(m, key(m)))


RULES: tuple[Rule, ...] = (
    Rule(USER_ALIAS, user_alias, "a name from the user's --aliases file is the entity declared there"),
    Rule(COUNTRY_NAME, country_name, "a name of a country (US, U.S., Russia) is the country"),
    Rule(METONYMY, metonymy, "a seat of government, or a capital acting as subject or possessor, is its state"),
    Rule(PARTY, party, "a party's names, plurals, adjectives and nicknames are the party (Party Facts)"),
    Rule(PLACE, place, "a one-word city or region that NER called a person is a place, unless it is a surname"),
    Rule(TYPE_VOTE, type_vote, "one name, one type across the corpus: known people are people, else the majority"),
    Rule(SAME_NAME, same_name, "mentions with the same normalised name and type are one entity"),
    Rule(ORG_NAME, org_name, "names of one organisation in the Phoenix dictionaries are one entity"),
    Rule(SURNAME, surname, "a partial name joins the nearest full name of its document, else the dominant one"),
    Rule(ACRONYM, acronym, "an acronym joins the name it follows in parentheses, else the one name it abbreviates"),
    Rule(NEVER_MERGE, never_merge, "the user's never-merge pairs are kept apart"),
    Rule(PRONOUN, pronoun, "he/she/his/her/its join the nearest fitting actor before them (two sentences back)"),
    Rule(TITLE, title, "a role (the Syrian president, the Syrian government) joins the one entity that fits it"),
    Rule(DESCRIPTION, description, "a definite description (the party, the committee) joins the actor named before it"),
    Rule(CONCEPT, concept, "arguments that name no actor become concepts, merged by their normalised words"),
)
"""The rules, in the order they run."""


def is_concept(text: str) -> bool:
    """Whether an argument can be a concept node: some word that is not a pronoun or determiner alone."""
    key = concept_key(text)
    return key not in _NOT_CONCEPTS and (key[:1].isalpha() or any(c.isalpha() for c in key))


_NOT_CONCEPTS = CONCEPT_DETERMINERS | REFERRING_WORDS


def concept_key(text: str) -> str:
    """Normalised words of a concept, without leading determiners: "the chemical attack" -> "chemical attack"."""
    words = normalize(text).split()
    while len(words) > 1 and words[0] in CONCEPT_DETERMINERS:
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=1)
def _shipped_names() -> dict[str, str]:
    """Normalised nickname -> canonical name, for the shipped news nicknames that are no party ("the Commons")."""
    parties = load_parties()
    return {normalize(alias): entity.name
            for entity in news_aliases().entities if parties.lookup(entity.name) is None
            for alias in (entity.name, *entity.aliases)}


def _unkeyed(state: RuleState) -> list[Mention]:
    """The names no earlier rule has keyed."""
    return [m for m in state.names if m not in state.keys]


def _vote(labels: Counter, known_person: bool) -> str:
    if known_person or labels.get("PERSON", 0) > 0:
        return "PERSON"
    return max(labels, key=lambda lab: (labels[lab], -TYPE_PRECEDENCE.index(lab) if lab in TYPE_PRECEDENCE else -99))


def _speaker_key(p: Mention, candidates: list[Mention], starts: list[int], keys: dict[Mention, Key]) -> Key | None:
    """The key of the speaker of the quotation a pronoun is in ("'nice knowing him', Mr Knapman said")."""
    at = next((int(r.split(":", 1)[1]) for r in p.roles if r.startswith("speaker-at:")), None)
    if at is None:
        return None
    i = bisect_right(starts, at) - 1
    while i >= 0 and candidates[i].end > at:
        if candidates[i].start <= at:
            return keys.get(candidates[i])
        i -= 1
    return None


def _plural_name(text: str) -> bool:
    """A name that "they" can stand for: "Lib Dems", "the Conservatives" (not "Reuters", "Congress")."""
    last = text.split()[-1] if text.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "ers")) and last[:1].isupper()


def _gender(members: list[Mention]) -> str:
    """The gender a person's names point to ("" when unknown or when they disagree)."""
    found = {g for m in members if m.kind == "name" and (g := name_gender(m.text))}
    return found.pop() if len(found) == 1 else ""


def _antecedents(state: RuleState, pronouns: list[Mention], candidates: list[Mention]) -> dict[Mention, Mention]:
    """Each pronoun's antecedent among ``candidates``: bisection over sentences and offsets, never a scan."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in candidates:
        by_doc[m.doc_id].append(m)
    sentence_starts: dict[str, list[int]] = defaultdict(list)
    for m in [*candidates, *pronouns]:
        sentence_starts[m.doc_id].append(m.sentence_start)
    for doc in sentence_starts:
        sentence_starts[doc] = sorted(set(sentence_starts[doc]))
    for doc in by_doc:
        by_doc[doc].sort(key=lambda m: (m.start, m.end))
    firsts = {doc: [m.start for m in found] for doc, found in by_doc.items()}
    found: dict[Mention, Mention] = {}

    def link(p: Mention) -> None:
        starts = sentence_starts[p.doc_id]
        here = bisect_left(starts, p.sentence_start)  # starts is sorted and holds it
        earliest = starts[max(0, here - PRONOUN_WINDOW_SENTENCES)]
        offsets = firsts.get(p.doc_id, [])
        window = by_doc[p.doc_id][bisect_left(offsets, earliest) : bisect_right(offsets, p.start)]
        before = [m for m in window if earliest <= m.sentence_start and m.end <= p.start
                  and (p.quoted or not m.quoted)]  # '"... Assad ...", he said': he is not Assad
        if not before:
            return
        speaker = _speaker_key(p, by_doc[p.doc_id], firsts.get(p.doc_id, []), state.keys)
        before = [m for m in before if speaker is None or state.keys.get(m) != speaker]  # not the quote's speaker
        if not before:
            return
        nearest_sentence = max(m.sentence_start for m in before)
        pool = [m for m in before if m.sentence_start == nearest_sentence]
        found[p] = max(pool, key=lambda m: (m.role == "subject" and m.sentence_start != p.sentence_start, m.start))

    state.each(pronouns, link)
    return found
