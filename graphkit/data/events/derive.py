"""Derive the event lexicon (``verbs.tsv``, ``patterns.tsv``, ``codes.tsv``) from CAMEO and PLOVER sources.

Usage::

    python graphkit/data/events/derive.py CAMEO.2.0.txt CAMEO2PLOVER-2021.txt icews_cameo-codes.csv graphkit/data/events

* ``verbs.tsv``: ``verb  block  code``: every verb of the CAMEO.2.0 verb dictionary
  (PETRARCH2, MIT), lower case, words joined by spaces ("call off"), the synonym
  block it belongs to and its CAMEO code (its own, else its block's; empty when
  neither gives one, so only a pattern can type it);
* ``patterns.tsv``: ``block  words  code``: the block's simple patterns, those
  made only of plain words after the verb (``- * (WITH) [030]`` -> ``with``), a synonym
  set expanded into one pattern per member (``- * &MILITARY [072]`` -> ``troops``, ...);
  patterns with words before the verb or no code are left out;
* ``codes.tsv``: ``code  event  goldstein  name``: every CAMEO code of the ICEWS
  table with its Goldstein value and name, and its PLOVER event type from the
  CAMEO->PLOVER table (codes 01x, which PLOVER drops, are ``STATEMENT``; 02x,
  appeals, are ``REQUEST`` as PLOVER merges appeals and demands).

Rows are sorted, so the output is the same on every run.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_VERB = re.compile(r"^\+?([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")
_PLAIN = re.compile(r"^[A-Z][A-Z-]*$")


def _code(value: str | None) -> str:
    """The event code of ``[042:043]`` (the first), or "" for ``[---]`` and no code."""
    code = (value or "").split(":")[0].strip()
    return code if code.isdigit() else ""


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    """The dictionary's synonym sets: ``&MILITARY`` -> ["military", "armed forces", "troops", ...]."""
    sets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if "VERB PATTERNS" in raw:
            break
        if line.startswith("&"):
            current = sets.setdefault(line.rstrip("_"), [])
        elif line.startswith("+") and current is not None:
            current.append(line[1:].strip("_").replace("_", " ").lower())
        elif not line:
            current = None
    return sets


def _expanded(tokens: list[str], synsets: dict[str, list[str]]) -> list[list[str]]:
    """A pattern's words with each ``&SET`` replaced by each of its members (no set, one result)."""
    results: list[list[str]] = [[]]
    for token in tokens:
        members = synsets.get(token.rstrip("_"))
        options = [m.upper().split() for m in members] if members else [[token]]
        results = [done + option for done in results for option in options]
    return results


def parse_cameo(path: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """The (verb, block, code) and (block, words, code) rows of a PETRARCH verb dictionary.

    A pattern's synonym sets are expanded: ``- * &MILITARY [072]`` gives one pattern per member.
    """
    verbs: dict[str, tuple[str, str]] = {}
    patterns: set[tuple[str, str, str]] = set()
    block, block_code, started = "", "", False
    lines = Path(path).read_text(encoding="latin-1").splitlines()
    synsets = parse_synsets(lines)
    for raw in lines:
        if "VERB PATTERNS" in raw:
            started = True
            continue
        line = raw.split("#", 1)[0].strip()
        if not started or not line:
            continue
        if match := _BLOCK.match(line):
            block, block_code = match.group(1).replace("_", " ").lower(), _code(match.group(2))
        elif match := _PATTERN.match(line):
            tokens = match.group(1).replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").split()
            code = _code(match.group(2))
            if not code or "*" not in tokens or tokens.index("*") != 0:
                continue
            for words in _expanded([t for t in tokens[1:] if t not in {"$", "+", "%", "^"}], synsets):
                if words and all(_PLAIN.match(w) for w in words):
                    patterns.add((block, " ".join(words).lower(), code))
        elif block and (match := _VERB.match(line)):
            verb = match.group(1).strip("_").replace("_", " ").lower()
            code = _code(match.group(2)) if match.group(2) is not None else block_code  # its own [---]: no code
            if verb not in verbs or (code and not verbs[verb][1]):
                verbs[verb] = (block, code)
    return sorted((verb, b, c) for verb, (b, c) in verbs.items()), sorted(patterns)


def parse_plover(path: str) -> dict[str, str]:
    """CAMEO code -> PLOVER event type, from the ``code: EVENT, mode, context # text`` table."""
    table = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        code, rest = line.split(":", 1)
        event = rest.split(",")[0].strip()
        if code.strip().isdigit() and event:
            table[code.strip()] = event
    return table


def parse_goldstein(path: str) -> dict[str, tuple[float, str]]:
    """CAMEO code -> (Goldstein value, name), from the ICEWS CAMEO codes CSV."""
    with open(path, encoding="cp1252", newline="") as handle:  # the table is Windows-1252, not UTF-8
        return {row["code"]: (float(row["goldstein"]), row["name"].strip()) for row in csv.DictReader(handle)
                if row["goldstein"] not in ("", "NA")}


def plover_event(code: str, table: dict[str, str]) -> str:
    """The PLOVER type of a CAMEO code: its own row, else its parents' (``0311`` -> ``031`` -> ``03``)."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return {"01": "STATEMENT", "02": "REQUEST"}.get(code[:2], "")


def main(cameo: str, plover: str, icews: str, out: str) -> None:
    verbs, patterns = parse_cameo(cameo)
    table = parse_plover(plover)
    codes = sorted((code, plover_event(code, table), f"{value:g}", name)
                   for code, (value, name) in parse_goldstein(icews).items())
    folder = Path(out)
    for name, header, rows in (("verbs.tsv", ("verb", "block", "code"), verbs),
                               ("patterns.tsv", ("block", "words", "code"), patterns),
                               ("codes.tsv", ("code", "event", "goldstein", "name"), codes)):
        with open(folder / name, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("\t".join(header) + "\n")
            handle.writelines("\t".join(row) + "\n" for row in rows)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
