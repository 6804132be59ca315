"""Turning parse tokens into arguments: which words, what text, which offsets.

Shared by the extractor families; everything returned holds character offsets,
never tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from graphkit.extract.inner import inner_actors
from graphkit.nlp.tokens import Word, entity_bounds
from graphkit.types import Argument

ARG_EXCLUDED_DEPS = frozenset({"relcl", "advcl", "punct", "cc", "conj", "appos", "acl", "ccomp", "parataxis", "mark"})
_EXCLUDED_BELOW_HEAD = ARG_EXCLUDED_DEPS - {"cc", "conj", "appos"}
"""Below the head, coordinated words and appositions stay ("the forces of Russia and Iran")."""
_KEPT_PUNCTUATION = frozenset({"-", "'"})
BY_POSITION = attrgetter("i")
"""The key that puts words in sentence order."""


def conjuncts(token: Word) -> list[Word]:
    """The token and the tokens coordinated with it ("the US and Russia")."""
    return [token, *(c for c in token.conjuncts if c.i > token.i)] if token.dep_ != "conj" else [token]


def listed(token: Word) -> list[Word]:
    """:func:`conjuncts`, and the nouns the parser hangs under the token's apposition.

    "talks with his Israeli counterpart, Ariel Sharon, and the Palestinian leader, Mahmoud
    Abbas": the parser makes "leader" a conjunct of "Sharon", the apposition of "counterpart";
    both descriptions are objects.
    """
    found = conjuncts(token)
    for appos in (c for c in token.children if c.dep_ == "appos" and c.ent_type_):
        found.extend(c for c in appos.conjuncts if c.i > appos.i and c.pos_ == "NOUN")
    return found


def arg_tokens(head: Word) -> list[Word]:
    """The words of an argument: the head's subtree without clauses, conjuncts and edge punctuation."""
    found = {head.i}
    todo = [child for child in head.children if child.dep_ not in ARG_EXCLUDED_DEPS]
    while todo:
        token = todo.pop()
        found.add(token.i)
        for child in token.children:
            if child.dep_ not in _EXCLUDED_BELOW_HEAD:
                todo.append(child)
            elif child.dep_ == "punct" and child.text in _KEPT_PUNCTUATION:
                found.add(child.i)
    words = head.doc.tokens
    covered = 0  # where the last entity taken whole ends: a word before it is in that entity
    for i in sorted(found):
        if i >= covered and words[i].ent_type_:
            start, covered = entity_bounds(words[i])
            found.update(range(start, covered))
    return trim([words[i] for i in sorted(found)], head)


def clause_tokens(verb: Word) -> list[Word]:
    """The words of a clausal complement, without its complementizer and quotes at the edges."""
    tokens = [t for t in verb.subtree if not (t.dep_ == "mark" and t.head == verb)]
    return trim(tokens, verb)


def trim(tokens: list[Word], head: Word) -> list[Word]:
    """The tokens without punctuation at either edge (the head itself is kept)."""
    while tokens and tokens[0].is_punct and tokens[0] != head:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1] != head:
        tokens.pop()
    return tokens


def join_tokens(tokens: Iterable[Word]) -> str:
    """Words in sentence order, with the original spacing between neighbours and one space between words apart.

    Each run of neighbours is one slice of the text.
    """
    runs: list[str] = []
    first = previous = None
    for token in tokens:
        if previous is None:
            first = token
        elif token.i != previous.i + 1:
            runs.append(first.doc.text[first.idx : previous.idx + len(previous.text)])
            first = token
        previous = token
    if previous is not None:
        runs.append(first.doc.text[first.idx : previous.idx + len(previous.text)])
    return " ".join(runs).strip()


def argument_kind(head: Word) -> str:
    """``clause``, ``pronoun``, ``np`` (may become a concept node) or ``other``."""
    if head.pos_ in {"VERB", "AUX"}:
        return "clause"
    if head.pos_ == "PRON":
        return "pronoun"
    if head.pos_ in {"NOUN", "PROPN", "NUM"} or head.ent_type_:
        return "np"
    return "other"


def argument(tokens: list[Word], head: Word, offset: int, inner: bool = False) -> Argument:
    """An :class:`Argument` of the tokens, its offsets shifted by ``offset``.

    With ``inner``, it also records the words inside it that may name its actor
    (:func:`graphkit.extract.inner.inner_actors`): for the arguments of an event, not
    for what a copula or an apposition says its subject *is*.
    """
    tokens = sorted(tokens, key=BY_POSITION) or [head]
    start = tokens[0].idx
    last = tokens[-1]
    return Argument(
        text=join_tokens(tokens),
        start=offset + start,
        end=offset + last.idx + len(last),
        head_start=offset + head.idx,
        head_end=offset + head.idx + len(head),
        kind=argument_kind(head),
        inner=inner_actors(head, offset) if inner else (),
    )
