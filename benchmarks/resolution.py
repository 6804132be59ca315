"""Score graphkit's entity resolution (mention clustering) against hand-annotated news.

Usage::

    python benchmarks/resolution.py [--errors] [--limit N] [--model NAME]

Reads the annotated documents of ``benchmarks/data/coref/`` (format in its
README), writes their plain text to a temporary folder, runs
``graphkit.build`` on it and aligns every gold mention with the system
mention that overlaps it best (``coref_eval.align``); a gold mention that no
system mention covers is a singleton. The same gold mentions are also
clustered by the same-surface-string baseline. Both clusterings are scored
with pairwise precision, recall and F1 over all pairs of gold mentions and over
the pairs within one document. ``--errors`` lists the worst false merges and
splits of graphkit's clustering.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCHMARKS_DIR / "data" / "coref"

sys.path.insert(0, str(BENCHMARKS_DIR))  # coref_eval sits beside this script
import coref_eval
from coref_eval import GoldDocument, GoldMention, SystemSpan


def run_graphkit(
    docs: list[GoldDocument], model: str | None = None
) -> tuple[list[SystemSpan], dict[str, str]]:
    """Build a graph of the stripped documents; return its mentions as spans and entity types by id."""
    import graphkit

    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            (Path(tmp) / doc.name).write_text(doc.text, encoding="utf-8")
        kwargs = {"model": model} if model else {}
        kg = graphkit.build([tmp], **kwargs)
    spans = [
        SystemSpan(mention.doc_id, mention.start, mention.end, entity.id)
        for entity in kg.entities
        for mention in entity.mentions
    ]
    return spans, {entity.id: entity.type for entity in kg.entities}


def score_rows(mentions: list[GoldMention], rows: dict[str, list]) -> dict[str, tuple]:
    """Pairwise scores (all pairs, within-document pairs) of each named clustering of ``mentions``."""
    gold = [m.cluster for m in mentions]
    docs = [m.doc for m in mentions]
    return {
        name: (
            coref_eval.pairwise(gold, system),
            coref_eval.pairwise(gold, system, docs),
        )
        for name, system in rows.items()
    }


def print_table(scores: dict[str, tuple]) -> None:
    """Print P R F1 over all pairs and within-document pairs, one row per system."""
    print(f"{'system':<22}{'all pairs':^24}{'within-document':^24}")
    print(f"{'':<22}" + f"{'P':>8}{'R':>8}{'F1':>8}" * 2)
    for name, (every, within) in scores.items():
        cells = "".join(
            f"{value:8.3f}"
            for prf in (every, within)
            for value in (prf.precision, prf.recall, prf.f1)
        )
        print(f"{name:<22}{cells}")
    for name, (every, within) in scores.items():
        print(
            f"  {name}: pairs predicted/true/gold = {every.predicted_pairs}/{every.true_pairs}/{every.gold_pairs} (all), "
            f"{within.predicted_pairs}/{within.true_pairs}/{within.gold_pairs} (within)"
        )


def print_errors(
    mentions: list[GoldMention], system: list, types: dict[str, str], limit: int
) -> None:
    """Print graphkit's worst false merges and splits, with surface forms."""

    def named(entity: str) -> str:
        return f"{entity} [{types[entity]}]" if entity in types else entity

    print(f"\nWorst false merges (system cluster joins gold clusters), top {limit}:")
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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table (and errors with ``--errors``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list graphkit's worst false merges and splits",
    )
    parser.add_argument(
        "--top", type=int, default=15, help="how many error groups to list (default 15)"
    )
    parser.add_argument("--limit", type=int, help="use only the first N documents")
    parser.add_argument(
        "--model", help="spaCy model for graphkit (default: graphkit's)"
    )
    parser.add_argument(
        "--data", type=Path, default=DATA_DIR, help="folder of annotated .md files"
    )
    args = parser.parse_args(argv)

    docs = coref_eval.load_gold(args.data)[: args.limit]
    mentions = [m for doc in docs for m in doc.mentions]
    texts = {doc.name: doc.text for doc in docs}
    spans, types = run_graphkit(docs, args.model)
    system = coref_eval.align(mentions, texts, spans)
    baseline = [coref_eval.baseline_key(m.text) for m in mentions]

    print(
        f"{len(docs)} documents, {len(mentions)} gold mentions, "
        f"{len({m.cluster for m in mentions})} gold clusters; "
        f"{sum(s is not None for s in system)} gold mentions covered by a graphkit mention\n"
    )
    print_table(
        score_rows(mentions, {"graphkit": system, "same-string baseline": baseline})
    )
    if args.errors:
        print_errors(mentions, system, types, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
