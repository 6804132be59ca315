"""Single resolution rules on real sentences, each through the public build()."""

from __future__ import annotations

import graphkit


def _build(tmp_path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return graphkit.build([path])


def _aliases(kg, entity_id):
    return {alias for alias, _ in kg.entity(entity_id).aliases}


def test_role_stated_before_a_name_resolves_a_later_role(tmp_path):
    kg = _build(tmp_path, "US President Donald Trump met Emmanuel Macron in Paris. "
                          "The President praised the French leader. He said the talks went well.")
    trump = kg.find("Donald Trump")
    assert "The President" in {a for a, _ in trump.aliases}
    assert dict(trump.merges)["title"] == 1


def test_role_without_a_fitting_person_stays_unresolved(tmp_path):
    kg = _build(tmp_path, "Angela Merkel met Emmanuel Macron. The President praised the chancellor.")
    assert all("The President" not in {a for a, _ in e.aliases} for e in kg.entities)
    assert kg.find("The President") is None and kg.find("President") is None


def test_a_government_is_its_state(tmp_path):
    kg = _build(tmp_path, "The Syrian government denied the report. Syria said the rebels lied.")
    assert {"Syria", "The Syrian government"} <= _aliases(kg, "gpe/syria")


def test_acronym_is_never_a_surname(tmp_path):
    kg = _build(tmp_path, "Kim Jong-un wrote to the UN. The United Nations replied to Kim.")
    assert _aliases(kg, "org/united-nations") == {"UN", "United Nations"}
    assert "UN" not in {a for a, _ in kg.find("Kim Jong-un").aliases}


def test_a_name_with_a_stray_word_from_ner_joins_its_node(tmp_path):
    text = "Rex Tillerson arrived in Moscow. Tillerson met Lavrov. Later Tillerson flew home."
    kg = _build(tmp_path, text)
    tillerson = kg.find("Rex Tillerson")
    starts = sorted(m.start for m in tillerson.mentions)
    assert starts == [text.index("Rex Tillerson"), text.index("Tillerson met"), text.index("Tillerson flew")]


def test_two_people_sharing_a_surname_stay_apart(tmp_path):
    kg = _build(tmp_path, "Hafez al-Assad ruled Syria for decades. Bashar al-Assad succeeded his father in 2000. "
                          "Bashar al-Assad later said Assad rule would last.")
    hafez = kg.find("Hafez al-Assad")
    bashar = kg.find("Bashar al-Assad")
    assert hafez is not None and bashar is not None and hafez.id != bashar.id
    # the bare "Assad" joins the nearest full name before it
    assert "Assad" in {a for a, _ in bashar.aliases}


def test_occurrences_no_mention_covers_are_propagated():
    from graphkit.resolve.gazetteer import load_gazetteer
    from graphkit.resolve.propagate import repeated_names
    from graphkit.types import Document, Entity, Mention

    text = "Trump spoke. Then Trump left. Moscow waited. Trump and Kim met Kim."
    doc = Document(id="d", text=text)
    found = Mention(doc_id="d", start=0, end=5, text="Trump", label="PERSON")
    moscow = Mention(doc_id="d", start=30, end=36, text="Moscow", label="GPE")
    kims = [Mention(doc_id="d", start=text.index("Kim"), end=text.index("Kim") + 3, text="Kim", label="PERSON"),
            Mention(doc_id="d", start=text.rindex("Kim"), end=text.rindex("Kim") + 3, text="Kim", label="PERSON")]
    entities = (
        Entity(id="person/trump", label="Trump", type="PERSON", mentions=(found,)),
        Entity(id="gpe/moscow", label="Moscow", type="GPE", mentions=(moscow,)),
        Entity(id="person/kim-a", label="Kim", type="PERSON", mentions=(kims[0],)),
        Entity(id="person/kim-b", label="Kim", type="PERSON", mentions=(kims[1],)),
    )
    added = repeated_names(entities, [doc], [found, moscow, *kims], {"d": [0, 13, 30, 45]}, load_gazetteer())
    assert [(m.start, m.text, m.label, m.sentence_start) for m in added] == [
        (18, "Trump", "PERSON", 13), (45, "Trump", "PERSON", 45)]


def test_staff_speak_of_their_principal(tmp_path):
    kg = _build(tmp_path, "Angela Merkel met Emmanuel Macron in Berlin. "
                          "Macron's aides said that the President was pleased with the talks.")
    assert "the President" in {a for a, _ in kg.find("Emmanuel Macron").aliases}


def test_acronym_defined_in_parentheses_is_learned(tmp_path):
    kg = _build(tmp_path, "The Northern Relief Coalition (NORCO) sent aid to Idlib on Monday. "
                          "NORCO said the convoy arrived safely.")
    norco = kg.find("Northern Relief Coalition")
    assert {a for a, _ in norco.aliases} == {"Northern Relief Coalition", "NORCO"}
    assert dict(norco.merges)["acronym"] == 2  # its initials (NRC) do not spell it: the parentheses do


def test_it_as_a_referring_subject_joins_its_organisation(tmp_path):
    kg = _build(tmp_path, "NATO held a summit in Brussels. It said the alliance would expand. "
                          "It can be said that the summit went well.")
    nato = kg.find("NATO")
    pronouns = [m.text for m in nato.mentions if m.kind == "pronoun"]
    assert pronouns == ["It"]  # the second "It" is expletive: no referent


def test_capitals_in_a_row_are_no_acronym_definition(tmp_path):
    kg = _build(tmp_path, "Merkel flew to Germany. NATO said the North Atlantic Treaty Organization would meet. "
                          "Trade talks with China. EU officials said the European Union would respond.")
    assert "NATO" not in {a for a, _ in kg.find("Germany").aliases}
    assert "EU" not in {a for a, _ in kg.find("China").aliases}


def test_names_in_other_scripts_get_distinct_ids(tmp_path):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[[entity]]\nname = "北京"\ntype = "GPE"\n\n[[entity]]\nname = "東京"\ntype = "GPE"\n',
                       encoding="utf-8")
    path = tmp_path / "cities.txt"
    path.write_text("Officials in 北京 called officials in 東京 on Monday.", encoding="utf-8")
    kg = graphkit.build([path], aliases=aliases)
    ids = {kg.find("北京").id, kg.find("東京").id}
    assert len(ids) == 2


def test_a_role_in_apposition_belongs_to_its_name(tmp_path):
    kg = _build(tmp_path, "Mohammad Javad Zarif flew to Vienna. Hassan Rouhani, the Iranian president, said the deal "
                          "would survive.")
    assert "the Iranian president" in {a for a, _ in kg.find("Hassan Rouhani").aliases}


def test_family_name_first(tmp_path):
    kg = _build(tmp_path, "Chinese President Xi Jinping met Donald Trump in Beijing. Xi said trade would grow.")
    assert {"Xi Jinping", "Xi"} <= {a for a, _ in kg.find("Xi Jinping").aliases}


def test_pronouns_agree_with_first_names(tmp_path):
    kg = _build(tmp_path, "Angela Merkel met Emmanuel Macron in Berlin. She said he was right.")
    merkel = {m.text for m in kg.find("Angela Merkel").mentions if m.kind == "pronoun"}
    macron = {m.text for m in kg.find("Emmanuel Macron").mentions if m.kind == "pronoun"}
    assert (merkel, macron) == ({"She"}, {"he"})


def test_seats_of_government_are_their_state_but_agencies_are_not(tmp_path):
    kg = _build(tmp_path, "The White House said the United States would act. "
                          "The State Department disagreed with the White House.")
    assert {"White House", "United States"} <= {a for a, _ in kg.entity("gpe/united-states").aliases}
    assert kg.find("State Department") is not None
    assert kg.find("State Department").id != "gpe/united-states"


def test_a_capital_party_to_a_relation_is_its_state(tmp_path):
    text = "Trump sought closer ties with Moscow. Later Tillerson flew to Moscow."
    kg = _build(tmp_path, text)
    russia = [m.start for m in kg.entity("gpe/russian-federation").mentions]
    place = [m.start for m in kg.entity("gpe/moscow").mentions]
    assert (russia, place) == ([text.index("Moscow")], [text.rindex("Moscow")])
