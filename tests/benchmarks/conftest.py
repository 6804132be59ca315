"""Make ``benchmarks/carb_scorer.py`` importable and provide the CaRB dev gold."""

import sys
from pathlib import Path

import pytest

BENCHMARKS_DIR = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS_DIR))

import carb_scorer  # noqa: E402  (needs the path set above)


@pytest.fixture(scope="session")
def dev_gold():
    """The 2,548 gold tuples of the CaRB dev set."""
    return carb_scorer.load_gold(BENCHMARKS_DIR / "data" / "carb-dev" / "gold.tsv")
