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
