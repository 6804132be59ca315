"""Extraction overhead: time of spaCy parsing alone vs parsing plus clause extraction.

    python benchmarks/speed.py [--repeat 3] [--extractor clauses.v1]

Runs on the CaRB dev sentences (one sentence per line, never split) and reports the best
of ``--repeat`` runs for each, the extraction overhead in percent and sentences per second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from graphkit.nlp import load_model, parse_lines
from graphkit.registry import DEFAULT_EXTRACTOR, get_extractor

SENTENCES = Path(__file__).resolve().parent / "data" / "carb-dev" / "sentences.txt"


def _best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR)
    args = parser.parse_args()
    lines = [line for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_model()
    rules = get_extractor(args.extractor)
    list(parse_lines(nlp, lines[:20]))  # warm-up

    def parse_only() -> None:
        for _ in parse_lines(nlp, lines):
            pass

    def parse_and_extract() -> None:
        for doc in parse_lines(nlp, lines):
            for _ in rules.extract(doc[:]):
                pass

    parse = _best(args.repeat, parse_only)
    both = _best(args.repeat, parse_and_extract)
    print(f"{len(lines)} sentences, best of {args.repeat}")
    print(f"parse only          {parse:7.3f} s  {len(lines) / parse:8.1f} sentences/s")
    print(f"parse + {args.extractor:<11} {both:7.3f} s  {len(lines) / both:8.1f} sentences/s")
    print(f"extraction overhead {100 * (both - parse) / parse:6.1f} %")


if __name__ == "__main__":
    main()
