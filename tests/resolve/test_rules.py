"""The resolution rules: each on real sentences through the public build(), and each on hand-made mentions."""

from __future__ import annotations

import graphkit
from graphkit.resolve import rules as table
from graphkit.resolve.aliases import UserAliases, UserEntity
from graphkit.resolve.resolver import RuleState, resolve
from graphkit.types import Mention


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
    from graphkit.types import Document, Entity

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


def test_family_name_first_in_a_built_graph(tmp_path):
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


# Each rule of the table on hand-made mentions, without spaCy.


def _m(text, start=0, doc="a", label="PERSON", kind="name", role="other", sentence=0, roles=()):
    return Mention(doc_id=doc, start=start, end=start + len(text), text=text, label=label, kind=kind, role=role,
                   sentence_start=sentence, roles=roles)


def _run(mentions, until, aliases=None):
    """The state after the table's rules up to and including ``until``."""
    state = RuleState(mentions, aliases=aliases)
    for rule in table.RULES:
        state.apply(rule)
        if rule.name == until:
            return state
    raise AssertionError(until)


def test_the_table_is_in_the_documented_order():
    assert [rule.name for rule in table.RULES] == [
        "user-alias", "country-name", "metonymy", "party", "place", "type-vote", "same-name", "org-name", "surname",
        "acronym", "never-merge", "pronoun", "title", "description", "concept"]
    assert all(rule.description and "\n" not in rule.description for rule in table.RULES)
    assert all(f"``{rule.name}``" in table.__doc__ for rule in table.RULES)


def test_user_alias():
    putin = _m("Putin")
    state = _run([putin], table.USER_ALIAS,
                 UserAliases(entities=(UserEntity("Vladimir Putin", "PERSON", ("Putin",)),)))
    assert (state.keys[putin], state.rule_of[putin]) == (("PERSON", "user:vladimir putin"), "user-alias")
    assert state.labels[state.keys[putin]] == "Vladimir Putin"


def test_country_name_and_metonymy():
    us, acting, place = _m("U.S.", label="GPE"), _m("Moscow", 10, label="GPE", role="subject"), _m("Moscow", 30, label="GPE")
    state = _run([us, acting, place], table.METONYMY)
    assert (state.keys[us], state.rule_of[us]) == (("GPE", "country:USA"), "country-name")
    assert (state.keys[acting], state.rule_of[acting]) == (("GPE", "country:RUS"), "metonymy")
    assert place not in state.keys  # a capital as a place is left to the later rules


def test_type_vote_and_same_name():
    org, person = _m("Trump", label="ORG"), _m("Trump", 10)
    state = _run([org, person], table.SAME_NAME)
    assert state.keys[org] == state.keys[person] == ("PERSON", "trump")
    assert (state.rule_of[org], state.rule_of[person]) == ("type-vote", "same-name")


def test_org_name():
    short, full = _m("NATO", label="ORG"), _m("North Atlantic Treaty Organization", 10, label="ORG")
    state = _run([short, full], table.ORG_NAME)
    assert state.keys[short] == state.keys[full] and {state.rule_of[short], state.rule_of[full]} == {"org-name"}


def test_surname_joins_the_nearest_full_name_of_its_document_else_the_only_one():
    hafez, bashar = _m("Hafez al-Assad", 0), _m("Bashar al-Assad", 40)
    here, elsewhere = _m("Assad", 80), _m("Assad", 0, doc="b")
    state = _run([hafez, bashar, here, elsewhere], table.SURNAME)
    assert (state.keys[here], state.rule_of[here]) == (("PERSON", "bashar assad"), "surname")
    assert state.keys[elsewhere] == ("PERSON", "assad")  # two Assads of equal weight: no guess


def test_surname_across_documents_never_picks_between_two_people_who_have_it():
    found = [_m("Bashar al-Assad", 0, doc=d) for d in "abc"] + [_m("Hafez al-Assad", 0, doc="d"), _m("Assad", 0, doc="e")]
    state = _run(found, table.SURNAME)
    assert state.keys[found[-1]] == ("PERSON", "assad")  # Bashar is in more documents, but Hafez has the name too
    alone = [_m("Bashar al-Assad", 0, doc="a"), _m("Assad", 0, doc="e")]
    assert _run(alone, table.SURNAME).keys[alone[-1]] == ("PERSON", "bashar assad")


def test_family_name_first():
    xi, full = _m("Xi", 30), _m("Xi Jinping", 0)
    assert _run([xi, full], table.SURNAME).keys[xi] == ("PERSON", "xi jinping")


def test_acronym_defined_in_parentheses_and_by_initials():
    name, short = _m("Northern Relief Coalition", 0, label="ORG"), _m("NORCO", 27, label="ORG", roles=("bracketed",))
    later = _m("NORCO", 0, doc="b", label="ORG")
    un, united = _m("LRU", 0, doc="c", label="ORG"), _m("Lakeside Rowing Union", 10, doc="c", label="ORG")  # no dictionary's
    state = _run([name, short, later, un, united], table.ACRONYM)
    assert state.keys[short] == state.keys[later] == state.keys[name]
    assert state.keys[un] == state.keys[united] and state.rule_of[un] == "acronym"


def test_a_bracketed_acronym_joins_only_a_name_it_spells():
    # hypothesis found "Trump (U.S.)" merged: the letters of U.S. are not in "Trump"
    trump, us = _m("Trump", 0, label="ORG"), _m("U.S.", 7, label="GPE", roles=("bracketed",))
    state = _run([trump, us], table.ACRONYM)
    assert state.keys[trump] != state.keys[us]
    isis_name, isis = _m("Islamic State", 0, label="ORG"), _m("ISIS", 15, label="ORG", roles=("bracketed",))
    assert len({_run([isis_name, isis], table.ACRONYM).keys[m] for m in (isis_name, isis)}) == 1


def test_never_merge():
    full, short = _m("Bashar al-Assad", 0), _m("Assad", 40)
    state = _run([full, short], table.NEVER_MERGE,
                 UserAliases(never_merge=(frozenset({"bashar al assad", "assad"}),)))
    assert state.keys[full] != state.keys[short]
    assert "never-merge" in {state.rule_of[full], state.rule_of[short]}


def test_pronoun_agrees_with_the_first_name():
    merkel, macron = _m("Angela Merkel", 0, role="subject"), _m("Emmanuel Macron", 18, role="object")
    she, he = _m("She", 40, kind="pronoun", sentence=40), _m("he", 49, kind="pronoun", sentence=40)
    state = _run([merkel, macron, she, he], table.PRONOUN)
    assert (state.keys[she], state.keys[he]) == (state.keys[merkel], state.keys[macron])
    assert state.rule_of[she] == "pronoun"


def test_title_joins_the_one_fitting_person_of_its_document():
    assad = _m("Bashar al-Assad", 0, roles=("country:SYR", "title:president"))
    role = _m("the Syrian president", 40, kind="title")
    other_doc = _m("the Syrian president", 0, doc="b", kind="title")
    state = _run([assad, role, other_doc], table.TITLE)
    assert (state.keys[role], state.rule_of[role]) == (state.keys[assad], "title")
    assert other_doc not in state.keys


def test_concept():
    a, b = _m("the chemical attack", 0, label="CONCEPT", kind="concept"), _m("chemical attack", 30, label="CONCEPT", kind="concept")
    state = _run([a, b], table.CONCEPT)
    assert state.keys[a] == state.keys[b] == ("CONCEPT", "chemical attack")


def test_entities_count_the_rules_that_merged_them():
    found = [_m("Bashar al-Assad", 0), _m("Assad", 40), _m("he", 60, kind="pronoun", sentence=60)]
    (assad,) = resolve(found).entities
    assert dict(assad.merges) == {"same-name": 1, "surname": 1, "pronoun": 1}


def test_a_new_rule_is_a_function_and_a_row():
    def everyone_is_trump(state):
        state.each(state.kept(state.names), lambda m: state.assign(m, ("PERSON", "trump")))

    rules = (*table.RULES, table.Rule("everyone-is-trump", everyone_is_trump, "for this test only"))
    (entity,) = resolve([_m("Putin"), _m("Trump", 10)], rules=rules).entities
    assert dict(entity.merges) == {"everyone-is-trump": 2}


def test_a_rule_failing_on_one_mention_warns_with_its_name_and_skips_only_that_mention(caplog):
    def fails_on_putin(state):
        def check(m):
            if m.text == "Putin":
                raise ValueError("no such thing")

        state.each(state.kept(state.names), check)

    rules = (*table.RULES[:5], table.Rule("fussy", fails_on_putin, "for this test only"), *table.RULES[5:])
    putin, trump = _m("Putin", 0, doc="fussy-test"), _m("Trump", 10, doc="fussy-test")
    with caplog.at_level("WARNING", logger="graphkit.resolve"):
        resolution = resolve([putin, trump], rules=rules)
        resolve([putin, trump], rules=rules)
    assert [r.getMessage() for r in caplog.records] == [
        "fussy-test: the fussy rule failed on 'Putin' at offset 0 (ValueError: no such thing); that mention was skipped"]
    assert list(resolution.entity_of) == [trump]


def _entity_of(mentions, aliases=None):
    """Mention text (with document) -> entity id after the whole table."""
    resolution = resolve(mentions, aliases=aliases)
    return {(m.doc_id, m.text, m.start): entity for m, entity in resolution.entity_of.items()}


def test_party_names_plurals_and_nicknames_are_one_party():
    forms = ["Labour", "Labour Party", "New Labour", "Tories", "Tory", "Conservatives", "Conservative Party",
             "Lib Dems", "Lib Dem", "Liberal Democrats"]
    mentions = [_m(text, start=i * 40, label="NORP" if text.startswith("Tor") else "ORG", roles=("party",))
                for i, text in enumerate(forms)]
    found = _entity_of(mentions)
    ids = [found[("a", text, i * 40)] for i, text in enumerate(forms)]
    assert ids[:3] == ["org/labour-party"] * 3
    assert ids[3:7] == ["org/conservative-party"] * 4
    assert ids[7:] == ["org/liberal-democrats"] * 3


def test_a_party_nobody_called_an_organisation_is_left_to_ner():
    found = _entity_of([_m("Labour", label="PERSON")])  # no party role, not an organisation: NER's call stands
    assert found[("a", "Labour", 0)] == "person/labour"


def test_a_city_ner_called_a_person_is_a_place_unless_it_is_a_surname():
    found = _entity_of([_m("Sleaford", 0), _m("Michael Howard", 20, doc="b"), _m("Howard", 60, doc="b")])
    assert found[("a", "Sleaford", 0)] == "gpe/sleaford"
    assert found[("b", "Howard", 60)] == "person/michael-howard"


def test_a_gendered_honorific_keeps_people_apart():
    found = _entity_of([_m("Michael Howard", 0), _m("Mrs Howard", 40), _m("Howard", 80)])
    assert found[("a", "Howard", 80)] == "person/michael-howard"
    assert found[("a", "Mrs Howard", 40)] != "person/michael-howard"


def test_a_title_with_a_first_name_never_joins_another_full_name():
    found = _entity_of([_m("Edward Leigh", 0), _m("Prince Edward", 40), _m("Philip Mawer", 0, doc="b"),
                        _m("Prince Philip", 40, doc="b")])
    assert found[("a", "Prince Edward", 40)] != "person/edward-leigh"
    assert found[("b", "Prince Philip", 40)] != "person/philip-mawer"


def test_a_first_name_alone_never_links_across_documents():
    found = _entity_of([_m("Sandra Gidley", 0, doc="a"), _m("Sandra", 0, doc="b"), _m("Ed Davey", 0, doc="c"),
                        _m("Ed", 0, doc="d")])
    assert found[("b", "Sandra", 0)] != "person/sandra-gidley"
    assert found[("d", "Ed", 0)] != "person/ed-davey"


def test_a_surname_joins_across_documents_only_when_one_person_has_it():
    alone = _entity_of([_m("Charles Kennedy", 0, doc="a"), _m("Kennedy", 0, doc="b")])
    assert alone[("b", "Kennedy", 0)] == "person/charles-kennedy"
    shared = _entity_of([_m("Michael Howard", 0, doc="a"), _m("Michael Howard", 0, doc="c"),
                         _m("John Howard", 0, doc="d"), _m("Howard", 0, doc="b")])
    assert shared[("b", "Howard", 0)] not in {"person/michael-howard", "person/john-howard"}


def test_an_office_joins_the_one_person_of_the_document_who_holds_it():
    mentions = [
        _m("Tony Blair", 0, doc="a", roles=("office:prime minister", "title:minister")),
        _m("Mr Blair", 0, doc="b"), _m("Michael Howard", 20, doc="b", roles=("office:leader", "party:partyfacts/1567", "title:leader")),
        _m("Charles Kennedy", 40, doc="b", roles=("office:leader", "party:partyfacts/1520", "title:leader")),
        _m("the prime minister", 80, doc="b", kind="title", roles=("office:prime minister",)),
        _m("the Tory leader", 120, doc="b", kind="title", roles=("office:leader", "party:partyfacts/1567")),
        _m("the leader", 160, doc="b", kind="title", roles=("office:leader",)),
        _m("the chancellor", 200, doc="b", kind="title", roles=("office:chancellor",)),
    ]
    found = _entity_of(mentions)
    assert found[("b", "the prime minister", 80)] == "person/tony-blair"
    assert found[("b", "the Tory leader", 120)] == "person/michael-howard"
    assert ("b", "the leader", 160) not in found  # two leaders: never guessed
    assert ("b", "the chancellor", 200) not in found  # nobody is known to be chancellor


def test_descriptions_join_the_actor_named_before_them():
    mentions = [
        _m("Liberal Democrats", 0, label="ORG", roles=("party",)),
        _m("Charles Kennedy", 30),
        _m("his party", 60, kind="title", label="ORG", roles=("description:party",)),
        _m("Commons home affairs committee", 90, label="ORG"),
        _m("the committee", 140, kind="title", label="ORG", roles=("description:committee",)),
        _m("UK", 170, label="GPE"), _m("Britain", 180, label="GPE"), _m("France", 190, label="GPE"),
        _m("the government", 200, kind="title", label="GPE", roles=("description:government",)),
        _m("the union", 230, kind="title", label="ORG", roles=("description:union",)),
    ]
    found = _entity_of(mentions)
    assert found[("a", "his party", 60)] == "org/liberal-democrats"
    assert found[("a", "the committee", 140)] == found[("a", "Commons home affairs committee", 90)]
    assert found[("a", "the government", 200)] == "gpe/united-kingdom"  # the state the document names most
    assert ("a", "the union", 230) not in found  # no union named before it: unresolved, never guessed


def test_a_description_before_any_name_or_between_equal_states_stays_unresolved():
    found = _entity_of([_m("the party", 0, kind="title", label="ORG", roles=("description:party",)),
                        _m("Labour", 20, label="ORG", roles=("party",)),
                        _m("France", 40, label="GPE"), _m("Spain", 50, label="GPE"),
                        _m("the government", 60, kind="title", label="GPE", roles=("description:government",))])
    assert ("a", "the party", 0) not in found and ("a", "the government", 60) not in found


def test_they_joins_the_party_named_before_it_but_not_after_a_plural_noun():
    mentions = [
        _m("Lib Dems", 0, label="ORG", role="subject", roles=("party",)),
        _m("they", 30, label="ORG", kind="pronoun", roles=("plural",)),
        _m("they", 60, label="ORG", kind="pronoun", roles=("plural", "after-plural-noun")),  # "MPs said they"
        _m("Charles Kennedy", 0, doc="b", role="subject"),
        _m("they", 40, doc="b", label="ORG", kind="pronoun", roles=("plural",)),  # a person is never "they"
    ]
    found = _entity_of(mentions)
    assert found[("a", "they", 30)] == "org/liberal-democrats"
    assert ("a", "they", 60) not in found and ("b", "they", 40) not in found


def test_a_region_ner_sometimes_calls_a_person_is_a_place():
    found = _entity_of([_m("Wales", 0, label="PERSON"), _m("Wales", 20, label="GPE"), _m("Wales", 40, label="GPE"),
                        _m("England", 60, label="PERSON")])
    assert {found[("a", "Wales", s)] for s in (0, 20, 40)} == {"gpe/wales"}
    assert found[("a", "England", 60)] == "gpe/england"


def test_a_quoted_pronoun_is_never_the_speaker(tmp_path):
    kg = _build(tmp_path, "Robert Kilroy-Silk quit the party on Thursday. Party leader Roger Knapman was not sorry.\n\n"
                          "\"It was nice knowing him,\" Mr Knapman said.")
    assert "him" in [m.text for m in kg.find("Robert Kilroy-Silk").mentions]
    assert "him" not in [m.text for m in kg.find("Roger Knapman").mentions]


def test_a_titled_surname_joins_the_one_person_of_the_corpus_with_that_title():
    mentions = [_m("Donald Trump", 0, doc="a", roles=("title:president",)), _m("Melania Trump", 0, doc="b"),
                _m("President Trump", 0, doc="c", roles=("title:president",)), _m("Trump", 0, doc="d")]
    found = _entity_of(mentions)
    assert found[("c", "President Trump", 0)] == "person/donald-trump"
    assert found[("d", "Trump", 0)] not in {"person/donald-trump", "person/melania-trump"}  # two Trumps: no guess
