"""Party names as news writes them, each to one canonical party."""

from importlib.resources import files

import pytest

from graphkit.resolve.aliases import load_aliases
from graphkit.resolve.parties import (
    Party,
    is_unambiguous_party,
    load_parties,
    news_aliases_path,
    party_key,
    with_nicknames,
)


@pytest.fixture(scope="module")
def table():
    return load_parties()


LABOUR, CONSERVATIVES, LIB_DEMS = 1516, 1567, 1388


@pytest.mark.parametrize(("text", "expected"), [
    ("Labour", LABOUR),
    ("the Labour Party", LABOUR),
    ("Labour Party", LABOUR),
    ("Labour party", LABOUR),
    ("Labour's", LABOUR),
    ("New Labour", LABOUR),
    ("the Conservatives", CONSERVATIVES),
    ("Conservative Party", CONSERVATIVES),
    ("Conservative", CONSERVATIVES),
    ("Conservatives'", CONSERVATIVES),
    ("Tories", CONSERVATIVES),
    ("Tory", CONSERVATIVES),
    ("Tory party", CONSERVATIVES),
    ("the Tory Party's", CONSERVATIVES),
    ("Liberal Democrats", LIB_DEMS),
    ("Lib Dems", LIB_DEMS),
    ("Lib Dem", LIB_DEMS),
    ("Liberal Democrat", LIB_DEMS),
    ("the Liberal Democrats'", LIB_DEMS),
    ("SNP", 986),
    ("Scottish National Party", 986),
    ("the SNP's", 986),
    ("Plaid Cymru", 1002),
    ("Plaid", 1002),
    ("UKIP", 601),
    ("UK Independence Party", 601),
    ("United Kingdom Independence Party", 601),
    ("Greens", 1794),
    ("Green Party", 1794),
    ("BNP", 855),
    ("Sinn Fein", 963),
    ("Republicans", 809),
    ("Republican Party", 809),
    ("the Republican", 809),
    ("Democrats", 432),
    ("Democratic Party", 432),
    ("Democrat", 432),
    ("Likud", 1036),
])
def test_surface_forms_find_one_party(table, text, expected):
    assert table.lookup(text).partyfacts_id == expected


@pytest.mark.parametrize("text", [
    "UK", "US", "EU", "UN", "Europe", "European", "Muslim", "Australia", "House", "Liberty", "MP", "the MP",
    "labour market", "labour", "conservative estimate", "the party", "Party", "Lab", "Con", "", "   ",
    "Tony Blair", "House of Commons",
])
def test_not_a_party(table, text):
    assert table.lookup(text) is None


@pytest.mark.parametrize(("text", "label", "country"), [
    ("Labour", "Labour Party", "GBR"),
    ("Tories", "Conservative Party", "GBR"),
    ("Lib Dems", "Liberal Democrats", "GBR"),
    ("UKIP", "UK Independence Party", "GBR"),
    ("Democrats", "Democratic Party", "USA"),
])
def test_canonical_label_and_country(table, text, label, country):
    party = table.lookup(text)
    assert (party.label, party.country) == (label, country)
    assert party.id == f"partyfacts/{party.partyfacts_id}"


@pytest.mark.parametrize(("text", "countries", "country"), [
    ("Labour", (), "GBR"),
    ("Labour", {"IRL"}, "IRL"),
    ("Labour", {"NZL"}, "NZL"),
    ("Labour", ["nzl"], "NZL"),
    ("Labour", {"FRA"}, "GBR"),  # no French Labour: the default order
    ("Labor", {"AUS"}, "AUS"),  # "Australian Labor Party" without its adjective: only with the hint
    ("New Labour", (), "GBR"),
    ("New Labour", {"NZL"}, "NZL"),
    ("CDU", {"DEU"}, "DEU"),  # one word or a short name of a country outside the default order: only with the hint
    ("SPD", {"DEU"}, "DEU"),
])
def test_country_hint_chooses(table, text, countries, country):
    assert table.lookup(text, countries=countries).country == country


def test_weak_names_need_the_country(table):
    assert all(p.country != "AUS" for p in table.candidates("Labor"))
    assert 484 not in {p.partyfacts_id for p in table.candidates("Forward")}  # Kadima's English translation
    assert table.lookup("Forward", countries={"ISR"}).partyfacts_id == 484


def test_candidates_best_first_and_stable(table):
    found = table.candidates("Labour Party")
    assert found[0].country == "GBR" and {"IRL", "NZL"} <= {p.country for p in found}
    assert found == table.candidates("the Labour Party's")
    assert len({p.partyfacts_id for p in found}) == len(found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Tories", True),
    ("Tory party", True),
    ("Lib Dems", True),
    ("Labour Party", True),
    ("Liberal Democrats", True),
    ("SNP", True),
    ("Plaid Cymru", True),
    ("Labour", False),
    ("Conservative", False),
    ("Democrats", False),
    ("Greens", False),
    ("labour", False),
    ("Tony Blair", False),
])
def test_is_unambiguous_party(table, text, expected):
    assert is_unambiguous_party(text, table) is expected


@pytest.mark.parametrize(("text", "key"), [
    ("the Conservative Party's", "conservative"),
    ("Conservatives", "conservative"),
    ("Tories", "tory"),
    ("Democratic Party", "democrat"),
    ("Liberal Democrats", "liberal democrat"),
    ("Sinn Féin", "sinn fein"),
    ("Party", "party"),
])
def test_party_key(text, key):
    assert party_key(text) == key


def test_shipped_data_loads_from_the_package():
    folder = files("graphkit.data.parties")
    header = folder.joinpath("parties.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == ["country", "partyfacts_id", "name_short", "name_english", "name", "name_other",
                                  "year_last", "share"]
    assert "MIT" in folder.joinpath("LICENSE").read_text(encoding="utf-8")
    assert "derive.py" in folder.joinpath("README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("country", "names"), [
    ("GBR", {"Labour", "Conservatives", "Liberal Democrats", "Scottish National Party", "Plaid Cymru", "UKIP"}),
    ("USA", {"Democratic Party", "Republican Party", "Libertarian Party"}),
    ("DEU", {"CDU", "CSU", "SPD", "FDP", "Alliance 90", "Greens"}),
])
def test_derived_table_has_the_main_parties(table, country, names):
    for name in names:
        assert country in {p.country for p in table.candidates(name, countries={country})}, name


def test_news_aliases_parse_with_graphkits_loader():
    aliases = load_aliases(news_aliases_path())
    names = {e.name for e in aliases.entities}
    assert {"Labour Party", "Conservative Party", "Liberal Democrats"} <= names
    assert aliases.lookup("Tories").name == "Conservative Party"
    assert all(e.type == "ORG" for e in aliases.entities)


def test_user_nicknames_extend_the_table(tmp_path, table):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[entity]]\nname = "Scottish National Party"\ntype = "ORG"\naliases = ["the Nats"]\n',
                    encoding="utf-8")
    extended = with_nicknames(table, load_aliases(mine))
    assert extended.lookup("the Nats").partyfacts_id == 986
    assert table.lookup("the Nats") is None
    assert extended.lookup("Tories") == table.lookup("Tories")


def test_party_is_a_frozen_record():
    party = Party(partyfacts_id=1, label="X Party", country="GBR")
    with pytest.raises(AttributeError):
        party.label = "Y"
