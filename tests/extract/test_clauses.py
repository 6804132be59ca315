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


SEED_VETO = ("Russian Federation vetoed a United Nations resolution Wednesday that would have condemned the reported "
             "use of chemical weapons in a town in northern Syria and demanded a speedy investigation.")
SEED_LAVROV = ('"We have seen very alarming actions recently with an unlawful attack against Syria", Lavrov said, '
               "referring to the 59 Tomahawk missiles Trump launched at a Syrian air base to punish Assad for using "
               "chemical weapons.")
SEED_TRUMP_QUOTE = ('Trump said during an interview on Fox Business Network this week that "Putin is backing a person '
                    "that's truly an evil person\" in his relationship with Assad.")
SEED_ALLIES = ("Some of Washington's allies had been wary of Trump, who spoke during his election campaign of seeking "
               "closer ties with Moscow and questioned the value of US support for its traditional friends.")

# (shape, sentence, one expected extraction as (subject, relation, args))
SHAPES = [
    ("active, n-ary", "Putin had even honored Tillerson with a friendship award.",
     ("Putin", "had even honored", ("Tillerson", "with a friendship award"))),
    ("active, temporal argument", SEED_VETO,
     ("Russian Federation", "vetoed", ("a United Nations resolution", "Wednesday"))),
    ("passive with agent", "Tillerson was honored by Putin.", ("Tillerson", "was honored by", ("Putin",))),
    ("passive without agent, negated", "The meeting wasn't formally confirmed until the last minute.",
     ("The meeting", "wasn't formally confirmed until", ("the last minute",))),
    ("copular", 'Trump told a joint news conference that North Atlantic Treaty Organisation "is no longer obsolete".',
     ("North Atlantic Treaty Organisation", "is no longer", ("obsolete",))),
    ("intransitive with adverbial", "More than 320,000 people have died in six years of brutal war.",
     ("More than 320,000 people", "have died in", ("six years of brutal war",))),
    ("ditransitive", "The Russian would refuse to grant the former oil executive an audience.",
     ("The Russian", "would refuse to grant", ("an audience", "the former oil executive"))),
    ("verb particle", "Putin gave up the plan.", ("Putin", "gave up", ("the plan",))),
    ("verb particle, no object", "He pointed to Bashar al-Assad directly.", ("He", "pointed to", ("Bashar al-Assad",))),
    ("modal in a relative clause", SEED_VETO,
     ("a United Nations resolution", "would have condemned",
      ("the reported use of chemical weapons", "in a town in northern Syria"))),
    ("coordinated verbs", SEED_VETO, ("a United Nations resolution", "demanded", ("a speedy investigation",))),
    ("light verb", "The pictures compelled him to take action against the Syrian president.",
     ("him", "to take action against", ("the Syrian president",))),
    ("controlled complement", "The envoy urged the United States to agree on a way forward.",
     ("the United States", "to agree on", ("a way forward",))),
    ("open complement", "Russia wanted to improve ties with the United States.",
     ("Russia", "wanted to improve", ("ties with the United States",))),
    ("relative clause", SEED_ALLIES, ("Trump", "spoke during", ("his election campaign of seeking closer ties with Moscow",))),
    ("coordinated relative clause", SEED_ALLIES,
     ("Trump", "questioned", ("the value of US support for its traditional friends",))),
    ("reduced relative clause", SEED_LAVROV, ("Trump", "launched", ("the 59 Tomahawk missiles", "at a Syrian air base"))),
    ("adverbial clause", SEED_LAVROV, ("Trump", "to punish", ("Assad", "for using chemical weapons"))),
    ("participle clause", "Moscow maintains the Syrian army hit a rebel depot containing chemical weapons.",
     ("a rebel depot", "containing", ("chemical weapons",))),
    ("apposition", "Lavrov, Russia's foreign minister, met Tillerson in Moscow.",
     ("Lavrov", "is", ("Russia's foreign minister",))),
    ("apposition with owner", "Lavrov, Russia's foreign minister, met Tillerson in Moscow.",
     ("Lavrov", "is foreign minister of", ("Russia",))),
    ("possessive with apposition", "The US struck the forces of the Kremlin's ally Bashar Assad.",
     ("Bashar Assad", "is ally of", ("the Kremlin",))),
    ("possessive event noun", "Tillerson's trip to Moscow represented the highest-level contact.",
     ("Tillerson", "visit", ("Moscow",))),
    ("title", "President Trump met Putin in Hamburg.", ("Trump", "is", ("President",))),
    ("description before a name", "German Chancellor Angela Merkel met Putin.",
     ("Angela Merkel", "is", ("German Chancellor",))),
]


@pytest.mark.parametrize(("shape", "sentence", "expected"), SHAPES, ids=[s[0] for s in SHAPES])
def test_clause_shapes(nlp, shape, sentence, expected):
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
    assert said[0].args[0].text.startswith("Russia is open to this")
    content = [t for t in triples if t.subject.text == "Russia"]
    assert content and all(t.attributed_to is not None and t.attributed_to.text == "Lavrov" for t in content)


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        (SEED_LAVROV, "Lavrov", ("We", "have seen", ("very alarming actions recently with an unlawful attack against Syria",))),
        (SEED_TRUMP_QUOTE, "Trump", ("Putin", "is backing", ("a person",))),
        ("Instead, Moscow maintains the Syrian army hit a rebel depot containing chemical weapons.", "Moscow",
         ("the Syrian army", "hit", ("a rebel depot",))),
        ('He pointed to Bashar al-Assad directly: "We\'ve met over the horror, hoping Assad has reached his depths".',
         "He", ("Assad", "has reached", ("his depths",))),
    ],
)
def test_seed_quotations_are_attributed(nlp, sentence, speaker, content):
    triples = {(t.subject.text, t.relation, tuple(a.text for a in t.args)): t for t in _triples(nlp, sentence)}
    assert triples[content].attributed_to.text == speaker
    unattributed = [k for k, t in triples.items() if k[0] == speaker and t.attributed_to is None]
    assert unattributed, "the speaker's own statement is asserted, not attributed"


def test_what_is_rejected_is_flagged_negated(nlp):
    triples = _triples(nlp, "He also rejected American claims of incontrovertible evidence that Assad ordered the chemical attack.")
    flags = {(t.subject.text, t.relation): t.negated for t in triples}
    assert flags == {("He", "also rejected"): False, ("Assad", "ordered"): True}


def test_modal_is_kept_and_reported(nlp):
    (triple,) = [t for t in _triples(nlp, SEED_VETO) if t.relation == "would have condemned"]
    assert triple.modal == "would"
    assert not triple.negated


def test_offsets_are_character_offsets_into_the_text(nlp):
    sentence = "Putin had even honored Tillerson with a friendship award."
    (triple,) = _triples(nlp, sentence)
    for arg in (triple.subject, *triple.args):
        assert sentence[arg.start : arg.end] == arg.text
    assert sentence[triple.subject.head_start : triple.subject.head_end] == "Putin"
    assert triple.relation_lemma == "honor"
    assert triple.provenance.extractor == "clauses.v1"


def test_confidence_ranks_complete_extractions_above_doubtful_ones(nlp):
    full = _triples(nlp, "Putin honored Tillerson.")[0]
    bare = _triples(nlp, "Putin smiled.")[0]
    reported = [t for t in _triples(nlp, 'Lavrov said "Putin honored Tillerson".') if t.subject.text == "Putin"][0]
    assert 0 < bare.confidence < reported.confidence < full.confidence <= 1
