"""Reimplementation of CaRB's default Open IE scorer (pure Python, stdlib only).

CaRB (Bhardwaj, Aggarwal and Mausam, EMNLP 2019) scores Open IE extractions
against crowd-sourced gold tuples.  This module follows the description in
``benchmarks/data/carb-dev/README.md`` and the reference implementation's
default matcher (``binary_linient_tuple_match``) and PR-curve computation:

* Sentences are matched after removing whitespace, PTB bracket escapes and
  ASCII punctuation.  System tuples of sentences without gold tuples are
  ignored, as in CaRB.
* Each (gold, system) pair gets a precision and a recall from word overlap of
  the binarised tuples (see :func:`pair_score`); words are whitespace-split
  and compared case-sensitively, as in CaRB's default matcher.
* For every distinct system confidence ``t`` the system tuples with
  confidence ``>= t`` are kept.  Recall: each gold tuple takes its best recall
  over the kept tuples of its sentence.  Precision: kept and gold tuples are
  paired one-to-one, greedily by highest pair precision; unpaired system
  tuples score 0.  Both are micro-averaged over the data set.
* The best F1 over those thresholds is reported, together with the area under
  the precision-recall curve (trapezoids, point recall 0 / precision 1 added).

Deliberate, documented departures from the reference code (none of them
changes a score on the dev gold scored against itself):

* precision divides by *all* words of the binarised system tuple, also when
  the gold tuple has no arg2 (CaRB then ignores the system's arg2 words);
* the ``be`` rule only matches a gold form of "be" not already matched by an
  identical word (CaRB could count one gold word twice, recall > 1);
* the said/told/... check looks for whole words of the gold relation (CaRB
  tests substrings, so e.g. "essays" would trigger it);
* gold or system lines whose sentences normalise to the same key are merged
  (CaRB keeps only the last system sentence).
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

#: Forms of "be" that a system relation word ``be`` may match in the gold
#: relation: CaRB's list.  Contractions ('s, 're) are left out as in CaRB; in
#: the PTB-tokenised gold relations 's only occurs as a possessive.
BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")

#: Gold relation words that allow the system's two arguments to be swapped.
SAID_VERBS = frozenset({"said", "told", "added", "says", "adds"})

_PTB_ESCAPES = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_PUNCT_RE = re.compile("[%s]" % re.escape(string.punctuation))
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Extraction:
    """One Open IE tuple: sentence, relation, arguments and a confidence."""

    sentence: str
    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


def normalize_sentence(sentence: str) -> str:
    """Return the key used to match gold and system sentences.

    Whitespace is removed, PTB bracket escapes (``-LRB-`` ...) are undone and
    ASCII punctuation is removed, as in CaRB.
    """
    key = _SPACE_RE.sub("", sentence)
    for escape, bracket in _PTB_ESCAPES.items():
        key = key.replace(escape, bracket)
    return _PUNCT_RE.sub("", key)


def parse_gold(lines: Iterable[str]) -> list[Extraction]:
    """Parse gold lines ``sentence \\t relation \\t arg1 [\\t arg2 ...]``.

    Trailing empty fields are dropped (a gold tuple may lack arg2); blank
    lines are skipped.  All gold tuples get confidence 1.0.
    """
    tuples = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.strip().split("\t")]
        if len(fields) < 2:
            raise ValueError(f"gold line {number}: expected sentence and relation, got {line!r}")
        tuples.append(Extraction(fields[0], fields[1], tuple(fields[2:])))
    return tuples


def parse_system(lines: Iterable[str]) -> list[Extraction]:
    """Parse system lines ``sentence \\t confidence \\t relation \\t arg1 [\\t arg2 ...]``.

    Trailing empty fields are dropped; blank lines are skipped.  A line with
    fewer than three fields or a non-numeric confidence raises ``ValueError``.
    """
    tuples = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.strip().split("\t")]
        if len(fields) < 3:
            raise ValueError(
                f"system line {number}: expected sentence, confidence and relation, got {line!r}"
            )
        try:
            confidence = float(fields[1])
        except ValueError:
            raise ValueError(f"system line {number}: confidence {fields[1]!r} is not a number") from None
        tuples.append(Extraction(fields[0], fields[2], tuple(fields[3:]), confidence))
    return tuples


def load_gold(path: str | Path) -> list[Extraction]:
    """Read a gold TSV file (see :func:`parse_gold`)."""
    with open(path, encoding="utf-8") as handle:
        return parse_gold(handle)


def load_system(path: str | Path) -> list[Extraction]:
    """Read a system TSV file (see :func:`parse_system`)."""
    with open(path, encoding="utf-8") as handle:
        return parse_system(handle)


_Words = tuple[list[str], list[list[str]]]


def _tuple_words(extraction: Extraction) -> _Words:
    """Return the relation words and the words of the binarised arguments.

    Binarised arguments are arg1 and all later arguments joined as arg2.
    """
    args = extraction.args
    if len(args) > 2:
        args = (args[0], " ".join(args[1:]))
    return extraction.relation.split(), [arg.split() for arg in args]


def _count_matches(gold_words: list[str], system_words: list[str]) -> tuple[int, list[str], list[str]]:
    """Count gold words found in the system words, each system word used once.

    Returns the count and the gold and system words left unmatched.
    """
    system_left = list(system_words)
    gold_left = []
    for word in gold_words:
        if word in system_left:
            system_left.remove(word)
        else:
            gold_left.append(word)
    return len(gold_words) - len(gold_left), gold_left, system_left


def _match_parts(gold_rel: list[str], gold_args: list[list[str]],
                 sys_rel: list[str], sys_args: list[list[str]]) -> tuple[float, float]:
    """Score binarised word lists of one gold and one system tuple as (precision, recall)."""
    matched, gold_left, system_left = _count_matches(gold_rel, sys_rel)
    if "be" in system_left and any(form in gold_left for form in BE_FORMS):
        matched += 1
    if matched == 0 or len(sys_args) < len(gold_args):
        return 0.0, 0.0
    system_total = len(sys_rel) + sum(len(arg) for arg in sys_args)
    gold_total = len(gold_rel) + sum(len(arg) for arg in gold_args)
    for gold_arg, sys_arg in zip(gold_args, sys_args):
        matched += _count_matches(gold_arg, sys_arg)[0]
    return matched / system_total, matched / gold_total


def _pair_score_words(gold: _Words, system: _Words) -> tuple[float, float]:
    """:func:`pair_score` on the output of :func:`_tuple_words`."""
    gold_rel, gold_args = gold
    sys_rel, sys_args = system
    best = _match_parts(gold_rel, gold_args, sys_rel, sys_args)
    if len(sys_args) == 2 and SAID_VERBS.intersection(gold_rel):
        best = max(best, _match_parts(gold_rel, gold_args, sys_rel, sys_args[::-1]))
    return best


def pair_score(gold: Extraction, system: Extraction) -> tuple[float, float]:
    """Return CaRB's (precision, recall) of one system tuple against one gold tuple.

    Both tuples are binarised.  The pair scores (0, 0) unless the relations
    share a word (a system ``be`` also matches a gold form of "be") and the
    system tuple has every argument slot the gold tuple has.  Otherwise the
    matched words of relation, arg1 and arg2 are summed and divided by all
    system words (precision) and all gold words (recall).  When the gold
    relation contains one of :data:`SAID_VERBS`, the system arguments may also
    be swapped; the better result by (precision, recall) is kept.
    """
    return _pair_score_words(_tuple_words(gold), _tuple_words(system))


def _greedy_precision(scores: list[list[tuple[float, float]]], kept: list[int]) -> float:
    """Sum pair precisions of a one-to-one greedy pairing of gold rows and kept columns.

    Pairs are taken by decreasing precision (ties: lowest gold index, then
    lowest system index, as CaRB's repeated global arg-max), until the smaller
    side is used up.
    """
    candidates = sorted(
        (-scores[i][j][0], i, j) for i in range(len(scores)) for j in kept
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    total = 0.0
    for negative_precision, i, j in candidates:
        if i in used_gold or j in used_system:
            continue
        used_gold.add(i)
        used_system.add(j)
        total -= negative_precision
    return total


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: Sequence[Extraction], system: Sequence[Extraction]) -> dict:
    """Score system extractions against gold ones with CaRB's default metric.

    Returns a dict with ``precision``, ``recall`` and ``f1`` at the best-F1
    point of the precision-recall curve, the ``threshold`` (confidence) of that
    point, and ``auc``, the area under the curve.  An empty system (or one
    whose sentences match no gold sentence) scores 0 everywhere with
    threshold ``None``.
    """
    gold_by_sentence: dict[str, list[Extraction]] = defaultdict(list)
    for extraction in gold:
        gold_by_sentence[normalize_sentence(extraction.sentence)].append(extraction)
    system_by_sentence: dict[str, list[Extraction]] = defaultdict(list)
    for extraction in system:
        key = normalize_sentence(extraction.sentence)
        if key in gold_by_sentence:
            system_by_sentence[key].append(extraction)

    thresholds = sorted({e.confidence for tuples in system_by_sentence.values() for e in tuples})
    if not thresholds:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "auc": 0.0, "threshold": None}
    position = {confidence: index for index, confidence in enumerate(thresholds)}

    # Per threshold index: precision numerator, kept system tuples, recall numerator.
    # Within a sentence the kept set only changes at the sentence's own
    # confidences, so each sentence adds its contribution to a range of
    # threshold indices (difference arrays, applied by a running sum below).
    size = len(thresholds) + 1
    delta_precision = [0.0] * size
    delta_kept = [0] * size
    delta_recall = [0.0] * size
    for key, system_tuples in system_by_sentence.items():
        system_words = [_tuple_words(s) for s in system_tuples]
        scores = [
            [_pair_score_words(_tuple_words(g), words) for words in system_words]
            for g in gold_by_sentence[key]
        ]
        start = 0
        for confidence in sorted({s.confidence for s in system_tuples}):
            end = position[confidence] + 1
            kept = [j for j, s in enumerate(system_tuples) if s.confidence >= confidence]
            recall_sum = sum(max(row[j][1] for j in kept) for row in scores)
            precision_sum = _greedy_precision(scores, kept)
            for delta, value in ((delta_precision, precision_sum), (delta_kept, len(kept)),
                                 (delta_recall, recall_sum)):
                delta[start] += value
                delta[end] -= value
            start = end

    total_gold = sum(len(tuples) for tuples in gold_by_sentence.values())
    # Every threshold is the confidence of some tuple of a gold sentence, so
    # at least one tuple is kept at each of them.
    curve = []  # (precision, recall, threshold), thresholds ascending
    precision_sum = recall_sum = 0.0
    kept_count = 0
    for index, threshold in enumerate(thresholds):
        precision_sum += delta_precision[index]
        kept_count += delta_kept[index]
        recall_sum += delta_recall[index]
        curve.append((precision_sum / kept_count, recall_sum / total_gold, threshold))

    best_precision, best_recall, best_threshold = max(curve, key=lambda point: _f1(*point[:2]))
    # Raising the threshold only removes system tuples, so recall never
    # increases along ``curve``: it is already sorted by recall (descending),
    # ties in threshold order, as CaRB's sklearn.metrics.auc call sees it.
    points = [(recall, precision) for precision, recall, _ in curve] + [(0.0, 1.0)]
    auc = sum((r0 - r1) * (p0 + p1) / 2 for (r0, p0), (r1, p1) in zip(points, points[1:]))
    return {
        "precision": best_precision,
        "recall": best_recall,
        "f1": _f1(best_precision, best_recall),
        "auc": auc,
        "threshold": best_threshold,
    }
