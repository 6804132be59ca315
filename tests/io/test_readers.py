"""Readers: metadata of .txt files, JSONL records, and one clear problem per bad input."""

from __future__ import annotations

import json

import pytest

from graphkit.errors import InputError
from graphkit.io import read_documents
from tests.conftest import SEED_FILE


def test_seed_title_and_byline_are_metadata_not_body():
    (doc,) = read_documents([SEED_FILE])
    assert doc.id == "us-russia-relations-2017.txt"
    assert doc.title == "Russian relations 'may be at an all-time low'"
    assert doc.author == "Joanne Flowers"
    assert doc.body.lstrip().startswith("Despite initial hopes in Moscow")
    assert "Joanne Flowers" not in doc.body
    assert doc.title not in doc.body
    assert doc.text[doc.body_start : doc.body_start + 10] == doc.body[:10]


def test_markdown_heading_is_the_title(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Talks in Moscow\n\nLavrov met Tillerson.\nThey spoke for hours.\n", encoding="utf-8")
    (doc,) = read_documents([path])
    assert doc.title == "Talks in Moscow"
    assert doc.body.strip() == "Lavrov met Tillerson.\nThey spoke for hours."


def test_plain_text_without_title_keeps_every_sentence(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("Putin met Assad.\n\nThey discussed the war.\n", encoding="utf-8")
    (doc,) = read_documents([path])
    assert doc.title == ""
    assert doc.body.startswith("Putin met Assad.")


def test_jsonl_documents_and_metadata(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [
        {"id": "a1", "text": "Putin met Assad in Moscow.", "title": "Meeting", "date": "2017-04-12",
         "url": "https://news.example/a1", "author": "J. Doe"},
        {"text": "Lavrov spoke to Tillerson."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = read_documents([path])
    assert (first.id, first.title, first.date, first.url, first.author) == (
        "a1", "Meeting", "2017-04-12", "https://news.example/a1", "J. Doe")
    assert second.id == "news.jsonl#2"
    assert second.text == "Lavrov spoke to Tillerson."


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        ("latin1.txt", "Caf\xe9 in Moscow".encode("latin-1"), "not UTF-8 (byte 0xe9 at offset 3)"),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_bad_file_is_one_problem_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    problems: list[InputError] = []
    assert list(read_documents([path], problems)) == []
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}: {problem}")


def test_malformed_jsonl_lines_are_reported_with_line_numbers_and_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "Putin met Assad."}\n{"text": oops}\n["not", "an object"]\n{"title": "no text"}\n'
                    '{"text": "Lavrov met Tillerson."}\n', encoding="utf-8")
    problems: list[InputError] = []
    docs = list(read_documents([path], problems))
    assert [d.text for d in docs] == ["Putin met Assad.", "Lavrov met Tillerson."]
    assert [(p.line, p.problem.split(" (")[0]) for p in problems] == [
        (2, "invalid JSON"), (3, "expected a JSON object with a 'text' field"), (4, "missing or empty 'text' field")]
    assert str(problems[0]).startswith(f"{path}:2: invalid JSON")


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    problems: list[InputError] = []
    assert list(read_documents([tmp_path / "nope", tmp_path / "empty"], problems)) == []
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nope'}: no such file or folder",
        f"{tmp_path / 'empty'}: folder has no .txt, .md or .jsonl files",
    ]


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Putin met Assad. " * 1000, encoding="utf-8")
    problems: list[InputError] = []
    assert list(read_documents([path], problems, max_bytes=1000)) == []
    assert str(problems[0]) == f"{path}: file is 17,000 bytes, over the 1,000 bytes limit (--max-file-size)"


def test_strict_mode_raises_the_first_problem(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        list(read_documents([tmp_path]))


def test_control_characters_are_replaced_one_for_one(tmp_path):
    path = tmp_path / "pdf.txt"
    path.write_bytes(b"Putin met Trump in Hamburg.\x0cLavrov met\x1b Tillerson.\x07\n")
    (doc,) = read_documents([path])
    assert doc.text == "Putin met Trump in Hamburg.\nLavrov met  Tillerson. \n"


def test_jsonl_splits_records_at_line_feeds_only(tmp_path):
    path = tmp_path / "ls.jsonl"
    first = json.dumps({"text": "Putin met Trump.\u2028Lavrov met Tillerson.\x85"}, ensure_ascii=False)
    path.write_text(first + "\n" + json.dumps({"text": "Trump called Putin."}) + "\n", encoding="utf-8")
    problems: list[InputError] = []
    docs = list(read_documents([path], problems))
    assert problems == []
    assert [d.id for d in docs] == ["ls.jsonl#1", "ls.jsonl#2"]


def test_jsonl_too_deep_and_lone_surrogates(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "Lavrov met Tillerson \\ud800 in Moscow."}\n' + "[" * 100000 + "]" * 100000 + "\n",
                    encoding="utf-8")
    problems: list[InputError] = []
    (doc,) = read_documents([path], problems)
    assert doc.text == "Lavrov met Tillerson \ufffd in Moscow."
    assert [str(p) for p in problems] == [f"{path}:2: invalid JSON (nested too deeply)"]


@pytest.mark.parametrize("last", ["By the end of the day, Lavrov had met Tillerson.", "- Lavrov met Tillerson in Moscow."])
def test_a_last_sentence_is_not_a_byline(tmp_path, last):
    path = tmp_path / "by.md"
    path.write_text(f"Putin met Trump in Hamburg on Friday.\n\n{last}\n", encoding="utf-8")
    (doc,) = read_documents([path])
    assert doc.author == ""
    assert last in doc.body


def test_same_file_name_in_two_folders_is_two_documents(tmp_path):
    for folder, text in (("a", "Putin met Trump."), ("b", "Lavrov met Tillerson.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(text, encoding="utf-8")
    problems: list[InputError] = []
    docs = list(read_documents([tmp_path / "a", tmp_path / "b"], problems))
    assert problems == []
    assert [d.text for d in docs] == ["Putin met Trump.", "Lavrov met Tillerson."]
    assert len({d.id for d in docs}) == 2


def test_broken_link_and_pipe_in_a_folder_are_reported(tmp_path):
    import os

    (tmp_path / "ok.txt").write_text("Putin met Trump.", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    problems: list[InputError] = []
    docs = list(read_documents([tmp_path], problems))
    assert [d.text for d in docs] == ["Putin met Trump."]
    assert sorted(str(p) for p in problems) == [
        f"{tmp_path / 'dangling.txt'}: broken link: the file it points to does not exist",
        f"{tmp_path / 'pipe.txt'}: not a regular file (a pipe, socket or device)",
    ]
