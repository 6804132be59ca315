"""Score graphkit's entity resolution (mention clustering) against hand-annotated news.

Usage::

    python benchmarks/resolution.py [--bbc ARTICLES_DIR] [--bbc-gold benchmarks/data/bbc-coref]
                                    [--errors] [--top N] [--limit N] [--model NAME] [--json FILE]
    python benchmarks/resolution.py --corpus ARTICLES_DIR [--top 25] [--sample 50 --seed 1]
                                    [--model NAME] [--json FILE]

Benchmark: reads the 14 documents we wrote and annotated inline
(``benchmarks/data/coref/``, format in its README), writes their plain text
to a temporary folder and runs ``graphkit.build`` on it. With ``--bbc``, it
also scores the BBC articles annotated as offsets in ``--bbc-gold`` (format in
``benchmarks/data/bbc-coref/README.md``): the annotated articles, and only
they, are copied from ARTICLES_DIR to a temporary folder under their own names
and built together. The articles are never copied into the repository.

Every gold mention is aligned with the system mention that overlaps its head
best (``coref_eval.align``); a gold mention no system mention covers is a
singleton. The same gold mentions are also clustered by the baseline "same
normalised string = same entity". Both clusterings are scored with B³ and
pairwise P/R/F1 (all pairs, and pairs within one document), pronoun accuracy
(he/she/him/his/her and it/its/they/them/their) and role recall; definitions
in ``coref_eval.b_cubed``, ``coref_eval.pairwise`` and
``coref_eval.kind_accuracies``. ``--errors`` lists graphkit's worst false
merges and splits (``--top`` of them, default 15).

Corpus report (``--corpus``): builds every article of the folder and prints
the ``--top`` (default 25) most-mentioned actor entities (every type but
CONCEPT) with their aliases, the number of actor nodes, a seeded random
sample of ``--sample`` of them for a human to judge (fragments, wrong types),
and a heuristic count of likely fragments (:func:`fragment_signals`).
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCHMARKS_DIR / "data" / "coref"
BBC_GOLD_DIR = BENCHMARKS_DIR / "data" / "bbc-coref"

sys.path.insert(0, str(BENCHMARKS_DIR))  # coref_eval sits beside this script
import coref_eval
from coref_eval import GoldDocument, GoldMention, SystemSpan

SYSTEMS = ("graphkit", "same-string baseline")
ACCURACY_ROWS = (
    ("he/she", "he/she/him/his/her"),
    ("it/they", "it/its/they/them/their"),
    ("pronouns", "all pronouns"),
    ("roles", "roles (recall)"),
)


def run_graphkit(
    docs: list[GoldDocument],
    model: str | None = None,
    sources: dict[str, Path] | None = None,
) -> tuple[list[SystemSpan], dict[str, str]]:
    """Build a graph of ``docs``; return its mentions as spans and entity types by id.

    A document named in ``sources`` is copied byte for byte from there (a BBC
    article); the others are written from their stripped text. Each file gets
    the document's name, which is the document id graphkit gives it.
    """
    import graphkit

    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            target = Path(tmp) / doc.name
            if sources and doc.name in sources:
                shutil.copyfile(sources[doc.name], target)
            else:
                target.write_text(doc.text, encoding="utf-8", newline="")
        kwargs = {"model": model} if model else {}
        kg = graphkit.build([tmp], **kwargs)
    spans = [
        SystemSpan(mention.doc_id, mention.start, mention.end, entity.id)
        for entity in kg.entities
        for mention in entity.mentions
    ]
    return spans, {entity.id: entity.type for entity in kg.entities}


def score_clusterings(mentions: list[GoldMention], rows: dict[str, list]) -> dict[str, dict]:
    """B³, pairwise (all pairs, within-document pairs) and kind accuracies of each named clustering."""
    gold = [m.cluster for m in mentions]
    docs = [m.doc for m in mentions]
    return {
        name: {
            "b3": coref_eval.b_cubed(gold, system),
            "pairs": coref_eval.pairwise(gold, system),
            "within": coref_eval.pairwise(gold, system, docs),
            "accuracy": coref_eval.kind_accuracies(mentions, system),
        }
        for name, system in rows.items()
    }


def evaluate(
    docs: list[GoldDocument], model: str | None = None, sources: dict[str, Path] | None = None
) -> dict:
    """Build ``docs`` with graphkit, align and score; everything the report and ``--errors`` need."""
    mentions = [m for doc in docs for m in doc.mentions]
    texts = {doc.name: doc.text for doc in docs}
    started = time.perf_counter()
    spans, types = run_graphkit(docs, model, sources)
    seconds = time.perf_counter() - started
    system = coref_eval.align(mentions, texts, spans)
    baseline = [coref_eval.baseline_key(m.text) for m in mentions]
    return {
        "documents": [doc.name for doc in docs],
        "mentions": mentions,
        "system": system,
        "types": types,
        "seconds": seconds,
        "kinds": dict(Counter(m.kind for m in mentions)),
        "clusters": len({m.cluster for m in mentions}),
        "covered": sum(s is not None for s in system),
        "scores": score_clusterings(mentions, {SYSTEMS[0]: system, SYSTEMS[1]: baseline}),
    }


def print_report(title: str, result: dict) -> None:
    """Print one benchmark's counts, its clustering table and its accuracy table."""
    mentions = result["mentions"]
    kinds = result["kinds"]
    print(f"== {title}")
    print(
        f"{len(result['documents'])} documents, {len(mentions)} gold mentions "
        f"({kinds.get('name', 0)} names, {kinds.get('role', 0)} roles, {kinds.get('pronoun', 0)} pronouns), "
        f"{result['clusters']} gold clusters; {result['covered']} gold mentions covered by a graphkit mention "
        f"(build {result['seconds']:.1f} s)\n"
    )
    scores = result["scores"]
    print(f"{'system':<22}{'B³':^24}{'all pairs':^24}{'within-document pairs':^24}")
    print(f"{'':<22}" + f"{'P':>8}{'R':>8}{'F1':>8}" * 3)
    for name, score in scores.items():
        cells = "".join(
            f"{value:8.3f}"
            for prf in (score["b3"], score["pairs"], score["within"])
            for value in (prf.precision, prf.recall, prf.f1)
        )
        print(f"{name:<22}{cells}")
    print()
    print(f"{'right entity':<26}" + "".join(f"{name:>24}" for name in scores))
    for key, label in ACCURACY_ROWS:
        cells = ""
        for score in scores.values():
            accuracy = score["accuracy"][key]
            text = f"{accuracy.right}/{accuracy.total}"
            cells += f"{(f'{accuracy.share:.3f}' if accuracy.total else '-'):>14}{text:>10}"
        print(f"{label:<26}{cells}")
    for name, score in scores.items():
        every, within = score["pairs"], score["within"]
        print(
            f"  {name}: pairs predicted/true/gold = {every.predicted_pairs}/{every.true_pairs}/{every.gold_pairs} (all), "
            f"{within.predicted_pairs}/{within.true_pairs}/{within.gold_pairs} (within)"
        )
    print()


def result_json(result: dict) -> dict:
    """The figures of one benchmark, as JSON-ready values."""
    return {
        "documents": result["documents"],
        "gold_mentions": len(result["mentions"]),
        "gold_kinds": result["kinds"],
        "gold_clusters": result["clusters"],
        "covered_by_graphkit": result["covered"],
        "systems": {
            name: {
                "b3": asdict(score["b3"]),
                "pairs_all": asdict(score["pairs"]),
                "pairs_within_document": asdict(score["within"]),
                "accuracy": {
                    key: {"right": acc.right, "total": acc.total, "share": acc.share}
                    for key, acc in score["accuracy"].items()
                },
            }
            for name, score in result["scores"].items()
        },
    }


def print_errors(
    mentions: list[GoldMention], system: list, types: dict[str, str], limit: int
) -> None:
    """Print graphkit's worst false merges and splits, with surface forms."""

    def named(entity: str) -> str:
        return f"{entity} [{types[entity]}]" if entity in types else entity

    print(f"Worst false merges (system cluster joins gold clusters), top {limit}:")
    for group in coref_eval.false_merges(mentions, system)[:limit]:
        print(
            f"  {group.pairs:4d} pairs  {group.gold[0]} + {group.gold[1]}  in {named(group.system[0])}"
        )
        print(f"             e.g. {'; '.join(group.examples)}")
    print(
        f"\nWorst splits (gold cluster spread over system clusters; '-' = no system mention), top {limit}:"
    )
    for group in coref_eval.splits(mentions, system)[:limit]:
        print(
            f"  {group.pairs:4d} pairs missed  {group.gold[0]}: {len(group.system)} parts"
        )
        for label, example in list(zip(group.system, group.examples))[:6]:
            print(f"             {named(label) if label != '-' else '-'}: {example}")
    majority = coref_eval.majority_clusters(
        mentions, system, [i for i, m in enumerate(mentions) if m.kind != "pronoun"]
    )
    wrong = [
        (m, entity)
        for m, entity in zip(mentions, system)
        if m.kind == "pronoun" and (entity is None or majority.get(entity) != m.cluster)
    ]
    print(f"\nPronouns that went to the wrong entity or to none: {len(wrong)}")
    for m, entity in wrong[: limit * 2]:
        print(f"  {m.doc} {m.start}: {m.text!r} of {m.cluster} -> {named(entity) if entity else '-'}")
    unmatched = [m for m, s in zip(mentions, system) if s is None]
    print(
        f"\nGold mentions with no overlapping system mention: {len(unmatched)} of {len(mentions)}"
    )
    counts: dict[str, int] = {}
    for mention in unmatched:
        counts[mention.text] = counts.get(mention.text, 0) + 1
    print(
        "  "
        + "; ".join(
            f"{text}×{n}" if n > 1 else text
            for text, n in sorted(counts.items(), key=lambda kv: -kv[1])
        )
    )
    print()


# --- corpus report -----------------------------------------------------------

FUNCTION_WORDS = frozenset(
    """a an the of and or but to in on at by for from with as into than that this these those
    which who whom whose its his her their our s 's""".split()
)
CURRENCY_WORDS = frozenset(
    "pound pounds dollar dollars euro euros pence cents yen sterling bn".split()
)
TIME_ZONES = frozenset("GMT BST UTC EST EDT CST CDT MST MDT PST PDT CET CEST EET IST".split())
_DASHES = "-–—"


def fragment_signals(label: str) -> list[str]:
    """Why ``label`` looks like a fragment rather than an actor's name (heuristic; [] when it does not).

    Signals: ``function-word`` (the first or last word is a function word such
    as "of", "the", "and"), ``dash`` (starts or ends with a dash, or a spaced
    dash joins two phrases: "MPs - Keith Vaz"), ``digits-or-money`` (holds a
    digit, unless it is one all-caps word such as MI6 or G8; or a lower-case
    currency word or amount such as "pounds", "bn", "4bn": "Stephen Pound" is
    not one), ``time-zone`` (an all-caps time zone such as GMT),
    ``lower-case`` (the first character is a lower-case letter).
    """
    signals = []
    text = label.strip()
    words = re.findall(r"[\w']+", text)
    lowered = [word.lower() for word in words]
    if lowered and (lowered[0] in FUNCTION_WORDS or lowered[-1] in FUNCTION_WORDS):
        signals.append("function-word")
    if text[:1] in _DASHES or text[-1:] in _DASHES or re.search(r"\s[-–—]\s", text):
        signals.append("dash")
    acronym = re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", text) is not None  # MI6, G8: names
    money = any(word in CURRENCY_WORDS or re.fullmatch(r"\d+(?:bn|m|k)", word) for word in words)
    if (any(char.isdigit() for char in text) and not acronym) or money:
        signals.append("digits-or-money")
    if text in TIME_ZONES:
        signals.append("time-zone")
    if text[:1].islower():
        signals.append("lower-case")
    return signals


def _aliases(entity, limit: int | None = None) -> str:
    forms = [(name, n) for name, n in entity.aliases if name != entity.label]
    shown = forms[:limit] if limit else forms
    text = ", ".join(f"{name}×{n}" if n > 1 else name for name, n in shown)
    if limit and len(forms) > limit:
        text += f", … (+{len(forms) - limit})"
    return text


def corpus_report(folder: Path, model: str | None, top: int, sample: int, seed: int) -> dict:
    """Build every article of ``folder``; print the top actors, a sample and the heuristic fragment count."""
    import graphkit

    started = time.perf_counter()
    kwargs = {"model": model} if model else {}
    kg = graphkit.build([folder], **kwargs)
    seconds = time.perf_counter() - started
    actors = sorted((e for e in kg.entities if e.type != "CONCEPT"), key=lambda e: e.id)
    print(
        f"== Corpus {folder}: {len(kg.documents)} documents, {len(kg.entities)} entities, "
        f"{len(actors)} actor nodes (every type but CONCEPT) (build {seconds:.0f} s)"
    )
    print("   actor types: " + ", ".join(f"{t} {n}" for t, n in Counter(e.type for e in actors).most_common()))

    ranked = sorted(actors, key=lambda e: (-len(e.mentions), e.label))[:top]
    print(f"\n(a) The {top} most-mentioned actors (mentions; aliases with counts):")
    for rank, entity in enumerate(ranked, 1):
        print(f"{rank:3d}. {entity.label} [{entity.type}] {len(entity.mentions)}: {_aliases(entity, 10)}")

    rng = random.Random(seed)
    chosen = sorted(rng.sample(actors, min(sample, len(actors))), key=lambda e: e.label.lower())
    print(
        f"\n(b) {len(actors)} actor nodes. A random sample of {len(chosen)} (seed {seed}) to judge by hand "
        "(fragment? wrong type?):"
    )
    for entity in chosen:
        print(f"  {entity.label} [{entity.type}] {len(entity.mentions)}: {_aliases(entity, 6)}")

    flagged = {e.id: fragment_signals(e.label) for e in actors}
    flagged = {k: v for k, v in flagged.items() if v}
    by_signal = Counter(signal for signals in flagged.values() for signal in signals)
    print(
        f"\nLikely fragments (HEURISTIC, from the label alone; judge the sample for the real count): "
        f"{len(flagged)} of {len(actors)} actor nodes"
    )
    print("   by signal: " + ", ".join(f"{s} {n}" for s, n in by_signal.most_common()))
    labels = sorted(kg.entity(k).label for k in flagged)
    print("   " + "; ".join(labels))
    return {
        "folder": str(folder),
        "documents": len(kg.documents),
        "actor_nodes": len(actors),
        "actor_types": dict(Counter(e.type for e in actors)),
        "top": [
            {"label": e.label, "id": e.id, "type": e.type, "mentions": len(e.mentions), "aliases": dict(e.aliases)}
            for e in ranked
        ],
        "sample": {
            "seed": seed,
            "nodes": [
                {"label": e.label, "id": e.id, "type": e.type, "mentions": len(e.mentions), "aliases": dict(e.aliases)}
                for e in chosen
            ],
        },
        "heuristic_fragments": {
            "count": len(flagged),
            "by_signal": dict(by_signal),
            "labels": labels,
        },
        "build_seconds": seconds,
    }


def _provenance() -> dict:
    """Date, the checkout's commit and where graphkit was imported from."""
    import graphkit

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=BENCHMARKS_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    return {
        "date": datetime.date.today().isoformat(),
        "commit": commit,
        "graphkit": str(Path(graphkit.__file__).resolve().parent),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or the corpus report) and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bbc", type=Path, metavar="ARTICLES_DIR",
        help="also score the BBC articles of this folder annotated in --bbc-gold",
    )
    parser.add_argument(
        "--bbc-gold", type=Path, default=BBC_GOLD_DIR, metavar="DIR",
        help="folder of NNN.tsv offset gold files (default: benchmarks/data/bbc-coref)",
    )
    parser.add_argument(
        "--errors", action="store_true", help="list graphkit's worst false merges and splits"
    )
    parser.add_argument(
        "--top", type=int,
        help="error groups to list (default 15); with --corpus, actors to list (default 25)",
    )
    parser.add_argument("--limit", type=int, help="use only the first N documents of each gold set")
    parser.add_argument("--model", help="spaCy model for graphkit (default: graphkit's)")
    parser.add_argument(
        "--data", type=Path, default=DATA_DIR, help="folder of annotated .md files"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE")
    parser.add_argument(
        "--corpus", type=Path, metavar="ARTICLES_DIR",
        help="instead of the benchmark, build every article of this folder and report its actors",
    )
    parser.add_argument("--sample", type=int, default=50, help="--corpus: actor nodes to sample (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="--corpus: seed of the sample (default 1)")
    args = parser.parse_args(argv)

    figures: dict = _provenance()
    print(f"graphkit from {figures['graphkit']}, checkout at {figures['commit']}, {figures['date']}\n")
    if args.corpus:
        figures["corpus"] = corpus_report(
            args.corpus, args.model, args.top or 25, args.sample, args.seed
        )
    else:
        sets: list[tuple[str, str, list[GoldDocument], dict[str, Path] | None]] = [
            ("coref", f"Our annotated documents ({args.data})", coref_eval.load_gold(args.data)[: args.limit], None)
        ]
        if args.bbc:
            try:
                bbc_docs = coref_eval.load_tsv_gold(args.bbc_gold, args.bbc)[: args.limit]
            except coref_eval.GoldFileError as error:
                print(f"error: {error}", file=sys.stderr)
                return 1
            sets.append(
                (
                    "bbc",
                    f"BBC articles ({args.bbc_gold} on {args.bbc}): {', '.join(d.name for d in bbc_docs)}",
                    bbc_docs,
                    {doc.name: args.bbc / doc.name for doc in bbc_docs},
                )
            )
        figures["sets"] = {}
        for key, title, docs, sources in sets:
            result = evaluate(docs, args.model, sources)
            print_report(title, result)
            if args.errors:
                print_errors(result["mentions"], result["system"], result["types"], args.top or 15)
            figures["sets"][key] = result_json(result)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
