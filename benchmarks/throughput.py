"""Build throughput against the bare spaCy parse and a textacy peer, with workers, cache and corpus size.

    python benchmarks/throughput.py ../shared/data/bbc-politics-dev/ \\
        [--carb ../shared/benchmarks/carb-dev/sentences.txt] [--sizes 1 4 16] [--workers 2] [--ratio-only]

The corpus (about 105,000 words): every article of the folder given (read from
there, never copied into the repository), the CaRB sentences in documents of 20
sentences, and the 14 news documents of ``benchmarks/data/coref/`` (markup
stripped). It is written as ``.txt`` files into a temporary folder, deleted at
the end. Size ``k`` holds ``k`` copies of it, each document of each copy a
document of its own (the text repeats; the documents do not).

Every measurement runs in a child process of its own, timed from after its
imports to the end (the model's loading included everywhere), with its peak
resident memory (``ru_maxrss``). Words are counted as graphkit counts them (no
punctuation) and the same count divides every time, so words/s compare:

* ``bare parse``: ``nlp.pipe`` over the documents' texts, same model, same components, at
  spaCy's default batch size and at ``BARE_BATCH`` texts a batch (faster here; the stricter peer);
* ``graphkit``: ``graphkit.pipeline.build_and_export`` of the nine files (what
  ``graphkit build`` runs), with the seconds of each stage and export;
* ``textacy peer``: ``nlp.pipe``, ``textacy.extract.subject_verb_object_triples``
  into a networkx ``MultiDiGraph``, written as GraphML;
* ``graphkit --workers N``: the same build in N processes;
* ``graphkit, cached re-run``: the same build again on its own warm cache
  (the first graphkit run filled it, so that run's time includes the writing);
* ``one document added``: a new document beside the cached corpus (only it is parsed).

Then graphkit alone at each ``--sizes`` multiple, to show that every stage's
time grows linearly with the corpus. Nothing is asserted: figures are printed
as Markdown tables for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).resolve().parent
DEFAULT_CARB = BENCHMARKS_DIR / "data" / "carb-dev" / "sentences.txt"
SENTENCES_PER_DOCUMENT = 20
# spaCy's default batch (the model's 256 texts) is slower than small batches on this corpus: 16 was the
# fastest of 16, 64, 256 and 1000 (17.8 s against 23.2 s for 256), so the stricter bare parse uses it.
BARE_BATCH = 16
_MARKUP_FOLDER = BENCHMARKS_DIR / "data" / "coref"


def write_corpus(folder: Path, articles: Path, carb: Path, copies: int) -> int:
    """Write ``copies`` copies of the benchmark corpus into ``folder``; return the number of files."""
    sys.path.insert(0, str(BENCHMARKS_DIR))
    from coref_eval import load_gold

    texts: list[tuple[str, str]] = []
    for path in sorted(articles.rglob("*")):
        if path.suffix in {".txt", ".md"} and path.is_file() and path.name.lower() != "readme.md":
            texts.append((f"news-{path.stem}", path.read_text(encoding="utf-8", errors="replace")))
    if not texts:
        raise SystemExit(f"{articles}: no .txt or .md articles")
    lines = [line.strip() for line in carb.read_text(encoding="utf-8").splitlines() if line.strip()]
    for start in range(0, len(lines), SENTENCES_PER_DOCUMENT):
        body = " ".join(lines[start : start + SENTENCES_PER_DOCUMENT])
        texts.append((f"carb-{start // SENTENCES_PER_DOCUMENT:03d}", f"CaRB sentences {start + 1}\n\n{body}\n"))
    for document in load_gold(_MARKUP_FOLDER):
        texts.append((f"own-{Path(document.name).stem}", document.text))
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for name, text in texts:
            (folder / f"{copy:02d}-{name}.txt").write_text(text, encoding="utf-8")
    return copies * len(texts)


# --- the measurements, each run in a child process --------------------------------------------------------------

def _texts(corpus: Path) -> list[str]:
    from graphkit.io import read_documents

    return [document.body for document in read_documents([corpus])]


def child_bare(corpus: Path, started: float, batch_size: int | None = None) -> dict:
    from graphkit.nlp import load_model

    nlp = load_model()
    tokens = 0
    for doc in nlp.pipe(_texts(corpus), batch_size=batch_size):
        tokens += len(doc)
    return {"seconds": time.perf_counter() - started, "tokens": tokens}


def child_peer(corpus: Path, out: Path, started: float) -> dict:
    import networkx as nx
    import textacy.extract

    from graphkit.nlp import load_model

    nlp = load_model()
    graph = nx.MultiDiGraph()
    triples = 0
    for doc in nlp.pipe(_texts(corpus)):
        for subject, verb, obj in textacy.extract.subject_verb_object_triples(doc):
            source, target = " ".join(t.text for t in subject), " ".join(t.text for t in obj)
            graph.add_edge(source, target, relation=" ".join(t.text for t in verb))
            triples += 1
    out.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, out / "peer.graphml")
    return {"seconds": time.perf_counter() - started, "triples": triples, "edges": graph.number_of_edges()}


def child_graphkit(corpus: Path, out: Path, workers: int, cache: Path | None, started: float) -> dict:
    import importlib

    from graphkit.pipeline import BuildStats, build_and_export

    exporting = importlib.import_module("graphkit.export")  # the module: graphkit.export is also the function
    real = exporting.get_exporter
    exports: dict[str, float] = {}

    def timed_exporter(name: str):
        write = real(name)

        def timed(graph, path):
            clock = time.perf_counter()
            write(graph, path)
            exports[name] = time.perf_counter() - clock

        return timed

    exporting.get_exporter = timed_exporter
    import graphkit.export.rdf as rdf  # Turtle and TriG in one pass, in one process: timed as one

    both = rdf.write_turtle_and_trig

    def timed_both(graph, *paths, **options):
        clock = time.perf_counter()
        both(graph, *paths, **options)
        exports["turtle+trig"] = time.perf_counter() - clock

    rdf.write_turtle_and_trig = timed_both
    stats = BuildStats()
    build_and_export([corpus], out, stats=stats, workers=workers, cache=cache)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": stats.words, "documents": stats.documents,
            "cached": stats.cached, "sentences": stats.sentences, "entities": stats.entities,
            "edges": stats.edges, "stages": stats.stages, "exports": exports}


def run_child(*arguments: str) -> dict:
    """Run this script as ``--child ...``; its JSON result with its peak memory in MiB."""
    command = [sys.executable, __file__, "--child", *arguments]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = child.communicate()
    if child.returncode:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{err}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mib"] = result.pop("maxrss_kib") / 1024
    return result


def _child_main(arguments: list[str]) -> None:
    mode, corpus = arguments[0], Path(arguments[1])
    import spacy  # noqa: F401  (imports are not timed: the clock starts at the model's loading)

    import graphkit  # noqa: F401

    if mode == "peer":
        import networkx  # noqa: F401
        import textacy.extract  # noqa: F401
    started = time.perf_counter()
    if mode == "bare":
        result = child_bare(corpus, started)
    elif mode == "bare-batched":
        result = child_bare(corpus, started, BARE_BATCH)
    elif mode == "peer":
        result = child_peer(corpus, Path(arguments[2]), started)
    else:
        cache = Path(arguments[4]) if arguments[4] != "-" else None
        result = child_graphkit(corpus, Path(arguments[2]), int(arguments[3]), cache, started)
    import resource

    result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if mode == "graphkit" and int(arguments[3]) > 1:  # the workers' memory too
        result["maxrss_kib"] = max(result["maxrss_kib"], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps(result))


# --- the report --------------------------------------------------------------------------------------------------

def _median(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]


def _runs_table(words: int, bare: dict, runs: list[tuple[str, dict]]) -> None:
    """A Markdown table of ``runs`` (name, result): seconds, words/s, ratio to the ``bare`` run, peak memory."""
    print("| run | seconds | words/s | ratio to bare parse | peak MiB |")
    print("|---|---:|---:|---:|---:|")
    for name, run in runs:
        seconds = run["seconds"]
        print(f"| {name} | {seconds:,.1f} | {words / seconds:,.0f} | {bare['seconds'] / seconds:.2f} | {run['peak_mib']:,.0f} |")


def _ratio_lines(ratios: list[float], strict: list[float], remark: str = "") -> None:
    """The median ratios of graphkit to the bare parse, at spaCy's default batch and at ``BARE_BATCH``."""
    print(f"\n- graphkit / bare parse: {ratios[len(ratios) // 2]:.2f}, median of {len(ratios)} alternated runs each "
          f"({', '.join(f'{r:.2f}' for r in ratios)}){remark}")
    print(f"- graphkit / bare parse at batch_size={BARE_BATCH}: {strict[len(strict) // 2]:.2f} "
          f"({', '.join(f'{r:.2f}' for r in strict)})")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="folder of news articles (.txt/.md), e.g. ../shared/data/bbc-politics-dev/")
    parser.add_argument("--carb", type=Path, default=DEFAULT_CARB, help="CaRB sentences, one a line")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 4, 16], help="corpus multiples for the scaling table")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=3,
                        help="bare parse and graphkit --no-cache runs, alternated, whose medians are reported")
    parser.add_argument("--ratio-only", action="store_true",
                        help="only the alternated pairs: the ratio to the bare parse and the stages of the median run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphkit-throughput-") as tmp:
        root = Path(tmp)
        corpus = root / "x1"
        files = write_corpus(corpus, args.articles, args.carb, 1)
        print(f"corpus: {files} documents ({args.articles}, {args.carb}, {_MARKUP_FOLDER.relative_to(BENCHMARKS_DIR.parent)})",
              flush=True)
        bares, batched, ones = [], [], []
        for _ in range(args.pairs):  # alternated, so that a change in the machine's load hits all alike
            bares.append(run_child("bare", str(corpus)))
            batched.append(run_child("bare-batched", str(corpus)))
            ones.append(run_child("graphkit", str(corpus), str(root / "out1b"), "1", "-"))
            print(f"bare parse {bares[-1]['seconds']:.1f} s, batch_size={BARE_BATCH} {batched[-1]['seconds']:.1f} s, "
                  f"graphkit {ones[-1]['seconds']:.1f} s", flush=True)
        ratios = sorted(b["seconds"] / o["seconds"] for b, o in zip(bares, ones))
        strict = sorted(b["seconds"] / o["seconds"] for b, o in zip(batched, ones))
        bare, best, one = _median(bares), _median(batched), _median(ones)
        if args.ratio_only:
            ratio_report(bare, best, one, ratios, strict)
            return
        first = run_child("graphkit", str(corpus), str(root / "out1"), "1", str(root / "cache"))
        print(f"graphkit {first['seconds']:.1f} s", flush=True)
        cached = run_child("graphkit", str(corpus), str(root / "out-cached"), "1", str(root / "cache"))
        peer = run_child("peer", str(corpus), str(root / "peer"))
        parallel = run_child("graphkit", str(corpus), str(root / "outN"), str(args.workers), "-")
        same = all((root / "out1b" / name).read_bytes() == (root / "outN" / name).read_bytes()
                   for name in os.listdir(root / "out1b") if not name.startswith("."))
        shutil.copy(BENCHMARKS_DIR.parent / "seeds" / "us-russia-relations-2017.txt", corpus / "zz-added.txt")
        added = run_child("graphkit", str(corpus), str(root / "out-added"), "1", str(root / "cache"))
        (corpus / "zz-added.txt").unlink()
        words = first["words"]
        print(f"\n{first['documents']} documents, {first['sentences']:,} sentences, {words:,} words; "
              f"{first['entities']:,} nodes, {first['edges']:,} edges\n")
        _runs_table(words, bare, [
            ("bare `nlp.pipe`", bare), (f"bare `nlp.pipe(batch_size={BARE_BATCH})`", best),
            ("graphkit build + 9 exports (cache being filled)", first), ("graphkit build + 9 exports (--no-cache)", one),
            ("textacy SVO triples + networkx GraphML", peer), (f"graphkit --workers {args.workers}", parallel),
            ("graphkit, cached re-run", cached)])
        _ratio_lines(ratios, strict, "; the bare and --no-cache rows are the median runs")
        per_document = one["stages"]["parse"] + one["stages"].get("extract", 0.0)
        print(f"- --workers {args.workers} speed-up: {one['seconds'] / parallel['seconds']:.2f} whole build, "
              f"{per_document / parallel['stages']['parse']:.2f} per-document stage (parse + extract); "
              f"outputs byte-identical: {same}")
        print(f"- cached re-run speed-up: {first['seconds'] / cached['seconds']:.1f} "
              f"({cached['cached']} of {cached['documents']} documents from the cache)")
        print(f"- one document added: {added['seconds']:.1f} s, {added['documents'] - added['cached']} document parsed, "
              f"{added['cached']} from the cache")
        print(f"- textacy peer: {peer['triples']:,} triples")
        for name, run in (("cached re-run", cached), ("one document added", added), (f"--workers {args.workers}", parallel)):
            print(f"- stages of the {name}: " + ", ".join(f"{k} {v:.2f}" for k, v in run["stages"].items()))
        print("\nStages of the --no-cache run, seconds:\n")
        print("| stage | seconds |")
        print("|---|---:|")
        for stage, seconds in one["stages"].items():
            print(f"| {stage} | {seconds:.2f} |")
        for name, seconds in one["exports"].items():
            print(f"| export {name} | {seconds:.2f} |")
        if args.sizes:
            scaling(root, args, one)


def ratio_report(bare: dict, best: dict, one: dict, ratios: list[float], strict: list[float]) -> None:
    """The medians of the alternated runs, and where the median graphkit run's time went."""
    words = one["words"]
    print(f"\n{one['documents']} documents, {words:,} words\n")
    _runs_table(words, bare, [("bare `nlp.pipe`", bare), (f"bare `nlp.pipe(batch_size={BARE_BATCH})`", best),
                              ("graphkit build + 9 exports (--no-cache)", one)])
    _ratio_lines(ratios, strict)
    print("- stages of the median graphkit run: " + ", ".join(f"{k} {v:.2f}" for k, v in one["stages"].items()))
    print("- exports: " + ", ".join(f"{k} {v:.2f}" for k, v in one["exports"].items())
          + f" ({sum(one['exports'].values()):.2f} in all)")


def scaling(root: Path, args, one: dict) -> None:
    """graphkit at each corpus multiple (1x is the --no-cache run above): each stage's time and the peak memory."""
    rows = []
    for size in args.sizes:
        if size == 1:
            result = one
        else:
            corpus = root / f"x{size}"
            write_corpus(corpus, args.articles, args.carb, size)
            result = run_child("graphkit", str(corpus), str(root / f"out-x{size}"), "1", "-")
            shutil.rmtree(corpus)
            shutil.rmtree(root / f"out-x{size}")
        print(f"size {size}x: {result['seconds']:.1f} s, peak {result['peak_mib']:,.0f} MiB, "
              + ", ".join(f"{k} {v:.1f}" for k, v in result["stages"].items()), flush=True)
        rows.append((size, result))
    stages = list(rows[0][1]["stages"])
    exports = list(rows[0][1]["exports"])
    print("\n| size | words | seconds | words/s | " + " | ".join(stages) + " | exports | nodes | edges | peak MiB |")
    print("|---" * (8 + len(stages)) + "|")
    for size, result in rows:
        cells = [f"{result['stages'].get(s, 0):.1f}" for s in stages]
        exported = sum(result["exports"].get(e, 0) for e in exports)
        print(f"| {size}× | {result['words']:,} | {result['seconds']:.1f} | {result['words'] / result['seconds']:,.0f} | "
              + " | ".join(cells) + f" | {exported:.1f} | {result['entities']:,} | {result['edges']:,} | {result['peak_mib']:,.0f} |")
    base = rows[0][1]
    print("\nTime per word relative to 1× (1.00 = linear):", ", ".join(
        f"{size}×: {(r['seconds'] / r['words']) / (base['seconds'] / base['words']):.2f}" for size, r in rows))


if __name__ == "__main__":
    main()
