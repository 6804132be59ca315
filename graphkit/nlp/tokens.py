"""A parsed Doc read once into plain Python objects, and helpers over its tokens that more than one stage needs.

spaCy makes a new ``Token`` object on every access (``doc[i]``, ``token.head``,
``token.children``, iterating a Doc or a Span) and reads each string attribute
through its string store, so rules that walk a sentence's tree many times spent
most of their time making tokens. :func:`words_of` reads a Doc's annotations
once (one :meth:`~spacy.tokens.Doc.to_array`, its sentences and its entities)
into :class:`Word`, :class:`Phrase` and :class:`Words` objects that answer the
attribute names of spaCy's ``Token``, ``Span`` and ``Doc`` that graphkit reads,
with the same values (``tests/nlp/test_tokens.py`` compares them on real parses).

The view is a snapshot: graphkit never changes a Doc once it is parsed, and
spaCy's user hooks (``Doc.user_hooks``), which no pipeline graphkit loads sets,
are not consulted.

>>> from graphkit import load_model  # doctest: +SKIP
>>> doc = load_model()("Putin honored Tillerson.")  # doctest: +SKIP
>>> [w.text for w in words_of(doc)[1].children]  # doctest: +SKIP
['Putin', 'Tillerson', '.']
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.attrs import (DEP, ENT_IOB, ENT_TYPE, HEAD, IS_PUNCT, IS_QUOTE, IS_SPACE, IS_TITLE, LEMMA, LOWER, ORTH, POS,
                         SPACY, TAG)
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

_COLUMNS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, SPACY, IS_PUNCT, IS_TITLE, IS_SPACE, IS_QUOTE]
_IOB = Token.iob_strings()
_SPACE = ("", " ")
_strings: dict[int, str] = {}
"""String hash -> string, filled as docs are read (a hash names the same string in every vocabulary); it grows
like the vocabulary's own string store."""


def _named(hashes: list[int], doc: Doc) -> list[str]:
    """The strings of ``hashes``, looked up in the doc's string store once each."""
    try:
        return list(map(_strings.__getitem__, hashes))
    except KeyError:
        strings = doc.vocab.strings
        _strings.update((key, strings[key]) for key in set(hashes) if key not in _strings)
        return list(map(_strings.__getitem__, hashes))


class Word:
    """A token of a parsed doc: spaCy's ``Token`` attributes graphkit reads, as plain values.

    Two words are equal when they are the same word of the same :class:`Words`.
    """

    __slots__ = ("doc", "i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "ent_iob_", "idx",
                 "whitespace_", "is_punct", "is_title", "is_space", "is_quote", "head", "children", "sent", "_subtree")

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def subtree(self) -> tuple[Word, ...]:
        """The word and its descendants, in spaCy's order (left children's subtrees, the word, right ones')."""
        if self._subtree is None:
            found: list[Word] = []
            todo: list[tuple[Word, bool]] = [(self, False)]
            while todo:
                word, expanded = todo.pop()
                if expanded:
                    found.append(word)
                    continue
                for child in reversed(word.children):
                    if child.i > word.i:
                        todo.append((child, False))
                todo.append((word, True))
                for child in reversed(word.children):
                    if child.i < word.i:
                        todo.append((child, False))
            self._subtree = tuple(found)
        return self._subtree

    @property
    def conjuncts(self) -> tuple[Word, ...]:
        """The words coordinated with this one, as spaCy's ``Token.conjuncts`` finds them."""
        start = self
        while start.head is not start and start.dep_ == "conj":
            start = start.head
        queue = [start]
        output = [start]
        for word in queue:
            for child in word.children:
                if child.i > word.i and child.dep_ == "conj":
                    output.append(child)
                    queue.append(child)
        return tuple(w for w in output if w.i != self.i)

    @property
    def left_edge(self) -> Word:
        """spaCy's left edge of the word's subtree (as the parser set it, asked of the Doc itself: rarely read)."""
        return self.doc[self.doc.spacy[self.i].left_edge.i]

    def is_ancestor(self, descendant: Word) -> bool:
        """Whether this word is the head, the head's head ... of ``descendant``."""
        if descendant.doc is not self.doc:
            return False
        node, steps = descendant, len(self.doc)
        while node.head is not node and steps:
            node = node.head
            if node is self:
                return True
            steps -= 1
        return False


class Phrase:
    """A run of words (a sentence, an entity, a slice): spaCy's ``Span`` attributes graphkit reads."""

    __slots__ = ("doc", "start", "end", "label_")

    def __init__(self, doc: Words, start: int, end: int, label: str = "") -> None:
        self.doc, self.start, self.end, self.label_ = doc, start, end, label

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Word]:
        return iter(self.doc.tokens[self.start : self.end])

    def __getitem__(self, i: int | slice) -> Word | Phrase:
        if isinstance(i, slice):
            start, stop = _normalize_slice(len(self), i)
            return Phrase(self.doc, self.start + start, self.start + stop)
        index = self.end + i if i < 0 else self.start + i
        if not self.start <= index < self.end:
            raise IndexError(f"word {i} of a phrase of {len(self)}")
        return self.doc.tokens[index]

    def __repr__(self) -> str:
        return self.text

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx if self.start < len(self.doc) else len(self.doc.text)

    @property
    def end_char(self) -> int:
        if self.start == self.end:
            return self.start_char
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    @property
    def root(self) -> Word:
        """The word nearest the root of the tree, the first of equals (spaCy's ``Span.root``)."""
        tokens = self.doc.tokens
        for word in tokens[self.start : self.end]:
            if word.head is word:
                return word
        best, root = len(tokens), None
        for word in tokens[self.start : self.end]:
            if self.start <= word.head.i < self.end:
                continue
            if (word.is_space or word.is_punct) and not word.children:
                steps = len(tokens) - 1  # spaCy lets a bare space or punctuation mark be the root only if nothing else
            else:
                steps, node = 0, word
                while node.head is not node and steps < len(tokens):  # a broken tree cannot loop for ever
                    node, steps = node.head, steps + 1
            if steps < best:
                best, root = steps, word
        return root if root is not None else tokens[self.start]

    @property
    def ents(self) -> list[Phrase]:
        """The doc's entities that lie wholly inside the phrase (as spaCy's ``Span.ents`` finds them)."""
        found = []
        for ent in self.doc.ents:
            if ent.start >= self.start:
                if ent.end > self.end:
                    break
                found.append(ent)
        return found


class Words:
    """A parsed Doc's words, sentences and entities, indexed and sliced like the Doc."""

    __slots__ = ("spacy", "tokens", "text", "sents", "ents")

    def __init__(self, doc: Doc) -> None:
        self.spacy = doc
        columns = doc.to_array(_COLUMNS).T
        orth, lower, lemma, pos, tag, dep, _, iob, ent_type, space = columns[:10].tolist()
        heads = columns[6].astype("int64").tolist()
        punct, title, is_space, quote = columns[10:].astype(bool).tolist()
        tokens = []
        position = 0
        for i, (text, low, lem, p, t, d, io, ent, ws, pu, ti, sp, qu) in enumerate(zip(
                _named(orth, doc), _named(lower, doc), _named(lemma, doc), map(POS_NAMES.__getitem__, pos),
                _named(tag, doc), _named(dep, doc), map(_IOB.__getitem__, iob), _named(ent_type, doc),
                map(_SPACE.__getitem__, space), punct, title, is_space, quote)):
            word = Word()
            word.doc, word.i, word.text, word.lower_, word.lemma_ = self, i, text, low, lem
            word.pos_, word.tag_, word.dep_, word.ent_iob_, word.ent_type_, word.idx, word.whitespace_ = p, t, d, io, ent, position, ws
            word.is_punct, word.is_title, word.is_space, word.is_quote, word._subtree = pu, ti, sp, qu, None
            position += len(text) + len(ws)
            tokens.append(word)
        children: dict[int, list[Word]] = {}
        for word, offset in zip(tokens, heads):
            word.head = tokens[word.i + offset]
            word.children = ()
            if offset:
                children.setdefault(word.i + offset, []).append(word)
        for i, found in children.items():
            tokens[i].children = tuple(found)
        self.tokens = tokens
        self.text = "".join(w.text + w.whitespace_ for w in tokens)
        self.sents = [Phrase(self, sent.start, sent.end) for sent in doc.sents] if tokens else []
        for sent in self.sents:
            for word in tokens[sent.start : sent.end]:
                word.sent = sent
        self.ents = [Phrase(self, ent.start, ent.end, ent.label_) for ent in doc.ents]

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Word]:
        return iter(self.tokens)

    def __getitem__(self, i: int | slice) -> Word | Phrase:
        if isinstance(i, slice):
            start, stop = _normalize_slice(len(self.tokens), i)
            return Phrase(self, start, stop)
        return self.tokens[i]


def _normalize_slice(length: int, i: slice) -> tuple[int, int]:
    """A slice's bounds clamped as spaCy clamps them (an end before the start gives an empty phrase)."""
    if i.step not in (None, 1):
        raise ValueError("a phrase is a contiguous run of words")
    start, stop, _ = i.indices(length)
    return start, max(start, stop)


_last: tuple[Doc, Words] | None = None


def words_of(doc: Doc) -> Words:
    """The :class:`Words` of a parsed Doc, read once.

    The view of the last Doc asked for is kept, so that the stages that read one
    paragraph (its mentions, then each sentence's extraction and dating) read it once.
    """
    global _last
    if _last is None or _last[0] is not doc:
        _last = (doc, Words(doc))
    return _last[1]


@contextmanager
def reading(doc: Doc) -> Iterator[Words]:
    """The :class:`Words` of ``doc`` for the block (:func:`words_of` gives the same), dropped at its end.

    Words refer to each other (head, children, their doc), so a dropped view
    would wait for Python's cycle collector, which then runs more often and
    takes longer (a tenth of the per-document stage on the benchmark corpus).
    Here the references are cut when the block ends: a word kept past it is
    no longer usable, so keep offsets and strings, never words.
    """
    global _last
    view = words_of(doc)
    try:
        yield view
    finally:
        if _last is not None and _last[1] is view:
            _last = None
        for word in view.tokens:
            word.doc = word.head = word.children = word.sent = word._subtree = None
        view.tokens, view.sents, view.ents = [], [], []


def phrase_of(span: Span) -> Phrase:
    """The :class:`Phrase` of a spaCy Span, over the words of its Doc (:func:`words_of`)."""
    return Phrase(words_of(span.doc), span.start, span.end, span.label_)


def entity_tokens(token: Word) -> list[Word]:
    """The tokens of the named entity ``token`` belongs to."""
    start, end = entity_bounds(token)
    return token.doc.tokens[start:end]


def entity_bounds(token: Word) -> tuple[int, int]:
    """The start and end (exclusive) word index of the named entity ``token`` belongs to (itself alone if none)."""
    words = token.doc.tokens
    start = token.i
    while start > 0 and words[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(words) and words[end].ent_iob_ == "I":
        end += 1
    return start, end
