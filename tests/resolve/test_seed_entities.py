"""Entity resolution on the seed: one node per actor, every surface form on it, no pronoun nodes."""

from __future__ import annotations

import pytest

from graphkit.resolve.mentions import PERSON_PRONOUNS

EXPECTED = {
    "person/trump": ("Trump", "PERSON", {"Trump", "the President"}),
    "person/putin": ("Putin", "PERSON", {"Putin"}),
    "person/bashar-al-assad": ("Bashar al-Assad", "PERSON",
                               {"Bashar al-Assad", "Bashar Assad", "Assad", "the Syrian president"}),
    "person/tillerson": ("Tillerson", "PERSON", {"Tillerson"}),
    "person/lavrov": ("Lavrov", "PERSON", {"Lavrov"}),
    "gpe/russian-federation": ("Russian Federation", "GPE", {"Russian Federation", "Russia", "Moscow", "Kremlin"}),
    "gpe/united-states": ("United States", "GPE", {"United States", "US", "USA", "U.S.", "Washington"}),
    "gpe/syria": ("Syria", "GPE", {"Syria"}),
    "org/nato": ("North Atlantic Treaty Organisation", "ORG", {"North Atlantic Treaty Organisation"}),
    "org/united-nations": ("United Nations", "ORG", {"United Nations"}),
}


@pytest.mark.parametrize("entity_id", sorted(EXPECTED))
def test_one_node_per_actor_with_all_its_names(seed_graph, entity_id):
    label, kind, names = EXPECTED[entity_id]
    entity = seed_graph.entity(entity_id)
    assert (entity.label, entity.type) == (label, kind)
    assert names <= {alias for alias, _ in entity.aliases}
    holders = [e.id for e in seed_graph.nodes() if names & {a for a, _ in e.aliases}]
    assert holders == [entity_id] or (entity_id == "gpe/russian-federation" and holders == ["gpe/moscow", entity_id])


def test_no_node_is_a_bare_determiner_phrase(seed_graph):
    for entity in seed_graph.nodes():
        words = entity.label.lower().split()
        assert words and words[-1] not in {"the", "a", "an", "this", "that", "these", "those", "some", "it", "its"}
        assert entity.label.lower() not in {"president", "the president", "russian", "the russian"}


def test_russia_is_one_node_with_its_official_name_and_seats_acting_for_it(seed_graph):
    russia = seed_graph.entity("gpe/russian-federation")
    aliases = {alias for alias, _ in russia.aliases}
    assert {"Russian Federation", "Russia", "Kremlin", "Moscow"} <= aliases
    assert dict(russia.merges)["metonymy"] >= 2


def test_no_node_is_a_pronoun(seed_graph):
    for entity in seed_graph.nodes():
        assert entity.label.lower() not in PERSON_PRONOUNS | {"it", "they", "we", "who"}
        assert all(alias.lower() not in PERSON_PRONOUNS for alias, _ in entity.aliases)


def test_pronouns_join_their_antecedent_and_merges_are_explained(seed_graph):
    trump = seed_graph.entity("person/trump")
    pronouns = [m for m in trump.mentions if m.kind == "pronoun"]
    assert {m.text for m in pronouns} >= {"him", "He"}
    merges = dict(trump.merges)
    assert merges["pronoun"] == len(pronouns)
    assert merges["title"] == 1  # "Trump's top aides said ... that the President was moved"
    assert merges["type-vote"] >= 1  # spaCy tags "Trump" as ORG in some sentences
    assert dict(seed_graph.entity("person/bashar-al-assad").merges)["surname"] >= 4


def test_key_relations_are_edges_between_the_right_nodes(seed_graph):
    edges = {(e["source"], e["relation"], e["target"]) for e in seed_graph.edges()}
    assert ("person/putin", "honor", "person/tillerson") in edges
    assert ("person/trump", "point to", "person/bashar-al-assad") in edges
    assert ("gpe/russian-federation", "veto", "org/united-nations") in edges  # "a United Nations resolution"
