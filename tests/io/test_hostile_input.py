"""Input that used to lose the whole build: odd file names, odd ids, deep or unreadable folders, UTF-16.

Each case runs ``graphkit build`` on the seed article plus the odd input, with the
real model, and checks the one line a user reads, the exit status, that the seed
was still built, and that every XML and RDF output parses.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from lxml import etree

from graphkit.cli import app
from graphkit.errors import InputError
from graphkit.io import read_documents

GOOD = "Lavrov met Kerry in Geneva on Monday.\n"
GEXF_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "schemas" / "gexf-1.3" / "gexf.xsd"


def _build(runner, inputs: list[Path], out: Path, *options: str):
    result = runner.invoke(app, ["build", *map(str, inputs), "-o", str(out), "-q", *options])
    assert "Traceback" not in result.output
    return result


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line and "skipped" not in line]


def _rows(out: Path, name: str) -> list[dict]:
    with (out / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _assert_outputs_parse(out: Path) -> None:
    etree.XMLSchema(etree.parse(str(GEXF_SCHEMA))).assertValid(etree.parse(str(out / "graph.gexf")))
    etree.parse(str(out / "graph.graphml"))
    nx.read_graphml(out / "graph.graphml")
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    rdflib.Dataset().parse(out / "graph.trig", format="trig")


def _labels(out: Path) -> set[str]:
    return {row["label"] for row in _rows(out, "entities.csv")}


def test_file_names_that_are_not_utf8_are_read_with_distinct_ids(runner, corpus, tmp_path):
    folder = os.fsencode(corpus)
    for name in (b"caf\xe9.txt", b"caf\xe8.txt"):
        with open(folder + b"/" + name, "wb") as handle:
            handle.write(GOOD.encode("utf-8"))
    with open(folder + b"/vide\xe9.txt", "wb"):
        pass
    out = tmp_path / "out"
    result = _build(runner, [corpus], out)
    assert result.exit_code == 1
    assert _problem_lines(result.stderr) == [f"{corpus}/vide\\xe9.txt: empty file"]
    docs = {row["doc"] for row in _rows(out, "mentions.csv")}
    assert {"caf\\xe9.txt", "caf\\xe8.txt", "us-russia-relations-2017.txt"} <= docs
    assert {"Lavrov", "Tillerson"} <= _labels(out)
    _assert_outputs_parse(out)


def test_jsonl_ids_and_metadata_with_surrogates_and_control_characters(runner, corpus, tmp_path):
    feed = corpus / "feed.jsonl"
    records = [
        {"id": "\ud800", "text": "Putin met Assad in Moscow.", "title": "Talks \udfff", "author": "J. \ud83d"},
        {"id": "a\u000bb", "text": "Merkel met Macron in Berlin.", "title": "Esc\u001b[31mape", "url": "https://x.example/\u0007"},
        {"id": "ok", "text": GOOD},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _build(runner, [corpus], out)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    docs = {row["doc"] for row in _rows(out, "mentions.csv")}
    assert {"\ufffd", "a b", "ok", "us-russia-relations-2017.txt"} <= docs
    _assert_outputs_parse(out)
    turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    titles = {str(o) for o in turtle.objects(None, rdflib.URIRef("http://schema.org/headline"))}
    assert {"Talks \ufffd", "Esc [31mape"} <= titles


def test_reader_keeps_the_text_length_when_it_replaces_characters(tmp_path):
    feed = tmp_path / "feed.jsonl"
    text = "Putin\u001b met\u000b Assad \ud800 in Moscow."
    feed.write_text(json.dumps({"id": "x\ud800", "text": text}) + "\n", encoding="utf-8")
    (doc,) = read_documents([feed])
    assert len(doc.text) == len(text)
    assert doc.text == "Putin  met\n Assad \ufffd in Moscow."
    assert doc.id == "x\ufffd"


def test_alias_names_with_control_characters_are_cleaned_at_load(runner, corpus, tmp_path):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[[entity]]\nname = "Vladimir\\u001bPutin"\ntype = "PERSON"\naliases = ["Putin\\u000b"]\n',
                       encoding="utf-8")
    out = tmp_path / "out"
    result = _build(runner, [corpus], out, "--aliases", str(aliases))
    assert result.exit_code == 0, result.output
    putin = [row for row in _rows(out, "entities.csv") if row["id"] == "person/vladimir-putin"]
    assert [(row["label"], row["aliases"]) for row in putin] == [("Vladimir Putin", "Putin")]
    _assert_outputs_parse(out)


@pytest.fixture
def deep_folder(corpus):
    """``corpus/d/d/.../d/deep.txt``, 1,000 folders deep; removed afterwards bottom up, since
    recursive removal (pytest's clean-up of old temporary folders) fails on it."""
    folders = [corpus / "d"]
    for _ in range(999):
        folders.append(folders[-1] / "d")
    for folder in folders:
        folder.mkdir()
    (folders[-1] / "deep.txt").write_text(GOOD, encoding="utf-8")
    yield folders[-1]
    (folders[-1] / "deep.txt").unlink()
    for folder in reversed(folders):
        folder.rmdir()


def test_folders_a_thousand_deep_are_walked(runner, corpus, tmp_path, deep_folder):
    out = tmp_path / "out"
    result = _build(runner, [corpus], out)
    assert result.exit_code == 0, result.output
    docs = {row["doc"] for row in _rows(out, "mentions.csv")}
    assert "d/" * 1000 + "deep.txt" in docs
    assert "Tillerson" in _labels(out)


def test_a_link_back_up_the_tree_is_not_followed_round(runner, corpus, tmp_path):
    (corpus / "sub").mkdir()
    (corpus / "sub" / "geneva.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)
    (corpus / "again").symlink_to(corpus / "sub", target_is_directory=True)
    problems: list[InputError] = []
    docs = list(read_documents([corpus], problems))
    assert problems == []
    assert sorted(d.id for d in docs) == ["again/geneva.txt", "us-russia-relations-2017.txt"]
    result = _build(runner, [corpus], tmp_path / "out")
    assert result.exit_code == 0, result.output


def _refuse(monkeypatch, locked: Path) -> None:
    """Make listing ``locked`` fail as it does for a folder without read permission (also as root)."""
    scandir = os.scandir

    def refusing(path="."):
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def test_an_unreadable_folder_is_reported_and_the_rest_built(runner, corpus, tmp_path, monkeypatch):
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "hidden-from-us.txt").write_text(GOOD, encoding="utf-8")
    _refuse(monkeypatch, locked)
    out = tmp_path / "out"
    result = _build(runner, [corpus], out)
    assert result.exit_code == 1
    assert _problem_lines(result.stderr) == [f"{locked}: cannot read folder (Permission denied)"]
    assert "Tillerson" in _labels(out)


def test_an_unreadable_folder_stops_a_strict_build(runner, corpus, tmp_path, monkeypatch):
    locked = corpus / "locked"
    locked.mkdir()
    _refuse(monkeypatch, locked)
    out = tmp_path / "out"
    result = _build(runner, [corpus], out, "--strict")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{locked}: cannot read folder (Permission denied)"
    assert not (out / "entities.csv").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder whatever its permissions")
def test_a_folder_without_read_permission_is_reported(runner, corpus, tmp_path):
    locked = corpus / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = _build(runner, [corpus], tmp_path / "out")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert _problem_lines(result.stderr) == [f"{locked}: cannot read folder (Permission denied)"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(runner, corpus, tmp_path, encoding):
    text = "Lavrov met Kerry in Genève.\nThe talks went well.\n"
    path = corpus / "wide.txt"
    path.write_bytes("\ufeff".encode(encoding) + text.encode(encoding))
    out = tmp_path / "out"
    result = _build(runner, [corpus], out)
    assert result.exit_code == 0, result.output
    mentions = [row for row in _rows(out, "mentions.csv") if row["doc"] == "wide.txt"]
    assert {"Lavrov", "Kerry"} <= {row["text"] for row in mentions}
    for row in mentions:  # offsets point into the decoded text
        assert text[int(row["start"]) : int(row["end"])] == row["text"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfeP\x00u\x00t", "not valid UTF-16 (truncated data at byte 6); convert the file to UTF-8"),
        (b"\xff\xfe\x00\x00", "binary file, not text"),
        (b"\xfe\xff\x00P\x00\x00\x00u", "binary file, not text"),
    ],
)
def test_broken_utf16_is_one_problem(tmp_path, content, problem):
    path = tmp_path / "wide.txt"
    path.write_bytes(content)
    problems: list[InputError] = []
    assert list(read_documents([path], problems)) == []
    assert [str(p) for p in problems] == [f"{path}: {problem}"]


def test_a_name_too_long_for_the_system_is_one_problem(runner, corpus, tmp_path):
    long_name = tmp_path / ("a" * 5000 + ".txt")
    out = tmp_path / "out"
    result = _build(runner, [long_name, corpus], out)
    assert result.exit_code == 1
    assert _problem_lines(result.stderr) == [f"{long_name}: cannot read (File name too long)"]
    assert "Tillerson" in _labels(out)
