"""Turning documents into parsed paragraphs, batched through ``nlp.pipe``.

A document's body is split into paragraphs at blank lines; each paragraph is
parsed on its own (spaCy keeps offsets inside the paragraph) and carries the
character offset at which it starts in the document, so every record made from
it can point into the document's text.

Time and memory stay linear in the input's size whatever its shape, because
three things are bounded:

* a paragraph longer than ``MAX_PIECE_CHARS`` (a file without blank lines, a
  line without punctuation) is cut into pieces before parsing, at a sentence end
  if there is one, else at a line break, else at a space, else anywhere;
* no sentence is longer than ``MAX_SENTENCE_TOKENS`` tokens: spaCy's parser and
  the extractors take time quadratic (and worse) in a sentence's length, and an
  argument's text can be most of its sentence, so a run-on "sentence" of
  thousands of words would cost minutes and gigabytes;
* a batch given to spaCy holds at most ``BATCH_CHARS`` characters, since the
  memory a batch takes grows with its text, not with its number of documents
  (about 3 KB per character while it is parsed: 25,000 characters take some
  80 MB), and the memory it freed is given back to the system after each batch.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.text import is_grapheme_boundary, sized_batches
from graphkit.types import Document

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# ".", "!" or "?", closing quotes, whitespace, an opening quote and a letter or digit: where a
# sentence ends when the letter is a capital and the word before is no initial or abbreviation.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+([\"'“‘(\[]?)(\w)")
_ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt",
                  "Prof", "Jr", "Sr", "No", "Rev", "Hon", "Pres", "Supt", "Insp", "Mme", "Mlle", "vs", "Co", "Inc"}
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_CLAUSE_PUNCTUATION = {",", ";", ":", "—", "–", "-", "--"}
_SENTENCE_PUNCTUATION = {".", "!", "?"}
_CLOSING = {'"', "'", "”", "’", ")", "]", "''"}

try:  # glibc's malloc_trim, to give the pages a parsed batch freed back to the system
    _malloc_trim = ctypes.CDLL(None).malloc_trim
except (AttributeError, OSError, TypeError):  # another C library (macOS, musl, Windows): nothing to do
    _malloc_trim = None

MAX_PIECE_CHARS = 2_000
MAX_SENTENCE_TOKENS = 200
BATCH_CHARS = 25_000


@dataclass(frozen=True, slots=True)
class ParsedParagraph:
    """A paragraph's parse and where it starts in its document."""

    document: Document
    offset: int
    doc: Doc


def paragraphs(document: Document, max_chars: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Yield (offset, text) for each non-blank paragraph of the document's body.

    Line breaks inside a paragraph are given to the parser as spaces, one for
    one, so ``text`` is ``document.text[offset:offset + len(text)]`` with line
    breaks read as spaces.

    A paragraph longer than ``max_chars`` is yielded as several pieces, none
    longer than ``max_chars``, cut where :func:`cut_point` says.

    >>> list(paragraphs(Document("d", "Putin spoke.\\n\\nLavrov\\nlistened.")))
    [(0, 'Putin spoke.'), (14, 'Lavrov listened.')]
    """
    text = document.text  # searched in place: a copy of the body would double a large document
    body_end = len(text) if document.body_end < 0 else document.body_end
    position = document.body_start
    for match in chain(_PARAGRAPH_BREAK.finditer(text, position, body_end), [None]):
        end = match.start() if match else body_end
        for start, piece in _pieces(text, position, end, max_chars):
            yield start, _unwrap(piece)
        if match:
            position = match.end()


def _pieces(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, str]]:
    """The stripped, non-empty pieces of ``text[start:end]``, each at most ``max_chars`` long."""
    while True:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return
        if end - start <= max_chars:
            piece = text[start:end].rstrip()
            yield start, piece
            return
        cut = start + cut_point(text[start : start + max_chars + 1])
        yield start, text[start:cut].rstrip()
        start = cut


def cut_point(window: str) -> int:
    """Where to end a piece that must not be longer than ``len(window) - 1`` characters.

    The window is the text from the piece's start, one character longer than the
    limit (so a cut right at the limit can see what follows). The piece ends at
    the last likely sentence end (". " before a capital, not after "Mr" or an
    initial), else after the last line break, else at the last whitespace, else
    at the limit, never inside a character (a letter and its marks, a flag).

    >>> cut_point("He left. Then she spoke at length")
    9
    >>> cut_point("one two three")
    7
    """
    limit = len(window) - 1
    ends = [m.start(1) for m in _SENTENCE_END.finditer(window) if m.start(1) <= limit and _ends_sentence(window, m)]
    if ends:
        return ends[-1]
    for separator in ("\n", "\r"):
        found = window.rfind(separator, 1, limit)
        if found > 0:
            return found + 1
    for cut in range(limit, 0, -1):
        if window[cut].isspace() and not window[cut - 1].isspace():
            return cut
    cut = limit
    while cut > 1 and not is_grapheme_boundary(window, cut):
        cut -= 1
    return cut


def _ends_sentence(window: str, match: re.Match) -> bool:
    """Whether a match of ``_SENTENCE_END`` ends a sentence: a capital follows, no initial or abbreviation precedes."""
    first = match.group(2)
    if not (first.isupper() or first.isdigit()):
        return False
    start = match.start()
    while start > 0 and match.start() - start <= _LONGEST_ABBREVIATION and window[start - 1].isalnum():
        start -= 1
    word = window[start : match.start()]
    return len(word) != 1 and word not in _ABBREVIATIONS


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines: line breaks inside a paragraph become spaces, one for one.

    The parser reads a line break as a token of its own and parses the
    sentence around it badly; replacing characters one for one keeps offsets.
    """
    return text.replace("\r", " ").replace("\n", " ")


def limit_sentences(doc: Doc, max_tokens: int = MAX_SENTENCE_TOKENS) -> Doc:
    """Mark sentence starts on an unparsed ``doc`` so that no sentence can exceed ``max_tokens`` tokens.

    spaCy's parser keeps sentence starts that are already set. A doc no longer
    than ``max_tokens`` is left alone; in a longer one a start is set at most every
    ``max_tokens`` tokens: after the last ". ", "!" or "?" before a capital in the
    second half of that stretch (where the parser would have ended the sentence
    anyway), else after the last comma, semicolon, colon or dash, else right at
    the limit.
    """
    start = 0
    while len(doc) - start > max_tokens:
        cut = _token_cut(doc, start + max_tokens // 2 + 1, start + max_tokens)
        doc[cut].is_sent_start = True
        start = cut
    return doc


def _token_cut(doc: Doc, lowest: int, highest: int) -> int:
    """The best token in ``[lowest, highest]`` to start a sentence at."""
    clause = None
    for i in range(highest, lowest - 1, -1):
        token = doc[i]
        if token.is_space:
            continue
        before = i - 1
        while before > 0 and doc[before].is_space:
            before -= 1
        previous = doc[before - 1] if doc[before].text in _CLOSING and before > 0 else doc[before]
        if previous.text in _SENTENCE_PUNCTUATION and (token.is_title or token.is_upper or token.is_quote):
            return i
        if clause is None and doc[before].text in _CLAUSE_PUNCTUATION and doc[before].whitespace_:
            clause = i
    return clause if clause is not None else highest


def _batches(items: Iterable[tuple[Doc, object]], max_chars: int, max_docs: int
             ) -> Iterator[list[tuple[Doc, object]]]:
    """Consecutive groups of at most ``max_docs`` docs and (one long doc aside) ``max_chars`` characters."""
    return sized_batches(items, lambda item: len(item[0].text), max_chars, max_docs)


def parse_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int = 64
) -> Iterator[ParsedParagraph]:
    """Parse each document's paragraphs, in order, yielding them as they are ready.

    Paragraphs are cut into pieces and sentences bounded as the module says, and
    spaCy gets at most ``batch_size`` pieces or ``BATCH_CHARS`` characters at a time.
    """

    def items():
        for document in documents:
            for offset, text in paragraphs(document):
                yield limit_sentences(nlp.make_doc(text)), (document, offset)

    for batch in _batches(items(), BATCH_CHARS, batch_size):
        for doc, (document, offset) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            yield ParsedParagraph(document=document, offset=offset, doc=doc)
        release_free_memory()


def release_free_memory() -> None:
    """Return the memory that spaCy's arrays freed to the system, where the C library allows it.

    A batch's parse allocates arrays that are freed when the batch is done, while
    the records extracted from it live on; glibc keeps the freed pages between
    them, so without this a build's resident memory grew by about 100 MB for
    every megabyte of text parsed, most of it free.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


def parse_lines(nlp: Language, lines: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse each line as one sentence (for ``graphkit extract --lines``).

    A line longer than ``MAX_SENTENCE_TOKENS`` tokens is parsed as several trees
    (see :func:`limit_sentences`), so that it costs time linear in its length; the
    extractor still reads it as one line.
    """

    def docs():
        for line in lines:
            doc = nlp.make_doc(line)
            for token in doc[1:]:
                token.is_sent_start = False
            if len(doc):
                doc[0].is_sent_start = True
            yield limit_sentences(doc)

    yield from nlp.pipe(docs(), batch_size=batch_size)
