"""When a triple's event happened, as its sentence says: a time expression attached to its verb.

spaCy's ``DATE`` entities of the sentence ("last week", "Wednesday", "January",
"2013") are candidates; a triple takes the first one that is, or lies inside,
one of its further arguments ("attacked Gaza *last week*"), else the first whose
governing verb is the triple's verb or a verb that verb passes on to ("*Last
week*, Israel decided to attack Gaza"). The expression is kept as an
:class:`~graphkit.types.Argument` of kind ``date`` (text and offsets); the corpus
stage resolves it against the document's date.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from graphkit.nlp.tokens import Phrase, Word, phrase_of
from graphkit.types import Argument, Triple

_VERB_TAGS = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def with_time(triples: list[Triple], sent: Span, offset: int = 0) -> list[Triple]:
    """The triples of ``sent``, each with ``when`` set where the sentence dates its event."""
    sent = phrase_of(sent)
    dates = [ent for ent in sent.ents if ent.label_ == "DATE"]
    if not dates or not triples:
        return triples
    tokens = {token.idx + offset: token for token in sent}
    governing = [_governing_verb(ent.root) for ent in dates]  # each date's verb, found once for all triples
    return [_dated(triple, dates, governing, tokens, offset) for triple in triples]


def _dated(triple: Triple, dates: list[Phrase], governing: list[int | None], tokens: dict[int, Word],
           offset: int) -> Triple:
    if triple.when is not None:
        return triple
    for ent in dates:
        start, end = ent.start_char + offset, ent.end_char + offset
        if any(arg.start <= start and end <= arg.end for arg in triple.args[1:]):
            return replace(triple, when=_argument(ent, offset))
    verbs = _verbs_of(tokens.get(triple.subject.head_start))
    for ent, verb in zip(dates, governing):
        if verb in verbs:
            return replace(triple, when=_argument(ent, offset))
    return triple


def _verbs_of(subject: Word | None) -> set[int]:
    """The indices of the verb a subject token belongs to and of the verbs it passes on to (xcomp)."""
    if subject is None:
        return set()
    verb = subject
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ not in _SUBJECTS:
        return set()
    found, todo = set(), [verb.head]
    while todo:
        token = todo.pop()
        if token.pos_ in _VERB_TAGS and token.i not in found:
            found.add(token.i)
            todo.extend(child for child in token.children if child.dep_ == "xcomp")
    return found


def _governing_verb(token: Word) -> int | None:
    """The index of the nearest verb above ``token`` ("on *Wednesday*" -> the verb "on" attaches to)."""
    while token.head.i != token.i:  # spaCy makes a new Token on each access: compare indices, not identity
        token = token.head
        if token.pos_ in _VERB_TAGS:
            return token.i
    return None


def _argument(ent: Phrase, offset: int) -> Argument:
    return Argument(text=ent.text, start=ent.start_char + offset, end=ent.end_char + offset,
                    head_start=ent.root.idx + offset, head_end=ent.root.idx + len(ent.root.text) + offset, kind="date")
