"""Derive ``parties.tsv`` from the Party Facts core-parties table.

Usage::

    python graphkit/data/parties/derive.py partyfacts-core-parties.csv > graphkit/data/parties/parties.tsv

Keeps the parties (rows without a ``technical`` placeholder code) and only the
columns graphkit reads: country (ISO 3166 alpha-3), partyfacts_id, name_short,
name_english, name (native), the Latin-script parts of name_other, year_last
and share (the party's highest vote share, used to break ties). Tabs and line
breaks inside a name become spaces; rows are sorted by country, then id, so the
output is the same on every run.
"""

from __future__ import annotations

import csv
import sys

COLUMNS = ("country", "partyfacts_id", "name_short", "name_english", "name", "name_other", "year_last", "share")


def latin_other_names(value: str) -> str:
    """The Latin-script names of ``name_other`` ("Scottish Gaelic: Pàrtaidh ..."), joined by " / "."""
    names = []
    for part in value.replace(";", "/").split("/"):
        name = part.split(":", 1)[-1].strip()
        if name and all(c.isascii() or c.isalpha() and "LATIN" in _unicode_name(c) for c in name if not c.isspace()):
            names.append(name)
    return " / ".join(names)


def _unicode_name(char: str) -> str:
    import unicodedata

    return unicodedata.name(char, "")


def derive(path: str) -> list[tuple[str, ...]]:
    """The rows of ``parties.tsv`` for the Party Facts CSV at ``path``."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["technical"].strip()]
    table = []
    for row in rows:
        values = {key: " ".join((row.get(key) or "").split()) for key in COLUMNS}
        values["name_other"] = latin_other_names(values["name_other"])
        table.append(tuple(values[key] for key in COLUMNS))
    return sorted(table, key=lambda r: (r[0], int(r[1])))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = sys.stdout
    out.write("\t".join(COLUMNS) + "\n")
    for row in derive(argv[1]):
        out.write("\t".join(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
