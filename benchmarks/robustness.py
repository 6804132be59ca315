"""Build real text file by file and report every traceback (run on demand, not in CI).

    python benchmarks/robustness.py ../shared/data/bbc-politics-dev/ [more folders or files ...]

Each file under the given folders is built on its own through the Python API
(one model load), so a crash names the file that caused it; the CaRB dev
sentences (``benchmarks/data/carb-dev/sentences.txt``) are built as one JSONL
corpus, one document per sentence; finally the whole of the inputs is built
once through the ``graphkit`` command, which must end with exit status 0 or 1
and no traceback. The text is read where it lies and never copied.
Exit status: 0 when nothing crashed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
CARB_SENTENCES = HERE / "data" / "carb-dev" / "sentences.txt"


def files_under(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".jsonl"}))
        else:
            found.append(path)
    return found


def build_each(files: list[Path], out: Path) -> list[str]:
    """Build and export every file alone; return one line per crash (with its last frame)."""
    import graphkit
    from graphkit.errors import GraphkitError

    crashes = []
    for number, path in enumerate(files, 1):
        try:
            graphkit.export(graphkit.build([path]), out)
        except GraphkitError as error:
            print(f"  reported (fine): {error}")
        except Exception as error:  # noqa: BLE001 - this script exists to find these
            frame = traceback.extract_tb(error.__traceback__)[-1]
            crashes.append(f"{path}: {type(error).__name__}: {error} ({frame.filename}:{frame.lineno})")
            print(f"  CRASH {crashes[-1]}")
        if number % 20 == 0:
            print(f"  {number}/{len(files)} files")
    return crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="folders or files of real text")
    args = parser.parse_args()
    files = files_under(args.inputs)
    started = time.perf_counter()
    crashes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="graphkit-robustness-") as temp:
        root = Path(temp)
        print(f"building {len(files)} files one by one")
        crashes += build_each(files, root / "each")
        corpus = root / "carb.jsonl"
        with open(corpus, "w", encoding="utf-8") as handle:
            for number, line in enumerate(CARB_SENTENCES.read_text(encoding="utf-8").splitlines(), 1):
                handle.write(json.dumps({"id": f"carb-{number}", "text": line}) + "\n")
        print("building the CaRB dev sentences, one document each")
        crashes += build_each([corpus], root / "carb")
        print("building everything at once with the graphkit command")
        done = subprocess.run([sys.executable, "-m", "graphkit", "build", *map(str, args.inputs), str(corpus),
                               "-o", str(root / "all"), "-q", "--no-cache"], capture_output=True, text=True)
        if done.returncode not in (0, 1) or "Traceback" in done.stderr:
            crashes.append(f"graphkit build (all inputs): exit {done.returncode}: {done.stderr.strip()[-500:]}")
        else:
            print(f"  exit {done.returncode}, {len(done.stderr.splitlines())} problem line(s)")
    print(f"{len(files) + 1} inputs, {len(crashes)} crash(es), {time.perf_counter() - started:.0f} s")
    for crash in crashes:
        print(crash)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
