"""benchmarks/events.py on hand-made data: GSR parsing and type mapping, pair matching,
metrics, the BBC events gold loader. Pure Python: no spaCy, no graphkit build, no /work/shared."""

import csv
import hashlib
import json

import pytest

import events  # benchmarks/ is on sys.path (conftest.py)
from events import Output

GSR_SAMPLE = [
    {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs"},
    {
        "id": "G-1", "date": "2000-01-01", "event": "DISAPPROVE",
        "source": [{"actorText": "Ruritania", "code": "RUR"}],
        "target": [{"actorText": "Freedonia", "code": "FRE"}],
        "text": "Ruritania criticised Freedonia on Monday.",
    },
    {
        "id": "G-2", "date": "2000-01-01", "event": "AGREE",
        "source": [{"actorText": "Ruritanian"}, {"actorText": "Freedonian"}], "target": "",
        "text": "Senior Ruritanian and Freedonian officials agreed to cooperate.",
    },
    {"id": "G-3", "event": "DEMAND", "source": [{"actorText": "Bob Smith"}], "text": "Bob Smith demanded more."},
    {"id": "G-4", "event": "FIGHT", "source": [{"actorText": "A"}], "target": [{"actorText": "B"}], "text": ""},
    {"id": "G-5", "event": "INVESTIGATE", "source": None, "target": [{"actorText": "B"}], "text": "B was probed."},
    {"id": "G-6", "event": "WHATEVER", "text": "x"},
]


def test_parse_gsr_maps_types_and_skips():
    records, skipped = events.parse_gsr(GSR_SAMPLE)
    assert [r.id for r in records] == ["G-1", "G-2", "G-3", "G-5"]
    assert [r.event for r in records] == ["ACCUSE", "AGREE", "REQUEST", "ACCUSE"]
    assert records[0].event05 == "DISAPPROVE"
    assert skipped == {"DOCUMENT record": 1, "no text": 1, "unmapped event 'WHATEVER'": 1}
    assert records[0].pairs == [("Ruritania", "Freedonia", True)]
    assert records[1].pairs == [("Ruritanian", "Freedonian", False)]  # reciprocal: SRC/TAR
    assert records[2].pairs == []  # lone source
    assert records[3].sources == () and records[3].pairs == []


def test_load_gsr_reads_json_list(tmp_path):
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(GSR_SAMPLE), encoding="utf-8")
    records, _ = events.load_gsr(path)
    assert len(records) == 4
    (tmp_path / "bad.txt").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError):
        events.load_gsr(tmp_path / "bad.txt")


def test_type_tables_cover_every_type():
    assert set(events.PLOVER05_TO_CURRENT.values()) <= set(events.PLOVER_TYPES)
    assert set(events.TYPE_SIGN) == set(events.ALL_TYPES)
    assert events.TYPE_SIGN["AGREE"] == 1 and events.TYPE_SIGN["ASSAULT"] == -1
    assert events.TYPE_SIGN["REQUEST"] == -1 and events.TYPE_SIGN["STATEMENT"] == 0
    assert events.PLOVER05_TO_CURRENT["FIGHT"] == "ASSAULT"


def _output(rows, columns=None, mentions=None, types=None, names=None, sentences=0):
    columns = columns or ["subject_id", "subject", "relation", "object_id", "object", "doc", "start", "end"]
    return Output(
        relations=rows, entity_type=types or {}, entity_names=names or {},
        mentions=mentions or {}, columns=columns, sentences=sentences,
    )


def _gsr_output(event=None, intensity=None, reverse=False):
    subj, obj = ("gpe/freedonia", "gpe/ruritania") if reverse else ("gpe/ruritania", "gpe/freedonia")
    row = {"subject_id": subj, "object_id": obj, "relation": "criticised", "doc": "G-1"}
    columns = ["subject_id", "relation", "object_id", "doc"]
    if event is not None:
        row["event"], row["intensity"] = event, intensity
        columns += ["event", "intensity"]
    return _output(
        [row, {"subject_id": "gpe/ruritania", "object_id": "concept/x", "relation": "r", "doc": "G-1"}],
        columns=columns,
        mentions={("G-1", "gpe/ruritania"): [(0, 9, "Ruritania")], ("G-1", "gpe/freedonia"): [(21, 30, "Freedonia")]},
        types={"gpe/ruritania": "GPE", "gpe/freedonia": "GPE", "concept/x": "CONCEPT"},
    )


def test_pair_matching_direction_and_missing_columns():
    records, _ = events.parse_gsr(GSR_SAMPLE)
    result = events.score_gsr(records, _gsr_output())
    assert result["pairs"] == 2 and result["found"] == 1 and result["found_directed"] == 1
    assert result["type_scores"] is None and result["sign"] is None  # no event/intensity columns: n/a
    backwards = events.score_gsr(records, _gsr_output(reverse=True))
    assert backwards["found"] == 1 and backwards["found_directed"] == 0


def test_event_type_and_sign_when_columns_exist():
    records, _ = events.parse_gsr(GSR_SAMPLE)
    right = events.score_gsr(records, _gsr_output("ACCUSE", "-2.0"))
    assert right["type_scores"].accuracy == 1.0 and right["sign"] == (1.0, 1, 1)
    wrong = events.score_gsr(records, _gsr_output("", ""))
    assert wrong["type_scores"].accuracy == 0.0 and wrong["sign"] == (0.0, 0, 1)


def test_actor_matching_by_text_overlap():
    out = _output([], mentions={("d", "org/un"): [(4, 18, "United Nations")]})
    text = "The United Nations military personnel arrived."
    assert events.entity_matches_actor(out, "d", "org/un", "United Nations military personnel", text)
    assert not events.entity_matches_actor(out, "d", "org/un", "Bosnia", text)
    assert not events.entity_matches_actor(out, "other", "org/un", "Bosnia", text)


def test_classification_scores_macro_f1():
    scores = events.classification_scores(["A", "A", "B", "C"], ["A", "B", "B", ""])
    assert scores.accuracy == 0.5
    # A: P 1 R .5 F .667; B: P .5 R 1 F .667; C: 0  -> macro .444
    assert scores.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert events.classification_scores([], []).accuracy is None


def test_sign_accuracy():
    share, right, total = events.sign_accuracy(["AGREE", "ASSAULT", "STATEMENT", "AGREE"], [3.0, 2.0, 0.0, None])
    assert (right, total) == (2, 4) and share == 0.5


def test_corpus_figures_and_judgements(tmp_path):
    types = {"p/a": "PERSON", "p/b": "PERSON", "c/x": "CONCEPT"}
    rows = [
        {"subject_id": "p/a", "object_id": "p/b", "doc": "1", "start": "0", "relation": "met"},
        {"subject_id": "p/a", "object_id": "p/a", "doc": "1", "start": "0", "relation": "is"},
        {"subject_id": "p/a", "object_id": "c/x", "doc": "1", "start": "9", "relation": "said"},
        {"subject_id": "", "object_id": "p/b", "doc": "2", "start": "0", "relation": "saw"},
    ]
    figures = events.corpus_figures(_output(rows, types=types, sentences=10), sample=40, seed=1)
    assert figures["actor_rows"] == 2 and figures["per_100_sentences"] == 20.0
    assert figures["self_loop_share"] == 0.5 and figures["share_sentences_without"] == 0.9
    assert len(figures["sample"]) == 2 and figures["filled"] == {}
    judged = tmp_path / "judged.tsv"
    keys = [events.row_key(r) for r in figures["sample"]]
    judged.write_text(f"# comment\n{keys[0]}\ty\tnote\n{keys[1]}\tn\nother\t?\n", encoding="utf-8")
    assert events.score_judgements(events.read_judgements(judged)) == (0.5, 1, 2)
    judged.write_text("k\tmaybe\n", encoding="utf-8")
    with pytest.raises(ValueError):
        events.read_judgements(judged)


# ---------------------------------------------------------------- BBC events gold

ARTICLE = "Title line\n\nAlice Smith met Bob Jones. It rained. He praised her.\n"


def _write_gold(tmp_path, rows, sha=None):
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    (articles / "001.txt").write_bytes(ARTICLE.encode("utf-8"))
    sha = sha or hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    gold = tmp_path / "gold"
    gold.mkdir(exist_ok=True)
    lines = ["# doc: 001.txt", f"# sha256: {sha}", "# annotator: t", "\t".join(events.EVENT_COLUMNS)]
    lines += ["\t".join(map(str, r)) for r in rows]
    (gold / "001.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold, articles


def _span(text, needle, nth=1):
    start = -1
    for _ in range(nth):
        start = ARTICLE.index(needle, start + 1)
    return start, start + len(needle)


S1, S2, S3 = _span(ARTICLE, "Alice Smith met Bob Jones."), _span(ARTICLE, "It rained."), _span(ARTICLE, "He praised her.")
GOLD_ROWS = [
    [*S1, *_span(ARTICLE, "Alice Smith"), "alice-smith", "name", *_span(ARTICLE, "Bob Jones"), "bob-jones", "name", "CONSULT", "no"],
    [*S2] + ["-"] * 10,
    [*S3, *_span(ARTICLE, "He"), "bob-jones", "pronoun", *_span(ARTICLE, "her"), "alice-smith", "pronoun", "SUPPORT", "no"],
]


def test_load_events_gold_and_sha256(tmp_path):
    gold, articles = _write_gold(tmp_path, GOLD_ROWS)
    (doc,) = events.load_events_gold(gold, articles)
    assert doc.name == "001.txt" and len(doc.sentences) == 3
    assert [len(s.pairs) for s in doc.sentences] == [1, 0, 1]
    pair = doc.sentences[2].pairs[0]
    assert doc.text[pair.source.start:pair.source.end] == "He" and pair.target.kind == "pronoun"
    gold, articles = _write_gold(tmp_path, GOLD_ROWS, sha="0" * 64)
    with pytest.raises(events.GoldFileError, match="sha256"):
        events.load_events_gold(gold, articles)


@pytest.mark.parametrize(
    "bad",
    [
        [*S1, 0, 5, "alice-smith", "name", *_span(ARTICLE, "Bob Jones"), "bob-jones", "name", "CONSULT", "no"],
        [*S1, *_span(ARTICLE, "Alice Smith"), "Alice", "name", *_span(ARTICLE, "Bob Jones"), "bob-jones", "name", "CONSULT", "no"],
        [*S1, *_span(ARTICLE, "Alice Smith"), "alice-smith", "nick", *_span(ARTICLE, "Bob Jones"), "bob-jones", "name", "CONSULT", "no"],
        [*S1, *_span(ARTICLE, "Alice Smith"), "alice-smith", "name", *_span(ARTICLE, "Bob Jones"), "bob-jones", "name", "MEET", "no"],
    ],
)
def test_load_events_gold_rejects_bad_rows(tmp_path, bad):
    gold, articles = _write_gold(tmp_path, [bad])
    with pytest.raises(events.GoldFileError):
        events.load_events_gold(gold, articles)


def test_score_bbc_precision_recall_by_naming(tmp_path):
    gold, articles = _write_gold(tmp_path, GOLD_ROWS)
    docs = events.load_events_gold(gold, articles)
    alice, bob = _span(ARTICLE, "Alice Smith"), _span(ARTICLE, "Bob Jones")
    he, her = _span(ARTICLE, "He"), _span(ARTICLE, "her")
    types = {"person/alice": "PERSON", "person/bob": "PERSON", "person/carol": "PERSON"}
    mentions = {
        ("001.txt", "person/alice"): [(*alice, "Alice Smith")],
        ("001.txt", "person/bob"): [(*bob, "Bob Jones")],
        ("001.txt", "person/carol"): [(*he, "He")],  # "He" wrongly resolved to Carol
    }
    rows = [
        # right, reversed direction
        {"subject_id": "person/bob", "subject": "Bob Jones", "object_id": "person/alice", "object": "Alice Smith",
         "relation": "met", "doc": "001.txt", "start": str(S1[0]), "end": str(S1[1])},
        # wrong: subject resolved to Carol
        {"subject_id": "person/carol", "subject": "He", "object_id": "person/alice", "object": "her",
         "relation": "praised", "doc": "001.txt", "start": str(S3[0]), "end": str(S3[1])},
        # self-loop in a sentence without pairs
        {"subject_id": "person/bob", "subject": "Bob", "object_id": "person/bob", "object": "the man",
         "relation": "is", "doc": "001.txt", "start": str(S2[0]), "end": str(S2[1])},
    ]
    out = _output(rows, mentions=mentions, types=types,
                  names={"person/alice": ["Alice Smith"], "person/bob": ["Bob Jones"], "person/carol": ["Carol"]})
    identity = events.cluster_nodes(docs, out)
    assert identity.of("001.txt", "bob-jones") == {"person/bob"}
    result = events.score_bbc(docs, out, identity)
    assert result["gold_pairs"] == 2 and result["edges"] == 3
    assert (result["right"], result["right_directed"]) == (1, 0)
    assert (result["found"], result["found_directed"]) == (1, 0)
    assert result["undirected"] == (pytest.approx(1 / 3), 0.5)
    assert result["by_kind"]["name"]["recall"] == 1.0 and result["by_kind"]["pronoun"]["recall"] == 0.0
    assert result["by_kind"]["pronoun"]["edges"] == 1 and result["by_kind"]["pronoun"]["right"] == 0
    assert result["type_scores"] is None  # no event column


def test_naming_of():
    assert events.naming_of("he") == "pronoun"
    assert events.naming_of("Mr Blair") == "name"
    assert events.naming_of("the chancellor") == "title"
    assert events.naming_of("the security services") == "np"
    assert events.naming_of("the BBC") == "name"


def test_read_output_picks_up_new_columns(tmp_path):
    with open(tmp_path / "relations.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject_id", "subject", "relation", "object_id", "object", "doc", "start", "end",
                         "event", "intensity", "date", "event_date"])
        writer.writerow(["p/a", "A", "hit", "p/b", "B", "d", "0", "5", "ASSAULT", "-9", "2004-01-01", ""])
    (tmp_path / "entities.csv").write_text("id,label,type,aliases,mentions\np/a,A,PERSON,Al|Ally,2\np/b,B,PERSON,,1\n")
    (tmp_path / "mentions.csv").write_text("entity_id,doc,start,end,text\np/a,d,0,1,A\n")
    out = events.read_output(tmp_path)
    assert out.has("event") and out.has("intensity") and len(out.actor_rows()) == 1
    assert out.entity_names["p/a"] == ["A", "Al", "Ally"]
    assert out.mentions[("d", "p/a")] == [(0, 1, "A")]
