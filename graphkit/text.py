"""Strings made safe for every output: valid Unicode, XML-compatible, cut between graphemes.

Input can hold anything: lone surrogates from a JSON escape (``"\\ud800"``),
control characters in an id or an alias, half an emoji flag at the end of a
name. XML 1.0 (GEXF, GraphML, RDF/XML) refuses most control characters, and
UTF-8 cannot encode a lone surrogate, so every string that reaches an export
passes through :func:`xml_safe` first.
"""

from __future__ import annotations

import re

# Characters XML 1.0 does not allow, plus lone surrogates (not encodable in UTF-8)
# and the non-characters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 or UTF-8 refuses replaced.

    Control characters become a space, lone surrogates U+FFFD:

    >>> xml_safe("a\\x0bb\\ud800")
    'a b\\ufffd'
    """
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: REPLACEMENT if "\ud800" <= m.group() <= "\udfff" else " ", text)
