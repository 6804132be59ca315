"""Person names: parsing with nameparser and the rules that keep people apart."""

import pytest
from nameparser import HumanName

from graphkit.resolve.persons import PersonName, can_corefer, has_honorific, parse_person, person_name_key


@pytest.mark.parametrize(("text", "parts"), [
    ("Mr Blair", ("Mr", "", "Blair", "M")),
    ("Mr Blair's", ("Mr", "", "Blair", "M")),
    ("Mr. Blair", ("Mr.", "", "Blair", "M")),
    ("Mrs Howard", ("Mrs", "", "Howard", "F")),
    ("Michael Howard", ("", "Michael", "Howard", "M")),
    ("Sandra Gidley", ("", "Sandra", "Gidley", "F")),
    ("Prince Edward", ("Prince", "Edward", "", "M")),
    ("Sir Menzies Campbell", ("Sir", "Menzies", "Campbell", "M")),
    ("Lady Thatcher", ("Lady", "", "Thatcher", "F")),
    ("Baroness Scotland", ("Baroness", "", "Scotland", "F")),
    ("Lord Falconer", ("Lord", "", "Falconer", "M")),
    ("Dr Liam Fox", ("Dr", "Liam", "Fox", "M")),
    ("Prof Anthony King", ("Prof", "Anthony", "King", "M")),
    ("Home Secretary David Blunkett", ("Home Secretary", "David", "Blunkett", "M")),
    ("Chancellor Gordon Brown", ("Chancellor", "Gordon", "Brown", "M")),
    ("the Hague", ("", "Hague", "", "")),
    ("Kim Howells", ("", "Kim", "Howells", "")),
])
def test_parse_person(text, parts):
    name = parse_person(text)
    assert (name.title, name.first, name.last, name.gender_hint) == parts


def test_parse_keeps_middle_names_and_suffixes():
    name = parse_person("Iain Duncan Smith")
    assert (name.first, name.middle, name.last) == ("Iain", "Duncan", "Smith")
    assert parse_person("Martin Luther King Jr").suffix == "Jr"


def test_parsing_leaves_nameparsers_global_settings_alone():
    parse_person("Home Secretary David Blunkett")
    assert HumanName("Home Office").title == ""


@pytest.mark.parametrize(("short", "full", "expected"), [
    # a surname joins a full name that ends with it
    ("Mr Howard", "Michael Howard", True),
    ("Howard", "Michael Howard", True),
    ("Michael Howard's", "Michael Howard", True),
    ("Lord Falconer", "Charles Falconer", True),
    ("Mr Duncan Smith", "Iain Duncan Smith", True),
    ("Hague", "William Hague", True),
    ("Mr Hague", "William Hague", True),
    ("M Howard", "Michael Howard", True),
    ("Dr Fox", "Liam Fox", True),
    # gendered honorifics and first names keep people apart
    ("Mrs Howard", "Michael Howard", False),
    ("Mrs Howard", "Sandra Howard", True),
    ("Mr Blair", "Cherie Blair", False),
    ("Ms Kelly", "Ruth Kelly", True),
    ("Tony Blair", "Cherie Blair", False),
    ("Tony Blair", "Tony Blair", True),
    # a title with a first name never joins another person's full name
    ("Prince Edward", "Edward Leigh", False),
    ("Prince Philip", "Philip Mawer", False),
    ("Prince Charles", "Prince Charles", True),
    ("Prince Charles", "Charles Clarke", False),
    ("Sir Menzies", "Sir Menzies Campbell", True),
    ("Sir Menzies", "Menzies Campbell", False),
    # other names
    ("Gordon Brown", "Nick Brown", False),
    ("Brown", "Gordon Brown", True),
    ("Blair", "Tony", False),
    ("Howard", "Mrs Howard", False),
    ("", "Michael Howard", False),
])
def test_can_corefer(short, full, expected):
    assert can_corefer(parse_person(short), parse_person(full)) is expected


@pytest.mark.parametrize(("short", "full", "same_document", "expected"), [
    ("Sandra", "Sandra Gidley", True, True),
    ("Sandra", "Sandra Gidley", False, False),  # a first name alone never links across documents
    ("Ed", "Ed Davey", False, False),  # "his brother Ed" in another article
    ("Ed", "Ed Davey", True, True),
    ("Ed", "Edward Davey", True, False),
    ("Howard", "Michael Howard", False, True),  # a surname may: uniqueness is the caller's check
])
def test_first_names_only_within_one_document(short, full, same_document, expected):
    assert can_corefer(parse_person(short), parse_person(full), same_document=same_document) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr Hague", True),
    ("Mr. Hague", True),
    ("Mrs Howard", True),
    ("Ms Kelly", True),
    ("Lord Falconer", True),
    ("Lady Thatcher", True),
    ("Sir Menzies Campbell", True),
    ("Dame Judi Dench", True),
    ("Prince Edward", True),
    ("Dr Fox", True),
    ("Prof King", True),
    ("Baroness Scotland", True),
    ("Heathrow", False),
    ("Mr", False),
    ("Lord's", False),
    ("Mrs", False),
    ("mr hague", False),
    ("Michael Howard", False),
    ("Mister Ed", False),
])
def test_has_honorific(text, expected):
    assert has_honorific(text) is expected


@pytest.mark.parametrize(("text", "key"), [
    ("Tony Blair", "tony blair"),
    ("Mr Tony Blair's", "tony blair"),
    ("Baroness Scotland", "scotland"),
    ("Home Secretary David Blunkett", "david blunkett"),
    ("Bashar al-Assad", "bashar al assad"),
])
def test_person_name_key(text, key):
    assert person_name_key(parse_person(text)) == key


def test_person_name_is_a_frozen_record():
    name = PersonName(first="Ed", last="Davey")
    assert name.words == ("ed", "davey") and not name.given_name_only
    assert PersonName(first="Ed").given_name_only
    with pytest.raises(AttributeError):
        name.first = "Edward"
