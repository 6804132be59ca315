"""The compiled tables shipped in graphkit/data/compiled are the sources' derivation, and load as the same tables."""

import json
from importlib.resources import files

import pytest

from graphkit.data.compiled.derive import compiled_files
from graphkit.resolve import compiled
from graphkit.resolve.gazetteer import derive_gazetteer, load_gazetteer
from graphkit.resolve.parties import derive_parties, load_parties

NAMES = ("gazetteer.json", "parties.json")


@pytest.fixture(scope="module")
def derived_files():
    return compiled_files()


def _first_difference(shipped: str, derived: str) -> str:
    for number, (old, new) in enumerate(zip(shipped.splitlines(), derived.splitlines()), 1):
        if old != new:
            return f"line {number}: shipped {old[:120]!r}, derived {new[:120]!r}"
    return f"shipped {shipped.count(chr(10))} lines, derived {derived.count(chr(10))}"


@pytest.mark.parametrize("name", NAMES)
def test_shipped_files_are_the_sources_compiled(derived_files, name):
    shipped = files(compiled.PACKAGE).joinpath(name).read_text(encoding="utf-8")
    made_with = json.loads(shipped)["pycountry"]
    if made_with != compiled.pycountry_version():
        pytest.skip(f"{name} was compiled with pycountry {made_with}; graphkit derives its tables at run time here")
    assert shipped == derived_files[name], (
        f"{name} disagrees with its sources ({_first_difference(shipped, derived_files[name])}): "
        "run python graphkit/data/compiled/derive.py"
    )


def test_the_compiled_gazetteer_loads_as_the_derived_one():
    assert compiled.read("gazetteer.json") is not None
    assert load_gazetteer() == derive_gazetteer()


def test_the_compiled_party_table_loads_as_the_derived_one():
    assert compiled.read("parties.json") is not None
    assert load_parties() == derive_parties()


@pytest.mark.parametrize(("content", "why"), [
    (None, "missing"),
    ('{"pycountry": "0.1", "countries": {"uk": "GBR"}}', "compiled with another pycountry"),
    ('{"pycountry": "', "truncated"),
    ("[1, 2]", "not a table file"),
])
def test_an_unusable_compiled_file_is_not_read(tmp_path, monkeypatch, content, why):
    if content is not None:
        (tmp_path / "gazetteer.json").write_text(content, encoding="utf-8")
    monkeypatch.setattr(compiled, "files", lambda package: tmp_path)
    assert compiled.read("gazetteer.json") is None, why


def test_without_a_usable_compiled_file_the_tables_are_derived(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "files", lambda package: tmp_path)
    gazetteer, parties = load_gazetteer.__wrapped__(), load_parties.__wrapped__()
    assert gazetteer.country("britain").code == "GBR" and gazetteer.seat("moscow").code == "RUS"
    assert parties.lookup("the Tories").label == "Conservative Party"
    assert gazetteer == load_gazetteer() and parties == load_parties()
