"""clauses.v1 on real sentences (the seed's and a few clause shapes), with the real spaCy model."""

from __future__ import annotations

import pytest

from graphkit.extract.clauses import ClauseExtractor

EXTRACTOR = ClauseExtractor()


def _triples(nlp, sentence):
    doc = nlp(sentence)
    return [t for sent in doc.sents for t in EXTRACTOR.extract(sent, doc_id="t")]


def _flat(triples):
    return {(t.subject.text, t.relation, tuple(a.text for a in t.args)) for t in triples}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Putin had even honored Tillerson with a friendship award.",
         ("Putin", "had even honored", ("Tillerson", "with a friendship award"))),
        ("Russian Federation vetoed a United Nations resolution Wednesday.",
         ("Russian Federation", "vetoed", ("a United Nations resolution", "Wednesday"))),
        ("Tillerson was honored by Putin.", ("Tillerson", "was honored by", ("Putin",))),
        ("He pointed to Bashar al-Assad directly.", ("He", "pointed to", ("Bashar al-Assad",))),
        ("Trump, who spoke during his election campaign, questioned the value of NATO.",
         ("Trump", "spoke during", ("his election campaign",))),
        ("The envoy urged the United States to agree on a way forward.",
         ("the United States", "to agree on", ("a way forward",))),
    ],
)
def test_clause_shapes(nlp, sentence, expected):
    assert expected in _flat(_triples(nlp, sentence))


def test_coordinated_subjects_split(nlp):
    found = _flat(_triples(nlp, "The US and Russia agreed on a plan."))
    assert {("The US", "agreed on", ("a plan",)), ("Russia", "agreed on", ("a plan",))} <= found


def test_negation_is_flagged(nlp):
    (triple,) = [t for t in _triples(nlp, 'Trump said NATO "is no longer obsolete".') if t.subject.text == "NATO"]
    assert triple.negated
    assert triple.relation == "is no longer"


def test_reported_speech_is_attributed_to_the_speaker(nlp):
    sentence = ('"Russia is open to this, open to dialogue with the USA in all different areas", Lavrov said.')
    triples = _triples(nlp, sentence)
    said = [t for t in triples if t.relation == "said"]
    assert [(t.subject.text, t.attributed_to) for t in said] == [("Lavrov", None)]
    content = [t for t in triples if t.subject.text == "Russia"]
    assert content and all(t.attributed_to is not None and t.attributed_to.text == "Lavrov" for t in content)


def test_offsets_are_character_offsets_into_the_text(nlp):
    sentence = "Putin had even honored Tillerson with a friendship award."
    (triple,) = _triples(nlp, sentence)
    for arg in (triple.subject, *triple.args):
        assert sentence[arg.start : arg.end] == arg.text
    assert sentence[triple.subject.head_start : triple.subject.head_end] == "Putin"
    assert triple.relation_lemma == "honor"
    assert triple.provenance.extractor == "clauses.v1"


def test_confidence_ranks_explicit_subjects_above_pronouns(nlp):
    explicit = _triples(nlp, "Putin honored Tillerson.")[0]
    pronoun = _triples(nlp, "He honored Tillerson.")[0]
    assert 0 < pronoun.confidence < explicit.confidence <= 1
