"""One name, one actor, throughout the corpus: find the occurrences NER missed.

spaCy's small model tags "Trump" in one sentence and misses it in the next.
Once a name is resolved, its other occurrences (whole words, same case) that
no mention covers are added as mentions of the same type, so they join the same
node instead of becoming concepts. Names that stand for two entities ("Kim")
and capitals (whose meaning depends on their role) are not propagated.
A person's full name that begins an organisation's ("the Andy Warhol
Foundation") becomes a mention nested in it (:func:`nested_names`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator

from graphkit.resolve.gazetteer import Gazetteer
from graphkit.resolve.names import normalize
from graphkit.resolve.resolver import MentionIndex
from graphkit.types import Document, Entity, Mention

_NEXT_NAME = re.compile(r"[ \t]*-?[ \t]*[A-Z]")
_WORD = re.compile(r"\w+")


def repeated_names(entities: tuple[Entity, ...], documents: list[Document], mentions: list[Mention],
                   sentence_starts: dict[str, list[int]], gazetteer: Gazetteer) -> list[Mention]:
    """Mentions for the uncovered occurrences of every unambiguous resolved name."""
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity in entities:
        for m in entity.mentions:
            if m.kind == "name" and len(m.text) > 1 and m.text[0].isupper() and not gazetteer.seat(normalize(m.text)):
                owners[m.text].add((entity.type, entity.id))
    names = {text: next(iter(found))[0] for text, found in owners.items() if len(found) == 1}
    if not names:
        return []
    covered = MentionIndex({m: "" for m in mentions})
    by_first_word = _by_first_word(names)
    added = []
    for doc in documents:
        starts = sentence_starts.get(doc.id, [])
        body_end = len(doc.text) if doc.body_end < 0 else doc.body_end
        for start, end in _occurrences(doc.text, doc.body_start, body_end, by_first_word):
            if covered.overlaps(doc.id, start, end) or not starts or _NEXT_NAME.match(doc.text, end):
                continue  # covered already, or only the start of a longer name ("Xi" of "Xi Jinping")
            sentence = starts[max(0, bisect_right(starts, start) - 1)]
            bracketed = ("bracketed",) if doc.text[start - 1 : start] == "(" and doc.text[end : end + 1] == ")" else ()
            text = doc.text[start:end]
            added.append(Mention(doc_id=doc.id, start=start, end=end, text=text, label=names[text],
                                 kind="name", role="other", sentence_start=sentence, roles=bracketed))
    return added


def nested_names(entities: tuple[Entity, ...], mentions: list[Mention]) -> list[Mention]:
    """A mention for a person's full name that begins a longer name: "Andy Warhol" of "the Andy Warhol Foundation".

    NER gives the organisation (or building, place ...) one span, so the person
    in it is never a mention. Each name of another type is looked up by its first
    word among the full names (two words or more) of the corpus's people that
    belong to one person; the person's mention lies inside the other's offsets,
    which keeps its own node.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type == "PERSON":
            for m in entity.mentions:
                if m.kind == "name" and len(m.text.split()) > 1:
                    owners[m.text].add(entity.id)
    by_first_word = _by_first_word(text for text, found in owners.items() if len(found) == 1)
    added = []
    for m in mentions:
        first = _WORD.match(m.text) if m.kind == "name" and m.label != "PERSON" else None
        for name in by_first_word.get(first.group(), ()) if first is not None else ():
            if len(m.text) > len(name) and m.text.startswith(name) and m.text[len(name)].isspace():
                added.append(Mention(doc_id=m.doc_id, start=m.start, end=m.start + len(name), text=name,
                                     label="PERSON", kind="name", role="other", sentence_start=m.sentence_start,
                                     quoted=m.quoted))
                break
    return added


def _by_first_word(names: Iterable[str]) -> dict[str, list[str]]:
    """Names by their first word (``\\w+``), longest first: the only names that can start where that word does."""
    found: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names, key=len, reverse=True):
        if (first := _WORD.match(name)) is not None:
            found[first.group()].append(name)
    return found


def _occurrences(text: str, start: int, end: int, by_first_word: dict[str, list[str]]) -> Iterator[tuple[int, int]]:
    """(start, end) of each whole-word occurrence of a name in ``text[start:end]``, left to right, longest first.

    The same matches as one regular expression of every name (``(?<!\\w)(?:longest|...|shortest)(?!\\w)``),
    but each word of the text is looked up instead of trying every name at every
    position, which took time proportional to the text times the number of names.
    """
    after = start  # the end of the last occurrence: occurrences do not overlap
    for word in _WORD.finditer(text, start, end):
        names = by_first_word.get(word.group())
        if not names:
            continue  # most words begin no name: looked up before anything else is checked
        at = word.start()
        if at < after or (at > 0 and _WORD.match(text[at - 1])):
            continue
        for name in names:
            stop = at + len(name)
            if stop <= end and text.startswith(name, at) and not (stop < end and _WORD.match(text, stop)):
                yield at, stop
                after = stop
                break

