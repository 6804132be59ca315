"""Fuzzing `graphkit build`: random text, JSONL values, file names and aliases never give a traceback.

Whatever hypothesis feeds it, a build ends with exit status 0 or 1, prints no
traceback, and leaves outputs that parse: XML well-formed, RDF readable by
rdflib, JSON loadable.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import Dataset, Graph

from graphkit.cli import app
from tests.conftest import OUTPUT_FILES

# Words a real sentence is made of, and the pieces an attacker or a broken feed adds.
WORDS = [
    "Putin", "Trump", "Assad", "Tillerson", "met", "said", "Russia", "the", "US", "he", "his", "President",
    "Moscow", "Labour", "Mr", "Blair", "and", "of", "with", ",", ".", "'s", "(", ")", '"', "-", "U.N.",
]
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(6)>", "<svg onload=alert(2)>", "javascript:alert(3)",
    "href", "]]>", "\x0b", "\x1b", "\x00", "\ud800", "\udfff", "\ufffe", "\u200b", "\U0001f1eb", "\U0001f1eb\U0001f1f7",
    "\u202e", "=1+1", " =cmd()", "@SUM(A1)", "\r\n", "\t", "e\u0301", "北京", "%00", "\\", "'", "&amp;", "\n\n",
]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE), st.text(max_size=6))
texts = st.lists(pieces, min_size=1, max_size=40).map(" ".join)
values = st.one_of(texts, st.integers(), st.none(), st.booleans(), st.lists(st.integers(), max_size=2),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
records = st.fixed_dictionaries(
    {"text": st.one_of(texts, values)},
    optional={"id": values, "title": values, "date": values, "url": values, "author": values},
)
file_names = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=12,
).filter(lambda name: name not in (".", ".."))
alias_entities = st.lists(
    st.fixed_dictionaries({
        "name": texts,
        "type": st.sampled_from(["PERSON", "ORG", "GPE", "HUMAN", ""]),
        "aliases": st.lists(texts, max_size=3),
    }),
    max_size=3,
)


def _toml_string(value: str) -> str:
    """A TOML basic string (json escapes are TOML escapes for these characters, surrogates aside)."""
    return json.dumps(value.encode("utf-8", "replace").decode("utf-8"), ensure_ascii=False)


def _aliases_toml(entities: list[dict]) -> str:
    blocks = []
    for entity in entities:
        aliases = ", ".join(_toml_string(a) for a in entity["aliases"])
        blocks.append(f"[[entity]]\nname = {_toml_string(entity['name'])}\ntype = {_toml_string(entity['type'])}\n"
                      f"aliases = [{aliases}]\n")
    return "\n".join(blocks)


def _assert_outputs_parse(out: Path) -> None:
    for name in ("graph.gexf", "graph.graphml"):
        etree.parse(str(out / name))
    Graph().parse(out / "graph.ttl", format="turtle")
    Dataset().parse(out / "graph.trig", format="trig")
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    for name in ("entities.csv", "relations.csv", "mentions.csv", "graph.html"):
        (out / name).read_text(encoding="utf-8")


def _build(runner, args: list[str]) -> None:
    result = runner.invoke(app, ["build", *args, "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])


@FUZZ
@given(text=texts, name=file_names, jsonl=st.lists(records, min_size=1, max_size=3), entities=alias_entities)
def test_random_input_never_gives_a_traceback(runner, text, name, jsonl, entities):
    root = Path(tempfile.mkdtemp(prefix="graphkit-fuzz-"))
    try:
        corpus, out = root / "corpus", root / "out"
        corpus.mkdir()
        (corpus / "good.txt").write_text("Putin met Assad in Moscow.\n", encoding="utf-8")
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        with open(corpus / "feed.jsonl", "w", encoding="utf-8") as handle:
            for record in jsonl:
                handle.write(json.dumps(record) + "\n")
        aliases = root / "aliases.toml"
        aliases.write_text(_aliases_toml(entities), encoding="utf-8")
        _build(runner, [str(corpus), "-o", str(out)])
        if (out / "graph.ttl").exists():
            _assert_outputs_parse(out)
        _build(runner, [str(corpus), "-o", str(out), "--aliases", str(aliases)])
        if (out / "graph.ttl").exists():
            _assert_outputs_parse(out)
            assert set(OUTPUT_FILES) <= set(os.listdir(out))
    finally:
        shutil.rmtree(root, ignore_errors=True)
