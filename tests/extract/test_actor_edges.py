"""Rules that let an edge reach actors a noun phrase holds: inner actors, event nouns, roles, lists (issue 9)."""

from __future__ import annotations

import pytest

from graphkit.extract.clauses import ClauseExtractor


def _triples(nlp, sentence):
    doc = nlp(sentence)
    return [t for sent in doc.sents for t in ClauseExtractor().extract(sent, doc_id="t")]


def _inner(sentence, triple, arg):
    return [(sentence[start:end], rule) for start, end, rule in arg.inner]


@pytest.mark.parametrize(
    ("sentence", "relation", "expected"),
    [
        ("Russia vetoed a United Nations resolution on Wednesday.", "vetoed", [("Nations", "compound")]),
        ("Blair attacked the Tories' plans for the health service.", "attacked", [("Tories", "possessive")]),
        ("The rebels fought the forces of the Kremlin's ally Bashar Assad last week.", "fought",
         [("Assad", "of-phrase"), ("Kremlin", "of-phrase")]),
        ("Moscow condemned the unlawful attack against Syria.", "condemned", [("Syria", "against")]),
        # the target of a noun the object's prepositions lead to
        ("We have seen very alarming actions with an unlawful attack against Syria.", "have seen",
         [("Syria", "against")]),
        # a bare "person" described by a clause that names one person
        ("Putin is backing a person that's truly an evil person in his relationship with Assad.", "is backing",
         [("Assad", "described-person")]),
    ],
)
def test_an_object_records_the_actors_inside_it(nlp, sentence, relation, expected):
    triple = next(t for t in _triples(nlp, sentence) if t.relation == relation)
    assert _inner(sentence, triple, triple.object) == expected


def test_a_role_noun_subject_acts_for_its_body(nlp):
    sentence = "The United Nations peace envoy for Syria urged the United States and Russia to talk."
    triple = next(t for t in _triples(nlp, sentence) if t.relation == "urged")
    assert triple.subject.text == "The United Nations peace envoy for Syria"
    assert _inner(sentence, triple, triple.subject) == [("Nations", "role-noun")]  # not Syria: "envoy for"


def test_what_a_copula_says_its_subject_is_holds_no_inner_actor(nlp):
    sentence = "Michael Howard is the Tory leader."
    triple = next(t for t in _triples(nlp, sentence) if t.relation == "is")
    assert triple.object.inner == ()


@pytest.mark.parametrize(
    ("sentence", "expected", "verb"),
    [
        ("Tillerson's trip to Moscow represented the highest-level contact.", ("Tillerson", "visit", "Moscow"), "visit"),
        ("Blair's meeting with Bush lasted two hours.", ("Blair", "meet with", "Bush"), "meet"),
        ("The EU's criticism of Britain angered ministers.", ("The EU", "criticise", "Britain"), "criticise"),
        ("Talks between Israel and Egypt resumed on Monday.", ("Israel", "talk with", "Egypt"), "talk"),
        ("Under a 2013 deal between the USA and Russia, Syria was meant to give up its arsenal.",
         ("the USA", "agree with", "Russia"), "agree"),
        # nouns that only WordNet's derivational links (nouns.tsv) know
        ("Britain's cooperation with France on defence has deepened.", ("Britain", "cooperate with", "France"), "cooperate"),
        ("NATO's bombing of Serbia lasted 78 days.", ("NATO", "bomb", "Serbia"), "bomb"),
    ],
)
def test_event_nouns_become_their_verbs(nlp, sentence, expected, verb):
    found = {(t.subject.text, t.relation, t.object.text): t for t in _triples(nlp, sentence) if t.object}
    triple = found[expected]
    assert triple.provenance.extractor == "event-noun.v1"
    assert triple.relation_lemma == verb


@pytest.mark.parametrize(
    ("sentence", "expected", "lemma"),
    [
        ("Blair, the Labour leader, met Bush in Washington.", ("Blair", "is leader of", "Labour"), "role"),
        ("Russia's foreign minister Sergei Lavrov met Rex Tillerson.",
         ("Sergei Lavrov", "is foreign minister of", "Russia"), "role"),
        ("Dave Prentis, general secretary of Unison, attacked the plan.",
         ("Dave Prentis", "is general secretary of", "Unison"), "role"),
        ("The party's members David Davis and Tim Yeo voted against it.",
         ("David Davis", "is members of", "The party"), "member_of"),
        ("Tory leader Michael Howard attacked the plan.", ("Michael Howard", "is leader of", "Tory"), "role"),
    ],
)
def test_offices_and_membership_are_role_edges(nlp, sentence, expected, lemma):
    found = {(t.subject.text, t.relation, t.object.text): t for t in _triples(nlp, sentence) if t.object}
    assert found[expected].relation_lemma == lemma
    assert found[expected].provenance.extractor == "role.v1"


def test_a_list_of_names_is_no_apposition(nlp):
    sentence = "The committee's members David Davis, Oliver Letwin and Tim Yeo voted against the bill."
    pairs = {(t.subject.text, t.object.text) for t in _triples(nlp, sentence) if t.object}
    names = {"David Davis", "Oliver Letwin", "Tim Yeo"}
    assert not any(subject in names and obj in names for subject, obj in pairs)


def test_a_claim_keeps_its_edge_and_its_speaker(nlp):
    triples = _triples(nlp, "Trump said Putin is backing Assad.")
    claim = next(t for t in triples if t.subject.text == "Putin")
    assert (claim.relation_lemma, claim.object.text, claim.attributed_to.text) == ("back", "Assad", "Trump")


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin is backing a person who knows Assad and Tillerson.",  # two people: none is the one meant
        "Putin is backing a person who has gassed his own people.",  # no one named
    ],
)
def test_a_described_person_needs_exactly_one_name(nlp, sentence):
    triple = next(t for t in _triples(nlp, sentence) if t.relation == "is backing")
    assert triple.object.inner == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prince Harry should personally make clear how sorry he is, says Tory leader Michael Howard.",
         ("Tory leader Michael Howard", "says should make", "Prince Harry")),
        # the second "said" inherits its speaker from the first
        ("Charles Kennedy said Harry was in a privileged position and said he should apologise in person.",
         ("Charles Kennedy", "said should apologise", "he")),
        ("Blair said the Tories must not block the bill.", ("Blair", "said must not block", "the Tories")),
    ],
)
def test_saying_someone_should_act_is_a_demand(nlp, sentence, expected):
    found = {(t.subject.text, t.relation, t.object.text): t for t in _triples(nlp, sentence) if t.object}
    triple = found[expected]
    assert triple.relation_lemma == "demand" and triple.provenance.extractor == "demand.v1"


@pytest.mark.parametrize("sentence", ['"I must go," Blair said.', "Blair said he would go.", "Ministers should resign."])
def test_no_demand_of_oneself_or_without_a_speaker_and_a_duty(nlp, sentence):
    assert not [t for t in _triples(nlp, sentence) if t.provenance.extractor == "demand.v1"]


def test_each_described_person_of_a_list_with_appositions_is_an_object_and_its_name_the_actor(nlp):
    sentence = "Mr Blair held talks with his Israeli counterpart, Ariel Sharon, and the Palestinian leader, Mahmoud Abbas."
    talks = [t for t in _triples(nlp, sentence) if t.relation == "held talks with"]
    assert [t.object.text for t in talks] == ["his Israeli counterpart", "the Palestinian leader"]
    assert [_inner(sentence, t, t.object)[0] for t in talks] == [("Sharon", "apposition"), ("Abbas", "apposition")]


def test_a_capitalised_office_holds_its_apposed_name_and_a_possessor_its_owner(nlp):
    # the parser tags "President" PROPN here; it is still a description, not a name
    sentence = "Mr Llwyd's theory has also been questioned by Plaid Cymru's former President, Dafydd Wigley."
    triple = next(t for t in _triples(nlp, sentence) if t.relation == "has been questioned by")
    assert _inner(sentence, triple, triple.subject) == [("Llwyd", "possessive")]
    assert _inner(sentence, triple, triple.object)[0] == ("Wigley", "apposition")
