"""The merger's properties: order-independent, idempotent, type-safe (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.resolve.resolver import resolve
from graphkit.types import Mention

NAMES = [
    ("Bashar al-Assad", "PERSON"), ("Assad", "PERSON"), ("Bashar Assad", "PERSON"), ("Trump", "ORG"),
    ("Trump", "PERSON"), ("Donald Trump", "PERSON"), ("U.S.", "GPE"), ("USA", "GPE"), ("Russia", "GPE"),
    ("Moscow", "GPE"), ("Lavrov", "ORG"), ("United Nations", "ORG"), ("Fox Business Network", "ORG"),
    ("UN", "ORG"), ("NATO", "ORG"), ("North Atlantic Treaty Organization", "ORG"), ("Kremlin", "ORG"),
    ("Angela Merkel", "PERSON"), ("Xi", "PERSON"), ("Xi Jinping", "PERSON"),
]
PLACES_AND_BODIES = {"U.S.", "USA", "Russia", "Moscow", "United Nations", "Fox Business Network", "UN", "NATO",
                     "North Atlantic Treaty Organization", "Kremlin"}


@st.composite
def mentions(draw):
    count = draw(st.integers(min_value=1, max_value=14))
    found = []
    position = 0
    for _ in range(count):
        text, label = draw(st.sampled_from(NAMES))
        doc = draw(st.sampled_from(["a", "b"]))
        role = draw(st.sampled_from(["subject", "object", "possessor", "other"]))
        roles = draw(st.sampled_from([(), ("bracketed",)]))  # "... (NATO)": an acronym defined by its name
        sentence = position - draw(st.integers(min_value=0, max_value=min(position, 20)))
        found.append(Mention(doc_id=doc, start=position, end=position + len(text), text=text, label=label,
                             role=role, sentence_start=sentence, roles=roles))
        position += len(text) + draw(st.integers(min_value=2, max_value=40))
        if draw(st.booleans()):
            pronoun = draw(st.sampled_from(["he", "she", "its"]))
            found.append(Mention(doc_id=doc, start=position, end=position + len(pronoun), text=pronoun,
                                 label="ORG" if pronoun == "its" else "PERSON", kind="pronoun", role="subject",
                                 sentence_start=sentence))
            position += len(pronoun) + 1
    return found


@settings(max_examples=60, deadline=None)
@given(mentions(), st.randoms())
def test_result_does_not_depend_on_input_order(items, random):
    shuffled = list(items)
    random.shuffle(shuffled)
    assert resolve(items) == resolve(shuffled)


@settings(max_examples=60, deadline=None)
@given(mentions())
def test_every_name_in_exactly_one_entity_and_resolving_again_changes_nothing(items):
    first = resolve(items)
    names = [m for m in items if m.kind == "name"]
    assert all(m in first.entity_of for m in names)
    assert sum(len(e.mentions) for e in first.entities) == len(first.entity_of)
    again = resolve([m for e in first.entities for m in e.mentions])
    assert again == first


@settings(max_examples=60, deadline=None)
@given(mentions())
def test_never_merges_people_with_places_or_organisations(items):
    for entity in resolve(items).entities:
        names = {m.text for m in entity.mentions if m.kind == "name"}
        assert not (names & PLACES_AND_BODIES and names - PLACES_AND_BODIES), names
        if entity.type == "PERSON":
            assert not names & PLACES_AND_BODIES


def test_unresolved_pronoun_is_dropped():
    lone = Mention(doc_id="a", start=0, end=2, text="He", label="PERSON", kind="pronoun", role="subject")
    assert resolve([lone]).entities == ()
