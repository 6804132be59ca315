"""notebooks/quickstart.ipynb runs from top to bottom in a real Jupyter kernel (nbclient), offline."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from lxml import etree
from nbclient import NotebookClient

from tests.conftest import ROOT, SEEDS
from tests.export.test_gexf import SCHEMA

NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def test_notebook_is_stored_without_outputs():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook run in a copy of its folder beside the seeds, so what it writes stays in a temporary folder."""
    root = tmp_path_factory.mktemp("notebook")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "notebooks").mkdir()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(root / "notebooks")}}).execute()
    return {cell["id"]: cell for cell in notebook.cells}, root / "notebooks"


def _text(cell) -> str:
    """Everything a cell showed: printed text and the plain and HTML forms of its result."""
    parts = []
    for output in cell["outputs"]:
        assert output["output_type"] != "error", output
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.extend((data.get("text/plain", ""), data.get("text/html", "")))
    return "\n".join(parts)


def test_builds_the_seed_graph_with_the_python_api(executed, seed_graph):
    cells, _ = executed
    assert f"{len(seed_graph.nodes())} nodes, {len(seed_graph.edges())} edges" in _text(cells["build"])


def test_shows_the_self_contained_page_inline(executed):
    cells, _ = executed
    (output,) = cells["html"]["outputs"]
    frame = output["data"]["text/html"]
    assert frame.startswith("<div><iframe srcdoc=\"")
    assert "&lt;script" in frame and "<script" not in frame  # the page travels escaped inside the attribute
    assert "Bashar al-Assad" in frame


def test_lists_top_actors_and_relations_as_tables(executed, seed_graph):
    cells, _ = executed
    actors = _text(cells["actors"])
    top = max((e for e in seed_graph.nodes() if e.type != "CONCEPT"), key=lambda e: (len(e.mentions), e.label))
    assert "<table" in actors and top.label in actors
    relations = _text(cells["relations"])
    assert "<table" in relations and "SUPPORT" in relations and "honor" in relations


def test_runs_three_sparql_queries(executed):
    cells, _ = executed
    assert "Putin" in _text(cells["q1"]) and "SUPPORT" in _text(cells["q1"])
    assert "Bashar Assad" in _text(cells["q2"])
    assert "Tillerson" in _text(cells["q3"]) and "discussed" in _text(cells["q3"])


def test_writes_the_gephi_files(executed):
    _, folder = executed
    gephi = folder / "gephi"
    assert sorted(p.name for p in gephi.iterdir() if not p.name.startswith(".")) == [
        "edges.csv", "graph.gexf", "graph.graphml", "nodes.csv"]
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(etree.parse(str(gephi / "graph.gexf")))
