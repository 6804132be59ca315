"""Issue 9's "done when": the seed graph joins the five actor pairs a reader sees, typed and signed.

Read back from ``relations.csv`` of a CLI build of the seed, as a user reads it.
"""

import csv

import pytest


@pytest.fixture(scope="module")
def rows(seed_output):
    with open(seed_output / "relations.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _edge(rows, subject_id, object_id):
    found = [r for r in rows if {r["subject_id"], r["object_id"]} == {subject_id, object_id}]
    assert found, f"no edge between {subject_id} and {object_id}"
    return found


@pytest.mark.parametrize(
    ("subject_id", "object_id", "relation", "event", "speaker"),
    [
        # "Russia vetoed a United Nations resolution": the UN inside the object (compound)
        ("gpe/russian-federation", "org/united-nations", "vetoed", "REJECT", ""),  # CAMEO: veto + resolution
        # "The United Nations peace envoy for Syria urged the United States and Russia": the envoy acts for the UN
        ("org/united-nations", "gpe/united-states", "urged", "REQUEST", ""),
        # "Tillerson's trip to Moscow": an event noun; the city visited, a node of its own beside the state
        ("person/tillerson", "gpe/moscow", "visit", "CONSULT", ""),
        # '"We have seen ... an unlawful attack against Syria," Lavrov said': we is the speaker, Syria the target
        ("person/lavrov", "gpe/syria", "have seen", "STATEMENT", "Lavrov"),
        # 'Trump said ... that "Putin is backing a person that's truly an evil person" in his relationship with Assad'
        ("person/putin", "person/bashar-al-assad", "is backing", "SUPPORT", "Trump"),
    ],
)
def test_the_seed_joins_the_pairs_a_reader_sees(rows, subject_id, object_id, relation, event, speaker):
    found = [r for r in _edge(rows, subject_id, object_id) if r["relation"] == relation]
    assert found, [r["relation"] for r in _edge(rows, subject_id, object_id)]
    row = found[0]
    assert (row["subject_id"], row["object_id"]) == (subject_id, object_id)
    assert row["event"] == event
    assert row["intensity"] != ""
    assert row["attributed_to"] == speaker
