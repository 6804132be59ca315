"""Write ``gazetteer.json`` and ``parties.json``, the compiled lookup tables, from graphkit's data files.

    python graphkit/data/compiled/derive.py

Run it after changing a data file the tables come from (``petrarch``, ``places``,
``parties``, ``aliases/news.toml``), the rules that read them, or the ``pycountry``
version: ``tests/resolve/test_compiled.py`` fails until the files agree with the
sources. See :mod:`graphkit.resolve.compiled`.
"""

from __future__ import annotations

from pathlib import Path

from graphkit.resolve import compiled
from graphkit.resolve.gazetteer import derive_gazetteer, gazetteer_tables
from graphkit.resolve.parties import derive_parties, party_tables


def compiled_files() -> dict[str, str]:
    """File name -> the text it must hold, derived from the sources now."""
    return {
        "gazetteer.json": compiled.dumps(gazetteer_tables(derive_gazetteer())),
        "parties.json": compiled.dumps(party_tables(derive_parties())),
    }


def main() -> None:
    folder = Path(__file__).resolve().parent
    for name, text in compiled_files().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
