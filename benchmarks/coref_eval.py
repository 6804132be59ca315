"""Gold markup, alignment and pairwise scoring for the entity-resolution benchmark.

Pure Python (no spaCy, no graphkit), so it is unit-tested quickly in
``tests/benchmarks/test_resolution_markup.py``.  ``resolution.py`` runs the
benchmark with it; the markup is described in ``data/coref/README.md``.

Markup: ``[surface text]{cluster-id}`` marks one mention; marks may nest
(``[[Russia]{russia}'s foreign minister]{lavrov}``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

CLUSTER_ID = re.compile(r"\{([a-z0-9][a-z0-9._-]*)\}")
_WORD = re.compile(r"[\w][\w.'’-]*", re.UNICODE)


class MarkupError(ValueError):
    """An annotated file that cannot be parsed (unbalanced brackets, bad cluster id)."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated mention: character offsets into the stripped text of ``doc``."""

    doc: str
    start: int
    end: int
    cluster: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """An annotated document: its name (``NN-slug.md``), stripped text and gold mentions."""

    name: str
    text: str
    mentions: tuple[GoldMention, ...]


def parse_markup(marked: str, doc: str = "") -> tuple[str, list[GoldMention]]:
    """Strip ``[text]{id}`` marks from ``marked``; return the plain text and the mentions.

    Offsets are character offsets into the returned plain text. Marks may nest.
    Mentions are returned sorted by (start, -end). Raises :class:`MarkupError`
    on an unclosed ``[``, a ``]`` without an opening ``[``, or a ``]`` that is
    not followed by a valid ``{cluster-id}`` (lower-case letters, digits, ``.``,
    ``_`` and ``-``); the message gives the line number.

    >>> parse_markup("[Assad]{assad} met [the [Russian]{russia} envoy]{x}.")[0]
    'Assad met the Russian envoy.'
    """
    out: list[str] = []
    length = 0
    stack: list[tuple[int, int]] = []  # (plain offset, marked offset) of open "["
    mentions: list[GoldMention] = []
    i = 0
    while i < len(marked):
        char = marked[i]
        if char == "[":
            stack.append((length, i))
            i += 1
        elif char == "]":
            if not stack:
                raise MarkupError(
                    f"{doc or '<text>'}:{_line(marked, i)}: ']' without an opening '['"
                )
            match = CLUSTER_ID.match(marked, i + 1)
            if not match:
                raise MarkupError(
                    f"{doc or '<text>'}:{_line(marked, i)}: ']' must be followed by '{{cluster-id}}'"
                )
            start, _ = stack.pop()
            plain = "".join(out)
            if start == length or not plain[start:length].strip():
                raise MarkupError(
                    f"{doc or '<text>'}:{_line(marked, i)}: empty mention"
                )
            mentions.append(
                GoldMention(doc, start, length, match.group(1), plain[start:length])
            )
            i = match.end()
        else:
            out.append(char)
            length += 1
            i += 1
    if stack:
        raise MarkupError(
            f"{doc or '<text>'}:{_line(marked, stack[-1][1])}: unclosed '['"
        )
    mentions.sort(key=lambda m: (m.start, -m.end))
    return "".join(out), mentions


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def load_gold(folder: str | Path) -> list[GoldDocument]:
    """Parse every ``NN-*.md`` annotated file of ``folder`` (README.md is skipped), sorted by name."""
    docs = []
    for path in sorted(Path(folder).glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        text, mentions = parse_markup(path.read_text(encoding="utf-8"), doc=path.name)
        docs.append(GoldDocument(path.name, text, tuple(mentions)))
    return docs


def head_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the head word of the mention ``text[start:end]``.

    The head is the last word, or, when the phrase has a postmodifier
    introduced by `` of `` or `` to `` ("the President of Syria", "the US
    ambassador to the UN"), the last word before it. A trailing possessive
    ``'s`` is not part of the head.
    """
    span = text[start:end]
    cut = len(span)
    for marker in (" of ", " to "):
        index = span.find(marker)
        if index > 0:
            cut = min(cut, index)
    words = list(_WORD.finditer(span, 0, cut))
    if not words:
        return start, end
    word = words[-1]
    w_start, w_end = word.start(), word.end()
    for suffix in ("'s", "’s"):
        if span[w_start:w_end].endswith(suffix) and w_end - w_start > 2:
            w_end -= 2
    return start + w_start, start + w_end


@dataclass(frozen=True, slots=True)
class SystemSpan:
    """A system mention reduced to what alignment needs: where it is and its entity."""

    doc: str
    start: int
    end: int
    entity: str


def align(
    gold: Sequence[GoldMention], texts: dict[str, str], system: Iterable[SystemSpan]
) -> list[str | None]:
    """For each gold mention, the entity of the best-overlapping system mention, or ``None``.

    A candidate system mention must overlap the gold mention's head word
    (:func:`head_span`); among candidates the one with the largest character
    overlap with the gold span wins, then the shortest one, then the smallest
    entity id (so the result is deterministic). ``texts`` maps a document name
    to its stripped text.
    """
    by_doc: dict[str, list[SystemSpan]] = defaultdict(list)
    for span in system:
        by_doc[span.doc].append(span)
    result: list[str | None] = []
    for mention in gold:
        h_start, h_end = head_span(texts[mention.doc], mention.start, mention.end)
        best: tuple[int, int, str] | None = None
        for span in by_doc.get(mention.doc, ()):
            if span.end <= h_start or span.start >= h_end:
                continue
            overlap = min(span.end, mention.end) - max(span.start, mention.start)
            key = (-overlap, span.end - span.start, span.entity)
            if best is None or key < best:
                best = key
        result.append(best[2] if best else None)
    return result


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b|['’]$")


def baseline_key(surface: str) -> str:
    """The same-string baseline's cluster key: lower-case, no leading "the", no "'s", single spaces.

    >>> baseline_key("The  Kremlin's")
    'kremlin'
    """
    text = " ".join(surface.split()).lower()
    text = _POSSESSIVE.sub("", text)
    text = _LEADING_THE.sub("", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class PRF:
    """Pairwise precision, recall and F1 with the pair counts they come from."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _prf(true: int, predicted: int, gold: int) -> PRF:
    precision = true / predicted if predicted else 0.0
    recall = true / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, true, predicted, gold)


def pairwise(
    gold: Sequence[Hashable],
    system: Sequence[Hashable],
    docs: Sequence[Hashable] | None = None,
) -> PRF:
    """Pairwise P/R/F1 of a clustering of the same mentions.

    ``gold[i]`` and ``system[i]`` are the clusters of mention ``i`` (any hashable;
    ``None`` in ``system`` makes the mention a singleton). With ``docs``, only
    pairs of mentions in the same document count. A pair is predicted-positive
    when both mentions share a system cluster and gold-positive when they
    share a gold cluster. Precision of a system with no predicted pair is 0.
    """
    if len(gold) != len(system) or (docs is not None and len(docs) != len(gold)):
        raise ValueError("gold, system and docs must have one entry per mention")
    scope = docs if docs is not None else [None] * len(gold)
    sys_keys = [(i, None) if s is None else (None, s) for i, s in enumerate(system)]
    gold_sizes = Counter(zip(scope, gold))
    sys_sizes = Counter(zip(scope, sys_keys))
    both = Counter(zip(scope, gold, sys_keys))
    return _prf(
        sum(_pairs(n) for n in both.values()),
        sum(_pairs(n) for n in sys_sizes.values()),
        sum(_pairs(n) for n in gold_sizes.values()),
    )


@dataclass(frozen=True, slots=True)
class ErrorGroup:
    """Pairs wrongly merged (two gold clusters in one system cluster) or split (one gold cluster)."""

    pairs: int
    gold: tuple[str, ...]
    system: tuple[str, ...]
    examples: tuple[str, ...]


def false_merges(
    mentions: Sequence[GoldMention], system: Sequence[Hashable]
) -> list[ErrorGroup]:
    """System clusters that join mentions of different gold clusters, worst (most wrong pairs) first.

    One group per (system cluster, pair of gold clusters); examples are the
    most frequent surface forms of both sides ("Kim×3").
    """
    members: dict[Hashable, list[GoldMention]] = defaultdict(list)
    for mention, cluster in zip(mentions, system):
        if cluster is not None:
            members[cluster].append(mention)
    groups = []
    for cluster, items in members.items():
        by_gold: dict[str, list[GoldMention]] = defaultdict(list)
        for mention in items:
            by_gold[mention.cluster].append(mention)
        names = sorted(by_gold)
        for a_index, a in enumerate(names):
            for b in names[a_index + 1 :]:
                examples = tuple(_examples(by_gold[a])) + tuple(_examples(by_gold[b]))
                groups.append(
                    ErrorGroup(
                        len(by_gold[a]) * len(by_gold[b]),
                        (a, b),
                        (str(cluster),),
                        examples,
                    )
                )
    return sorted(groups, key=lambda g: (-g.pairs, g.gold, g.system))


def splits(
    mentions: Sequence[GoldMention], system: Sequence[Hashable]
) -> list[ErrorGroup]:
    """Gold clusters spread over several system clusters, worst (most missed pairs) first.

    ``system`` entries of ``None`` are singletons (shown as ``-``); examples
    give each system part's surface forms.
    """
    by_gold: dict[str, dict[Hashable, list[GoldMention]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for index, (mention, cluster) in enumerate(zip(mentions, system)):
        by_gold[mention.cluster][("-", index) if cluster is None else cluster].append(
            mention
        )
    groups = []
    for gold, parts in by_gold.items():
        if len(parts) < 2:
            continue
        sizes = [len(items) for items in parts.values()]
        missed = _pairs(sum(sizes)) - sum(_pairs(n) for n in sizes)
        ordered = sorted(parts.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
        labels = tuple(
            "-" if isinstance(key, tuple) else str(key) for key, _ in ordered
        )
        examples = tuple(" | ".join(_examples(items)) for _, items in ordered)
        groups.append(ErrorGroup(missed, (gold,), labels, examples))
    return sorted(groups, key=lambda g: (-g.pairs, g.gold))


def _examples(items: Iterable[GoldMention], limit: int = 4) -> list[str]:
    counts = Counter(m.text for m in items)
    return [f"{text}×{n}" if n > 1 else text for text, n in counts.most_common(limit)]
