"""Score graphkit's actor-to-actor edges and their event types (issue 9, "Measure").

Usage::

    python benchmarks/events.py [--gsr PLOVER_GSR_CAMEO.txt] [--no-gsr]
                                [--corpus ARTICLES_DIR [--sample 40 --seed 1] [--judgements FILE]]
                                [--bbc ARTICLES_DIR [--bbc-gold benchmarks/data/bbc-events]]
                                [--model NAME] [--json FILE]

Three measurements, each optional (the GSR one runs unless ``--no-gsr``):

* **PLOVER gold standard records** (``--gsr``, default
  ``../shared/data/events/PLOVER_GSR_CAMEO.txt``, CC BY-SA 4.0, read in place,
  never copied into the repository): each record's sentence becomes one
  document (JSONL input, id = the record id, date = its date), graphkit builds
  them all, and every gold (source, target) pair is looked for among the
  actor-actor relations of its document. Pair recall (either direction and
  right direction), event-type accuracy and macro-F1 over the matched pairs,
  and sign accuracy (:data:`TYPE_SIGN`). See :func:`score_gsr`.
* **Corpus figures** (``--corpus``): actor-actor rows per 100 sentences,
  share of sentences with one, self-loop share, and a seeded random sample
  of ``--sample`` rows for a person to judge; ``--judgements FILE`` scores a
  judged sample (format in :func:`read_judgements`).
* **Our BBC gold** (``--bbc``): actor-edge precision and recall against
  ``benchmarks/data/bbc-events/NNN.tsv`` (format in its README), split by how
  each end is named. See :func:`score_bbc`.

graphkit's output is read the way a user reads it: ``relations.csv``,
``entities.csv`` and ``mentions.csv`` written by ``graphkit.export.csv``.
The columns ``event``, ``intensity``, ``date`` and ``event_date`` are used
when present; when a column is absent its figures are reported as ``n/a``.

Everything but :func:`run_graphkit` is pure Python (no spaCy, no graphkit), so
it is unit-tested in ``tests/benchmarks/test_events.py``.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCHMARKS_DIR.parent
DEFAULT_GSR = REPO_ROOT.parent / "shared" / "data" / "events" / "PLOVER_GSR_CAMEO.txt"
BBC_EVENTS_DIR = BENCHMARKS_DIR / "data" / "bbc-events"
BBC_COREF_DIR = BENCHMARKS_DIR / "data" / "bbc-coref"

# --------------------------------------------------------------------------- types

#: Today's PLOVER event types (issue 9, item 6), plus STATEMENT and OTHER.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
EXTRA_TYPES = ("STATEMENT", "OTHER")
ALL_TYPES = PLOVER_TYPES + EXTRA_TYPES

#: PLOVER 0.5 (the GSR's ``event``) -> today's name. Following the official
#: CAMEO->PLOVER table (``CAMEO2PLOVER-2021.txt``, PLOVER draft 0.8): the GSR's
#: DEMAND records are CAMEO 10 "Demand", which 0.8 files under REQUEST;
#: DISAPPROVE is CAMEO 11, now ACCUSE (mode ``disapprove``); INVESTIGATE is
#: CAMEO 09, now ACCUSE (mode ``investigate``); FIGHT is CAMEO 19 "Use
#: conventional military force", now ASSAULT. The other 0.5 names are unchanged.
#: DOCUMENT is the file's self-description, not an event: skipped.
PLOVER05_TO_CURRENT = {name: name for name in PLOVER_TYPES} | {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

#: Goldstein sign of each type: +1 cooperation, -1 conflict, 0 neutral. From
#: the ICEWS Goldstein values (``icews_cameo-codes.csv``) of the CAMEO roots
#: each type comes from, which never change sign within a root from 03 on:
#: 03 intend to cooperate (+4.0..+7.0) AGREE; 04 consult (+1.0..+7.0) CONSULT;
#: 05 diplomatic cooperation (+3.4..+8.0) SUPPORT; 06 material cooperation
#: COOPERATE; 07 aid AID; 08 yield (+5.0..+10.0) CONCEDE, RETREAT;
#: 09 investigate (-2.0) and 11 disapprove (-2.0) ACCUSE; 10 demand (-5.0)
#: REQUEST; 12 reject REJECT; 13 threaten THREATEN; 14 protest PROTEST;
#: 15 force posture MOBILIZE; 16 reduce relations SANCTION; 17 coerce COERCE;
#: 18-20 assault, fight, mass violence ASSAULT. STATEMENT (root 01, mean +0.15)
#: and OTHER (roles, membership) are neutral. The 2021 table maps no CAMEO 02
#: "appeal" (positive) code, so REQUEST keeps the sign of "demand".
TYPE_SIGN = {name: 1 for name in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")}
TYPE_SIGN |= {
    name: -1
    for name in ("REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
}
TYPE_SIGN |= {"STATEMENT": 0, "OTHER": 0}

NAMING_KINDS = ("name", "pronoun", "title", "np")
PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "himself herself itself themselves ourselves this that these those who whom whose which".split()
)
#: Head nouns that make a description a title or role ("the chancellor"), for
#: classifying a system edge's end (:func:`naming_of`).
ROLE_WORDS = frozenset(
    "minister ministers secretary chancellor president leader leaders spokesman spokeswoman spokesperson "
    "chairman chairwoman chair premier mp mps msp msps mep meps peer peers lord lords king queen prince "
    "princess ambassador envoy governor mayor general commissioner director chief head deputy official "
    "officials candidate candidates member members leader's shadow whip speaker judge attorney monarch "
    "pm treasurer editor founder boss executive councillor councillors senator senators chancellor's "
    "secretary-general".split()
)
_STOP = frozenset(
    "the a an of and in on at to for by with from 's ’s s de la le al".split()
)
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def sign(value: float | None) -> int | None:
    """-1, 0 or +1 for a number (|x| < 1e-9 is 0); ``None`` for no number."""
    if value is None:
        return None
    return 0 if abs(value) < 1e-9 else (1 if value > 0 else -1)


def parse_float(cell: str | None) -> float | None:
    """A CSV cell as a float, or ``None`` when empty or not a number."""
    if cell is None:
        return None
    try:
        return float(cell.strip().lstrip("'"))
    except ValueError:
        return None


def content_tokens(text: str) -> set[str]:
    """Lower-case alphanumeric words of ``text`` without function words ("the", "of")."""
    return {t.lower() for t in _TOKEN.findall(text)} - _STOP


# --------------------------------------------------------------------------- GSR


@dataclass(frozen=True)
class GsrRecord:
    """One PLOVER gold-standard event: its sentence, actors and type (0.5 and today's)."""

    id: str
    text: str
    date: str
    event05: str
    event: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]

    @property
    def pairs(self) -> list[tuple[str, str, bool]]:
        """Gold ``(source, target, directed)`` pairs.

        Every source with every target; with no target, two or more sources
        are reciprocal ("Hungarian and Romanian officials agreed", SRC/TAR in
        the markup): every two of them, undirected. A lone source with no
        target gives no pair.
        """
        if self.targets:
            return [(s, t, True) for s in self.sources for t in self.targets if s != t]
        return [
            (a, b, False) for i, a in enumerate(self.sources) for b in self.sources[i + 1 :] if a != b
        ]


def _actor_texts(value) -> tuple[str, ...]:
    if not value or not isinstance(value, list):
        return ()
    texts = []
    for actor in value:
        text = actor.get("actorText", "") if isinstance(actor, dict) else str(actor)
        if text and text.strip():
            texts.append(text.strip())
    return tuple(texts)


def parse_gsr(records: Sequence[dict]) -> tuple[list[GsrRecord], Counter]:
    """GSR JSON records -> :class:`GsrRecord` list, and a count of what was skipped and why.

    Skipped: DOCUMENT records, records without ``text``, and event names with
    no mapping in :data:`PLOVER05_TO_CURRENT`. ``source``/``target`` may be a
    list of ``{"actorText": ...}``, ``""`` or absent.
    """
    out: list[GsrRecord] = []
    skipped: Counter = Counter()
    for raw in records:
        event05 = str(raw.get("event", "")).strip().upper()
        if event05 == "DOCUMENT":
            skipped["DOCUMENT record"] += 1
            continue
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            skipped["no text"] += 1
            continue
        if event05 not in PLOVER05_TO_CURRENT:
            skipped[f"unmapped event {event05!r}"] += 1
            continue
        out.append(
            GsrRecord(
                id=str(raw.get("id", f"record-{len(out)}")),
                text=text,
                date=str(raw.get("date", "") or ""),
                event05=event05,
                event=PLOVER05_TO_CURRENT[event05],
                sources=_actor_texts(raw.get("source")),
                targets=_actor_texts(raw.get("target")),
            )
        )
    return out, skipped


def load_gsr(path: str | Path) -> tuple[list[GsrRecord], Counter]:
    """Read and parse the GSR file (a JSON list)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of records")
    return parse_gsr(data)


# --------------------------------------------------------------------------- graphkit output


@dataclass
class Output:
    """graphkit's CSV output, as read back: what the benchmarks score.

    ``relations`` are the rows of relations.csv (dicts by column name);
    ``entity_type`` maps entity id -> type; ``entity_names`` entity id ->
    label and aliases; ``mentions`` (doc, entity id) -> [(start, end, text)].
    ``columns`` is the header of relations.csv; ``sentences`` the build's
    sentence count (``BuildStats.sentences``).
    """

    relations: list[dict[str, str]]
    entity_type: dict[str, str]
    entity_names: dict[str, list[str]] = field(default_factory=dict)
    mentions: dict[tuple[str, str], list[tuple[int, int, str]]] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    sentences: int = 0
    documents: int = 0
    seconds: float = 0.0

    def has(self, column: str) -> bool:
        return column in self.columns

    def is_actor(self, entity_id: str) -> bool:
        """A node that is not a concept (and exists)."""
        kind = self.entity_type.get(entity_id)
        return bool(entity_id) and kind is not None and kind != "CONCEPT"

    def actor_rows(self) -> list[dict[str, str]]:
        """Rows whose subject and object are both actor nodes (self-loops included)."""
        return [r for r in self.relations if self.is_actor(r.get("subject_id", "")) and self.is_actor(r.get("object_id", ""))]

    def mentions_in(self, doc: str, start: int, end: int) -> set[str]:
        """Entity ids with a mention in ``doc`` overlapping ``[start, end)``."""
        found = set()
        for (d, eid), spans in self.mentions.items():
            if d != doc:
                continue
            if any(s < end and start < e for s, e, _ in spans):
                found.add(eid)
        return found


def read_output(folder: str | Path, sentences: int = 0, documents: int = 0, seconds: float = 0.0) -> Output:
    """Read relations.csv, entities.csv and mentions.csv from ``folder``."""
    folder = Path(folder)
    with open(folder / "relations.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        relations = list(reader)
        columns = list(reader.fieldnames or [])
    entity_type: dict[str, str] = {}
    entity_names: dict[str, list[str]] = {}
    with open(folder / "entities.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            entity_type[row["id"]] = row["type"]
            names = [row["label"]] + [a for a in (row.get("aliases") or "").split("|") if a]
            entity_names[row["id"]] = [n.lstrip("'") for n in names]
    mentions: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    with open(folder / "mentions.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            mentions[(row["doc"], row["entity_id"])].append((int(row["start"]), int(row["end"]), row["text"].lstrip("'")))
    return Output(relations, entity_type, entity_names, dict(mentions), columns, sentences, documents, seconds)


def run_graphkit(inputs: Sequence[Path], model: str | None = None) -> Output:
    """Build ``inputs`` with ``graphkit.build``, write its CSV tables to a temporary folder, read them back."""
    import graphkit
    from graphkit.export import csv as gk_csv

    stats = graphkit.BuildStats()
    kwargs = {"model": model} if model else {}
    started = time.perf_counter()
    kg = graphkit.build([str(p) for p in inputs], stats=stats, **kwargs)
    seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        gk_csv.write_relations(kg, Path(tmp) / "relations.csv")
        gk_csv.write_entities(kg, Path(tmp) / "entities.csv")
        gk_csv.write_mentions(kg, Path(tmp) / "mentions.csv")
        return read_output(tmp, stats.sentences, stats.documents, seconds)


# --------------------------------------------------------------------------- GSR scoring


def entity_matches_actor(output: Output, doc: str, entity_id: str, actor_text: str, doc_text: str) -> bool:
    """Whether a node stands for the gold actor ``actor_text`` in document ``doc``.

    True when one of the node's mentions in the document overlaps an
    occurrence (case-insensitive) of ``actor_text`` in ``doc_text``, or when
    the gold text shares a content word (:func:`content_tokens`) with one of
    the node's mentions in the document ("United Nations military personnel"
    and "the United Nations").
    """
    spans = output.mentions.get((doc, entity_id), [])
    lowered, needle = doc_text.lower(), actor_text.lower()
    start = lowered.find(needle)
    while needle and start >= 0:
        end = start + len(needle)
        if any(s < end and start < e for s, e, _ in spans):
            return True
        start = lowered.find(needle, start + 1)
    gold = content_tokens(actor_text)
    return any(gold & content_tokens(text) for _, _, text in spans)


@dataclass
class PairResult:
    """One gold pair and what graphkit gave for it."""

    record: str
    source: str
    target: str
    directed: bool
    gold_type: str
    gold_type05: str
    found: bool = False  # in either direction
    found_directed: bool = False  # source -> target (always equal to found when undirected)
    predicted_type: str = ""  # the matched row's event ("" when none / no column)
    intensity: float | None = None
    relation: str = ""


def match_pair(output: Output, record: GsrRecord, source: str, target: str, directed: bool,
               rows: Sequence[dict[str, str]]) -> PairResult:
    """Look for ``source``-``target`` among the actor-actor ``rows`` of the record's document.

    A row matches when its subject stands for one gold actor and its object
    for the other (:func:`entity_matches_actor`), subject and object being
    different nodes. The row reported is a right-direction one if any, and
    among those one with a non-empty ``event`` if any.
    """
    result = PairResult(record.id, source, target, directed, record.event, record.event05)
    best: tuple | None = None
    for row in rows:
        subj, obj = row["subject_id"], row["object_id"]
        if subj == obj:
            continue
        s_src = entity_matches_actor(output, record.id, subj, source, record.text)
        o_tgt = entity_matches_actor(output, record.id, obj, target, record.text)
        s_tgt = entity_matches_actor(output, record.id, subj, target, record.text)
        o_src = entity_matches_actor(output, record.id, obj, source, record.text)
        forward, backward = s_src and o_tgt, s_tgt and o_src
        if not (forward or backward):
            continue
        right_way = forward or not directed
        key = (right_way, bool(row.get("event")), forward)
        if best is None or key > best[0]:
            best = (key, row)
    if best is not None:
        (right_way, _, _), row = best
        result.found = True
        result.found_directed = right_way
        result.predicted_type = (row.get("event") or "").strip().upper()
        result.intensity = parse_float(row.get("intensity"))
        result.relation = row.get("relation", "")
    return result


@dataclass(frozen=True)
class ClassScores:
    accuracy: float | None
    macro_f1: float | None
    per_class: dict[str, tuple[float, float, float, int]]  # label -> (P, R, F1, gold count)
    n: int


def classification_scores(gold: Sequence[str], predicted: Sequence[str]) -> ClassScores:
    """Accuracy and macro-F1 of ``predicted`` labels against ``gold``.

    An empty prediction ("no type") is always wrong. Macro-F1 averages the
    per-label F1 over every label in the gold or (non-empty) in the
    predictions: a label predicted but never gold scores F1 0.
    """
    n = len(gold)
    if n == 0:
        return ClassScores(None, None, {}, 0)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / n
    labels = sorted(set(gold) | {p for p in predicted if p})
    per_class = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        pred = sum(p == label for p in predicted)
        true = sum(g == label for g in gold)
        precision = tp / pred if pred else 0.0
        recall = tp / true if true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = (precision, recall, f1, true)
    macro = sum(v[2] for v in per_class.values()) / len(per_class)
    return ClassScores(accuracy, macro, per_class, n)


def sign_accuracy(gold_types: Sequence[str], intensities: Sequence[float | None]) -> tuple[float | None, int, int]:
    """Share of pairs whose intensity has the gold type's sign (:data:`TYPE_SIGN`); no intensity is wrong.

    Returns ``(share, right, total)``; share is ``None`` for no pairs.
    """
    right = sum(sign(v) is not None and sign(v) == TYPE_SIGN.get(g) for g, v in zip(gold_types, intensities))
    total = len(gold_types)
    return (right / total if total else None), right, total


def score_gsr(records: Sequence[GsrRecord], output: Output) -> dict:
    """Pair recall, event-type accuracy / macro-F1 and sign accuracy of graphkit on the GSR."""
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in output.actor_rows():
        by_doc[row.get("doc", "")].append(row)
    pairs: list[PairResult] = []
    no_pair = 0
    for record in records:
        gold_pairs = record.pairs
        if not gold_pairs:
            no_pair += 1
        for source, target, directed in gold_pairs:
            pairs.append(match_pair(output, record, source, target, directed, by_doc.get(record.id, [])))
    matched = [p for p in pairs if p.found]
    has_event, has_intensity = output.has("event"), output.has("intensity")
    types = classification_scores([p.gold_type for p in matched], [p.predicted_type for p in matched]) if has_event else None
    signs = sign_accuracy([p.gold_type for p in matched], [p.intensity for p in matched]) if has_intensity else None
    by_type = Counter(p.gold_type for p in pairs)
    found_by_type = Counter(p.gold_type for p in matched)
    return {
        "records": len(records),
        "records_without_pair": no_pair,
        "pairs": len(pairs),
        "found": len(matched),
        "found_directed": sum(p.found_directed for p in pairs),
        "recall": len(matched) / len(pairs) if pairs else None,
        "recall_directed": sum(p.found_directed for p in pairs) / len(pairs) if pairs else None,
        "recall_by_type": {t: (found_by_type[t], by_type[t]) for t in sorted(by_type)},
        "type_scores": types,
        "sign": signs,
        "actor_rows": len(output.actor_rows()),
        "documents_with_actor_row": len(by_doc),
        "pair_results": pairs,
    }


# --------------------------------------------------------------------------- corpus figures


def row_key(row: dict[str, str]) -> str:
    """A stable key of a relations.csv row, for judgement files."""
    return "|".join(row.get(c, "") for c in ("doc", "start", "subject_id", "relation", "object_id"))


def corpus_figures(output: Output, sample: int = 40, seed: int = 1) -> dict:
    """Actor-actor rows per 100 sentences, sentences with one, self-loop share, and a seeded sample."""
    rows = output.actor_rows()
    loops = [r for r in rows if r["subject_id"] == r["object_id"]]
    sentences_with = {(r.get("doc", ""), r.get("start", "")) for r in rows}
    rng = random.Random(seed)
    picked = rng.sample(rows, min(sample, len(rows)))
    n = output.sentences
    return {
        "documents": output.documents,
        "sentences": n,
        "relations": len(output.relations),
        "actor_rows": len(rows),
        "actor_share_of_rows": len(rows) / len(output.relations) if output.relations else None,
        "per_100_sentences": 100 * len(rows) / n if n else None,
        "sentences_with_actor_row": len(sentences_with),
        "share_sentences_without": 1 - len(sentences_with) / n if n else None,
        "self_loops": len(loops),
        "self_loop_share": len(loops) / len(rows) if rows else None,
        "distinct_actor_edges": len({(r["subject_id"], r["object_id"]) for r in rows}),
        "filled": {c: sum(bool((r.get(c) or "").strip()) for r in rows)
                   for c in ("event", "intensity", "date", "event_date") if output.has(c)},
        "sample": picked,
    }


def read_judgements(path: str | Path) -> dict[str, str]:
    """A judgement file: tab-separated ``key<TAB>verdict`` lines (``#`` comments, blank lines skipped).

    ``key`` is the sample's row key (printed with the sample: doc|start|subject_id|relation|object_id),
    ``verdict`` is ``y`` (right: both ends are the right actors and the relation holds between
    them as the sentence states), ``n`` (wrong) or ``?`` (cannot tell; not scored). Further
    columns (notes) are ignored.
    """
    verdicts: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise ValueError(f"{path}: expected 'key<TAB>verdict': {line!r}")
        verdict = parts[1].strip().lower()
        if verdict not in ("y", "n", "?"):
            raise ValueError(f"{path}: verdict must be y, n or ?: {line!r}")
        verdicts[parts[0]] = verdict
    return verdicts


def score_judgements(verdicts: dict[str, str]) -> tuple[float | None, int, int]:
    """``(share right, right, judged)`` over the y/n verdicts."""
    judged = [v for v in verdicts.values() if v in ("y", "n")]
    right = sum(v == "y" for v in judged)
    return (right / len(judged) if judged else None), right, len(judged)


# --------------------------------------------------------------------------- BBC gold


class GoldFileError(ValueError):
    """An events gold file that cannot be used: the message is one line naming the file."""


EVENT_COLUMNS = (
    "sent_start", "sent_end", "source_start", "source_end", "source", "source_kind",
    "target_start", "target_end", "target", "target_kind", "type", "negated",
)
_CLUSTER = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")


@dataclass(frozen=True)
class GoldEnd:
    start: int
    end: int
    cluster: str
    kind: str


@dataclass(frozen=True)
class GoldPair:
    source: GoldEnd
    target: GoldEnd
    type: str
    negated: bool


@dataclass
class GoldSentence:
    doc: str
    start: int
    end: int
    pairs: list[GoldPair] = field(default_factory=list)


@dataclass
class EventsDocument:
    name: str
    text: str
    sentences: list[GoldSentence]


def sha256_hex(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_events_tsv(path: str | Path, articles_dir: str | Path | None = None) -> EventsDocument:
    """Read one ``NNN.tsv`` (format in ``data/bbc-events/README.md``); check the article's sha256.

    With ``articles_dir`` the article ``# doc:`` is read from there (as UTF-8
    bytes, line ends untouched) and must have the file's ``# sha256:``; every
    offset must lie inside the text. Without it only the file is parsed
    (``text`` is empty).
    """
    path = Path(path)
    header: dict[str, str] = {}
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            header[key.strip()] = value.strip()
        elif line.strip():
            rows.append((number, line.split("\t")))
    if "doc" not in header or "sha256" not in header:
        raise GoldFileError(f"{path}: needs '# doc:' and '# sha256:' header lines")
    if not rows or tuple(rows[0][1]) != EVENT_COLUMNS:
        raise GoldFileError(f"{path}: first row must be the column header {'/'.join(EVENT_COLUMNS)}")
    text = ""
    if articles_dir is not None:
        article = Path(articles_dir) / header["doc"]
        if not article.is_file():
            raise GoldFileError(f"{path}: article {header['doc']} not found in {articles_dir}")
        if sha256_hex(article) != header["sha256"].lower():
            raise GoldFileError(f"{path}: sha256 of {article} differs from the file's '# sha256:' (article changed?)")
        text = article.read_bytes().decode("utf-8")
    sentences: dict[tuple[int, int], GoldSentence] = {}
    for number, cells in rows[1:]:
        where = f"{path}:{number}"
        if len(cells) != len(EVENT_COLUMNS):
            raise GoldFileError(f"{where}: expected {len(EVENT_COLUMNS)} tab-separated cells, got {len(cells)}")
        row = dict(zip(EVENT_COLUMNS, cells))
        try:
            s_start, s_end = int(row["sent_start"]), int(row["sent_end"])
        except ValueError:
            raise GoldFileError(f"{where}: sentence offsets must be integers") from None
        if not 0 <= s_start < s_end or (text and s_end > len(text)):
            raise GoldFileError(f"{where}: bad sentence offsets {s_start}-{s_end}")
        sentence = sentences.setdefault((s_start, s_end), GoldSentence(header["doc"], s_start, s_end))
        if row["type"] == "-":
            continue  # a sentence with no actor pair
        ends = []
        for side in ("source", "target"):
            try:
                start, end = int(row[f"{side}_start"]), int(row[f"{side}_end"])
            except ValueError:
                raise GoldFileError(f"{where}: {side} offsets must be integers") from None
            if not s_start <= start < end <= s_end:
                raise GoldFileError(f"{where}: {side} span {start}-{end} is not inside its sentence")
            if not _CLUSTER.match(row[side]):
                raise GoldFileError(f"{where}: bad cluster id {row[side]!r}")
            if row[f"{side}_kind"] not in NAMING_KINDS:
                raise GoldFileError(f"{where}: {side}_kind must be one of {', '.join(NAMING_KINDS)}")
            ends.append(GoldEnd(start, end, row[side], row[f"{side}_kind"]))
        if row["type"] not in ALL_TYPES:
            raise GoldFileError(f"{where}: unknown type {row['type']!r}")
        if row["negated"] not in ("yes", "no"):
            raise GoldFileError(f"{where}: negated must be yes or no")
        sentence.pairs.append(GoldPair(ends[0], ends[1], row["type"], row["negated"] == "yes"))
    return EventsDocument(header["doc"], text, sorted(sentences.values(), key=lambda s: s.start))


def load_events_gold(gold_dir: str | Path, articles_dir: str | Path | None = None) -> list[EventsDocument]:
    """Every ``*.tsv`` of ``gold_dir``, in name order."""
    return [load_events_tsv(p, articles_dir) for p in sorted(Path(gold_dir).glob("*.tsv"))]


def naming_of(surface: str) -> str:
    """How a system edge's end is named, guessed from its text (for precision by naming).

    A heuristic: ``pronoun`` (one pronoun word); ``title`` when the last word
    is a role noun (:data:`ROLE_WORDS`: "the chancellor", "Tory leader");
    ``name`` when a word other than a leading determiner is capitalised
    ("Mr Blair", "the BBC"); else ``np`` ("the security services").
    """
    words = surface.strip().split()
    if not words:
        return "np"
    if len(words) == 1 and words[0].lower().strip(".,'’") in PRONOUNS:
        return "pronoun"
    last = words[-1].lower().strip(".,'’")
    if last.endswith("'s") or last.endswith("’s"):
        last = last[:-2]
    first_det = words[0].lower() in {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"}
    capitals = [w for i, w in enumerate(words) if w[:1].isupper() and not (i == 0 and first_det)]
    if last in ROLE_WORDS:
        return "title"
    if capitals:
        return "name"
    return "np"


@dataclass
class EndIdentity:
    """Which system nodes stand for which gold cluster in a document (:func:`cluster_nodes`)."""

    nodes: dict[tuple[str, str], set[str]]  # (doc, cluster) -> node ids

    def of(self, doc: str, cluster: str) -> set[str]:
        return self.nodes.get((doc, cluster), set())


def _slug_tokens(cluster: str) -> set[str]:
    return {t for t in re.split(r"[-_.]", cluster) if t} - _STOP - {"city", "party"}


def cluster_nodes(docs: Sequence[EventsDocument], output: Output,
                  coref_names: dict[str, list[tuple[int, int, str]]] | None = None) -> EndIdentity:
    """The system nodes that stand for each gold cluster in each document.

    A node stands for cluster ``c`` in a document when one of its mentions
    there overlaps a *name* span of ``c``: a ``name`` end of the events gold,
    or (``coref_names``: doc -> [(start, end, cluster)]) a ``name`` mention of
    the entity gold ``bbc-coref/``; or when its label and aliases together
    hold every word of the cluster id ("tony-blair": "Tony Blair"; not
    "prince-harry": "Prince William"; "party", "city" and function words
    of the id are ignored). A pronoun or title
    resolved to the wrong node therefore does not match.
    """
    nodes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in docs:
        spans: list[tuple[int, int, str]] = [
            (end.start, end.end, end.cluster)
            for sentence in doc.sentences
            for pair in sentence.pairs
            for end in (pair.source, pair.target)
            if end.kind == "name"
        ]
        spans += (coref_names or {}).get(doc.name, [])
        clusters = {end.cluster for s in doc.sentences for p in s.pairs for end in (p.source, p.target)}
        for start, end, cluster in spans:
            if cluster in clusters:
                nodes[(doc.name, cluster)] |= {n for n in output.mentions_in(doc.name, start, end) if output.is_actor(n)}
        doc_nodes = {eid for (d, eid) in output.mentions if d == doc.name and output.is_actor(eid)}
        for cluster in clusters:
            slug = _slug_tokens(cluster)
            for eid in doc_nodes:
                words = set().union(*(content_tokens(n) for n in output.entity_names.get(eid, [""])))
                if slug and slug <= words:
                    nodes[(doc.name, cluster)].add(eid)
    return EndIdentity(dict(nodes))


def _sentence_of(sentences: Sequence[GoldSentence], start: int, end: int) -> GoldSentence | None:
    """The gold sentence that overlaps ``[start, end)`` most (none: ``None``)."""
    best, overlap = None, 0
    for sentence in sentences:
        o = min(end, sentence.end) - max(start, sentence.start)
        if o > overlap:
            best, overlap = sentence, o
    return best


def _prf(tp: int, predicted: int, gold: int) -> tuple[float | None, float | None, float | None]:
    p = tp / predicted if predicted else None
    r = tp / gold if gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f


def score_bbc(docs: Sequence[EventsDocument], output: Output, identity: EndIdentity) -> dict:
    """Actor-edge precision and recall against the BBC events gold, overall and by naming.

    System edges: actor-actor rows (self-loops included) of the annotated
    documents whose sentence (``start``/``end`` columns) overlaps an annotated
    sentence; each is assigned to the gold sentence it overlaps most. An edge
    is *right* when some gold pair of that sentence has its subject standing
    for one end's cluster and its object for the other's
    (:func:`cluster_nodes`); *right-direction* when subject = source. A gold
    pair is *found* when some edge of its sentence is right for it.

    Precision = right edges / edges; recall = found pairs / gold pairs. By
    naming: a gold pair counts under each kind its two ends have (a
    name-pronoun pair under ``name`` and ``pronoun``); an edge under each kind
    :func:`naming_of` gives its subject and object text.
    """
    by_doc = {d.name: d for d in docs}
    edges = []
    for row in output.actor_rows():
        doc = by_doc.get(row.get("doc", ""))
        if doc is None:
            continue
        try:
            start, end = int(row["start"]), int(row["end"])
        except (KeyError, ValueError):
            continue
        sentence = _sentence_of(doc.sentences, start, end)
        if sentence is not None:
            edges.append((row, sentence))

    def fits(row: dict[str, str], pair: GoldPair, doc: str) -> tuple[bool, bool]:
        subj, obj = row["subject_id"], row["object_id"]
        src, tgt = identity.of(doc, pair.source.cluster), identity.of(doc, pair.target.cluster)
        forward = subj in src and obj in tgt
        backward = subj in tgt and obj in src
        if subj == obj and pair.source.cluster != pair.target.cluster:
            return False, False
        return forward or backward, forward

    right = right_dir = 0
    edge_kinds: Counter = Counter()
    edge_right_kinds: Counter = Counter()
    found_pairs: dict[int, tuple[bool, bool]] = {}
    pair_list = [(s, p) for d in docs for s in d.sentences for p in s.pairs]
    index = {id(p): i for i, (_, p) in enumerate(pair_list)}
    predicted_types: dict[int, str] = {}
    for row, sentence in edges:
        any_fit = any_dir = False
        for pair in sentence.pairs:
            ok, forward = fits(row, pair, sentence.doc)
            if ok:
                any_fit = True
                any_dir = any_dir or forward
                i = index[id(pair)]
                was = found_pairs.get(i, (False, False))
                found_pairs[i] = (True, was[1] or forward)
                if row.get("event") and (i not in predicted_types or forward):
                    predicted_types[i] = row["event"].strip().upper()
        right += any_fit
        right_dir += any_dir
        kinds = {naming_of(row.get("subject", "")), naming_of(row.get("object", ""))}
        for kind in kinds:
            edge_kinds[kind] += 1
            edge_right_kinds[kind] += any_fit
    gold_kinds: Counter = Counter()
    found_kinds: Counter = Counter()
    for i, (_, pair) in enumerate(pair_list):
        for kind in {pair.source.kind, pair.target.kind}:
            gold_kinds[kind] += 1
            found_kinds[kind] += found_pairs.get(i, (False, False))[0]
    found = sum(v[0] for v in found_pairs.values())
    found_dir = sum(v[1] for v in found_pairs.values())
    # event types over the found pairs that are typed in the gold as a PLOVER type
    typed = [(p.type, predicted_types.get(i, "")) for i, (_, p) in enumerate(pair_list)
             if found_pairs.get(i, (False, False))[0]]
    types = classification_scores([g for g, _ in typed], [p for _, p in typed]) if output.has("event") else None
    sentences = [s for d in docs for s in d.sentences]
    return {
        "documents": [d.name for d in docs],
        "sentences": len(sentences),
        "sentences_without_pair": sum(not s.pairs for s in sentences),
        "gold_pairs": len(pair_list),
        "edges": len(edges),
        "right": right,
        "right_directed": right_dir,
        "found": found,
        "found_directed": found_dir,
        "undirected": _prf(right, len(edges), len(pair_list))[:1] + (found / len(pair_list) if pair_list else None,),
        "directed": _prf(right_dir, len(edges), len(pair_list))[:1] + (found_dir / len(pair_list) if pair_list else None,),
        "by_kind": {
            kind: {
                "gold": gold_kinds[kind], "found": found_kinds[kind],
                "recall": found_kinds[kind] / gold_kinds[kind] if gold_kinds[kind] else None,
                "edges": edge_kinds[kind], "right": edge_right_kinds[kind],
                "precision": edge_right_kinds[kind] / edge_kinds[kind] if edge_kinds[kind] else None,
            }
            for kind in NAMING_KINDS
        },
        "type_scores": types,
        "gold_types": dict(Counter(p.type for _, p in pair_list)),
    }


def read_coref_names(coref_dir: Path, names: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
    """``name`` mentions of ``bbc-coref/NNN.tsv`` for the given articles: doc -> [(start, end, cluster)]."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for name in names:
        path = coref_dir / (Path(name).stem + ".tsv")
        if not path.is_file():
            continue
        spans = []
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("#") or len(cells) != 4 or cells[0] == "start":
                continue
            if cells[3] == "name":
                spans.append((int(cells[0]), int(cells[1]), cells[2]))
        out[name] = spans
    return out


# --------------------------------------------------------------------------- report


def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def print_gsr(result: dict, output: Output) -> None:
    print("== PLOVER gold standard records")
    print(
        f"{result['records']} records ({result['records_without_pair']} with a lone source and no target: no pair), "
        f"{result['pairs']} gold source-target pairs; {output.documents} documents, {output.sentences} sentences, "
        f"{result['actor_rows']} actor-actor rows in {result['documents_with_actor_row']} documents "
        f"(build {output.seconds:.1f} s)"
    )
    print(f"pair recall, either direction   {fmt(result['recall'])}  ({result['found']}/{result['pairs']})")
    print(f"pair recall, right direction    {fmt(result['recall_directed'])}  ({result['found_directed']}/{result['pairs']})")
    types = result["type_scores"]
    if types is None:
        print("event-type accuracy             n/a  (relations.csv has no 'event' column)")
        print("event-type macro-F1             n/a")
    else:
        print(f"event-type accuracy             {fmt(types.accuracy)}  (over {types.n} matched pairs)")
        print(f"event-type macro-F1             {fmt(types.macro_f1)}  ({len(types.per_class)} labels)")
    if result["sign"] is None:
        print("sign accuracy                   n/a  (relations.csv has no 'intensity' column)")
    else:
        share, right, total = result["sign"]
        print(f"sign accuracy                   {fmt(share)}  ({right}/{total})")
    print("recall by gold type: " + ", ".join(f"{t} {f}/{n}" for t, (f, n) in result["recall_by_type"].items()))
    print()


def print_corpus(figures: dict, output: Output, judgements: str | None) -> None:
    print("== Corpus figures")
    print(
        f"{figures['documents']} documents, {figures['sentences']} sentences (BuildStats.sentences), "
        f"{figures['relations']} relations.csv rows (build {output.seconds:.1f} s)"
    )
    print(f"actor-actor rows                {figures['actor_rows']} ({fmt(figures['actor_share_of_rows'])} of rows; "
          f"{figures['distinct_actor_edges']} distinct subject-object pairs)")
    print(f"actor-actor rows / 100 sent.    {fmt(figures['per_100_sentences'], 2)}")
    print(f"sentences without one           {fmt(figures['share_sentences_without'])}")
    print(f"self-loops among them           {fmt(figures['self_loop_share'])} ({figures['self_loops']})")
    for column in ("event", "intensity", "date", "event_date"):
        if column in figures["filled"]:
            print(f"rows with {column:<10}          {figures['filled'][column]}/{figures['actor_rows']}")
        else:
            print(f"rows with {column:<10}          n/a  (no '{column}' column)")
    print(f"\nseeded sample of {len(figures['sample'])} actor-actor rows (key | subject -relation-> object | sentence):")
    for i, row in enumerate(figures["sample"], 1):
        print(f"{i:3}. {row_key(row)}")
        print(f"     {row.get('subject')} [{row.get('subject_id')}] -{row.get('relation')}-> "
              f"{row.get('object')} [{row.get('object_id')}]"
              + (f"  event={row.get('event')} intensity={row.get('intensity')}" if output.has("event") else ""))
        print(f"     {row.get('sentence')}")
    if judgements:
        verdicts = read_judgements(judgements)
        keys = {row_key(r) for r in figures["sample"]}
        missing = keys - set(verdicts)
        share, right, judged = score_judgements({k: v for k, v in verdicts.items() if k in keys})
        print(f"\njudged sample ({judgements}): {fmt(share)} right ({right}/{judged} judged y/n; "
              f"{len(missing)} sample rows without a verdict)")
    print()


def print_bbc(result: dict) -> None:
    print("== BBC events gold")
    print(
        f"{len(result['documents'])} articles, {result['sentences']} sentences "
        f"({result['sentences_without_pair']} without an actor pair), {result['gold_pairs']} gold pairs; "
        f"{result['edges']} graphkit actor-actor edges in those sentences"
    )
    for label, key, right, found in (
        ("either direction", "undirected", result["right"], result["found"]),
        ("right direction", "directed", result["right_directed"], result["found_directed"]),
    ):
        p, r = result[key]
        f = 2 * p * r / (p + r) if p and r else None
        print(f"{label:<18} P {fmt(p)} ({right}/{result['edges']})  R {fmt(r)} ({found}/{result['gold_pairs']})  F1 {fmt(f)}")
    print(f"\n{'by naming':<10}{'recall':>10}{'found/gold':>12}{'precision':>12}{'right/edges':>13}")
    for kind, v in result["by_kind"].items():
        print(f"{kind:<10}{fmt(v['recall']):>10}{v['found']:>6}/{v['gold']:<5}{fmt(v['precision']):>12}{v['right']:>7}/{v['edges']:<5}")
    types = result["type_scores"]
    print(f"\nevent-type accuracy over found pairs: {fmt(types.accuracy) if types else 'n/a'}; "
          f"macro-F1 {fmt(types.macro_f1) if types else 'n/a'}")
    print()


def commit_of() -> str:
    try:
        return subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def _jsonable(value):
    if isinstance(value, ClassScores):
        return {"accuracy": value.accuracy, "macro_f1": value.macro_f1, "n": value.n,
                "per_class": {k: dict(zip(("precision", "recall", "f1", "gold"), v)) for k, v in value.per_class.items()}}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, PairResult):
        return _jsonable(value.__dict__)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gsr", default=str(DEFAULT_GSR), help="PLOVER GSR JSON file (default: %(default)s)")
    parser.add_argument("--no-gsr", action="store_true", help="skip the GSR benchmark")
    parser.add_argument("--corpus", help="folder of articles for the corpus figures")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--judgements", help="judged sample (key<TAB>y|n|?) to score")
    parser.add_argument("--bbc", help="folder of the BBC articles the events gold points into")
    parser.add_argument("--bbc-gold", default=str(BBC_EVENTS_DIR))
    parser.add_argument("--bbc-coref", default=str(BBC_COREF_DIR), help="entity gold used to identify nodes")
    parser.add_argument("--model")
    parser.add_argument("--json", help="write every figure to this JSON file")
    args = parser.parse_args(argv)

    import graphkit

    figures: dict = {
        "date": datetime.date.today().isoformat(),
        "commit": commit_of(),
        "graphkit": str(Path(graphkit.__file__).parent),
    }
    print(f"graphkit from {figures['graphkit']}, repository commit {figures['commit']}\n")
    if not args.no_gsr:
        records, skipped = load_gsr(args.gsr)
        if skipped:
            print("GSR records skipped: " + ", ".join(f"{k} {v}" for k, v in skipped.items()))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "gsr.jsonl"
            with open(path, "w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps({"id": record.id, "text": record.text, "date": record.date}) + "\n")
            output = run_graphkit([path], args.model)
        result = score_gsr(records, output)
        print_gsr(result, output)
        figures["gsr"] = {k: v for k, v in result.items() if k != "pair_results"}
        figures["gsr"]["columns"] = output.columns
        figures["gsr_pairs"] = result["pair_results"]
    if args.corpus:
        files = sorted(p for p in Path(args.corpus).iterdir() if p.suffix in (".txt", ".md", ".jsonl"))
        output = run_graphkit(files, args.model)
        result = corpus_figures(output, args.sample, args.seed)
        print_corpus(result, output, args.judgements)
        figures["corpus"] = {k: v for k, v in result.items() if k != "sample"}
        figures["corpus"]["sample"] = [{"key": row_key(r), **r} for r in result["sample"]]
    if args.bbc:
        try:
            docs = load_events_gold(args.bbc_gold, args.bbc)
        except GoldFileError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as tmp:
            for doc in docs:
                (Path(tmp) / doc.name).write_bytes((Path(args.bbc) / doc.name).read_bytes())
            output = run_graphkit([Path(tmp)], args.model)
        coref = read_coref_names(Path(args.bbc_coref), [d.name for d in docs])
        identity = cluster_nodes(docs, output, coref)
        result = score_bbc(docs, output, identity)
        print_bbc(result)
        figures["bbc"] = result
    if args.json:
        Path(args.json).write_text(json.dumps(_jsonable(figures), indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
