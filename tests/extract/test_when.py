"""The time expression that dates a triple's event, found in the parse (real model)."""

from __future__ import annotations

import pytest

from graphkit.extract.clauses import ClauseExtractor
from graphkit.extract.when import with_time


@pytest.mark.parametrize(("sentence", "relation", "when"), [
    ("Israel attacked Gaza last week.", "attacked", "last week"),
    ("Blair met Bush on Wednesday in Washington.", "met", "Wednesday"),
    ("Britain has supported Israel since 2013.", "has supported", "2013"),
    ("Last week, Israel decided to bomb Gaza.", "decided to bomb", "Last week"),
    ("Putin praised Trump, the Wednesday talks aside.", "praised", None),
    ("Putin praised Trump.", "praised", None),
])
def test_a_triple_carries_the_date_its_sentence_gives(nlp, sentence, relation, when):
    sent = next(nlp(sentence).sents)
    triples = with_time(list(ClauseExtractor().extract(sent, "d")), sent)
    found = next(t for t in triples if t.relation == relation)
    assert (found.when.text if found.when else None) == when
    if found.when:
        assert sentence[found.when.start:found.when.end] == when and found.when.kind == "date"


def test_a_date_under_no_verb_has_no_governing_verb(nlp):
    from graphkit.extract.when import _governing_verb

    doc = nlp("The summit on Monday.")
    monday = next(t for t in doc if t.text == "Monday")
    assert _governing_verb(monday) is None  # the climb stops at the root
