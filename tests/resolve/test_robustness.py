"""Resolution never loses the build: texts that crashed a rule, a rule that fails, odd alias files."""

from __future__ import annotations

import csv
import logging
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from lxml import etree

import graphkit
from graphkit.cli import app
from graphkit.resolve.names import person_key
from tests.conftest import SEED_FILE, SEEDS

REGRESSIONS = Path(__file__).resolve().parent / "regressions"


def _rows(out: Path, name: str) -> list[dict]:
    with (out / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("name", "expected", "absent"),
    [
        ("athens-clashes.txt", {("gpe/athens", "Athens"), ("person/marfin", "Marfin")}, set()),
        ("olymp-k-satellite.txt", {("org/olymp-k", "Olymp-K"), ("gpe/russian-federation", "Russian Federation")},
         {"person/k", "person/olymp"}),
    ],
)
def test_texts_that_crashed_the_surname_rule_build(runner, tmp_path, name, expected, absent):
    """Both made a person name of particles or initials only ("van", the "K" of "Olymp-K"): an empty person key."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(REGRESSIONS / name), str(SEED_FILE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    rows = {(row["id"], row["label"]) for row in _rows(out, "entities.csv")}
    assert expected <= rows
    assert not absent & {entity_id for entity_id, _ in rows}
    assert ("person/rex-tillerson", "Rex Tillerson") in rows or ("person/tillerson", "Tillerson") in rows
    etree.parse(str(out / "graph.gexf"))
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")


@pytest.mark.parametrize(("name", "key"), [("van", "van"), ("K", "k"), ("al-", "al"), ("Donald J. Trump", "donald trump")])
def test_a_person_key_is_never_empty(name, key):
    assert person_key(name) == key


def _failing_on(monkeypatch, name: str) -> None:
    from graphkit.resolve import resolver

    real = resolver.person_key

    def broken(text: str) -> str:
        if text == name:
            raise IndexError("list index out of range")
        return real(text)

    monkeypatch.setattr(resolver, "person_key", broken)


def test_a_rule_that_fails_on_one_mention_skips_only_that_mention(tmp_path, monkeypatch, caplog):
    path = tmp_path / "rule-failure.txt"
    text = "Putin met Merkel in Moscow. Merkel said Trump was wrong."
    path.write_text(text, encoding="utf-8")
    _failing_on(monkeypatch, "Merkel")
    with caplog.at_level(logging.WARNING, logger="graphkit.resolve"):
        kg = graphkit.build([path, SEED_FILE])
    lines = [r.getMessage() for r in caplog.records if r.name == "graphkit.resolve"]
    rule = "name (user-alias, country-name, metonymy, type-vote, org-name)"
    assert lines == [
        f"rule-failure.txt: the {rule} rule failed on 'Merkel' at offset {offset} (IndexError: list index out of range); "
        "that mention was skipped"
        for offset in (text.index("Merkel"), text.rindex("Merkel"))
    ]
    assert kg.find("Putin").type == "PERSON" and kg.find("Trump").type == "PERSON"
    assert not any(m.doc_id == "rule-failure.txt" and m.text == "Merkel" and m.kind == "name"
                   for e in kg.entities for m in e.mentions)
    assert {d.id for d in kg.documents} == {"rule-failure.txt", SEED_FILE.name}


def test_the_command_line_prints_a_failed_rule_as_one_line(tmp_path):
    """The real console script: the warning is one line on standard error, the build succeeds."""
    path = tmp_path / "rule-failure.txt"
    path.write_text("Putin met Lavrov in Moscow on Monday.\n", encoding="utf-8")
    out = tmp_path / "out"
    script = (
        "import sys\n"
        "from graphkit.resolve import resolver\n"
        "real = resolver.person_key\n"
        "def broken(text):\n"
        "    if text == 'Lavrov':\n"
        "        raise IndexError('list index out of range')\n"
        "    return real(text)\n"
        "resolver.person_key = broken\n"
        "from graphkit.cli import main\n"
        f"sys.argv = ['graphkit', 'build', {str(path)!r}, '-o', {str(out)!r}, '-q']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "rule-failure.txt: the name (user-alias, country-name, metonymy, type-vote, org-name) rule failed on 'Lavrov' "
        "at offset 10 (IndexError: list index out of range); that mention was skipped"
    ]
    assert nx.read_graphml(out / "graph.graphml").has_node("person/putin")


def test_an_alias_is_matched_exactly_as_written(tmp_path):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[[entity]]\nname = "Vladimir Putin"\ntype = "PERSON"\naliases = ["Putin", "Trump)"]\n',
                       encoding="utf-8")
    extra = tmp_path / "brackets.txt"
    extra.write_text("Putin (and later Trump) spoke on Friday.\n", encoding="utf-8")
    kg = graphkit.build([SEEDS, extra], aliases=aliases)
    putin = kg.entity("person/vladimir-putin")
    assert {a for a, _ in putin.aliases} == {"Putin", "Trump)"}
    assert [m.doc_id for m in putin.mentions if m.text == "Trump)"] == ["brackets.txt"]
    trump = kg.find("Trump")
    assert trump is not None and trump.id == "person/trump"
    assert dict(trump.aliases)["Trump"] >= 8


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('entity = "Putin"\n', "'entity' must be a list of [[entity]] tables, not a string ('Putin')"),
        ("entity = 5\n", "'entity' must be a list of [[entity]] tables, not a number (5)"),
        ("[entity]\nname = 'Putin'\n", "'entity' must be a list of [[entity]] tables, not a table"),
        ("entity = ['Putin']\n", "entity 1 must be a [[entity]] table, not a string ('Putin')"),
        ("never_merge = 'Putin'\n", "'never_merge' must be a list of [[never_merge]] tables, not a string ('Putin')"),
        ("never_merge = [1, 2]\n", "never_merge 1 must be a [[never_merge]] table, not a number (1)"),
        ("[[never_merge]]\nnames = ['Assad', 'assad']\n", "never_merge 1 needs two different names, not ['Assad', 'assad']"),
        ("[[entity]]\nname = 'Putin'\ntype = 5\n", "entity 'Putin' has type 5 (choose from: PERSON, ORG, GPE, NORP, LOC, FAC)"),
        ("[[entity]]\nname = 'Putin'\ntype = ['PERSON']\n", "entity 'Putin' has type ['PERSON'] (choose from:"),
        ('[[entity]]\nname = "\\u001b"\n', "entity 1 has no name"),
    ],
)
def test_an_alias_file_of_the_wrong_shape_is_one_line(runner, tmp_path, content, message):
    aliases = tmp_path / "bad.toml"
    aliases.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(out), "--aliases", str(aliases), "-q"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = result.stderr.strip()
    assert line.startswith(f"{aliases}: ") and message in line
    assert "\n" not in line
    assert not (out / "entities.csv").exists()
