"""Person names: parsed by ``nameparser``, compared by the rules news text needs.

>>> name = parse_person("Mr Blair's")
>>> name.title, name.last, name.gender_hint
('Mr', 'Blair', 'M')
>>> can_corefer(parse_person("Mrs Howard"), parse_person("Michael Howard"))
False
>>> can_corefer(parse_person("Prince Edward"), parse_person("Edward Leigh"))
False
>>> can_corefer(parse_person("Mr Howard"), parse_person("Michael Howard"))
True

The rules of :func:`can_corefer`, for a shorter name and a full name:

* a gendered honorific or a gendered first name keeps people apart ("Mrs
  Howard" is not Michael Howard, "Mr Blair" is not Cherie Blair);
* a surname, with or without an honorific, joins a full name that ends with
  it ("Howard", "Mr Howard", "Lord Falconer", "Mr Duncan Smith");
* an initial joins a first name it starts ("M Howard", "Michael Howard");
* a bare first name ("Sandra", "Ed") joins a full name with that first name
  only within one document (``same_document``); across documents it never
  links, because a first name alone says too little ("his brother Ed" is not
  Ed Davey);
* a title that goes with a first name ("Prince Edward", "Sir Menzies",
  "Queen Elizabeth") joins only a name with the same title and first name:
  "Prince Edward" is never Edward Leigh.

The function compares two names; whether the surname is unique in the
document or the corpus, and which full name is nearest, are the caller's
decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import Constants

from graphkit.lexicon import DEPARTMENT_WORDS, FEMALE_HONORIFICS, HONORIFICS, MALE_HONORIFICS
from graphkit.resolve.gazetteer import name_gender
from graphkit.resolve.names import normalize, surface

GIVEN_NAME_TITLES = frozenset({"sir", "dame", "prince", "princess", "king", "queen", "pope"})
"""Titles written with a first name: "Sir Menzies" and "Prince Edward" name a first name, "Mr Howard" a surname."""

_HONORIFIC = re.compile(r"^(?:the\s+)?(?:" + "|".join(HONORIFICS) + r")\.?\s+[A-Z]")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in parts, as written, with ``F``, ``M`` or "" as its gender hint."""

    title: str = ""
    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str = ""
    gender_hint: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """The normalised name words without title and suffix: ("iain", "duncan", "smith")."""
        return tuple(normalize(f"{self.first} {self.middle} {self.last}").split())

    @property
    def given_name_only(self) -> bool:
        """A first name with no surname: "Sandra", "Prince Edward", "Sir Menzies"."""
        return bool(self.first) and not self.middle and not self.last


@lru_cache(maxsize=1)
def _constants() -> Constants:
    """graphkit's own nameparser settings, leaving the module-wide ``CONSTANTS`` alone."""
    constants = Constants()
    constants.titles.add(*sorted(DEPARTMENT_WORDS), "revd", "mx")
    constants.first_name_titles.remove(*(t for t in list(constants.first_name_titles) if t not in GIVEN_NAME_TITLES
                                         and t.isascii()))
    constants.first_name_titles.add(*GIVEN_NAME_TITLES)
    return constants


@lru_cache(maxsize=65536)
def parse_person(text: str) -> PersonName:
    """The parts of a person's name, without a leading "the" or a possessive ending.

    A single word with no title is read as a first name ("Hague" has
    ``first="Hague"``): :func:`can_corefer` also tries it as a surname.

    >>> parse_person("Home Secretary David Blunkett")
    PersonName(title='Home Secretary', first='David', middle='', last='Blunkett', suffix='', gender_hint='M')
    """
    parsed = HumanName(surface(text), constants=_constants())
    title = parsed.title
    words = normalize(title).split()
    gender = ""
    if words and words[0] in MALE_HONORIFICS:
        gender = "M"
    elif words and words[0] in FEMALE_HONORIFICS:
        gender = "F"
    elif len(normalize(parsed.first)) > 1:
        gender = name_gender(f"{parsed.first} {parsed.last or parsed.first}")
    return PersonName(title=title, first=parsed.first, middle=parsed.middle, last=parsed.last, suffix=parsed.suffix,
                      gender_hint=gender)


def has_honorific(text: str) -> bool:
    """Whether a name starts with an honorific and so is a person ("Mr Hague", "Dr Fox").

    >>> has_honorific("Mr Hague"), has_honorific("Lord's"), has_honorific("Mr")
    (True, False, False)
    """
    return bool(_HONORIFIC.match(" ".join(text.split())))


def person_name_key(name: PersonName) -> str:
    """A key that spellings of one full name share: "Mr Tony Blair's" and "Tony Blair" -> "tony blair".

    Unlike :func:`graphkit.resolve.names.person_key`, it keeps particles and
    initials ("bashar al assad") and drops every title nameparser knows
    ("Lord", "Baroness", "Home Secretary"), not only a fixed list.
    """
    return " ".join(name.words)


def genders_agree(one: PersonName, other: PersonName) -> bool:
    """False only when both names carry a gender hint and the hints differ."""
    return not (one.gender_hint and other.gender_hint and one.gender_hint != other.gender_hint)


def can_corefer(short: PersonName, full: PersonName, same_document: bool = True) -> bool:
    """Whether ``short`` can be another mention of the person named ``full`` (see the module's rules).

    >>> can_corefer(parse_person("Sandra"), parse_person("Sandra Gidley"), same_document=False)
    False
    >>> can_corefer(parse_person("Mr Duncan Smith"), parse_person("Iain Duncan Smith"))
    True
    """
    short_words, full_words = short.words, full.words
    if not short_words or not full_words or not genders_agree(short, full):
        return False
    if short_words == full_words:
        return _titles_agree(short, full)
    given_title = normalize(short.title).split()[:1] and normalize(short.title).split()[0] in GIVEN_NAME_TITLES
    if short.given_name_only and given_title:
        return normalize(short.title) == normalize(full.title) and short_words[0] == full_words[0]
    if len(short_words) < len(full_words) and full_words[-len(short_words):] == short_words:
        return True
    if short.given_name_only and not short.title and short_words[0] == full_words[0] and len(full_words) > 1:
        return same_document
    return (len(short_words) == len(full_words) > 1 and short_words[-1] == full_words[-1]
            and all(_same_given(a, b) for a, b in zip(short_words[:-1], full_words[:-1])))


def _titles_agree(one: PersonName, other: PersonName) -> bool:
    """Same words: a given-name title on one side must be on the other ("Prince Edward", "Edward")."""
    def given(name: PersonName) -> str:
        words = normalize(name.title).split()
        return words[0] if words and words[0] in GIVEN_NAME_TITLES and name.given_name_only else ""
    return given(one) == given(other)


def _same_given(one: str, other: str) -> bool:
    """Equal first or middle names, or an initial and a name it starts."""
    return one == other or (len(one) == 1 or len(other) == 1) and one[0] == other[0]
