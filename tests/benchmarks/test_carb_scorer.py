"""Tests of the CaRB scorer reimplementation (benchmarks/carb_scorer.py)."""

import dataclasses

import pytest

from carb_scorer import Extraction, pair_score, parse_gold, parse_system, score

SENTENCE = "Barack Obama was born in Hawaii in 1961 ."


def test_empty_system_scores_zero(dev_gold):
    result = score(dev_gold, [])
    assert result == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "auc": 0.0, "threshold": None}


def test_gold_as_system_is_near_perfect(dev_gold):
    result = score(dev_gold, dev_gold)
    assert result["f1"] >= 0.98
    assert result["auc"] >= 0.98
    assert result["threshold"] == 1.0


def test_hand_made_case():
    gold = [Extraction(SENTENCE, "was born in", ("Obama", "Hawaii"))]
    good = Extraction(SENTENCE, "born in", ("Barack Obama", "Hawaii in 1961"), 0.9)
    weak = Extraction(SENTENCE, "died in", ("Obama", "Chicago"), 0.2)
    # good: relation {born, in} of gold {was, born, in} -> 2; arg1 {Obama} -> 1;
    #   arg2 {Hawaii} -> 1; 4 matched over 2+2+3 = 7 system and 3+1+1 = 5 gold words.
    assert pair_score(gold[0], good) == pytest.approx((4 / 7, 4 / 5))
    # weak: relation {in} -> 1; arg1 {Obama} -> 1; arg2 -> 0; 2 matched over
    #   2+1+1 = 4 system and 5 gold words.
    assert pair_score(gold[0], weak) == pytest.approx((1 / 2, 2 / 5))

    # Threshold 0.9 keeps `good`: P = 4/7, R = 4/5, F1 = 2PR/(P+R) = 2/3.
    # Threshold 0.2 keeps both: R = max(4/5, 2/5) = 4/5; the single gold tuple
    #   pairs with `good` (precision 4/7 > 1/2), `weak` stays unpaired and
    #   scores 0: P = (4/7) / 2 = 2/7, F1 = 8/19.
    # Best F1: 2/3 at 0.9.  AUC over (R, P) in threshold order plus (0, 1):
    #   (4/5, 2/7) -> (4/5, 4/7) has no width; (4/5, 4/7) -> (0, 1) gives
    #   4/5 * (4/7 + 1) / 2 = 22/35.
    result = score(gold, [weak, good])
    assert result["precision"] == pytest.approx(4 / 7)
    assert result["recall"] == pytest.approx(4 / 5)
    assert result["f1"] == pytest.approx(2 / 3)
    assert result["auc"] == pytest.approx(22 / 35)
    assert result["threshold"] == 0.9


def test_be_matches_any_form_of_be():
    gold = Extraction(SENTENCE, "was born in", ("Obama", "Hawaii"))
    assert pair_score(gold, Extraction(SENTENCE, "be born in", ("Obama", "Hawaii"))) == (1.0, 1.0)
    is_gold = Extraction(SENTENCE, "is", ("Obama", "a senator"))
    assert pair_score(is_gold, Extraction(SENTENCE, "be", ("Obama", "a senator"))) == (1.0, 1.0)
    has_gold = Extraction(SENTENCE, "has", ("Obama", "a dog"))
    assert pair_score(has_gold, Extraction(SENTENCE, "be", ("Obama", "a dog"))) == (0.0, 0.0)


def test_pair_scores_zero_without_shared_relation_word_or_gold_argument():
    gold = Extraction(SENTENCE, "was born in", ("Obama", "Hawaii"))
    assert pair_score(gold, Extraction(SENTENCE, "lives", ("Obama", "Hawaii"))) == (0.0, 0.0)
    assert pair_score(gold, Extraction(SENTENCE, "was born in", ("Obama",))) == (0.0, 0.0)


def test_later_arguments_are_joined_into_arg2():
    gold = Extraction(SENTENCE, "was born", ("Obama", "in Hawaii", "in 1961"))
    system = Extraction(SENTENCE, "was born", ("Obama", "in Hawaii in 1961"))
    assert pair_score(gold, system) == (1.0, 1.0)


def test_swapped_arguments_allowed_for_said_relations():
    sentence = "Profits rose , the spokesman said ."
    swapped = ("profits rose", "the spokesman")
    said_gold = Extraction(sentence, "said", ("the spokesman", "profits rose"))
    assert pair_score(said_gold, Extraction(sentence, "said", swapped)) == (1.0, 1.0)
    # Without a said-type gold relation only the relation matches: 1 of 5 words.
    other_gold = dataclasses.replace(said_gold, relation="reported")
    assert pair_score(other_gold, Extraction(sentence, "reported", swapped)) == pytest.approx((0.2, 0.2))


def test_sentences_match_ignoring_spaces_and_punctuation():
    gold = [Extraction(SENTENCE, "was born in", ("Obama", "Hawaii"))]
    system = [
        Extraction("Barack Obama was born in Hawaii in 1961", "was born in", ("Obama", "Hawaii")),
        Extraction("An unrelated sentence .", "is", ("it", "unrelated")),
    ]
    assert score(gold, system)["f1"] == 1.0


def test_duplicate_extractions_cost_precision(dev_gold):
    doubled = score(dev_gold, list(dev_gold) * 2)
    single = score(dev_gold, dev_gold)
    assert doubled["precision"] < single["precision"]
    assert doubled["precision"] == pytest.approx(single["precision"] / 2, abs=0.02)
    assert doubled["recall"] == single["recall"]


def test_confidence_ranking_affects_auc(dev_gold):
    def system(good_confidence, bad_confidence):
        good = [dataclasses.replace(g, confidence=good_confidence) for g in dev_gold]
        bad = [Extraction(g.sentence, "zzz", ("qqq", "xxx"), bad_confidence) for g in dev_gold]
        return good + bad

    good_first = score(dev_gold, system(0.9, 0.1))
    bad_first = score(dev_gold, system(0.1, 0.9))
    assert good_first["auc"] > bad_first["auc"]
    # Good first: (R 1, P 1/2) at 0.1, (1, 1) at 0.9, then (0, 1): area 1.
    # Bad first: (1, 1/2) at 0.1, (0, 0) at 0.9, then (0, 1): area 1/4.
    assert good_first["auc"] == pytest.approx(1.0, abs=0.02)
    assert bad_first["auc"] == pytest.approx(0.25, abs=0.01)


def test_parsers():
    gold = parse_gold(["S .\trel\ta1\t\n", "\n", "S .\trel\ta1\ta2\ta3\n"])
    assert [g.args for g in gold] == [("a1",), ("a1", "a2", "a3")]
    system = parse_system(["S .\t0.5\trel\ta1\ta2\n"])
    assert system == [Extraction("S .", "rel", ("a1", "a2"), 0.5)]
    with pytest.raises(ValueError, match="line 1"):
        parse_system(["S .\thigh\trel\ta1\n"])
