"""Resolution across three short documents that name the same actors differently."""

from __future__ import annotations

from pathlib import Path

import pytest

import graphkit
from graphkit.cli import app

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

EXPECTED = {
    "gpe/russian-federation": {"Russian Federation", "Russia", "Kremlin", "Moscow"},
    "gpe/united-states": {"U.S.", "Washington"},
    "org/united-nations": {"United Nations", "UN"},
    "org/nato": {"NATO", "North Atlantic Treaty Organization"},
    "person/sergey-lavrov": {"Sergey Lavrov", "Lavrov", "Russia's foreign minister"},
    "person/rex-tillerson": {"Rex Tillerson", "Tillerson"},
    "person/bashar-al-assad": {"Bashar al-Assad", "Assad", "The Syrian president"},
}


@pytest.fixture(scope="module")
def corpus_graph():
    return graphkit.build([CORPUS])


@pytest.mark.parametrize("entity_id", sorted(EXPECTED))
def test_each_actor_is_one_node_across_documents(corpus_graph, entity_id):
    entity = corpus_graph.entity(entity_id)
    assert {alias for alias, _ in entity.aliases} == EXPECTED[entity_id]
    others = [e.id for e in corpus_graph.nodes() if e.id != entity_id and EXPECTED[entity_id] & {a for a, _ in e.aliases}]
    assert others == [] or others == ["gpe/moscow"]  # Moscow the place keeps its own node


def test_capital_as_place_is_not_the_state(corpus_graph):
    moscow = corpus_graph.entity("gpe/moscow")
    assert [m.text for m in moscow.mentions] == ["Moscow"]
    assert moscow.mentions[0].doc_id == "a-veto.txt"
    assert dict(corpus_graph.entity("gpe/russian-federation").merges)["metonymy"] >= 3


def test_every_merge_is_explained(corpus_graph):
    merges = {e.id: dict(e.merges) for e in corpus_graph.entities}
    assert merges["org/united-nations"] == {"org-name": 3}  # "UN" is "United Nations" in the dictionary
    assert merges["person/bashar-al-assad"]["title"] == 1
    assert merges["person/sergey-lavrov"]["title"] == 1
    assert merges["person/rex-tillerson"]["surname"] == 2
    assert merges["org/nato"]["pronoun"] == 1


def test_documents_are_three_and_ids_do_not_depend_on_order(corpus_graph, tmp_path):
    assert [d.id for d in corpus_graph.documents] == ["a-veto.txt", "b-envoy.txt", "c-summit.txt"]
    files = sorted(CORPUS.iterdir())
    reversed_graph = graphkit.build(list(reversed(files)))
    assert {e.id for e in reversed_graph.entities} == {e.id for e in corpus_graph.entities}


def test_alias_file_adds_names_and_keeps_pairs_apart(runner, tmp_path):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(
        '[[entity]]\nname = "Sergei Lavrov"\ntype = "PERSON"\naliases = ["Lavrov", "Sergey Lavrov"]\n\n'
        '[[entity]]\nname = "Rex Tillerson"\naliases = ["the American visitor"]\n\n'
        '[[never_merge]]\nnames = ["Tillerson", "Rex Tillerson"]\n',
        encoding="utf-8",
    )
    kg = graphkit.build([CORPUS], aliases=aliases)
    lavrov = kg.entity("person/sergei-lavrov")
    assert {"Lavrov", "Sergey Lavrov"} <= {a for a, _ in lavrov.aliases}
    assert dict(lavrov.merges)["user-alias"] == 2
    rex = kg.entity("person/rex-tillerson")
    assert {a for a, _ in rex.aliases} == {"Rex Tillerson", "the American visitor"}
    short = kg.find("Tillerson")
    assert short is not None and short.id != rex.id
    assert dict(short.merges)["never-merge"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[entity]\nname = 'x'", "invalid TOML"),
        ("[[entity]]\ntype = 'PERSON'\n", "entity 1 has no name"),
        ("[[entity]]\nname = 'Putin'\ntype = 'HUMAN'\n", "entity 'Putin' has type 'HUMAN' (choose from: PERSON, ORG, GPE, NORP, LOC, FAC)"),
        ("[[never_merge]]\nnames = ['a']\n", "never_merge 1 needs names"),
        ("[people]\nx = 1\n", "unknown section(s) people"),
        ("[[entity]]\nname = 'Putin'\naliases = ['*']\n", "entity 'Putin' has an alias with no letters or digits: '*'"),
        ("[[entity]]\nname = 'Putin'\naliases = ['VVP']\n[[entity]]\nname = 'Medvedev'\naliases = ['vvp']\n",
         "alias 'vvp' is declared for both 'Putin' and 'Medvedev'"),
    ],
)
def test_bad_alias_file_is_one_line(runner, tmp_path, content, message):
    aliases = tmp_path / "bad.toml"
    aliases.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["build", str(CORPUS), "-o", str(tmp_path / "out"), "--aliases", str(aliases), "-q"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = result.stderr.strip()
    assert line.startswith(f"{aliases}: ") and message in line
    assert "\n" not in line
    assert not (tmp_path / "out").exists()
