"""One name, one actor, throughout the corpus: find the occurrences NER missed.

spaCy's small model tags "Trump" in one sentence and misses it in the next.
Once a name is resolved, its other occurrences (whole words, same case) that
no mention covers are added as mentions of the same type, so they join the same
node instead of becoming concepts. Names that stand for two entities ("Kim")
and capitals (whose meaning depends on their role) are not propagated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from graphkit.resolve.gazetteer import Gazetteer
from graphkit.resolve.names import normalize
from graphkit.resolve.resolver import MentionIndex
from graphkit.types import Document, Entity, Mention

_NEXT_NAME = re.compile(r"[ \t]*-?[ \t]*[A-Z]")


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
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    covered = MentionIndex({m: "" for m in mentions})
    added = []
    for doc in documents:
        starts = sentence_starts.get(doc.id, [])
        body_end = len(doc.text) if doc.body_end < 0 else doc.body_end
        for match in pattern.finditer(doc.text, doc.body_start, body_end):
            start, end = match.span()
            if covered.overlaps(doc.id, start, end) or not starts or _NEXT_NAME.match(doc.text, end):
                continue  # covered already, or only the start of a longer name ("Xi" of "Xi Jinping")
            sentence = starts[max(0, bisect_right(starts, start) - 1)]
            bracketed = ("bracketed",) if doc.text[start - 1 : start] == "(" and doc.text[end : end + 1] == ")" else ()
            added.append(Mention(doc_id=doc.id, start=start, end=end, text=match.group(), label=names[match.group()],
                                 kind="name", role="other", sentence_start=sentence, roles=bracketed))
    return added

