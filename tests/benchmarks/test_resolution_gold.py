"""Tests of the offset gold loader, markup rendering and B³ / pronoun scoring (benchmarks/coref_eval.py).

Pure Python on made-up text: nothing here reads the BBC articles (/work/shared).
"""

import hashlib
import string
from pathlib import Path

import coref_eval
import pytest
from coref_eval import (
    GoldFileError,
    GoldMention,
    MarkupError,
    b_cubed,
    format_tsv,
    kind_accuracies,
    load_tsv_document,
    load_tsv_gold,
    mention_order,
    parse_markup,
    pronoun_group,
    resolution_accuracy,
    to_markup,
)
from hypothesis import given
from hypothesis import strategies as st

ARTICLE = "Sue Essex spoke.\n\nThe minister said she [and her party] would win. It said so.\n"
#          0123456789012345678 9012345678901234567890123456789012345678901234567890
#
#          "Sue Essex" 0-9, "The minister" 18-30, "she" 36-39, "her" 45-48, "her party" 45-54,
#          "It" 67-69


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write_gold(folder: Path, name: str, rows: str, sha: str | None = None, doc: str = "a.txt") -> Path:
    path = folder / name
    path.write_text(
        f"# doc: {doc}\n# sha256: {sha or _sha(ARTICLE)}\n# annotator: a\nstart\tend\tcluster\tkind\n{rows}",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "a.txt").write_bytes(ARTICLE.encode("utf-8"))
    return folder


def test_offsets_in_the_fixture():
    assert ARTICLE[0:9] == "Sue Essex"
    assert ARTICLE[18:30] == "The minister"
    assert ARTICLE[36:39] == "she"
    assert ARTICLE[45:54] == "her party"
    assert ARTICLE[67:69] == "It"


def test_tsv_loader_reads_sorts_and_keeps_kinds(tmp_path, articles):
    gold = tmp_path / "gold"
    gold.mkdir()
    # Rows out of order; "her" inside "her party" (same start, shorter: after it).
    _write_gold(
        gold,
        "001.tsv",
        "45\t48\tsue-essex\tpronoun\n36\t39\tsue-essex\tpronoun\n0\t9\tsue-essex\tname\n"
        "45\t54\tlabour\tname\n18\t30\tsue-essex\trole\n67\t69\tassembly\tpronoun\n",
    )
    (docs,) = load_tsv_gold(gold, articles)
    assert docs.name == "a.txt" and docs.text == ARTICLE
    assert [(m.start, m.end, m.cluster, m.kind, m.text) for m in docs.mentions] == [
        (0, 9, "sue-essex", "name", "Sue Essex"),
        (18, 30, "sue-essex", "role", "The minister"),
        (36, 39, "sue-essex", "pronoun", "she"),
        (45, 54, "labour", "name", "her party"),
        (45, 48, "sue-essex", "pronoun", "her"),
        (67, 69, "assembly", "pronoun", "It"),
    ]
    assert all(m.doc == "a.txt" for m in docs.mentions)


def test_tsv_loader_sha256_mismatch_names_the_file(tmp_path, articles):
    gold = _write_gold(tmp_path, "007.tsv", "0\t9\tsue-essex\tname\n", sha="0" * 64)
    with pytest.raises(GoldFileError, match=r"007\.tsv: sha256 of .*a\.txt is ") as error:
        load_tsv_document(gold, articles)
    assert "\n" not in str(error.value)


def test_tsv_loader_missing_article(tmp_path, articles):
    gold = _write_gold(tmp_path, "008.tsv", "0\t9\tsue-essex\tname\n", doc="missing.txt")
    with pytest.raises(GoldFileError, match=r"008\.tsv: article missing\.txt not found"):
        load_tsv_document(gold, articles)


@pytest.mark.parametrize(
    "rows, message",
    [
        ("0\t9\tsue-essex\tperson\n", r"009\.tsv:5: kind must be"),
        ("0\t9\tSue\tname\n", r"009\.tsv:5: bad cluster id"),
        ("0\t9\tsue-essex\n", r"009\.tsv:5: expected 4"),
        ("0\tnine\tsue-essex\tname\n", r"009\.tsv:5: start and end must be integers"),
        ("0\t999\tsue-essex\tname\n", r"009\.tsv:5: offsets 0-999 outside"),
        ("0\t10\tsue-essex\tname\n", r"009\.tsv:5: mention 'Sue Essex ' is blank or has white space"),
    ],
)
def test_tsv_loader_rejects_bad_rows(tmp_path, articles, rows, message):
    gold = _write_gold(tmp_path, "009.tsv", rows)
    with pytest.raises(GoldFileError, match=message):
        load_tsv_document(gold, articles)


def test_tsv_loader_needs_files_and_one_per_article(tmp_path, articles):
    with pytest.raises(GoldFileError, match="no .tsv gold files"):
        load_tsv_gold(tmp_path, articles)
    _write_gold(tmp_path, "001.tsv", "0\t9\tsue-essex\tname\n")
    _write_gold(tmp_path, "002.tsv", "0\t9\tsue-essex\tname\n")
    with pytest.raises(GoldFileError, match=r"002\.tsv: a\.txt is already annotated in 001\.tsv"):
        load_tsv_gold(tmp_path, articles)


def test_format_tsv_round_trip(tmp_path, articles):
    mentions = [
        GoldMention("a.txt", 36, 39, "sue-essex", "she", "pronoun"),
        GoldMention("a.txt", 0, 9, "sue-essex", "Sue Essex", "name"),
    ]
    (tmp_path / "x.tsv").write_text(format_tsv("a.txt", _sha(ARTICLE), "b", mentions), encoding="utf-8")
    doc = load_tsv_document(tmp_path / "x.tsv", articles)
    assert list(doc.mentions) == sorted(mentions, key=mention_order)
    with pytest.raises(GoldFileError, match="has no kind"):
        format_tsv("a.txt", _sha(ARTICLE), "b", [GoldMention("a.txt", 0, 9, "x", "Sue Essex")])


def test_to_markup_renders_kinds_nesting_and_escapes():
    mentions = [
        GoldMention("", 45, 54, "labour", "her party", "name"),
        GoldMention("", 45, 48, "sue-essex", "her", "pronoun"),
        GoldMention("", 0, 9, "sue-essex", "Sue Essex"),
    ]
    marked = to_markup(ARTICLE, mentions)
    assert marked.startswith("[Sue Essex]{sue-essex} spoke.")
    assert "she \\[and [[her]{sue-essex:pronoun} party]{labour:name}\\] would" in marked
    assert parse_markup(marked) == (ARTICLE, sorted(mentions, key=mention_order))


def test_to_markup_refuses_crossing_and_bad_mentions():
    with pytest.raises(MarkupError, match="cross"):
        to_markup("abcdef", [GoldMention("", 0, 4, "x", "abcd"), GoldMention("", 2, 6, "y", "cdef")])
    with pytest.raises(MarkupError, match="outside"):
        to_markup("abc", [GoldMention("", 1, 9, "x", "bc")])
    with pytest.raises(MarkupError, match="blank"):
        to_markup("a  b", [GoldMention("", 1, 3, "x", "  ")])


def test_parse_markup_kinds_and_escapes():
    text, mentions = parse_markup("\\[[It]{uk:pronoun}\\] and a \\\\ and \\x")
    assert text == "[It] and a \\ and \\x"
    assert [(m.start, m.end, m.cluster, m.kind) for m in mentions] == [(1, 3, "uk", "pronoun")]
    with pytest.raises(MarkupError, match="must be followed"):
        parse_markup("[It]{uk:thing}")


@st.composite
def texts_and_mentions(draw):
    """A text (brackets and backslashes included) and properly nested mentions of non-blank spans."""
    text = draw(st.text(alphabet=string.ascii_letters + " []\\{}\n.'é", min_size=1, max_size=40))
    mentions = []

    def fill(lo, hi, depth):
        position = lo
        while position < hi and depth < 4 and draw(st.booleans()):
            start = draw(st.integers(position, hi - 1))
            end = draw(st.integers(start + 1, hi))
            if text[start:end].strip():
                cluster = draw(st.sampled_from(["a", "b-1", "c.d", "e_f"]))
                kind = draw(st.sampled_from(["", "name", "role", "pronoun"]))
                mentions.append(GoldMention("d", start, end, cluster, text[start:end], kind))
                fill(start, end, depth + 1)  # nested inside (possibly the same span)
            position = end

    fill(0, len(text), 0)
    return text, mentions


@given(texts_and_mentions())
def test_markup_round_trip(case):
    text, mentions = case
    assert parse_markup(to_markup(text, mentions), doc="d") == (text, sorted(mentions, key=mention_order))


def test_checked_in_markup_round_trips():
    for doc in coref_eval.load_gold(Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "coref"):
        text, mentions = parse_markup(to_markup(doc.text, doc.mentions), doc=doc.name)
        assert text == doc.text
        assert mentions == sorted(doc.mentions, key=mention_order)


def test_b_cubed_bagga_baldwin_example():
    # Bagga & Baldwin (1998), figure: gold {1-5}, {6,7}, {8-12}.
    gold = ["A"] * 5 + ["B"] * 2 + ["C"] * 5
    # Response 1 merges B and C: precision of mentions 6-12 drops.
    # P = (5*1 + 2*(2/7) + 5*(5/7)) / 12 = (5 + 29/7) / 12 = 16/21; R = 1.
    merged_bc = ["x"] * 5 + ["y"] * 7
    result = b_cubed(gold, merged_bc)
    assert (result.precision, result.recall) == pytest.approx((16 / 21, 1.0))
    assert result.f1 == pytest.approx(2 * (16 / 21) / (16 / 21 + 1))
    # Response 2 merges A and C: P = (10*(5/10) + 2*1) / 12 = 7/12; R = 1.
    merged_ac = ["x"] * 5 + ["y"] * 2 + ["x"] * 5
    assert b_cubed(gold, merged_ac).precision == pytest.approx(7 / 12)
    assert b_cubed(gold, merged_ac).recall == 1.0


def test_b_cubed_singletons_split_and_documents():
    gold = ["A", "A", "A", "B"]
    # All singletons (None): P = 1; R = (1/3 * 3 + 1) / 4 = 1/2.
    result = b_cubed(gold, [None] * 4)
    assert (result.precision, result.recall, result.mentions) == pytest.approx((1.0, 0.5, 4))
    # Split {a1, a2} {a3, b}: P = (1 + 1 + 1/2 + 1/2) / 4 = 3/4; R = (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3.
    split = b_cubed(gold, ["x", "x", "y", "y"])
    assert (split.precision, split.recall) == pytest.approx((3 / 4, 2 / 3))
    # Within documents: a3 is in another document, so gold A is cut in {a1, a2} {a3}
    # and system y in {a3} {b}: every mention is then exact.
    within = b_cubed(gold, ["x", "x", "y", "y"], docs=[1, 1, 2, 1])
    assert (within.precision, within.recall) == pytest.approx((1.0, 1.0))
    assert b_cubed([], []).f1 == 0.0
    with pytest.raises(ValueError):
        b_cubed(gold, ["x"])


def test_pronoun_group():
    assert [pronoun_group(w) for w in ("he", "Her", "its", "They", "we", "US", "Blair")] == [
        "he/she", "he/she", "it/they", "it/they", "other", "", ""
    ]


def _m(cluster, text, kind):
    return GoldMention("d", 0, 1, cluster, text, kind)


def test_pronoun_accuracy_on_a_toy_clustering():
    mentions = [
        _m("blair", "Tony Blair", "name"),  # 0
        _m("blair", "Mr Blair", "name"),  # 1
        _m("howard", "Mrs Howard", "name"),  # 2
        _m("blair", "he", "pronoun"),  # 3 -> e1 (majority blair): right
        _m("howard", "she", "pronoun"),  # 4 -> e1: wrong (e1 is mostly blair)
        _m("labour", "Labour", "name"),  # 5
        _m("labour", "it", "pronoun"),  # 6 -> e2 (only labour): right
        _m("labour", "their", "pronoun"),  # 7 -> None: wrong
        _m("blair", "his", "pronoun"),  # 8 -> e3 (pronouns only): wrong
        _m("blair", "him", "pronoun"),  # 9 -> e3
        _m("blair", "the prime minister", "role"),  # 10 -> e1: right
        _m("blair", "the premier", "role"),  # 11 -> e4 (roles only): wrong
        _m("blair", "the PM", "role"),  # 12 -> e4
    ]
    system = ["e1", "e1", "e1", "e1", "e1", "e2", "e2", None, "e3", "e3", "e1", "e4", "e4"]
    result = kind_accuracies(mentions, system)
    assert (result["he/she"].right, result["he/she"].total) == (1, 4)
    assert (result["it/they"].right, result["it/they"].total) == (1, 2)
    assert (result["pronouns"].right, result["pronouns"].total) == (2, 6)
    assert result["pronouns"].share == pytest.approx(1 / 3)
    assert (result["roles"].right, result["roles"].total) == (1, 3)


def test_resolution_accuracy_tie_is_wrong():
    mentions = [_m("a", "A", "name"), _m("b", "B", "name"), _m("a", "he", "pronoun")]
    assert resolution_accuracy(mentions, ["e", "e", "e"], [2], [0, 1]).right == 0
    assert resolution_accuracy(mentions, ["e", "f", "e"], [2], [0, 1]).right == 1
    assert coref_eval.Accuracy(0, 0).share == 0.0


def test_markup_kinds_are_inferred():
    text = "President Trump met the Syrian president and Bashar al-Assad. He and the President and US spoke."
    docs_text, mentions = parse_markup(text)
    kinds = {
        phrase: coref_eval.infer_kind(text, text.index(phrase), text.index(phrase) + len(phrase))
        for phrase in ("President Trump", "the Syrian president", "Bashar al-Assad", "He", "the President", "US")
    }
    assert kinds == {
        "President Trump": "name",
        "the Syrian president": "role",
        "Bashar al-Assad": "name",
        "He": "pronoun",
        "the President": "role",
        "US": "name",
    }


def test_edit_helper_round_trip(tmp_path, articles, capsys):
    gold = _write_gold(tmp_path, "001.tsv", "36\t39\tsue-essex\tpronoun\n0\t9\tsue-essex\tname\n")
    scratch = tmp_path / "scratch" / "001.md"
    assert coref_eval.main(["to-markup", str(gold), str(articles), str(scratch)]) == 0
    marked = scratch.read_text(encoding="utf-8")
    assert marked.startswith("[Sue Essex]{sue-essex:name} spoke.")
    # An annotator adds a mention of "The minister" and converts back.
    scratch.write_text(marked.replace("The minister", "[The minister]{sue-essex:role}"), encoding="utf-8")
    assert coref_eval.main(["from-markup", str(scratch), str(articles), str(gold)]) == 0
    doc = load_tsv_document(gold, articles)
    assert [(m.text, m.kind) for m in doc.mentions] == [("Sue Essex", "name"), ("The minister", "role"), ("she", "pronoun")]
    assert "# annotator: a" in gold.read_text(encoding="utf-8")
    # Marks without a kind, or a changed text, are refused.
    scratch.write_text(marked.replace("The minister", "[The minister]{sue-essex}"), encoding="utf-8")
    assert coref_eval.main(["from-markup", str(scratch), str(articles), str(gold)]) == 1
    scratch.write_text(marked.replace("spoke", "spoke up"), encoding="utf-8")
    assert coref_eval.main(["from-markup", str(scratch), str(articles), str(gold)]) == 1
    assert "differs from" in capsys.readouterr().err


def test_edit_helper_refuses_scratch_inside_the_repository(tmp_path, articles, capsys):
    gold = _write_gold(tmp_path, "001.tsv", "0\t9\tsue-essex\tname\n")
    inside = Path(coref_eval.__file__).resolve().parent / "data" / "bbc-coref" / "001.md"
    assert coref_eval.main(["to-markup", str(gold), str(articles), str(inside)]) == 1
    assert not inside.exists()
    assert "outside the repository" in capsys.readouterr().err


def test_fragment_signals():
    import resolution

    assert resolution.fragment_signals("Tony Blair") == []
    assert resolution.fragment_signals("Office of the") == ["function-word"]
    assert resolution.fragment_signals("Perm 35 - a") == ["function-word", "dash", "digits-or-money"]
    assert resolution.fragment_signals("MPs - Keith Vaz") == ["dash"]
    assert resolution.fragment_signals("Backbencher Stephen Pound") == []
    assert resolution.fragment_signals("pounds 4bn") == ["digits-or-money", "lower-case"]
    assert resolution.fragment_signals("GMT") == ["time-zone"]
    assert resolution.fragment_signals("- Labour") == ["dash"]
    assert resolution.fragment_signals("MI6") == resolution.fragment_signals("G8") == []
