"""Political parties: one canonical party for every way news writes its name.

The names come from the Party Facts core-parties table shipped in
``graphkit/data/parties`` (MIT; about 5,500 parties of some 200 countries), and
the nicknames no data source holds ("Tories", "Lib Dems", "New Labour") from the
``news.toml`` alias file shipped in ``graphkit/data/aliases``. The forms people
write are derived by rule from each name, never listed by hand:

* "the X Party", "X Party", "X party", "X's" and "the X" are all "X";
* "Green Party of England and Wales" is also "Green Party" ("of ..." dropped);
* the last word is compared in the singular, and "-cratic" as "-crat", so
  "Conservatives"/"Conservative", "Democratic Party"/"Democrats"/"Democrat" and
  "Liberal Democrats"/"Liberal Democrat" meet;
* upper-case short names ("SNP", "UKIP", "CDU") are names too, as written
  ("Lab" is not "LAB"), and no country name or code ("UK", "US") is a party;
* "Australian Labor Party" is also "Labor", but only in a document that
  mentions Australia (a *weak* name: see below).

>>> table = load_parties()
>>> table.lookup("the Tories").label, table.lookup("Labour's").country
('Conservative Party', 'GBR')
>>> table.lookup("Labour", countries={"NZL"}).country
'NZL'
>>> table.lookup("labour market") is None
True

The lookup works on the name alone; whether "Conservative" in "a Conservative
MP" or "Democrats" in a British article is the party is the caller's decision
(:meth:`PartyTable.candidates` lists every reading, :func:`is_unambiguous_party`
says whether a form can be anything else).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

import pycountry

from graphkit.resolve import compiled
from graphkit.resolve.aliases import UserAliases, load_aliases
from graphkit.text import strip_accents

DEFAULT_COUNTRY_ORDER = ("GBR", "USA", "IRL", "CAN", "AUS", "NZL", "ZAF", "IND")
"""Without a country hint, a name several countries' parties share goes to the first of these.

English-language news first, then every other country. Within one country
(and among all the others) an active party (no ``year_last``)
comes before a dissolved one, then the larger highest vote share, then the
smaller Party Facts id.
"""

_SEGMENTS = re.compile(r"\s*(?://|/|;|,|\s[–—]\s|\s--\s)\s*")
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")
_OF_PLACE = re.compile(r"^(.+?) party (?:of|in|for) .+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/-]*[A-Z0-9]$")
_NON_WORD = re.compile(r"[^\w]+")
_DROPPED_WORDS = {"the"}
_PARTY_WORDS = {"party", "parties"}


@dataclass(frozen=True, slots=True)
class Party:
    """A political party: its Party Facts id, the label graphkit shows, its country (ISO 3166 alpha-3)."""

    partyfacts_id: int
    label: str
    country: str
    short: str = ""

    @property
    def id(self) -> str:
        """A stable identifier: ``partyfacts/1516`` for the British Labour Party."""
        return f"partyfacts/{self.partyfacts_id}"


@dataclass(frozen=True, slots=True)
class _Entry:
    party: Party
    rank: tuple
    weak: bool
    nickname: bool


@dataclass(frozen=True)
class PartyTable:
    """Every party name, derived forms and nicknames included, keyed by :func:`party_key`."""

    entries: dict[str, tuple[_Entry, ...]] = field(repr=False)

    def candidates(self, text: str, countries: Iterable[str] = ()) -> tuple[Party, ...]:
        """Every party ``text`` can name, best first (see :meth:`lookup` for the order).

        >>> [p.country for p in load_parties().candidates("Labour Party")][:3]
        ['GBR', 'IRL', 'NZL']
        """
        if not _capitalised(text):
            return ()
        hinted = {c.upper() for c in countries}
        found = self.entries.get(party_key(text), ()) + self.entries.get(_acronym_key(text), ())
        usable = [e for e in found if not e.weak or e.party.country in hinted]
        usable.sort(key=lambda e: (e.party.country not in hinted, not e.nickname, e.rank))
        seen: dict[int, Party] = {}
        for entry in usable:
            seen.setdefault(entry.party.partyfacts_id, entry.party)
        return tuple(seen.values())

    def lookup(self, text: str, countries: Iterable[str] = ()) -> Party | None:
        """The one party a name denotes, or None.

        ``countries`` (ISO 3166 alpha-3 codes of the countries the document
        mentions) chooses between parties of several countries: "Labour" is
        the Irish party in a document that mentions Ireland. Otherwise a
        shipped nickname wins, then :data:`DEFAULT_COUNTRY_ORDER`. A name that
        does not start with a capital letter ("labour market") is no party.

        >>> load_parties().lookup("Lib Dems").label
        'Liberal Democrats'
        """
        found = self.candidates(text, countries)
        return found[0] if found else None

    def is_nickname(self, text: str) -> bool:
        """Whether ``text`` is one of the shipped or user-declared nicknames ("Tories")."""
        return any(e.nickname for e in self.entries.get(party_key(text), ()))


@lru_cache(maxsize=65536)
def party_key(text: str) -> str:
    """The comparison key of a party name: "the Conservative Party's" -> "conservative".

    Lower case, accents and punctuation removed, a leading "the", a possessive
    ending and a final "party" dropped, the last word in the singular and
    "-cratic" read as "-crat".

    >>> party_key("Democratic Party"), party_key("the Democrats"), party_key("Tories")
    ('democrat', 'democrat', 'tory')
    """
    text = strip_accents(_POSSESSIVE.sub("", " ".join(text.split()))).lower()
    words = _NON_WORD.sub(" ", text.replace("'", "").replace("’", "")).split()
    while words and words[0] in _DROPPED_WORDS:
        words.pop(0)
    if len(words) > 1 and words[-1] in _PARTY_WORDS:
        words.pop()
    if words:
        words[-1] = _singular(words[-1])
    return " ".join(words)


def _acronym_key(text: str) -> str:
    """Short names are compared as written: "LAB" is a short name, "Lab" is not."""
    text = _POSSESSIVE.sub("", re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE))
    return "=" + text if _ACRONYM.match(text) else ""


def _singular(word: str) -> str:
    if word.endswith("cratic"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _capitalised(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in _DROPPED_WORDS]
    return bool(words) and words[0][:1].isupper()


def is_unambiguous_party(text: str, table: PartyTable | None = None) -> bool:
    """Whether ``text`` names a party and can hardly be anything else.

    True for a name that says "Party", an upper-case short name ("SNP"), a
    shipped nickname ("Tories", "Lib Dems") and a name of two or more words
    ("Liberal Democrats", "Plaid Cymru"); False for one ordinary word
    ("Labour", "Conservative", "Democrats", "Greens"), which can also be an
    adjective, a common noun or a surname: the caller decides from context.

    >>> is_unambiguous_party("Tory party"), is_unambiguous_party("Conservative")
    (True, False)
    """
    table = table or load_parties()
    if table.lookup(text) is None:
        return False
    words = [w for w in _POSSESSIVE.sub("", text).split() if w.lower() not in _DROPPED_WORDS]
    if any(w.lower() in _PARTY_WORDS for w in words) or table.is_nickname(text):
        return True
    return len(words) > 1 or bool(_ACRONYM.match(words[0]))


def _names(value: str) -> list[str]:
    if not value:
        return []
    return [name for name in (_BRACKETS.sub("", part).strip() for part in _SEGMENTS.split(value)) if name]


def _label(english: str, native: str) -> str:
    """The label: the English name, or the native one when it says the same with "Party" or accents."""
    english_names, native_names = _names(english), _names(native)
    first = english_names[0] if english_names else (native_names[0] if native_names else "")
    for name in native_names:
        if party_key(name) == party_key(first) and (name.endswith("Party") or name.isascii() is False):
            return name
    return first


def _forms(name: str, party_country: str, translated: bool, segment: bool, minor: bool) -> list[tuple[str, bool]]:
    """The keys a name is found under, each with whether it is weak (needs the country hint)."""
    key = party_key(name)
    if not key or key in _country_names():
        return []
    one_word = len(key.split()) == 1
    forms = [(key, one_word and (minor or (translated or segment) and "party" not in name.lower()))]
    shorter = _OF_PLACE.match(" ".join(name.lower().split()))
    if shorter and not shorter.group(1).startswith(("party", "union", "league", "front", "alliance", "movement")):
        forms.append((party_key(shorter.group(1)), minor and len(shorter.group(1).split()) == 1))
    demonym = _DEMONYMS.get(party_country, ())
    words = key.split()
    for count in (1, 2):
        if len(words) > count and " ".join(words[:count]) in demonym:
            forms.append((" ".join(words[count:]), True))
    return [(k, weak) for k, weak in forms if k not in _country_names()]


@lru_cache(maxsize=1)
def _country_names_upper() -> frozenset[str]:
    return frozenset({c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries} | {"EU", "UN"})


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Keys that are country names or adjectives ("australia", "german"): never a party by themselves."""
    names = {party_key(n) for c in pycountry.countries for n in (c.name, getattr(c, "common_name", ""), c.alpha_2,
                                                                  c.alpha_3) if n}
    return frozenset(names | {party_key(d) for demonyms in _DEMONYMS.values() for d in demonyms} | {"european", "europe", "eu"})


_DEMONYMS = {
    "AUS": ("australian", "australia"), "GBR": ("british", "uk", "united kingdom"), "USA": ("american", "us"),
    "ISR": ("israeli", "israel"), "NZL": ("new zealand",), "CAN": ("canadian", "canada"), "IRL": ("irish", "ireland"),
    "DEU": ("german", "germany"), "FRA": ("french", "france"), "ZAF": ("south african", "south africa"),
}


@lru_cache(maxsize=1)
def load_parties() -> PartyTable:
    """The party table with the shipped nicknames, once per process: read from its compiled form, else derived.

    The compiled form (:mod:`graphkit.resolve.compiled`) is what
    :func:`derive_parties` gives, shipped as JSON: it loads in milliseconds.
    """
    tables = compiled.read("parties.json")
    if tables is None:
        return derive_parties()
    parties = {pid: Party(int(pid), label, country, short) for pid, (label, country, short) in tables["parties"].items()}
    return PartyTable(entries={
        key: tuple(_Entry(parties[pid], tuple(rank), weak, nickname) for pid, rank, weak, nickname in found)
        for key, found in tables["entries"].items()
    })


def party_tables(table: PartyTable) -> dict[str, dict]:
    """``table`` as the JSON tables :func:`load_parties` reads: each party once, each entry naming it by id."""
    parties = {str(e.party.partyfacts_id): [e.party.label, e.party.country, e.party.short]
               for found in table.entries.values() for e in found}
    entries = {key: [[str(e.party.partyfacts_id), list(e.rank), e.weak, e.nickname] for e in found]
               for key, found in table.entries.items()}
    return {"parties": dict(sorted(parties.items(), key=lambda item: int(item[0]))), "entries": entries}


def derive_parties() -> PartyTable:
    """Derive every party's names from the Party Facts table, then attach the shipped news nicknames."""
    text = files("graphkit.data.parties").joinpath("parties.tsv").read_text(encoding="utf-8")
    entries: dict[str, list[_Entry]] = {}
    order = {code: i for i, code in enumerate(DEFAULT_COUNTRY_ORDER)}
    for line in text.splitlines()[1:]:
        country, pid, short, english, native, other, year_last, share = line.split("\t")
        party = Party(partyfacts_id=int(pid), label=_label(english, native), country=country, short=short)
        rank = (order.get(country, len(order)), bool(year_last), -float(share or 0), party.partyfacts_id)
        translated = bool(native) and party_key(native) != party_key(english)
        names = [(n, translated, i > 0) for i, n in enumerate(_names(english))]
        names += [(n, False, i > 0) for i, n in enumerate(_names(native))]
        names += [(n, False, True) for n in _names(other)]
        minor = country not in order or bool(year_last)
        if len(short) > 3 and short == native.split(" ")[0]:
            names.append((short, False, False))
        elif _ACRONYM.match(short) and len(short) > 1 and short not in _country_names_upper():
            entries.setdefault(_acronym_key(short), []).append(_Entry(party, rank, minor or len(short) < 3, False))
        for name, is_translation, is_segment in names:
            for key, weak in _forms(name, country, is_translation, is_segment, minor):
                entries.setdefault(key, []).append(_Entry(party, rank, weak, False))
    entries.pop("", None)
    table = {key: tuple(sorted(found, key=lambda e: (e.weak, e.rank))) for key, found in entries.items()}
    return with_nicknames(PartyTable(entries=table), news_aliases())


@lru_cache(maxsize=1)
def news_aliases() -> UserAliases:
    """The shipped news nicknames, read once per process (the party table and the org-name rule both use them)."""
    return load_aliases(news_aliases_path())


def news_aliases_path() -> Traversable:
    """The shipped alias file of news nicknames (``graphkit/data/aliases/news.toml``), usable with ``--aliases``."""
    return files("graphkit.data.aliases").joinpath("news.toml")


def with_nicknames(table: PartyTable, aliases: UserAliases) -> PartyTable:
    """``table`` with each declared ORG entity that names a party attached to that party.

    The entity's name becomes the party's label and every alias finds it, ahead
    of the derived names. The entity's name is looked up first (so "Labour
    Party" is the British one, by the default country order), then each alias;
    entities that name no party are ignored. Users extend the shipped nicknames
    this way with their own ``--aliases`` file::

        table = with_nicknames(load_parties(), load_aliases("my-aliases.toml"))
    """
    entries = {key: list(found) for key, found in table.entries.items()}
    relabelled: dict[int, Party] = {}
    for entity in aliases.entities:
        if entity.type != "ORG":
            continue
        names = [entity.name, *entity.aliases]
        everywhere = {c.alpha_3 for c in pycountry.countries}  # weak names count here: "HaLikud"
        party = next((p for p in (table.lookup(n, countries=everywhere) for n in names) if p), None)
        if party is None:
            continue
        relabelled[party.partyfacts_id] = Party(party.partyfacts_id, entity.name, party.country, party.short)
        for number, name in enumerate(names):
            entries.setdefault(party_key(name), []).insert(0, _Entry(party, (-1,), False, number > 0))
    fixed = {
        key: tuple(_Entry(relabelled.get(e.party.partyfacts_id, e.party), e.rank, e.weak, e.nickname) for e in found)
        for key, found in entries.items()
    }
    return PartyTable(entries=fixed)
