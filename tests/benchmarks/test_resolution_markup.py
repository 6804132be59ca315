"""Tests of the entity-resolution benchmark's markup parser, alignment and scorer (benchmarks/coref_eval.py)."""

from pathlib import Path

import coref_eval
import pytest
from coref_eval import (
    GoldMention,
    MarkupError,
    SystemSpan,
    align,
    baseline_key,
    head_span,
    pairwise,
    parse_markup,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "coref"


def test_parse_strips_markup_and_records_offsets():
    text, mentions = parse_markup(
        "# Title\n\n[Bashar al-Assad]{assad} met [the Russian president]{putin} in [Moscow]{moscow-city}."
    )
    assert text == "# Title\n\nBashar al-Assad met the Russian president in Moscow."
    assert [(text[m.start : m.end], m.cluster) for m in mentions] == [
        ("Bashar al-Assad", "assad"),
        ("the Russian president", "putin"),
        ("Moscow", "moscow-city"),
    ]
    assert all(m.text == text[m.start : m.end] for m in mentions)


def test_parse_nested_marks():
    text, mentions = parse_markup(
        "[[Russia]{russia}'s foreign minister]{lavrov} spoke.", doc="x.md"
    )
    assert text == "Russia's foreign minister spoke."
    assert [(m.start, m.end, m.cluster, m.doc) for m in mentions] == [
        (0, 25, "lavrov", "x.md"),
        (0, 6, "russia", "x.md"),
    ]


@pytest.mark.parametrize(
    "bad, message",
    [
        ("[Assad met", "unclosed"),
        ("Assad] met", "without an opening"),
        ("[Assad] met", "must be followed"),
        ("[Assad]{Assad} met", "must be followed"),
        ("line one\n[ ]{x}", ":2: empty mention"),
    ],
)
def test_parse_rejects_bad_markup(bad, message):
    with pytest.raises(MarkupError, match=message):
        parse_markup(bad, doc="bad.md")


def test_head_span():
    text = "the US ambassador to the UN met Russia's foreign minister and the President of Syria and Donald J. Trump"

    def head(phrase):
        start = text.index(phrase)
        h_start, h_end = head_span(text, start, start + len(phrase))
        return text[h_start:h_end]

    assert head("the US ambassador to the UN") == "ambassador"
    assert head("Russia's foreign minister") == "minister"
    assert head("Russia's") == "Russia"
    assert head("the President of Syria") == "President"
    assert head("Donald J. Trump") == "Trump"


def test_align_prefers_largest_overlap_then_shortest_span():
    text, gold = parse_markup(
        "[[Russia]{russia}'s foreign minister]{lavrov} met [the Syrian president]{assad}.",
        doc="d.md",
    )
    system = [
        SystemSpan("d.md", 0, 25, "person/lavrov"),  # the whole phrase
        SystemSpan("d.md", 0, 6, "gpe/russia"),  # "Russia"
        SystemSpan(
            "d.md", 34, 41, "gpe/syria"
        ),  # "Syrian": misses the head "president"
        SystemSpan("other.md", 0, 25, "person/other"),
    ]
    assert [m.text for m in gold] == [
        "Russia's foreign minister",
        "Russia",
        "the Syrian president",
    ]
    assert align(gold, {"d.md": text}, system) == ["person/lavrov", "gpe/russia", None]


def test_baseline_key():
    assert baseline_key("The Kremlin") == baseline_key("the  Kremlin's") == "kremlin"
    assert baseline_key("the U.S.") == "u.s."
    assert baseline_key("Putin") != baseline_key("Vladimir Putin")


def test_pairwise_hand_made_case():
    # Mentions: a1 a2 a3 (gold A, doc 1), b1 b2 (gold B, doc 2).
    gold = ["A", "A", "A", "B", "B"]
    docs = [1, 1, 1, 2, 2]
    # System: {a1, a2}, {a3, b1}, b2 a singleton (None).
    system = ["x", "x", "y", "y", None]
    # Predicted pairs: (a1,a2) true, (a3,b1) false -> P = 1/2.
    # Gold pairs: 3 in A + 1 in B = 4, one found -> R = 1/4, F1 = 2*(1/2)(1/4)/(3/4) = 1/3.
    result = pairwise(gold, system)
    assert (result.true_pairs, result.predicted_pairs, result.gold_pairs) == (1, 2, 4)
    assert (result.precision, result.recall, result.f1) == pytest.approx(
        (1 / 2, 1 / 4, 1 / 3)
    )
    # Within documents the cross-document pair (a3, b1) is not counted: P = 1, R = 1/4.
    within = pairwise(gold, system, docs)
    assert (within.true_pairs, within.predicted_pairs, within.gold_pairs) == (1, 1, 4)
    assert (within.precision, within.recall) == pytest.approx((1.0, 1 / 4))


def test_pairwise_extremes():
    gold = ["A", "A", "B"]
    assert pairwise(gold, gold).f1 == 1.0
    assert pairwise(gold, [None, None, None]) == coref_eval.PRF(0.0, 0.0, 0.0, 0, 0, 1)
    merged = pairwise(gold, ["z", "z", "z"])
    assert (merged.precision, merged.recall) == pytest.approx((1 / 3, 1.0))
    with pytest.raises(ValueError):
        pairwise(gold, ["z"])


def test_error_groups():
    mentions = [
        GoldMention("d", i, i + 1, c, t)
        for i, (c, t) in enumerate(
            [("kim", "Kim"), ("kim", "he"), ("yo", "Kim"), ("kim", "Kim Jong-un")]
        )
    ]
    system = ["k", "k", "k", None]
    merges = coref_eval.false_merges(mentions, system)
    assert [(g.pairs, g.gold, g.system) for g in merges] == [(2, ("kim", "yo"), ("k",))]
    split = coref_eval.splits(mentions, system)
    assert [(g.pairs, g.gold, g.system) for g in split] == [(2, ("kim",), ("k", "-"))]


def test_checked_in_annotations_parse():
    docs = coref_eval.load_gold(DATA_DIR)
    assert len(docs) >= 12
    for doc in docs:
        assert doc.text.startswith("# ")
        assert "[" not in doc.text and "]{" not in doc.text
        assert doc.mentions
        for mention in doc.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
            assert mention.text == mention.text.strip()
