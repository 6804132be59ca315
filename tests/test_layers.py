"""The package's layers: extraction and resolution never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graphkit"


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, absolute (``from . import x`` resolved against its package)."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(("layer", "forbidden"), [("extract", "graphkit.resolve"), ("resolve", "graphkit.extract")])
def test_extract_and_resolve_do_not_import_each_other(layer, forbidden):
    offending = {
        f"{path.relative_to(PACKAGE.parent)}: {module}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for module in _imported_modules(path)
        if module == forbidden or module.startswith(forbidden + ".")
    }
    assert not offending, sorted(offending)


def test_the_check_sees_imports():
    assert "graphkit.lexicon" in _imported_modules(PACKAGE / "extract" / "nominal.py")


def test_the_corpus_stage_never_touches_spacy():
    """Only finding mentions in a parse (resolve/mentions.py) reads spaCy objects; the rules read records."""
    readers = {
        path.name
        for path in sorted((PACKAGE / "resolve").rglob("*.py"))
        if any(module == "spacy" or module.startswith("spacy.") for module in _imported_modules(path))
    }
    assert readers <= {"mentions.py"}
