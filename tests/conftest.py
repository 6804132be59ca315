"""Shared fixtures: the seed corpus, the real spaCy model, and one CLI build of the seed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.nlp import load_model

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "us-russia-relations-2017.txt"
OUTPUT_FILES = (
    "graph.ttl", "graph.trig", "graph.html", "graph.gexf", "graph.graphml", "graph.json",
    "entities.csv", "relations.csv", "mentions.csv", "nodes.csv", "edges.csv",
)


def visible_files(folder: Path) -> list[str]:
    """The names a user sees in an output folder (the hidden ``.graphkit`` state folder left out)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/export/golden/ from the exporters")


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline (en_core_web_sm or its PyPI re-upload)."""
    return load_model()


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory, runner) -> Path:
    """The output folder of `graphkit build seeds/ -o OUT`, built once per test session."""
    out = tmp_path_factory.mktemp("seed-output")
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def seed_graph():
    """The seed's KnowledgeGraph, built through the Python API."""
    from graphkit import build

    return build([SEEDS])


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder holding a copy of the seed article, to add bad files to."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / SEED_FILE.name)
    return folder
