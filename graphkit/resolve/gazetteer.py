"""What graphkit knows about actors before reading any text.

Two sources, both offline:

* ``pycountry`` (ISO 3166): country names, official names, common names and
  two- and three-letter codes;
* the PETRARCH2/Phoenix actor dictionaries shipped in ``graphkit/data/petrarch``
  (MIT): country synonyms ("Russia" under the Russian Federation, "Britain" and
  "the UK" under the United Kingdom), seats of government that stand for the state
  ("the Kremlin", "Downing Street"), and political figures with their name
  variants ("Lavrov", "Sergey Lavrov");
* capitals and cities from GeoNames (``graphkit/data/places``, CC BY 4.0) and the
  regions of ISO 3166-2 (``pycountry``). Phoenix lists cities and constituent
  countries among a state's synonyms (London, Manchester, Scotland under the
  United Kingdom; Houston under the United States): only the capital stands for
  the state, and only when it acts ("Moscow said"); every other city or region
  is a place of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import pycountry

from graphkit.lexicon import FEMALE_HONORIFICS, MALE_HONORIFICS, PERSON_TITLES
from graphkit.resolve import compiled
from graphkit.resolve.names import initials, normalize

_DICTIONARIES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
_INLINE_COUNTRY = re.compile(r"\[([A-Z]{3})\]")
_ROLE = re.compile(r"^\[([A-Z]{3}[A-Z]*)")  # a CAMEO code: country (3 letters), then role ("RUSGOV")
_INLINE_CODE = re.compile(r"\[([A-Z]{3}[A-Z]*)")


@dataclass(frozen=True, slots=True)
class Country:
    """A state, named by its ISO 3166 code."""

    code: str
    label: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Normalised name -> what it denotes."""

    countries: dict[str, Country]
    seats: dict[str, Country]
    bodies: dict[str, Country]
    people: dict[str, tuple[str, frozenset[str]]]
    organisations: dict[str, str]
    places: dict[str, Country] = field(default_factory=dict)

    def country(self, key: str) -> Country | None:
        """The country a normalised name denotes by itself ("us", "russia")."""
        return self.countries.get(key)

    def seat(self, key: str) -> Country | None:
        """The country a capital or seat of government stands for when it acts ("moscow")."""
        return self.seats.get(key)

    def place(self, key: str) -> Country | None:
        """The country a city or region that is not its capital lies in ("manchester", "scotland", "houston")."""
        return self.places.get(key)

    def country_named(self, code: str) -> Country | None:
        """The country with this ISO 3166 alpha-3 code."""
        return _country_label(code)

    def body(self, key: str) -> Country | None:
        """The country a seat of government that is no place of its own stands for ("kremlin")."""
        return self.bodies.get(key)

    def is_person(self, key: str) -> bool:
        """Whether a normalised name is a known political figure or their surname."""
        return key in self.people

    def roles(self, key: str) -> frozenset[str]:
        """The countries (ISO alpha-3) a known political figure has held a role in."""
        return self.people.get(key, ("", frozenset()))[1]

    def is_title(self, word: str) -> bool:
        """Whether a lower-case noun names one person's office ("president", "minister"), not a body ("army")."""
        return word in PERSON_TITLES

    def organisation(self, key: str) -> str:
        """The canonical name of a known organisation ("nato" for "north atlantic treaty organization"), or ""."""
        return self.organisations.get(british_to_american(key), "")


def british_to_american(key: str) -> str:
    """One spelling for organisation names: "organisation" -> "organization"."""
    return key.replace("isation", "ization")


@lru_cache(maxsize=None)
def _country_label(code: str) -> Country | None:
    record = pycountry.countries.get(alpha_3=code)
    if record is None:
        return None
    return Country(code=code, label=getattr(record, "common_name", None) or record.name)


def _entry_words(line: str) -> str:
    name = line.split("#", 1)[0].split("[", 1)[0].strip().lstrip("+").strip()
    return name.replace("_", " ").strip()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, once per process: read from its compiled form, else derived from the sources.

    The compiled form (:mod:`graphkit.resolve.compiled`) is what
    :func:`derive_gazetteer` gives, shipped as JSON: it loads in milliseconds
    where the derivation takes most of a second, in every worker process.
    """
    tables = compiled.read("gazetteer.json")
    if tables is None:
        return derive_gazetteer()
    country = _country_label
    people = {key: (name, frozenset(codes.split())) for key, (name, codes) in tables["people"].items()}
    return Gazetteer(countries={key: country(code) for key, code in tables["countries"].items()},
                     seats={key: country(code) for key, code in tables["seats"].items()},
                     bodies={key: country(code) for key, code in tables["bodies"].items()},
                     people=people, organisations=tables["organisations"],
                     places={key: country(code) for key, code in tables["places"].items()})


def gazetteer_tables(gazetteer: Gazetteer) -> dict[str, dict]:
    """``gazetteer`` as the JSON tables :func:`load_gazetteer` reads (a country as its code)."""
    def codes(table: dict[str, Country]) -> dict[str, str]:
        return {key: country.code for key, country in table.items()}

    return {"countries": codes(gazetteer.countries), "seats": codes(gazetteer.seats),
            "bodies": codes(gazetteer.bodies), "places": codes(gazetteer.places),
            "people": {key: [name, " ".join(sorted(held))] for key, (name, held) in gazetteer.people.items()},
            "organisations": gazetteer.organisations}


def derive_gazetteer() -> Gazetteer:
    """Read pycountry, the Phoenix dictionaries and the GeoNames places into one gazetteer."""
    countries: dict[str, Country] = {}
    for record in pycountry.countries:
        country = _country_label(record.alpha_3)
        for name in (record.name, getattr(record, "official_name", ""), getattr(record, "common_name", "")):
            if name:
                countries.setdefault(normalize(name), country)
        for code in (record.alpha_2, record.alpha_3):
            if code.lower() not in NOT_COUNTRY_CODES:  # "Mr Blair's government" is not Mauritania's (MR)
                countries.setdefault(normalize(code), country)
    seats: dict[str, Country] = {}
    people: dict[str, tuple[str, frozenset[str]]] = {}
    organisations: dict[str, str] = {}
    bodies: dict[str, Country] = {}
    places = _places()
    capitals = _capitals()
    for filename in _DICTIONARIES:
        text = files("graphkit.data.petrarch").joinpath(filename).read_text(encoding="utf-8", errors="replace")
        _read_dictionary(text, countries, seats, bodies, people, organisations, places, capitals)
    for key, country in places.items():  # a capital the dictionaries do not list still acts for its state
        if capitals.get(country.code) == key:
            seats.setdefault(key, country)
    places = {key: country for key, country in places.items() if key not in seats and key not in countries}
    return Gazetteer(countries=countries, seats=seats, bodies=bodies, people=people, organisations=organisations,
                     places=places)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO alpha-3 code -> the normalised name of its capital."""
    text = files("graphkit.data.places").joinpath("capitals.tsv").read_text(encoding="utf-8")
    return {code: normalize(name) for code, name in (line.split("\t") for line in text.splitlines() if "\t" in line)}


def _places() -> dict[str, Country]:
    """Normalised name of a city or an ISO 3166-2 region -> its country (the first listed when several share a name)."""
    found: dict[str, Country] = {}
    text = files("graphkit.data.places").joinpath("cities.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        name, _, code = line.partition("\t")
        if (country := _country_label(code)) is not None:
            found.setdefault(normalize(name), country)
    for region in pycountry.subdivisions:
        if (country := _country_label(pycountry.countries.get(alpha_2=region.country_code).alpha_3)) is not None:
            for name in region.name.split(" [", 1)[0].split(";"):  # "Wales [Cymru GB-CYM]"
                found.setdefault(normalize(name), country)
    return found


def _read_dictionary(text: str, countries: dict, seats: dict, bodies: dict, people: dict, organisations: dict,
                     places: dict | None = None, capitals: dict | None = None) -> None:
    """Fold one Phoenix actor file into the lookup tables.

    An entry line names an actor; ``+`` lines under it are its synonyms; an
    inline ``[RUS]`` makes it a country, indented ``[RUSGOV ...]`` lines give it
    roles: a person when the entry comes from the curated CountryInfo list and
    has two or more words ("Sergey Lavrov"), a body that always stands for its
    state when it has one word and a country role ("Kremlin"), else an organisation
    ("NATO", "North Atlantic Treaty Organization").
    """
    entries: list[tuple[list[str], str, list[str], bool]] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0] in " \t":
            role = _ROLE.match(raw.strip())
            if role and entries:
                entries[-1][2].append(role.group(1))
        elif raw.startswith("+"):
            if entries:
                entries[-1][0].append(_entry_words(raw))
        else:
            head = raw.split("#", 1)[0]
            inline = _INLINE_COUNTRY.search(head)
            coded = _INLINE_CODE.search(head)
            entries.append(([_entry_words(raw)], inline.group(1) if inline else "", [coded.group(1)] if coded and not inline else [],
                            "CountryInfo.txt" in raw))
    previous: tuple[str, str] | None = None  # the last entry's (code, name) when it was an organisation
    for words, inline, roles, curated_person in entries:
        names = [n for n in (normalize(w) for w in words) if n]
        if not names:
            continue
        before, previous = previous, None
        if inline:
            country = _country_label(inline)
            if country is None:
                continue
            demonyms = []
            for name in names:
                if name in countries or name in seats:
                    continue
                if (capitals or {}).get(country.code) == name:
                    seats[name] = country  # "Moscow": the state when it acts
                elif name in (places or {}):
                    continue  # "Manchester", "Scotland": a place in the state, not the state
                elif _is_demonym(name):
                    demonyms.append(name)
                else:
                    countries[name] = country  # "Britain", "the UK", "America"
            if not demonyms:
                continue
            stems = {w[:4] for key, c in countries.items() if c.code == country.code for w in key.split()}
            for name in demonyms:  # "Syrian", "British" name the state ("the British government"); "Welsh" does not
                if name[:4] in stems:
                    countries.setdefault(name, country)
        elif roles and curated_person and len(names[0].split()) >= 2:
            held = frozenset(code[:3] for code in roles if _country_label(code[:3]))
            for name in names:
                people.setdefault(name, (names[0], held))
        elif roles and _country_label(roles[0][:3]) and _is_seat_of_government(names[0], roles):
            for name in names:
                bodies.setdefault(name, _country_label(roles[0][:3]))
                if name.startswith("number 10 "):  # "Number 10 Downing Street": "Downing Street" and "Number 10" too
                    bodies.setdefault(name.removeprefix("number 10 "), _country_label(roles[0][:3]))
                    bodies.setdefault("number 10", _country_label(roles[0][:3]))
        elif roles:
            for name in names:
                organisations.setdefault(british_to_american(name), names[0])
            previous = (roles[0], names[0])
            if before is not None and before[0] == roles[0]:
                _join_acronym(organisations, before[1], names[0])


def _join_acronym(organisations: dict[str, str], first: str, second: str) -> None:
    """Two entries in a row with one code, one the other's initials, are one organisation.

    Phoenix lists "THE_UNITED_NATIONS_ [IGOUNO]" and then "UN_ [IGOUNO]" as two
    entries: "UN" (and "U.N.", which normalises to it) is the United Nations.
    Entries apart, or under a shared code ("BP" and "Barclays PLC" are both
    ``MNC``, not in a row), are left alone.
    """
    for short, long in ((first, second), (second, first)):
        short_key = british_to_american(short)
        if " " not in short and " " in long and organisations.get(short_key) == short \
                and initials(long).lower() == short:
            organisations[short_key] = organisations[british_to_american(long)]


NOT_COUNTRY_CODES = frozenset({
    "mr", "ms", "dr", "st", "it", "in", "is", "me", "no", "am", "as", "at", "be", "by", "do", "go", "he", "hi",
    "id", "if", "la", "ma", "my", "of", "oh", "on", "or", "pa", "so", "to", "tv", "we", "an", "and", "are",
    "can", "for", "per", "gb",
})
_DEMONYM_ENDINGS = ("man", "men", "woman", "women", "sh", "ch", "ese", "ian", "ians", "ans", "ic", "i")


def _is_demonym(name: str) -> bool:
    """A word for the people or language of a state ("welshman", "british", "scot"), not a name of the state."""
    words = name.split()
    return len(words) == 1 and (name.endswith(_DEMONYM_ENDINGS) or len(name) <= 4 and name.isalpha() and name not in {"uk", "usa", "us"})


_BUILDING_WORDS = {"house", "street", "palace", "hall", "building", "residence", "castle"}


def _is_seat_of_government(name: str, roles: list[str]) -> bool:
    """A building that stands for a government: the Kremlin, the White House, Downing Street.

    One-word entries with a country role (Kremlin), or entries whose role is the
    government itself (``USAGOV``) and whose name is a building; departments,
    ministries and the people in the dictionary are actors of their own.
    """
    if len(name.split()) == 1:
        return True
    return roles[0].endswith("GOV") and len(roles[0]) == 6 and bool(_BUILDING_WORDS & set(name.split()))


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    text = files("graphkit.data.names").joinpath("first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if "\t" in line)


def name_gender(name: str) -> str:
    """``F``, ``M`` or "" (unknown or ambiguous) for a person's name, from its first name or honorific.

    >>> name_gender("Angela Merkel"), name_gender("Mr Putin"), name_gender("Kim Jong-un")
    ('F', 'M', '')
    """
    words = normalize(name).split()
    if not words:
        return ""
    if words[0] in MALE_HONORIFICS:
        return "M"
    if words[0] in FEMALE_HONORIFICS:
        return "F"
    return _first_names().get(words[0], "") if len(words) > 1 else ""
