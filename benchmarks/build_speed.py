"""Build throughput and peak memory on a synthetic corpus of realistic news text.

    python benchmarks/build_speed.py [--copies 10] [--keep DIR]

Makes a corpus of ``--copies`` copies of the 14 annotated news documents in
``benchmarks/data/coref/`` (markup stripped, each copy a separate document),
then times ``graphkit.build`` (parse, extract, resolve) and ``graphkit.export``
(all nine files) separately and prints words per second and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS_DIR))
from coref_eval import load_gold  # noqa: E402  (needs the path set above)

import graphkit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="write the corpus and outputs here instead of a temp folder")
    args = parser.parse_args()
    documents = load_gold(BENCHMARKS_DIR / "data" / "coref")
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        for copy in range(args.copies):
            for doc in documents:
                (corpus / f"{copy:03d}-{doc.name}").write_text(doc.text, encoding="utf-8")
        stats = graphkit.BuildStats()
        started = time.perf_counter()
        kg = graphkit.build([corpus], stats=stats)
        built = time.perf_counter() - started
        started = time.perf_counter()
        graphkit.export(kg, root / "output")
        exported = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{stats.documents} documents, {stats.sentences:,} sentences, {stats.words:,} words")
    print(f"build (load model, parse, extract, resolve) {built:7.1f} s  {stats.words / built:8,.0f} words/s")
    print(f"export (nine files)                         {exported:7.1f} s  {stats.words / exported:8,.0f} words/s")
    print(f"nodes {len(kg.nodes()):,}, edges {len(kg.edges()):,}, peak memory {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
