"""GEXF 1.3: valid against the official schema, laid out, coloured, typed and dated, on the seed and on awkward values."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from graphkit.export.gexf import attribute_types, write_gexf
from graphkit.export.style import TYPE_COLOURS, rgb
from graphkit.graph import KnowledgeGraph
from graphkit.types import Argument, Document, Entity, Mention, Provenance, Relation, Triple

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "schemas" / "gexf-1.3" / "gexf.xsd"
NS = {"g": "http://gexf.net/1.3"}
_TYPES = {"integer": int, "double": float, "boolean": lambda v: {"true": True, "false": False}[v], "string": str}


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def read_gexf(path: Path) -> tuple[etree._Element, dict[str, dict], list[dict]]:
    """The file's root, its nodes by id and its edges, attribute values converted to their declared types."""
    root = etree.parse(str(path)).getroot()
    types = {
        kind: {a.get("id"): (a.get("title"), _TYPES[a.get("type")])
               for a in root.iterfind(f"g:graph/g:attributes[@class='{kind}']/g:attribute", NS)}
        for kind in ("node", "edge")
    }

    def item(element, kind):
        found = dict(element.attrib)
        for value in element.iterfind("g:attvalues/g:attvalue", NS):
            title, convert = types[kind][value.get("for")]
            found[title] = convert(value.get("value"))
        found["spells"] = [(s.get("start"), s.get("end")) for s in element.iterfind("g:spells/g:spell", NS)]
        colour = element.find("g:color", NS)
        found["color"] = tuple(int(colour.get(c)) for c in "rgb")
        return found

    nodes = {}
    for node in root.iterfind("g:graph/g:nodes/g:node", NS):
        found = item(node, "node")
        position, size = node.find("g:position", NS), node.find("g:size", NS)
        found["position"] = (float(position.get("x")), float(position.get("y")))
        found["size"] = float(size.get("value"))
        nodes[found["id"]] = found
    edges = [item(edge, "edge") for edge in root.iterfind("g:graph/g:edges/g:edge", NS)]
    return root, nodes, edges


def test_seed_gexf_is_valid_gexf_1_3(seed_output, schema):
    document = etree.parse(str(seed_output / "graph.gexf"))
    schema.assertValid(document)
    assert document.getroot().get("version") == "1.3"


def test_seed_gexf_has_no_date_and_no_library_version(seed_output):
    text = (seed_output / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert "NetworkX" not in text
    assert "<creator>graphkit</creator>" in text


def test_seed_gexf_opens_laid_out_coloured_and_sized(seed_output, seed_graph):
    _, nodes, edges = read_gexf(seed_output / "graph.gexf")
    assert set(nodes) == {e.id for e in seed_graph.nodes()}
    assert len(edges) == len(seed_graph.edges())
    for node in nodes.values():
        assert node["color"] == rgb(TYPE_COLOURS[node["type"]])
    positions = {node["position"] for node in nodes.values()}
    assert len(positions) == len(nodes)  # laid out: no two nodes on one spot
    xs = [x for x, _ in positions]
    assert max(xs) - min(xs) > 100
    trump, concept = nodes["person/trump"], nodes["concept/59-tomahawk-missiles"]
    assert trump["mentions"] > concept["mentions"] and trump["size"] > concept["size"]


def test_seed_gexf_attributes_are_typed_and_edges_carry_event_and_intensity(seed_output):
    root, nodes, edges = read_gexf(seed_output / "graph.gexf")
    declared = {(a.getparent().get("class"), a.get("title")): a.get("type")
                for a in root.iterfind("g:graph/g:attributes/g:attribute", NS)}
    assert declared["node", "mentions"] == "integer"
    assert declared["edge", "confidence"] == declared["edge", "intensity"] == "double"
    assert declared["edge", "negated"] == "boolean"
    assert declared["edge", "event"] == "string"
    assad = nodes["person/bashar-al-assad"]
    assert (assad["label"], assad["type"]) == ("Bashar al-Assad", "PERSON")
    assert set(assad["aliases"].split("|")) == {"Assad", "Bashar Assad", "the Syrian president"}
    assert assad["mentions"] >= 7
    (honor,) = [e for e in edges if (e["source"], e["target"], e["label"]) == ("person/putin", "person/tillerson", "honor")]
    assert (honor["relation"], honor["weight"], honor["doc"]) == ("honor", "1", "us-russia-relations-2017.txt")
    assert (honor["event"], honor["intensity"]) == ("SUPPORT", 3.4)
    assert "friendship award" in honor["evidence"]
    assert honor["negated"] is False and 0 < honor["confidence"] <= 1
    punish = [e for e in edges if e["label"] == "punish"]
    assert punish and punish[0]["intensity"] < 0
    assert punish[0]["color"][0] > punish[0]["color"][1]  # conflict shades red
    assert honor["color"][1] > honor["color"][0]  # cooperation shades green
    assert any(e["negated"] for e in edges)


def test_seed_without_dates_is_a_static_graph(seed_output):
    root, nodes, edges = read_gexf(seed_output / "graph.gexf")
    graph = root.find("g:graph", NS)
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    assert not any(item["spells"] for item in [*nodes.values(), *edges])


LONG = "Lavrov said the talks & the \"deal\" were <fine>. " * 4000  # about 200,000 characters


def awkward_graph() -> KnowledgeGraph:
    """Empty strings, non-ASCII names, quotes, ``&``, markup, control characters, lone surrogates, very long evidence,
    and dates of every precision (and none) across three documents."""
    docs = (
        Document(id="a&b \"quoted\".txt", text=LONG, date="2017-04-12"),
        Document(id="zürich/北京.txt", text="Łukasz Żółć met 習近平 🇫🇷. O'Brien said \"no\".", date="2017"),
        Document(id="undated\x0b\ud800.jsonl#1", text="Empty said nothing.", date=""),
    )
    mentions = {
        "person/o-brien": Mention(docs[1].id, 0, 8, "O'Brien", "PERSON"),
        "person/lukasz": Mention(docs[1].id, 0, 12, "Łukasz Żółć", "PERSON"),
        "person/xi": Mention(docs[1].id, 17, 20, "習近平", "PERSON"),
        "gpe/q": Mention(docs[0].id, 0, 6, "Lavrov", "GPE"),
        "person/empty": Mention(docs[2].id, 0, 5, "", "PERSON"),
    }
    entities = (
        Entity("gpe/q", "\"Q&A\" <b>land</b>", "GPE", (mentions["gpe/q"],), (("Q & A's", 2),)),
        Entity("person/empty", "", "PERSON", (mentions["person/empty"],), (("", 1),)),
        Entity("person/lukasz", "Łukasz Żółć 🇫🇷", "PERSON", (mentions["person/lukasz"],), (("Łukasz", 1),)),
        Entity("person/o-brien", "O'Brien\x1b", "PERSON", (mentions["person/o-brien"],), (("O\ud800", 1),)),
        Entity("person/xi", "習近平", "PERSON", (mentions["person/xi"],), (("Xi", 1),)),
    )

    def relation(subject, lemma, obj, doc, sentence, *, event_date="", event="", intensity=None, negated=False):
        provenance = Provenance(doc.id, sentence, 0, len(sentence), "clauses.v1")
        triple = Triple(Argument("s", 0, 1, 0, 1), lemma, (Argument("o", 2, 3, 2, 3),), 0.7, provenance,
                        negated=negated, relation_lemma=lemma)
        return Relation(triple, subject, obj, event=event, intensity=intensity, date=doc.date, event_date=event_date)

    relations = (
        relation("gpe/q", "say", "person/xi", docs[0], LONG, event="STATEMENT", intensity=0.0),
        relation("person/lukasz", "meet", "person/xi", docs[1], "Łukasz Żółć met 習近平.", event_date="2017-04",
                 event="CONSULT", intensity=1.0),
        relation("person/lukasz", "meet", "person/xi", docs[1], "They met & \"talked\".", event_date="2017-04-12",
                 event="CONSULT", intensity=1.0),
        relation("person/lukasz", "meet", "person/xi", docs[1], "Again in June.", event_date="2017-06-02",
                 event="CONSULT", intensity=1.0),
        relation("person/o-brien", "reject", "gpe/q", docs[1], "O'Brien said \"no\".", event="REJECT",
                 intensity=-4.0, negated=True),
        relation("person/empty", "", "person/o-brien", docs[2], "", event_date="last week"),
    )
    return KnowledgeGraph(documents=docs, entities=entities, relations=relations)


def test_awkward_values_give_a_valid_gexf_that_reads_back(tmp_path, schema):
    path = tmp_path / "graph.gexf"
    write_gexf(awkward_graph(), path)
    schema.assertValid(etree.parse(str(path)))
    _, nodes, edges = read_gexf(path)
    assert nodes["gpe/q"]["label"] == "\"Q&A\" <b>land</b>"
    assert nodes["gpe/q"]["aliases"] == "Q & A's"
    assert nodes["person/empty"]["label"] == "" and nodes["person/empty"]["aliases"] == ""
    assert nodes["person/lukasz"]["label"] == "Łukasz Żółć 🇫🇷"
    assert nodes["person/xi"]["label"] == "習近平"
    assert nodes["person/o-brien"]["label"] == "O'Brien "  # the escape character replaced
    assert nodes["person/o-brien"]["aliases"] == "O\ufffd"
    (say,) = [e for e in edges if e["label"] == "say"]
    assert say["evidence"] == LONG and say["doc"] == "a&b \"quoted\".txt"
    assert say["intensity"] == 0.0
    (empty,) = [e for e in edges if e["source"] == "person/empty"]
    assert empty["label"] == "" and empty["doc"] == "undated \ufffd.jsonl#1"
    (reject,) = [e for e in edges if e["label"] == "reject"]
    assert reject["negated"] is True and reject["intensity"] == -4.0


def test_awkward_graph_dates_become_disjoint_spells(tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(awkward_graph(), path)
    root, nodes, edges = read_gexf(path)
    graph = root.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    by_label = {e["label"]: e for e in edges}
    # a month and a day inside it join; June stays apart
    assert by_label["meet"]["spells"] == [("2017-04-01", "2017-04-30"), ("2017-06-02", "2017-06-02")]
    assert by_label["say"]["spells"] == [("2017-04-12", "2017-04-12")]  # the document's date
    assert by_label["reject"]["spells"] == [("2017-01-01", "2017-12-31")]  # a year spans its days
    assert by_label[""]["spells"] == []  # "last week" without a date to count from, in an undated document
    # a node lives from its first to its last dated mention or edge
    assert nodes["person/xi"]["spells"] == [("2017-01-01", "2017-12-31")]
    assert nodes["gpe/q"]["spells"] == [("2017-01-01", "2017-12-31")]
    assert nodes["person/empty"]["spells"] == []
    for edge in edges:
        for start, end in edge["spells"]:
            for end_node in (nodes[edge["source"]], nodes[edge["target"]]):
                (node_start, node_end), = end_node["spells"]
                assert node_start <= start <= end <= node_end


def test_gexf_is_byte_identical_for_the_same_graph(tmp_path):
    write_gexf(awkward_graph(), tmp_path / "one.gexf")
    write_gexf(awkward_graph(), tmp_path / "two.gexf")
    assert (tmp_path / "one.gexf").read_bytes() == (tmp_path / "two.gexf").read_bytes()


@pytest.mark.parametrize("value", [None, ["a", "b"], {"a": 1}])
def test_no_none_list_or_dict_reaches_gexf(value):
    with pytest.raises(TypeError, match="attribute 'aliases'"):
        attribute_types([{"mentions": 1}, {"aliases": value}])


def test_an_attribute_with_ints_and_floats_is_double():
    assert attribute_types([{"w": 1, "label": "a"}, {"w": 2.5, "ok": True}]) == {
        "w": "double", "label": "string", "ok": "boolean"}
