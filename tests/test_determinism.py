"""Exports are reproducible: the same input gives byte-identical files in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import OUTPUT_FILES, SEEDS


def test_two_builds_give_identical_files(seed_output, tmp_path):
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-m", "graphkit", "build", str(SEEDS), "-o", str(out), "-q"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (seed_output / name).read_bytes(), name


def test_input_order_does_not_change_the_files(runner, tmp_path):
    from graphkit.cli import app
    from tests.resolve.test_corpus import CORPUS

    files = sorted(str(p) for p in CORPUS.iterdir())
    outputs = []
    for order, name in ((files, "forward"), (files[::-1], "backward")):
        result = runner.invoke(app, ["build", *order, "-o", str(tmp_path / name), "-q"])
        assert result.exit_code == 0, result.output
        outputs.append({f: (tmp_path / name / f).read_bytes() for f in OUTPUT_FILES})
    assert outputs[0] == outputs[1]
