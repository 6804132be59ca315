"""Gold annotations, alignment and scoring for the entity-resolution benchmark.

Pure Python (no spaCy, no graphkit), so it is unit-tested quickly in
``tests/benchmarks/``.  ``resolution.py`` runs the benchmark with it.

Two gold formats give the same :class:`GoldDocument` / :class:`GoldMention`
records, so alignment and scoring are shared:

* inline markup (``data/coref/*.md``, described in ``data/coref/README.md``):
  ``[surface text]{cluster-id}`` marks one mention, optionally with its kind
  (``{cluster-id:pronoun}``); marks may nest
  (``[[Russia]{russia}'s foreign minister]{lavrov}``); ``\\[``, ``\\]`` and
  ``\\\\`` are a literal bracket and backslash;
* offset files (``data/bbc-coref/NNN.tsv``, described in its README) that
  point into articles kept outside the repository, checked by sha256.

Run as a script to turn an offset file into markup for editing and back::

    python benchmarks/coref_eval.py to-markup GOLD.tsv ARTICLES_DIR SCRATCH.md
    python benchmarks/coref_eval.py from-markup SCRATCH.md ARTICLES_DIR GOLD.tsv
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

CLUSTER_ID = re.compile(r"\{([a-z0-9][a-z0-9._-]*)(?::(name|role|pronoun))?\}")
CLUSTER_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
KINDS = ("name", "role", "pronoun")
_WORD = re.compile(r"[\w][\w.'’-]*", re.UNICODE)


class MarkupError(ValueError):
    """An annotated file that cannot be parsed (unbalanced brackets, bad cluster id)."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated mention: character offsets into the stripped text of ``doc``.

    ``kind`` is ``name``, ``role`` or ``pronoun`` (``""`` when the markup does
    not say; :func:`load_gold` then fills it in with :func:`infer_kind`).
    """

    doc: str
    start: int
    end: int
    cluster: str
    text: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """An annotated document: its name (``NN-slug.md`` or ``101.txt``), plain text and gold mentions."""

    name: str
    text: str
    mentions: tuple[GoldMention, ...]


def parse_markup(marked: str, doc: str = "") -> tuple[str, list[GoldMention]]:
    """Strip ``[text]{id}`` marks from ``marked``; return the plain text and the mentions.

    Offsets are character offsets into the returned plain text. Marks may nest.
    A mark may give the mention's kind, ``{id:name}``, ``{id:role}`` or
    ``{id:pronoun}``; without it the kind is ``""``. ``\\[``, ``\\]`` and
    ``\\\\`` stand for a literal ``[``, ``]`` and ``\\`` (another character
    after a backslash is kept with its backslash). Mentions are returned sorted
    by :func:`mention_order`. Raises :class:`MarkupError` on an unclosed ``[``,
    a ``]`` without an opening ``[``, or a ``]`` that is not followed by a valid
    ``{cluster-id}`` (lower-case letters, digits, ``.``, ``_`` and ``-``); the
    message gives the line number.

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
        if char == "\\" and i + 1 < len(marked) and marked[i + 1] in "[]\\":
            out.append(marked[i + 1])
            length += 1
            i += 2
        elif char == "[":
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
                    " or '{cluster-id:name|role|pronoun}'"
                )
            start, _ = stack.pop()
            plain = "".join(out)
            if start == length or not plain[start:length].strip():
                raise MarkupError(
                    f"{doc or '<text>'}:{_line(marked, i)}: empty mention"
                )
            mentions.append(
                GoldMention(
                    doc,
                    start,
                    length,
                    match.group(1),
                    plain[start:length],
                    match.group(2) or "",
                )
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
    mentions.sort(key=mention_order)
    return "".join(out), mentions


def mention_order(mention: GoldMention) -> tuple:
    """Sort key of mentions: document, start, longest first, then cluster and kind."""
    return (mention.doc, mention.start, -mention.end, mention.cluster, mention.kind)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def to_markup(text: str, mentions: Iterable[GoldMention]) -> str:
    """Render ``mentions`` of ``text`` as inline markup; :func:`parse_markup` gives them back.

    Each mention becomes ``[surface]{cluster:kind}`` (``{cluster}`` when its kind
    is ``""``); ``[``, ``]`` and ``\\`` of the text are escaped with a
    backslash. ``parse_markup(to_markup(text, ms))`` is ``(text, sorted(ms,
    key=mention_order))``. Raises :class:`MarkupError` for a mention outside the
    text, an empty or blank one, a bad cluster id or kind, and two mentions that
    cross (overlap without one containing the other), which markup cannot show.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end, m.cluster, m.kind))
    for m in ordered:
        where = f"{m.doc or '<text>'}: mention {m.start}-{m.end} ({m.cluster})"
        if not 0 <= m.start < m.end <= len(text):
            raise MarkupError(f"{where}: outside the text or empty")
        if not text[m.start : m.end].strip():
            raise MarkupError(f"{where}: blank mention")
        if not CLUSTER_NAME.match(m.cluster):
            raise MarkupError(f"{where}: bad cluster id")
        if m.kind and m.kind not in KINDS:
            raise MarkupError(f"{where}: bad kind {m.kind!r}")
    parts: list[str] = []
    stack: list[GoldMention] = []
    position = 0
    index = 0
    boundaries = sorted({0, len(text)} | {m.start for m in ordered} | {m.end for m in ordered})
    for offset in boundaries:
        parts.append(_escape(text[position:offset]))
        position = offset
        while stack and stack[-1].end == offset:
            closing = stack.pop()
            kind = f":{closing.kind}" if closing.kind else ""
            parts.append(f"]{{{closing.cluster}{kind}}}")
        while index < len(ordered) and ordered[index].start == offset:
            opening = ordered[index]
            if stack and stack[-1].end < opening.end:
                outer = stack[-1]
                raise MarkupError(
                    f"{opening.doc or '<text>'}: mentions {outer.start}-{outer.end} ({outer.cluster}) and "
                    f"{opening.start}-{opening.end} ({opening.cluster}) cross; markup can only nest them"
                )
            stack.append(opening)
            parts.append("[")
            index += 1
    if stack:  # a mention still open must have crossed one closed before it
        raise MarkupError(f"{stack[-1].doc or '<text>'}: mentions cross; markup can only nest them")
    return "".join(parts)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def load_gold(folder: str | Path) -> list[GoldDocument]:
    """Parse every ``NN-*.md`` annotated file of ``folder`` (README.md is skipped), sorted by name.

    A mention whose mark gives no kind gets :func:`infer_kind`'s.
    """
    docs = []
    for path in sorted(Path(folder).glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        text, mentions = parse_markup(path.read_text(encoding="utf-8"), doc=path.name)
        mentions = [
            m if m.kind else _with_kind(m, infer_kind(text, m.start, m.end))
            for m in mentions
        ]
        docs.append(GoldDocument(path.name, text, tuple(mentions)))
    return docs


def _with_kind(mention: GoldMention, kind: str) -> GoldMention:
    return GoldMention(mention.doc, mention.start, mention.end, mention.cluster, mention.text, kind)


# Personal and possessive pronouns, in the two groups pronoun accuracy is reported for.
PERSON_PRONOUNS = frozenset(
    "he she him his her hers himself herself".split()
)
THING_PRONOUNS = frozenset(
    "it its itself they them their theirs themselves".split()
)
OTHER_PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves".split()
)
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | OTHER_PRONOUNS

# Capitalised words that still make a role, not a name, when they are a mention's head
# ("the President", "the Prime Minister", "the Chancellor").
TITLE_HEADS = frozenset(
    """president minister secretary chancellor premier leader chairman chair
    chief ambassador envoy spokesman spokeswoman spokesperson general governor
    king queen prince princess emperor mayor speaker senator judge director
    commissioner head counterpart official""".split()
)


def pronoun_group(surface: str) -> str:
    """``he/she`` (he she him his her ...), ``it/they`` (it its they them their ...), ``other`` or ``""`` (no pronoun).

    Case matters only to tell "US" (a name) from "us": a pronoun is written in
    lower case or with a capital first letter.
    """
    word = surface.strip()
    if word not in (word.lower(), word.capitalize()):
        return ""
    word = word.lower()
    if word in PERSON_PRONOUNS:
        return "he/she"
    if word in THING_PRONOUNS:
        return "it/they"
    if word in OTHER_PRONOUNS:
        return "other"
    return ""


def infer_kind(text: str, start: int, end: int) -> str:
    """A markup mention's kind when its mark does not say: ``pronoun``, ``role`` or ``name``.

    ``pronoun``: the mention is one personal or possessive pronoun. ``role``:
    its head word (:func:`head_span`) has no capital letter ("the Syrian
    president", "her brother", "the bloc"; "al-Assad" has one) or is a title ("the President", "the
    Chancellor"). Everything else, including a title before a name ("President
    Trump") and a metonym ("the Kremlin"), is a ``name``.
    """
    if pronoun_group(text[start:end]):
        return "pronoun"
    h_start, h_end = head_span(text, start, end)
    head = text[h_start:h_end]
    if not any(char.isupper() for char in head) or head.lower() in TITLE_HEADS:
        return "role"
    return "name"


class GoldFileError(ValueError):
    """An offset gold file that cannot be used: its message is one line naming the file."""


def sha256_hex(path: Path) -> str:
    """The sha256 of a file's bytes, as lower-case hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_article(path: Path) -> str:
    """An article's text as the offsets count it: its bytes decoded as UTF-8, line ends untouched."""
    return Path(path).read_bytes().decode("utf-8")


TSV_COLUMNS = ("start", "end", "cluster", "kind")


def read_tsv(path: str | Path) -> tuple[dict[str, str], list[tuple[int, int, str, str, int]]]:
    """The ``# key: value`` header and the ``(start, end, cluster, kind, line)`` rows of a gold .tsv.

    Raises :class:`GoldFileError` (``FILE:LINE: what``) on a missing column
    line, a row that is not four tab-separated fields, offsets that are not
    integers, a bad cluster id or a kind other than name, role, pronoun.
    """
    path = Path(path)
    header: dict[str, str] = {}
    rows: list[tuple[int, int, str, str, int]] = []
    columns_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep:
                header[key.strip().lower()] = value.strip()
            continue
        fields = line.split("\t")
        if not columns_seen:
            if tuple(f.strip() for f in fields) != TSV_COLUMNS:
                raise GoldFileError(
                    f"{path}:{number}: expected the column line 'start<TAB>end<TAB>cluster<TAB>kind'"
                )
            columns_seen = True
            continue
        if len(fields) != 4:
            raise GoldFileError(f"{path}:{number}: expected 4 tab-separated fields, got {len(fields)}")
        start, end, cluster, kind = (f.strip() for f in fields)
        try:
            start_i, end_i = int(start), int(end)
        except ValueError:
            raise GoldFileError(f"{path}:{number}: start and end must be integers") from None
        if not CLUSTER_NAME.match(cluster):
            raise GoldFileError(
                f"{path}:{number}: bad cluster id {cluster!r} (lower-case letters, digits, '.', '_', '-')"
            )
        if kind not in KINDS:
            raise GoldFileError(f"{path}:{number}: kind must be name, role or pronoun, not {kind!r}")
        rows.append((start_i, end_i, cluster, kind, number))
    return header, rows


def load_tsv_document(path: str | Path, articles_dir: str | Path) -> GoldDocument:
    """One gold .tsv and its article (named by ``# doc:``, checked by ``# sha256:``) as a :class:`GoldDocument`.

    Mentions are sorted by :func:`mention_order`. Raises :class:`GoldFileError`
    when the article is missing or its sha256 differs, and for offsets outside
    the text or a mention that is blank or starts or ends with white space.
    """
    path = Path(path)
    header, rows = read_tsv(path)
    name = header.get("doc", "")
    expected = header.get("sha256", "").lower()
    if not name:
        raise GoldFileError(f"{path}: no '# doc: NAME' header line")
    if not re.fullmatch(r"[0-9a-f]{64}", expected):
        raise GoldFileError(f"{path}: no valid '# sha256: HEX' header line")
    article = Path(articles_dir) / name
    if not article.is_file():
        raise GoldFileError(f"{path}: article {name} not found in {articles_dir}")
    actual = sha256_hex(article)
    if actual != expected:
        raise GoldFileError(
            f"{path}: sha256 of {article} is {actual[:12]}..., the annotation was made on {expected[:12]}... "
            "(a different version of the article)"
        )
    text = read_article(article)
    mentions = []
    for start, end, cluster, kind, number in rows:
        if not 0 <= start < end <= len(text):
            raise GoldFileError(
                f"{path}:{number}: offsets {start}-{end} outside the text ({len(text)} characters) or empty"
            )
        surface = text[start:end]
        if surface != surface.strip() or not surface.strip():
            raise GoldFileError(f"{path}:{number}: mention {surface!r} is blank or has white space at an end")
        mentions.append(GoldMention(name, start, end, cluster, surface, kind))
    mentions.sort(key=mention_order)
    return GoldDocument(name, text, tuple(mentions))


def load_tsv_gold(gold_dir: str | Path, articles_dir: str | Path) -> list[GoldDocument]:
    """Every ``*.tsv`` of ``gold_dir`` with its article from ``articles_dir``, sorted by file name.

    Raises :class:`GoldFileError` when there is none, when two files annotate
    the same article, or when one cannot be used (see :func:`load_tsv_document`).
    """
    paths = sorted(Path(gold_dir).glob("*.tsv"))
    if not paths:
        raise GoldFileError(f"{gold_dir}: no .tsv gold files")
    docs: list[GoldDocument] = []
    seen: dict[str, Path] = {}
    for path in paths:
        doc = load_tsv_document(path, articles_dir)
        if doc.name in seen:
            raise GoldFileError(f"{path}: {doc.name} is already annotated in {seen[doc.name].name}")
        seen[doc.name] = path
        docs.append(doc)
    return docs


def format_tsv(name: str, sha256: str, annotator: str, mentions: Iterable[GoldMention]) -> str:
    """The text of a gold .tsv file for ``mentions`` of article ``name`` (mentions need a kind)."""
    lines = [f"# doc: {name}", f"# sha256: {sha256}", f"# annotator: {annotator}", "\t".join(TSV_COLUMNS)]
    for m in sorted(mentions, key=mention_order):
        if m.kind not in KINDS:
            raise GoldFileError(f"{name}: mention {m.start}-{m.end} {m.text!r} has no kind (name, role, pronoun)")
        lines.append(f"{m.start}\t{m.end}\t{m.cluster}\t{m.kind}")
    return "\n".join(lines) + "\n"


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
class BCubed:
    """B³ precision, recall and F1 over ``mentions`` gold mentions."""

    precision: float
    recall: float
    f1: float
    mentions: int


def b_cubed(
    gold: Sequence[Hashable],
    system: Sequence[Hashable],
    docs: Sequence[Hashable] | None = None,
) -> BCubed:
    """B³ (Bagga and Baldwin 1998) of a clustering of the same mentions, averaged per mention.

    For mention ``i`` with gold cluster ``G`` and system cluster ``S`` (both
    restricted to the scored mentions), precision is ``|G ∩ S| / |S|`` and
    recall ``|G ∩ S| / |G|``; B³ precision and recall are their means over all
    mentions, each mention weighing the same, and F1 their harmonic mean.
    ``None`` in ``system`` makes a mention a singleton. Clusters span documents
    (cluster ids are global); with ``docs``, clusters are cut at document
    boundaries first (within-document B³).
    """
    if len(gold) != len(system) or (docs is not None and len(docs) != len(gold)):
        raise ValueError("gold, system and docs must have one entry per mention")
    if not gold:
        return BCubed(0.0, 0.0, 0.0, 0)
    scope = docs if docs is not None else [None] * len(gold)
    gold_keys = list(zip(scope, gold))
    sys_keys = [(d, (i, None) if s is None else (None, s)) for i, (d, s) in enumerate(zip(scope, system))]
    gold_sizes = Counter(gold_keys)
    sys_sizes = Counter(sys_keys)
    both = Counter(zip(gold_keys, sys_keys))
    precision = sum(both[g, s] / sys_sizes[s] for g, s in zip(gold_keys, sys_keys)) / len(gold)
    recall = sum(both[g, s] / gold_sizes[g] for g, s in zip(gold_keys, sys_keys)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(gold))


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How many of ``total`` mentions went to the right entity."""

    right: int
    total: int

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def majority_clusters(
    mentions: Sequence[GoldMention],
    system: Sequence[Hashable],
    counted: Iterable[int],
) -> dict[Hashable, str | None]:
    """For each system entity, the gold cluster of most of its ``counted`` mentions (``None`` on a tie).

    ``counted`` are indices into ``mentions``/``system``; mentions with no
    system entity (``None``) are skipped.
    """
    votes: dict[Hashable, Counter] = defaultdict(Counter)
    for i in counted:
        if system[i] is not None:
            votes[system[i]][mentions[i].cluster] += 1
    result: dict[Hashable, str | None] = {}
    for entity, counter in votes.items():
        (first, n), *rest = counter.most_common(2) + [(None, 0)]
        result[entity] = first if n > rest[0][1] else None
    return result


def resolution_accuracy(
    mentions: Sequence[GoldMention],
    system: Sequence[Hashable],
    targets: Iterable[int],
    reference: Iterable[int],
) -> Accuracy:
    """How many ``targets`` mentions went to an entity whose ``reference`` mentions are mostly of their gold cluster.

    A target mention is right when its system entity is not ``None`` and the
    gold cluster that holds strictly the most of the ``reference`` mentions
    aligned to that entity (across all documents) is the target's own gold
    cluster. An entity with no reference mention, or a tie, makes it wrong.
    """
    targets = list(targets)
    majority = majority_clusters(mentions, system, reference)
    right = sum(
        1
        for i in targets
        if system[i] is not None and majority.get(system[i]) == mentions[i].cluster
    )
    return Accuracy(right, len(targets))


def kind_accuracies(mentions: Sequence[GoldMention], system: Sequence[Hashable]) -> dict[str, Accuracy]:
    """Pronoun accuracy (all pronouns, ``he/she`` and ``it/they`` groups) and role recall.

    * pronouns (gold kind ``pronoun``): right when the gold cluster of most of
      the *non-pronoun* gold mentions of their system entity is theirs
      (:func:`resolution_accuracy`); the groups follow :func:`pronoun_group`
      (``pronouns`` also counts other pronouns, e.g. "we", when annotated);
    * roles (gold kind ``role``): the same, but the majority is taken over the
      entity's *name* mentions, so a role that only joins other role phrases
      (a ``concept/prime-minister`` node) does not count as resolved.
    """
    pronouns = [i for i, m in enumerate(mentions) if m.kind == "pronoun"]
    non_pronouns = [i for i, m in enumerate(mentions) if m.kind != "pronoun"]
    names = [i for i, m in enumerate(mentions) if m.kind == "name"]
    roles = [i for i, m in enumerate(mentions) if m.kind == "role"]
    return {
        "pronouns": resolution_accuracy(mentions, system, pronouns, non_pronouns),
        "he/she": resolution_accuracy(
            mentions, system, [i for i in pronouns if pronoun_group(mentions[i].text) == "he/she"], non_pronouns
        ),
        "it/they": resolution_accuracy(
            mentions, system, [i for i in pronouns if pronoun_group(mentions[i].text) == "it/they"], non_pronouns
        ),
        "roles": resolution_accuracy(mentions, system, roles, names),
    }


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


def _outside_repository(path: Path) -> bool:
    repository = Path(__file__).resolve().parents[1]
    try:
        path.resolve().relative_to(repository)
    except ValueError:
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    """``to-markup`` / ``from-markup``: edit an offset gold file as inline markup in a scratch folder."""
    import argparse

    parser = argparse.ArgumentParser(
        description="Turn an offset gold file (data/bbc-coref/NNN.tsv) into inline markup for editing, and back."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("to-markup", help="write GOLD.tsv + its article as markup to SCRATCH (outside the repository)")
    render.add_argument("gold", type=Path)
    render.add_argument("articles", type=Path, help="folder of the articles (e.g. .../bbc-politics-dev/txt)")
    render.add_argument("scratch", type=Path, help="markup file to write, outside the repository")
    back = commands.add_parser("from-markup", help="write the offsets of edited markup SCRATCH to GOLD.tsv")
    back.add_argument("scratch", type=Path)
    back.add_argument("articles", type=Path)
    back.add_argument("gold", type=Path)
    back.add_argument("--doc", help="article file name (default: the gold file's '# doc:', else SCRATCH's stem + .txt)")
    back.add_argument("--annotator", help="annotator (default: the gold file's, else '?')")
    args = parser.parse_args(argv)
    try:
        if args.command == "to-markup":
            if not _outside_repository(args.scratch):
                raise GoldFileError(f"{args.scratch}: write the markup outside the repository (it holds the article's text)")
            doc = load_tsv_document(args.gold, args.articles)
            args.scratch.parent.mkdir(parents=True, exist_ok=True)
            args.scratch.write_text(to_markup(doc.text, doc.mentions), encoding="utf-8", newline="")
            print(f"{args.scratch}: {len(doc.mentions)} mentions of {doc.name}")
        else:
            header = read_tsv(args.gold)[0] if args.gold.exists() else {}
            name = args.doc or header.get("doc") or args.scratch.stem + ".txt"
            annotator = args.annotator or header.get("annotator") or "?"
            article = args.articles / name
            if not article.is_file():
                raise GoldFileError(f"{args.scratch}: article {name} not found in {args.articles}")
            text, mentions = parse_markup(args.scratch.read_text(encoding="utf-8"), doc=name)
            if text != read_article(article):
                raise GoldFileError(f"{args.scratch}: its text without marks differs from {article} (edit only the marks)")
            missing = [m for m in mentions if not m.kind]
            if missing:
                raise GoldFileError(
                    f"{args.scratch}: {len(missing)} marks without a kind, e.g. [{missing[0].text}]{{{missing[0].cluster}}}; "
                    "write {cluster:name}, {cluster:role} or {cluster:pronoun}"
                )
            args.gold.write_text(format_tsv(name, sha256_hex(article), annotator, mentions), encoding="utf-8")
            print(f"{args.gold}: {len(mentions)} mentions of {name}")
    except (GoldFileError, MarkupError, OSError, UnicodeDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
