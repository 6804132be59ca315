"""What graphkit knows about actors before reading any text.

Two sources, both offline:

* ``pycountry`` (ISO 3166): country names, official names, common names and
  two- and three-letter codes;
* the PETRARCH2/Phoenix actor dictionaries shipped in ``graphkit/data/petrarch``
  (MIT): country synonyms ("Russia" under the Russian Federation), seats of
  government that stand for the state ("Moscow", "the Kremlin",
  "Washington"), and political figures with their name variants ("Lavrov",
  "Sergey Lavrov").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pycountry

from graphkit.resolve.names import normalize

_DICTIONARIES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
_INLINE_COUNTRY = re.compile(r"\[([A-Z]{3})\]")
_ROLE = re.compile(r"^\[([A-Z]{3})")


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
    people: dict[str, str]

    def country(self, key: str) -> Country | None:
        """The country a normalised name denotes by itself ("us", "russia")."""
        return self.countries.get(key)

    def seat(self, key: str) -> Country | None:
        """The country a capital or seat of government stands for when it acts ("moscow")."""
        return self.seats.get(key)

    def is_person(self, key: str) -> bool:
        """Whether a normalised name is a known political figure or their surname."""
        return key in self.people


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
    """Read pycountry and the Phoenix dictionaries once per process."""
    countries: dict[str, Country] = {}
    for record in pycountry.countries:
        country = _country_label(record.alpha_3)
        for name in (record.name, getattr(record, "official_name", ""), getattr(record, "common_name", ""),
                     record.alpha_2, record.alpha_3):
            if name:
                countries.setdefault(normalize(name), country)
    seats: dict[str, Country] = {}
    people: dict[str, str] = {}
    for filename in _DICTIONARIES:
        text = files("graphkit.data.petrarch").joinpath(filename).read_text(encoding="utf-8", errors="replace")
        _read_dictionary(text, countries, seats, people)
    return Gazetteer(countries=countries, seats=seats, people=people)


def _read_dictionary(text: str, countries: dict, seats: dict, people: dict) -> None:
    """Fold one Phoenix actor file into the lookup tables.

    An entry line names an actor; ``+`` lines under it are its synonyms; an
    inline ``[RUS]`` makes it a country, indented ``[RUSGOV ...]`` lines give it
    roles: a person when the entry comes from the curated CountryInfo list and
    has two or more words ("Sergey Lavrov"), a body that stands for its state
    when it has one word ("Kremlin").
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
            inline = _INLINE_COUNTRY.search(raw.split("#", 1)[0])
            entries.append(([_entry_words(raw)], inline.group(1) if inline else "", [], "CountryInfo.txt" in raw))
    for words, inline, roles, curated_person in entries:
        names = [n for n in (normalize(w) for w in words) if n]
        if not names:
            continue
        if inline:
            country = _country_label(inline)
            if country is None:
                continue
            stems = {w[:4] for n in (names[0], normalize(country.label)) for w in n.split()}
            for name in names:
                if name in countries or name in seats:
                    continue
                table = countries if any(w[:4] in stems for w in name.split()) else seats
                table[name] = country
        elif roles and curated_person and len(names[0].split()) >= 2:
            for name in names:
                people.setdefault(name, names[0])
        elif roles and len(names[0].split()) == 1:
            country = _country_label(roles[0])
            if country:
                for name in names:
                    seats.setdefault(name, country)
