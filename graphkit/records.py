"""The per-document stage: a parsed document in, its mentions and triples out as plain records.

>>> from graphkit.nlp import load_model, parse_documents  # doctest: +SKIP
>>> from graphkit.registry import get_extractor  # doctest: +SKIP
>>> document = Document(id="d", text="Putin honored Tillerson.")  # doctest: +SKIP
>>> paragraphs = parse_documents(load_model(), [document])  # doctest: +SKIP
>>> document_records(document, paragraphs, get_extractor("clauses.v1")).words  # doctest: +SKIP
3

Everything returned holds character offsets into the document's text and
strings: the spaCy parse is dropped paragraph by paragraph, so a document's
records are all that outlives its parse (see :class:`~graphkit.types.DocumentRecords`).
The corpus stage, :func:`graphkit.resolve.resolve_corpus`, takes them from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.extract.when import with_time
from graphkit.nlp.parse import ParsedParagraph
from graphkit.resolve.aliases import UserAliases
from graphkit.resolve.mentions import find_alias_mentions, find_mentions, prefer
from graphkit.types import Document, DocumentRecords, Mention, Triple


def document_records(document: Document, paragraphs: Iterable[ParsedParagraph], extractor,
                     aliases: UserAliases | None = None) -> DocumentRecords:
    """The mentions, triples, sentence offsets and word count of one document, from its parsed paragraphs.

    ``extractor`` is a registered extractor (``extract(sent, doc_id, offset)``);
    ``aliases`` adds a mention for every name the user declared, in place of
    any mention the parse found over it. Each triple gets the time expression
    its sentence dates it with (:func:`~graphkit.extract.when.with_time`).
    """
    mentions: list[Mention] = []
    triples: list[Triple] = []
    starts: list[int] = []
    words = 0
    for paragraph in paragraphs:
        found = find_mentions(paragraph)
        if aliases is not None:
            found = prefer(find_alias_mentions(paragraph, aliases), found)
        mentions.extend(found)
        for sent in paragraph.doc.sents:
            starts.append(paragraph.offset + sent.start_char)
            words += sum(1 for t in sent if not t.is_punct and not t.is_space)
            triples.extend(with_time(list(extractor.extract(sent, document.id, paragraph.offset)), sent, paragraph.offset))
    return DocumentRecords(doc_id=document.id, sentence_starts=tuple(starts), words=words,
                           mentions=tuple(mentions), triples=tuple(triples))
