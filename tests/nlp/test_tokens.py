"""The Words view of a parsed Doc answers every attribute graphkit reads with spaCy's own values."""

from __future__ import annotations

import pytest

from graphkit.nlp import parse_documents
from graphkit.nlp.tokens import Words, phrase_of, reading, words_of
from graphkit.types import Document
from tests.conftest import SEED_FILE

WORD_ATTRIBUTES = ("i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "ent_iob_", "idx",
                   "whitespace_", "is_punct", "is_title", "is_space", "is_quote")
ODD_TEXT = (
    "Prime Minister Theresa May's spokesman said:  \"We won't comment.\" 🇫🇷 Emmanuel Macron, who met\tMerkel "
    "and Trump in Paris last week, and the Tillerson-Lavrov talks -- ended.\n\nThe U.S. Army's 3rd Division, "
    "which Russia's foreign minister Sergei Lavrov called \"a threat\", left Syria; it said so on Monday."
)


@pytest.fixture(scope="module")
def docs(nlp):
    documents = [Document("seed", SEED_FILE.read_text(encoding="utf-8")), Document("odd", ODD_TEXT)]
    return [paragraph.doc for paragraph in parse_documents(nlp, documents)]


def _indices(tokens) -> list[int]:
    return [t.i for t in tokens]


def test_every_word_has_its_tokens_attributes_and_tree(docs):
    for doc in docs:
        words = Words(doc)
        assert words.text == doc.text and len(words) == len(doc)
        for token in doc:
            word = words[token.i]
            assert [getattr(word, name) for name in WORD_ATTRIBUTES] == [getattr(token, name) for name in WORD_ATTRIBUTES]
            assert len(word) == len(token)
            assert word.head.i == token.head.i
            assert _indices(word.children) == _indices(token.children)
            assert _indices(word.subtree) == _indices(token.subtree)
            assert _indices(word.conjuncts) == _indices(token.conjuncts)
            assert word.left_edge.i == token.left_edge.i
            assert (word.sent.start, word.sent.end) == (token.sent.start, token.sent.end)
            assert [word.is_ancestor(w) for w in words] == [token.is_ancestor(t) for t in doc]


def test_sentences_entities_and_slices_are_spacys(docs):
    for doc in docs:
        words = Words(doc)

        def described(spans):
            return [(s.start, s.end, s.text, s.start_char, s.end_char, s.root.i if len(s) else None, s.label_)
                    for s in spans]

        assert described(words.sents) == described(doc.sents)
        assert described(words.ents) == described(doc.ents)
        assert [described(s.ents) for s in words.sents] == [described(s.ents) for s in doc.sents]
        bounds = range(-2, len(doc) + 3, 3)
        assert [described([words[a:b]]) for a in bounds for b in bounds] == \
               [described([doc[a:b]]) for a in bounds for b in bounds]
        for ent, span in zip(words.ents, doc.ents):
            assert [(ent[:k].start, ent[:k].end) for k in range(-2, 4)] == [(span[:k].start, span[:k].end) for k in range(-2, 4)]
            assert [ent[k].i for k in range(-len(ent), len(ent))] == [span[k].i for k in range(-len(span), len(span))]


def test_a_doc_is_read_once_and_a_block_drops_its_reading(docs):
    doc = docs[1]
    sentence = next(doc.sents)
    assert words_of(doc) is words_of(doc) is phrase_of(sentence).doc
    with reading(doc) as words:
        assert words_of(doc) is words
    assert words.tokens == [] and words_of(doc) is not words
    assert words_of(doc)[0].text == doc[0].text
