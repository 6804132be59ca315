"""Strings made safe for every output: valid Unicode, XML-compatible, cut between graphemes.

Input can hold anything: lone surrogates from a JSON escape (``"\\ud800"``),
control characters in an id or an alias, half an emoji flag at the end of a
name. XML 1.0 (GEXF, GraphML, RDF/XML) refuses most control characters, and
UTF-8 cannot encode a lone surrogate, so every string that reaches an export
passes through :func:`xml_safe` first.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

# Characters XML 1.0 does not allow, plus lone surrogates (not encodable in UTF-8)
# and the non-characters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
# An ``errors=`` handler for files written as UTF-8 (only): what UTF-8 cannot encode (a lone surrogate, the
# only such character) is written as U+FFFD, as the readers do, instead of failing the whole export. The
# replacement is given as UTF-8 bytes: CPython's UTF-8 encoder takes no non-ASCII text from a handler.
UNENCODABLE = "graphkit-replacement"
codecs.register_error(UNENCODABLE, lambda error: (REPLACEMENT.encode("utf-8") * (error.end - error.start), error.end))


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 or UTF-8 refuses replaced.

    Control characters become a space, lone surrogates U+FFFD:

    >>> xml_safe("a\\x0bb\\ud800")
    'a b\\ufffd'
    """
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: REPLACEMENT if "\ud800" <= m.group() <= "\udfff" else " ", text)


def strip_accents(text: str) -> str:
    """``text`` without accents (decomposed, combining marks dropped): "Mélenchon" -> "Melenchon".

    ASCII text, most of it, is returned as it is, without decomposing it character by character.
    """
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


ZWJ = "\u200d"


def _extends(char: str) -> bool:
    """Whether ``char`` belongs to the grapheme before it: combining marks, ZWJ, variation selectors,
    emoji skin tones and tag characters."""
    code = ord(char)
    return (
        unicodedata.category(char) in {"Mn", "Me", "Mc"}
        or char == ZWJ
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xE0100 <= code <= 0xE01EF
    )


def _regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def is_grapheme_boundary(text: str, index: int) -> bool:
    """Whether cutting ``text`` at ``index`` keeps every user-perceived character whole.

    A simplified form of Unicode's extended grapheme clusters (UAX #29): a cut
    never separates a mark from its letter, the two halves of a flag, the parts
    of a ZWJ emoji sequence, or CR from LF.

    >>> is_grapheme_boundary("Macron \\U0001f1eb\\U0001f1f7", 8)  # inside the French flag
    False
    """
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if before == "\r" and after == "\n":
        return False
    if _extends(after):
        return False
    if before == ZWJ and unicodedata.category(after) == "So":
        return False
    if _regional_indicator(before) and _regional_indicator(after):
        run = index
        while run > 0 and _regional_indicator(text[run - 1]):
            run -= 1
        return (index - run) % 2 == 0
    return True


def grapheme_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to the nearest grapheme boundaries, so that a cut never splits a character.

    >>> grapheme_span("Zoe\\u0301 spoke", 0, 3)
    (0, 4)
    """
    while start > 0 and not is_grapheme_boundary(text, start):
        start -= 1
    while end < len(text) and not is_grapheme_boundary(text, end):
        end += 1
    return start, end


def path_text(path: str | os.PathLike) -> str:
    """A file name as valid text, for document ids and messages.

    A name that is not UTF-8 (``café.txt`` written by a Latin-1 system)
    reaches Python with its bad bytes as lone surrogates; each is written as
    its escape, so that two such names never share a document id:

    >>> print(path_text(os.fsdecode(b"caf\\xe9.txt")))
    caf\\xe9.txt
    """
    try:
        name = os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate that no file name can hold: given as text, not read from disk
        return xml_safe(os.fspath(path))
    return xml_safe(name.decode("utf-8", errors="backslashreplace"))


_FLAT_TYPES = {bool: bool, int: int, float: float, str: str}


def flat_type(name: str, value: object) -> type:
    """The type an export declares for an attribute's value: ``bool``, ``int``, ``float`` or ``str``.

    Anything else (``None``, a list, a dict) is a ``TypeError`` naming the
    attribute: flatten it first, so that no cell or file ever reads ``None``.
    """
    kind = _FLAT_TYPES.get(type(value))  # the common case, a dict lookup
    if kind is not None:
        return kind
    for kind in _FLAT_TYPES:  # subclasses; bool first, as a bool is an int too
        if isinstance(value, kind):
            return kind
    raise TypeError(f"attribute {name!r} is a {type(value).__name__}: "
                    "only strings, numbers and booleans reach the exports")


def flat_value(name: str, value: object) -> str | int | float:
    """A flat attribute's value as GEXF and the Gephi tables write it: text through :func:`xml_safe`,
    booleans ``true``/``false``, numbers as they are (see :func:`flat_type` for what else is refused)."""
    kind = flat_type(name, value)
    if kind is str:
        return xml_safe(value)
    if kind is bool:
        return "true" if value else "false"
    return value


def trim_symbols(text: str) -> str:
    """``text`` without emoji and other symbols at either end, whole or in part, nor the spaces around them.

    An argument cut at a token boundary can end in half a flag:

    >>> trim_symbols("Angela Merkel \\U0001f1e9")
    'Angela Merkel'
    """
    start = 0
    while start < len(text) and unicodedata.category(text[start])[0] not in "LNP":
        start += 1
    end = len(text)
    while end > start:
        first = end - 1
        while first > start and not is_grapheme_boundary(text, first):
            first -= 1
        if unicodedata.category(text[first])[0] in "LNP":
            break
        end = first
    return text[start:end].strip()


T = TypeVar("T")


def sized_batches(items: Iterable[T], size: Callable[[T], int], max_size: int, max_count: int | None = None
                  ) -> Iterator[list[T]]:
    """Consecutive groups of ``items`` of at most ``max_size`` in all (by ``size``) and ``max_count`` items.

    An item larger than ``max_size`` is a group of its own. The grouping depends on the items only.
    """
    batch: list[T] = []
    total = 0
    for item in items:
        length = size(item)
        if batch and (total + length > max_size or (max_count is not None and len(batch) >= max_count)):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += length
    if batch:
        yield batch


def escaper(table: Mapping[str, str]) -> Callable[[str], str]:
    """A function that replaces each character of ``table`` with its replacement, in the table's order.

    What ``str.translate`` with the same table does, three to five times faster on
    export text: a string that needs nothing is returned after one regex scan, and
    each replacement needed is one ``str.replace``. The table's order is the order
    of the passes, so a character that replacements produce comes first (``&`` in XML):

    >>> escaper({"&": "&amp;", "<": "&lt;"})("a<b & c")
    'a&lt;b &amp; c'
    """
    search = re.compile("[" + re.escape("".join(table)) + "]").search
    pairs = tuple(table.items())

    def escape(text: str) -> str:
        if search(text) is None:
            return text
        for char, replacement in pairs:
            if char in text:
                text = text.replace(char, replacement)
        return text

    return escape
