"""The per-document stage alone: mentions, triples and their dates made from parses already in memory.

    python benchmarks/records_speed.py CORPUS [--repeat 5] [--extractor clauses.v1]

CORPUS is anything ``graphkit build`` reads (a folder of articles, read in place).
Every document is parsed once and its parses kept; then
:func:`graphkit.records.document_records` runs over all of them ``--repeat`` times
(after one warm-up run that also loads the gazetteer and the party table) and the
best process CPU time is printed, so that other work on a shared machine counts
less than it would in wall-clock time. The parse is timed once, for scale. The
parses of a corpus of about 100,000 words take some hundreds of megabytes.
"""

from __future__ import annotations

import argparse
import time

from graphkit.io import read_documents
from graphkit.nlp import load_model, parse_documents
from graphkit.parallel import fewer_collections
from graphkit.records import document_records
from graphkit.registry import DEFAULT_EXTRACTOR, get_extractor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", help="files or folders, as for graphkit build")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR)
    args = parser.parse_args()
    nlp = load_model()
    rules = get_extractor(args.extractor)
    started = time.process_time()
    by_document: dict[str, tuple] = {}
    for paragraph in parse_documents(nlp, read_documents(args.corpus)):
        by_document.setdefault(paragraph.document.id, (paragraph.document, []))[1].append(paragraph)
    parse = time.process_time() - started

    def run() -> int:
        with fewer_collections():  # as a build runs it
            return sum(document_records(document, paragraphs, rules).words
                       for document, paragraphs in by_document.values())

    words = run()
    times = []
    for _ in range(args.repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    best = min(times)
    print(f"{len(by_document)} documents, {words:,} words; CPU seconds, best of {args.repeat}")
    print(f"parse (once)          {parse:7.2f} s")
    print(f"document_records      {best:7.2f} s  {words / best:9,.0f} words/s  ({100 * best / parse:.1f} % of the parse)")


if __name__ == "__main__":
    main()
