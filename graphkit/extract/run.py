"""Running an extractor alone, over sentences or documents (``graphkit extract``)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphkit.errors import InputError
from graphkit.io import read_documents
from graphkit.io.readers import decode_bytes, decode_file, parse_text_document
from graphkit.nlp import load_model, parse_documents, parse_lines
from graphkit.nlp.tokens import reading
from graphkit.registry import DEFAULT_EXTRACTOR, get_extractor
from graphkit.types import Triple

STDIN = "<stdin>"


def read_stdin() -> str:
    """Standard input decoded like a file: UTF-8 with or without a BOM, or one clear error."""
    try:
        return decode_bytes(sys.stdin.buffer.read(), STDIN)
    except InputError as error:
        if error.problem == "empty file":
            raise InputError(STDIN, "empty input") from None
        raise


def read_lines(files: Iterable[Path]) -> Iterator[str]:
    """Every line of ``files`` (standard input when there are none), split at line feeds only."""
    files = list(files)
    texts = [read_stdin()] if not files else []
    for path in files:
        if path.is_dir():
            raise InputError(str(path), "is a folder; --lines reads files of one sentence per line")
        if not path.is_file():
            raise InputError(str(path), "no such file")
        texts.append(decode_file(path))
    for text in texts:
        yield from (line.rstrip("\r") for line in text.split("\n"))


def extract_lines(lines: Iterable[str], model: str | None = None, extractor: str = DEFAULT_EXTRACTOR
                  ) -> Iterator[tuple[str, Triple]]:
    """Yield (line, triple) pairs, each non-blank line parsed as exactly one sentence."""
    nlp = load_model(model)
    rules = get_extractor(extractor)
    kept = [line for line in lines if line.strip()]
    for number, (line, doc) in enumerate(zip(kept, parse_lines(nlp, kept)), start=1):
        with reading(doc):  # the line's words read once, dropped after
            for triple in rules.extract(doc[:], doc_id=f"line-{number}"):
                yield line, triple


def extract_documents(files: Iterable[Path], problems: list[InputError], model: str | None = None,
                      extractor: str = DEFAULT_EXTRACTOR) -> Iterator[tuple[str, Triple]]:
    """Yield (sentence, triple) pairs for every sentence of the documents (standard input when no files)."""
    files = list(files)
    nlp = load_model(model)
    rules = get_extractor(extractor)
    if files:
        documents = read_documents(files, problems)
    else:
        documents = iter([parse_text_document(read_stdin(), doc_id=STDIN)])
    for paragraph in parse_documents(nlp, documents):
        with reading(paragraph.doc):  # the paragraph's words read once, dropped after
            for sent in paragraph.doc.sents:
                for triple in rules.extract(sent, paragraph.document.id, paragraph.offset):
                    yield sent.text, triple
