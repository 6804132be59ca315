"""Values and broken pieces of text never become actors."""

import pytest

from graphkit.resolve.fragments import common_words, fragment_reason, is_fragment


@pytest.mark.parametrize(("text", "label", "reason"), [
    ("pounds 4bn", "ORG", "money"),
    ("£4bn", "ORG", "money"),
    ("$5m", "ORG", "money"),
    ("4.5 billion euros", "ORG", "money"),
    ("GMT", "ORG", "time"),
    ("0530GMT", "ORG", "time"),
    ("1200 GMT", "ORG", "time"),
    ("10.30", "ORG", "time"),
    ("7pm", "ORG", "time"),
    ("45%", "ORG", "percentage"),
    ("20 per cent", "ORG", "percentage"),
    ("March", "PERSON", "date"),
    ("12 December", "ORG", "date"),
    ("Friday", "PERSON", "date"),
    ("2005", "ORG", "date"),
    ("1990s", "ORG", "date"),
    ("35", "ORG", "quantity"),
    ("three million", "ORG", "quantity"),
    ("Perm 35 - a", "PERSON", "dash"),
    ("Veritas - Latin", "ORG", "dash"),
    ("MPs - Keith Vaz", "PERSON", "dash"),
    ("Office of the", "ORG", "function word at an edge"),
    ("Management Centre at", "ORG", "function word at an edge"),
    ("of Parliament", "ORG", "function word at an edge"),
    ("ofNew Labour", "PERSON", "glued words"),
    ("Lindsay Lohan Checks Into Rehab", "PERSON", "headline"),
    ("Blair Says Sorry To Voters", "PERSON", "headline"),
    ("anything", "DATE", "date"),
    ("Two", "CARDINAL", "cardinal"),
    ("5", "MONEY", "money"),
    ("", "ORG", "quantity"),
    ("--", "ORG", "quantity"),
])
def test_fragments(text, label, reason):
    assert fragment_reason(text, label) == reason
    assert is_fragment(text, label)


@pytest.mark.parametrize(("text", "label"), [
    ("Michael Howard", "PERSON"),
    ("Mr Blair", "PERSON"),
    ("10 Downing Street", "FAC"),
    ("G8", "ORG"),
    ("Radio 4", "ORG"),
    ("BBC1", "ORG"),
    ("Transport 2000", "ORG"),
    ("Robert Kilroy-Silk", "PERSON"),
    ("House of Commons", "ORG"),
    ("the Labour Party", "ORG"),
    ("Palestine, State of", "GPE"),
    ("Bill", "PERSON"),  # a first name, unless the corpus says otherwise (see below)
    ("Bank Of England", "ORG"),  # title case is a headline only for a person
    ("Mary Ann Evans", "PERSON"),
])
def test_names_are_not_fragments(text, label):
    assert fragment_reason(text, label) == ""


def test_common_words_come_from_the_corpus():
    corpus = [
        "The Government said the government would act. The government is sure.",
        "Labour said Mr Brown would speak to Labour. The bill was debated; the Bill passed.",
        "He paid the bill. The bill was high.",
    ]
    common = common_words(corpus)
    assert {"Government", "Bill"} <= common
    assert not {"Labour", "Brown", "He"} & common  # "The": written "the" too, and never a name anyway
    assert fragment_reason("Government", "ORG", common) == "common word"
    assert fragment_reason("Bill", "PERSON", common) == "common word"
    assert fragment_reason("Labour", "ORG", common) == ""
    assert fragment_reason("Government Whips", "ORG", common) == ""


def test_sentence_initial_capitals_count_only_as_seen():
    assert common_words(["Health matters. Health is wealth."]) == frozenset()  # never written in lower case
    assert common_words(["Health matters. Health is wealth. health"]) == {"Health"}  # capital only at starts
    assert common_words(['He said: "Health matters" and the health of Health'], ratio=1.0) == {"Health"}


@pytest.mark.parametrize(("text", "reason"), [("Ex", "prefix"), ("Ex-BBC", "prefix"), ("Anti-Nazi League", ""),
                                              ("Exeter", "")])
def test_a_former_role_is_no_name(text, reason):
    assert fragment_reason(text, "PERSON") == reason
