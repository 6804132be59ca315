"""Peak memory and wall time of ``graphkit build`` on one large input, in three shapes.

    python benchmarks/memory.py ../shared/data/bbc-politics-dev/ [--sizes 1 10 49] [--shapes paragraphs ...]

Concatenates the ``.txt`` and ``.md`` files under the folder given (read from there, never
copied into the repository) into one input file of each size in MB (10^6 bytes, the unit
of ``--max-file-size``, whose default is 50) and each shape:

* ``paragraphs``: the articles as written, paragraphs separated by blank lines;
* ``no-blank-lines``: the same paragraphs one per line, without a blank line anywhere,
  so the whole file is one paragraph;
* ``no-punctuation``: one line of words, every punctuation mark replaced by a space;
* ``jsonl-line`` (only when asked for): the ``no-blank-lines`` text as the ``text`` of one
  JSON line, in a ``.jsonl`` file.

Each input is built by ``graphkit build FILE -o OUT -q --no-cache`` in a child process, whose peak
resident memory (``ru_maxrss`` from ``os.wait4``) and wall time are printed as a
Markdown table. The articles are taken in a new seeded order on every pass over the
folder, so long inputs are varied text rather than one article repeated.
``--timeout`` stops a run that takes too long and ``--max-rss`` one that grows too big
(both reported in the table instead of a figure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SHAPES = ("paragraphs", "no-blank-lines", "no-punctuation")
EXTRA_SHAPES = ("jsonl-line",)
MB = 1_000_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_PUNCTUATION = re.compile(r"[^\w\s]+")


def articles(folder: Path) -> list[list[str]]:
    """Each article's paragraphs (title line included), from every .txt/.md file under ``folder``."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".txt", ".md"} and path.is_file() and not path.name.startswith("."):
            text = path.read_text(encoding="utf-8", errors="replace")
            paragraphs = [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
            if paragraphs:
                found.append(paragraphs)
    if not found:
        raise SystemExit(f"{folder}: no .txt or .md files to build inputs from")
    return found


def write_input(path: Path, source: list[list[str]], shape: str, size: int, seed: int = 0) -> None:
    """Write at most ``size`` bytes (and a final line break) of ``source`` articles to ``path`` in ``shape``."""
    separator = {"paragraphs": "\n\n", "no-blank-lines": "\n", "no-punctuation": " ", "jsonl-line": "\n"}[shape]
    pieces = []
    written = len('{"id": "big", "text": ""}') if shape == "jsonl-line" else 0
    for paragraph in _paragraphs(source, shape, seed):
        piece = (separator if pieces else "") + paragraph
        length = len((json.dumps(piece, ensure_ascii=False)[1:-1] if shape == "jsonl-line" else piece).encode("utf-8"))
        if written + length > size:
            break
        pieces.append(piece)
        written += length
    text = "".join(pieces)
    if shape == "jsonl-line":
        text = json.dumps({"id": "big", "text": text}, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8", newline="\n")


def _paragraphs(source: list[list[str]], shape: str, seed: int) -> Iterator[str]:
    """The articles' paragraphs, article after article in a new seeded order on every pass, without end."""
    rng = random.Random(seed)
    while True:
        order = list(source)
        rng.shuffle(order)
        for article in order:
            for paragraph in article:
                yield " ".join(_PUNCTUATION.sub(" ", paragraph).split()) if shape == "no-punctuation" else paragraph


def measure(path: Path, outdir: Path, timeout: float, max_rss_mb: float) -> tuple[str, str, int]:
    """Run ``graphkit build`` on ``path``; return (peak RSS in MB or why it stopped, seconds, exit status)."""
    command = [sys.executable, "-m", "graphkit", "build", str(path), "-o", str(outdir), "-q", "--no-cache"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    stopped: list[str] = []
    finished = threading.Event()

    def watch() -> None:
        while not finished.is_set() and not stopped:
            if time.perf_counter() - started > timeout:
                stopped.append(f"stopped after {timeout:.0f} s")
            elif _rss_mb(child.pid) > max_rss_mb:
                stopped.append(f"stopped above {max_rss_mb:,.0f} MB")
            else:
                finished.wait(0.5)
                continue
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it ended meanwhile

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stderr = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    finished.set()
    watcher.join()
    code = child.returncode = os.waitstatus_to_exitcode(status)
    if stopped:
        return stopped[0], f"> {seconds:.0f}", code
    if code != 0:
        print(stderr, file=sys.stderr)
    return f"{usage.ru_maxrss / 1024:,.0f}", f"{seconds:,.1f}", code


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of real articles (.txt/.md) to concatenate")
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 49], help="input sizes in MB")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES + EXTRA_SHAPES, default=list(SHAPES))
    parser.add_argument("--timeout", type=float, default=3 * 3600, help="seconds before a run is stopped")
    parser.add_argument("--max-rss", type=float, default=8000, help="MB of resident memory before a run is stopped")
    parser.add_argument("--keep", type=Path, help="write the inputs and outputs here instead of a temporary folder")
    args = parser.parse_args()
    source = articles(args.source)
    print("| shape | size (MB) | peak RSS (MB) | wall time (s) | exit |")
    print("|---|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            for shape in args.shapes:
                path = root / f"{shape}-{size:g}MB.{'jsonl' if shape == 'jsonl-line' else 'txt'}"
                write_input(path, source, shape, int(size * MB))
                rss, seconds, status = measure(path, root / f"out-{shape}-{size:g}MB", args.timeout, args.max_rss)
                print(f"| {shape} | {size:g} | {rss} | {seconds} | {status} |", flush=True)
                if not args.keep:
                    path.unlink()


if __name__ == "__main__":
    main()
