"""Nominal relations (appositions, possessives, descriptions before a name) name their own extractor."""

from __future__ import annotations

import pytest

from graphkit.extract.clauses import ClauseExtractor


def _triples(nlp, sentence):
    doc = nlp(sentence)
    return [t for sent in doc.sents for t in ClauseExtractor().extract(sent, doc_id="t")]


@pytest.mark.parametrize(
    ("sentence", "expected", "extractor"),
    [
        ("Sergey Lavrov, Russia's foreign minister, said the talks went well.",
         ("Sergey Lavrov", "is foreign minister of", "Russia"), "role.v1"),
        ("German Chancellor Angela Merkel met Macron.", ("Angela Merkel", "is", "German Chancellor"), "nominal.v1"),
    ],
)
def test_nominal_relations_are_stamped_with_their_rules(nlp, sentence, expected, extractor):
    triples = _triples(nlp, sentence)
    by_extractor = {(t.subject.text, t.relation, t.args[0].text if t.args else ""): t.provenance.extractor
                    for t in triples}
    assert by_extractor[expected] == extractor
    assert "clauses.v1" in by_extractor.values()  # the verb's clause keeps its own name
    nominal = next(t for t in triples if t.provenance.extractor == extractor)
    clause = next(t for t in triples if t.provenance.extractor == "clauses.v1")
    assert (nominal.provenance.sentence_start, nominal.provenance.sentence_end) == (
        clause.provenance.sentence_start, clause.provenance.sentence_end)
