"""Cases seen on other real news (issue 8): each on real sentences we wrote, through the public build(),
and, where a rule decides it, on hand-made mentions."""

from __future__ import annotations

import graphkit
from graphkit.resolve import rules as table
from graphkit.resolve.gazetteer import load_gazetteer
from graphkit.resolve.resolver import resolve
from graphkit.types import Mention


def _build(tmp_path, texts: dict[str, str]):
    paths = []
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return graphkit.build(paths)


def _aliases(entity) -> set[str]:
    return {alias for alias, _ in entity.aliases}


def _m(text, start=0, doc="a", label="PERSON", kind="name", role="other", roles=()):
    return Mention(doc_id=doc, start=start, end=start + len(text), text=text, label=label, kind=kind, role=role,
                   roles=roles)


def _entity_of(mentions):
    resolution = resolve(mentions)
    return {(m.doc_id, m.text, m.start): entity for m, entity in resolution.entity_of.items()}


# "U.N." is "United Nations"


def test_the_dictionary_makes_un_the_united_nations():
    gazetteer = load_gazetteer()
    assert gazetteer.organisation("un") == gazetteer.organisation("united nations") == "united nations"
    assert gazetteer.organisation("bp") != gazetteer.organisation("barclays plc")  # one code, but not in a row


def test_un_is_the_united_nations_even_when_another_organisation_has_its_initials():
    found = _entity_of([_m("U.N.", 0, label="ORG"), _m("UN", 0, doc="b", label="ORG"),
                        _m("United Nations", 0, doc="c", label="ORG"),
                        _m("University of Nottingham", 40, doc="c", label="ORG")])
    assert found[("a", "U.N.", 0)] == found[("b", "UN", 0)] == found[("c", "United Nations", 0)]
    assert found[("c", "University of Nottingham", 40)] != found[("c", "United Nations", 0)]


def test_un_forms_are_one_node_in_a_build(tmp_path):
    kg = _build(tmp_path, {
        "a.txt": "The U.N. said on Monday that aid would reach the camps. U.N. officials met in Geneva.",
        "b.txt": "The United Nations has warned of famine for months.",
        "c.txt": "Researchers at the University of Nottingham said the UN had ignored them.",
    })
    assert _aliases(kg.entity("org/united-nations")) == {"U.N.", "UN", "United Nations"}
    assert kg.find("University of Nottingham").id != "org/united-nations"
