"""What the gazetteer says a name is: a state, a seat that acts for it, or a place of its own."""

import pytest

from graphkit.resolve.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(("name", "state"), [
    ("uk", "GBR"), ("britain", "GBR"), ("great britain", "GBR"), ("united kingdom", "GBR"),
    ("us", "USA"), ("america", "USA"), ("russia", "RUS"), ("syrian", "SYR"), ("british", "GBR"),
])
def test_names_of_a_state(gazetteer, name, state):
    assert gazetteer.country(name).code == state


@pytest.mark.parametrize(("name", "state"), [
    ("scotland", "GBR"), ("wales", "GBR"), ("england", "GBR"), ("northern ireland", "GBR"),
    ("manchester", "GBR"), ("edinburgh", "GBR"), ("houston", "USA"), ("seattle", "USA"), ("texas", "USA"),
])
def test_cities_and_regions_are_places_never_the_state(gazetteer, name, state):
    assert gazetteer.place(name).code == state
    assert gazetteer.country(name) is None and gazetteer.seat(name) is None and gazetteer.body(name) is None


@pytest.mark.parametrize(("name", "state"), [("london", "GBR"), ("moscow", "RUS"), ("washington", "USA"),
                                              ("damascus", "SYR"), ("paris", "FRA")])
def test_only_a_capital_acts_for_its_state(gazetteer, name, state):
    assert gazetteer.seat(name).code == state and gazetteer.country(name) is None


@pytest.mark.parametrize(("name", "state"), [("kremlin", "RUS"), ("white house", "USA"),
                                              ("downing street", "GBR"), ("number 10", "GBR")])
def test_seats_of_government(gazetteer, name, state):
    assert gazetteer.body(name).code == state


@pytest.mark.parametrize("word", ["mr", "ms", "dr", "it", "in", "welsh", "scottish", "english"])
def test_honorifics_words_and_constituent_demonyms_are_no_state(gazetteer, word):
    assert gazetteer.country(word) is None  # "Mr Blair's government" is not Mauritania's (MR)


def test_the_hague_is_a_place_not_the_netherlands(gazetteer):
    assert gazetteer.country("hague") is None and gazetteer.seat("hague") is None
