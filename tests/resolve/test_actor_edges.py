"""Actor-to-actor edges in the corpus stage (issue 9): inner actors, self-loops, pronouns, places as locations.

Hand-made records (no spaCy) for the rules of ``_relations``; one build on the real
model for sentences end to end.
"""

from __future__ import annotations

import pytest

from graphkit.resolve import resolve_corpus
from graphkit.types import Argument, Document, DocumentRecords, Mention, Provenance, Triple


def _mention(text, doc_text, name, label, role="other"):
    start = doc_text.index(name)
    return Mention("d", start, start + len(name), name, label, role=role)


def _arg(doc_text, words, head, inner=()):
    start = doc_text.index(words)
    head_start = doc_text.index(head, start)
    spans = tuple((doc_text.index(w, start), doc_text.index(w, start) + len(w), rule) for w, rule in inner)
    return Argument(words, start, start + len(words), head_start, head_start + len(head), inner=spans)


def _resolve(text, mentions, subject, relation, obj, lemma):
    triple = Triple(subject, relation, (obj,), 0.8, Provenance("d", text, 0, len(text), "clauses.v1"),
                    relation_lemma=lemma)
    records = DocumentRecords("d", (0,), len(text.split()), tuple(mentions), (triple,))
    result = resolve_corpus([Document(id="d", text=text)], [records])
    return result, next(r for r in result.relations if r.triple.relation == relation)


def test_an_edge_reaches_the_actor_inside_its_object_and_names_the_rule():
    text = "Russia vetoed a United Nations resolution."
    result, relation = _resolve(
        text, [_mention("d", text, "Russia", "GPE", "subject"), _mention("d", text, "United Nations", "ORG")],
        _arg(text, "Russia", "Russia"), "vetoed",
        _arg(text, "a United Nations resolution", "resolution", [("Nations", "compound")]), "veto")
    assert (relation.subject_id, relation.object_id) == ("gpe/russian-federation", "org/united-nations")
    assert relation.triple.object.text == "a United Nations resolution"  # the phrase stays the object's text
    assert relation.triple.provenance.extractor == "clauses.v1+compound.v1"
    assert not any(e.type == "CONCEPT" for e in result.entities)  # the phrase is no concept beside the actor


def test_an_inner_actor_that_is_the_subject_is_skipped():
    text = "Labour defended Labour's plans."
    _, relation = _resolve(
        text, [_mention("d", text, "Labour", "ORG", "subject")],
        _arg(text, "Labour", "Labour"), "defended", _arg(text, "Labour's plans", "plans", [("Labour's", "possessive")]),
        "defend")
    assert relation.object_id != relation.subject_id


def test_a_self_loop_has_no_edge_unless_the_text_states_one():
    text = "Gordon Brown, Brown said."
    mentions = [_mention("d", text, "Gordon Brown", "PERSON", "subject"),
                Mention("d", text.index("Brown,") + 7, text.index("Brown,") + 12, "Brown", "PERSON")]
    _, relation = _resolve(text, mentions, _arg(text, "Gordon Brown", "Gordon Brown"), "is",
                           Argument("Brown", 14, 19, 14, 19), "be")
    assert relation.subject_id == "person/gordon-brown" and relation.object_id == ""


def test_an_unresolved_pronoun_ends_no_edge():
    text = "Ministers said it failed. Blair criticised them."
    _, relation = _resolve(text, [_mention("d", text, "Blair", "PERSON", "subject")],
                           _arg(text, "Blair", "Blair"), "criticised", _arg(text, "them", "them"), "criticise")
    assert relation.subject_id and relation.object_id == ""


@pytest.fixture(scope="module")
def news_graph(tmp_path_factory):
    from graphkit import build

    folder = tmp_path_factory.mktemp("news")
    (folder / "a.txt").write_text(
        "Talks in Europe\n\n"
        "Russia vetoed a United Nations resolution on Wednesday.\n\n"
        "The United Nations peace envoy for Syria urged the United States and Russia to talk.\n\n"
        "Tony Blair visited Manchester on Friday. Blair's meeting with George Bush lasted two hours.\n\n"
        "Tony Blair praised himself.\n\n"
        "Moscow condemned the unlawful attack against Syria.\n\n"
        '"We have seen very alarming actions with an unlawful attack against Syria," Sergei Lavrov said.\n\n'
        "Sir Nicholas Scott has died at a London hospice. Gordon Brown spoke in Paris.\n\n"
        "Kurds demonstrated in Iraq.\n",
        encoding="utf-8")
    return build([folder])


def _edges(graph):
    return {(r.subject_id, r.triple.relation_lemma, r.object_id): r for r in graph.relations if r.subject_id and r.object_id}


@pytest.mark.parametrize(
    ("edge", "rule"),
    [
        (("gpe/russian-federation", "veto", "org/united-nations"), "clauses.v1+compound.v1"),
        (("org/united-nations", "urge", "gpe/united-states"), "clauses.v1+role-noun.v1"),
        (("gpe/russian-federation", "condemn", "gpe/syria"), "clauses.v1+against.v1"),
        (("person/tony-blair", "meet", "person/george-bush"), "event-noun.v1"),
        # "we" in Lavrov's quotation is Lavrov (the speaker); Syria is the target inside the object
        (("person/sergei-lavrov", "see", "gpe/syria"), "clauses.v1+against.v1"),
    ],
)
def test_news_sentences_give_actor_edges(news_graph, edge, rule):
    assert _edges(news_graph)[edge].triple.provenance.extractor == rule


def test_a_place_only_visited_is_a_location_and_a_stated_self_loop_stays(news_graph):
    visit = next(r for r in news_graph.relations if r.triple.relation_lemma == "visit")
    assert (visit.object_id, visit.triple.object.kind) == ("", "location")
    assert ("person/tony-blair", "praise", "person/tony-blair") in _edges(news_graph)


@pytest.mark.parametrize("lemma", ["die at", "speak in"])
def test_a_place_reached_through_a_locative_preposition_is_where_not_whom(news_graph, lemma):
    # capitals too: "died at a London hospice" is no act on London
    relation = next(r for r in news_graph.relations if r.triple.relation_lemma == lemma)
    assert relation.subject_id and (relation.object_id, relation.triple.object.kind) == ("", "location")


def test_a_state_reached_through_a_locative_preposition_stays_an_actor(news_graph):
    # event coding reads "demonstrated in Iraq" as a protest against Iraq (PLOVER GSR PROTEST-0006)
    relation = next(r for r in news_graph.relations if r.triple.relation_lemma == "demonstrate in")
    assert relation.object_id == "gpe/iraq" and relation.event == "PROTEST"


def test_first_person_in_a_quotation_is_its_speaker_and_nowhere_else(tmp_path):
    from graphkit import build

    (tmp_path / "a.txt").write_text(
        '"I will meet George Bush next week," Tony Blair said.\n\n'
        "I met George Bush in the morning.\n", encoding="utf-8")
    edges = [(r.triple.subject.text, r.subject_id, r.object_id, r.speaker) for r in build([tmp_path]).relations
             if r.object_id == "person/george-bush"]
    assert sorted(edges) == [("I", "", "person/george-bush", ""),  # no quotation, no speaker: unresolved
                             ("I", "person/tony-blair", "person/george-bush", "Tony Blair")]
