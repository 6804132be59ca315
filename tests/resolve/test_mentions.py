"""Mentions found in real sentences (written in the style of BBC politics news) by the real model."""

import pytest

from graphkit.nlp.parse import parse_documents
from graphkit.resolve.mentions import find_mentions
from graphkit.types import Document


def mentions(nlp, text):
    found = []
    for paragraph in parse_documents(nlp, [Document(id="news.txt", text=text)]):
        found.extend(find_mentions(paragraph))
    return {m.text: m for m in found}


@pytest.fixture(scope="module")
def story(nlp):
    return mentions(nlp, (
        "Tory leader Michael Howard attacked the prime minister over the plans. "
        "Mrs Howard said she was proud of him. "
        "Home Secretary David Blunkett defended the bill. "
        "The Labour Party and the Tories clashed with the Lib Dems on Tuesday. "
        "His chancellor, Gordon Brown, smiled. "
        "The former home secretary was not there. "
        "MPs - Keith Vaz among them - met at 1200 GMT."
    ))


def test_parties_are_organisations(story):
    for name in ("Labour Party", "Tories", "Lib Dems", "Tory"):
        assert story[name].label == "ORG" and "party" in story[name].roles


def test_an_honorific_is_part_of_the_name_and_makes_a_person(story):
    assert story["Mrs Howard"].label == "PERSON"


def test_offices_stated_before_a_name(story):
    assert "office:home secretary" in story["David Blunkett"].roles
    howard = story["Michael Howard"].roles
    assert "office:leader" in howard and any(r.startswith("party:") for r in howard)


def test_roles_that_name_a_present_holder(story):
    assert story["the prime minister"].kind == "title"
    assert "office:prime minister" in story["the prime minister"].roles
    assert "office:chancellor" in story["His chancellor"].roles
    assert "the former home secretary" not in story  # someone else than the holder


def test_fragments_are_no_mentions(story):
    assert "Keith Vaz" in story
    assert not any("-" in text or text in {"MPs", "GMT", "1200 GMT"} for text in story)


def test_definite_descriptions_of_actors(nlp):
    found = mentions(nlp, "The Liberal Democrats met in Brighton. The party said his party would win. "
                          "The Labour party and a party of MPs disagreed. The government was silent.")
    assert found["The party"].roles == ("description:party",) and found["The party"].kind == "title"
    assert found["his party"].roles == ("description:party",)
    assert found["The government"].label == "GPE"
    assert "a party" not in found and "The Labour party" not in {m for m in found if found[m].kind == "title"}


def test_they_is_a_group_pronoun_unless_a_plural_noun_comes_first(nlp):
    text = "The Lib Dems say they will win. Voters said they were angry."
    found = []
    for paragraph in parse_documents(nlp, [Document(id="news.txt", text=text)]):
        found.extend(m for m in find_mentions(paragraph) if m.text == "they")
    first, second = sorted(found, key=lambda m: m.start)
    assert first.roles == ("plural",)  # the party may be meant
    assert second.roles == ("plural", "after-plural-noun")  # the voters, who are no actor node


def test_a_party_before_a_name_is_a_mention_of_its_own(nlp):
    found = mentions(nlp, "Tory Liam Fox attacked the plan. The Treasury spokesman Vincent Cable disagreed.")
    assert found["Tory"].label == "ORG" and "party" in found["Tory"].roles
    assert found["Liam Fox"].label == "PERSON"
    assert found["Vincent Cable"].label == "PERSON"


def test_a_party_name_ner_cut_short_is_taken_whole_and_groups_are_no_people(nlp):
    found = mentions(nlp, "Liberal Democrat spokesman Mark Oaten said no. The MPs launched their inquiry.")
    assert "Liberal Democrat" in found and "Democrat" not in found
    assert any(r.startswith("party:") for r in found["Mark Oaten"].roles)
    assert "MPs" not in found
