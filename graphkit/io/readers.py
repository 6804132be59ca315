"""Read files and folders into :class:`~graphkit.types.Document` records.

Supported: ``.txt`` and ``.md`` (one document per file; a first-line title and
a trailing byline such as ``• Name`` are metadata, not sentences) and
``.jsonl`` (one document per line: ``text`` required; ``id``, ``title``,
``date``, ``url``, ``author`` optional).

Text is UTF-8 (with or without a BOM), or UTF-16 or UTF-32 that starts with a
BOM; offsets are into the decoded text. Folders are walked without recursion
(any depth), following links to folders but never round a loop. Document ids,
titles, authors and urls are valid one-line text: a control character becomes
a space, a lone surrogate U+FFFD, and a file-name byte that is not UTF-8 its
escape (``caf\\xe9.txt``).

Every problem is an :class:`~graphkit.errors.InputError` naming the file (and
line). :func:`read_documents` either collects problems and goes on with the
other documents, or raises the first one (strict mode).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from graphkit.dates import dateline
from graphkit.errors import InputError
from graphkit.text import path_text
from graphkit.types import Document

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_DATELINE_LINES = 3
_AGENCY = re.compile(r"\([A-Za-z .-]+\)\s*[-\u2013\u2014]")
JSONL_FIELDS = ("id", "title", "date", "url", "author")

_BYLINE = re.compile(r"^[ \t]*(?:[•·▪*–—-]+|by\b)[ \t]*(?P<name>\S.{0,78}?)[ \t]*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]?$")


def read_documents(
    paths: Iterable[str | Path],
    problems: list[InputError] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Yield the documents found in ``paths`` (files or folders), in a stable order.

    With a ``problems`` list, each bad file or line is appended to it and
    skipped; without one, the first problem is raised.

    >>> docs = list(read_documents(["seeds/"]))  # doctest: +SKIP
    """
    seen: dict[str, str] = {}

    def report(error: InputError) -> None:
        if problems is None:
            raise error
        problems.append(error)

    for path, root in _expand(paths, report):
        try:
            for doc in _read_file(path, root, max_bytes, report):
                if doc.id in seen and doc.source == path_text(path) and path_text(path.as_posix()) not in seen:
                    doc = replace(doc, id=path_text(path.as_posix()))  # same name under two input folders
                if doc.id in seen:
                    report(InputError(doc.source, f"duplicate document id '{doc.id}' (first read from {seen[doc.id]})"))
                    continue
                seen[doc.id] = doc.source
                yield doc
        except InputError as error:
            report(error)


def _expand(paths: Iterable[str | Path], report) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) pairs; folders are walked in sorted order."""
    for raw in paths:
        path = Path(raw)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL in the name
            report(InputError(path_text(raw), "no such file or folder"))
            continue
        except OSError as error:  # a name too long, a loop of links, no permission to look
            report(InputError(path_text(raw), f"cannot read ({error.strerror or error})"))
            continue
        if is_folder:
            unreadable: list[InputError] = []
            candidates = sorted(_walk(path, unreadable))
            for problem in unreadable:
                report(problem)
            if not candidates and not unreadable:
                report(InputError(path_text(raw), "folder has no .txt, .md or .jsonl files"))
            for file in candidates:
                problem = _not_readable(file)
                if problem:
                    report(InputError(path_text(file), problem))
                else:
                    yield file, path
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            suffix = path_text(path.suffix) or "(none)"
            report(InputError(path_text(raw), f"unsupported file type '{suffix}' (expected .txt, .md or .jsonl)"))
        elif problem := _not_readable(path):
            report(InputError(path_text(raw), problem))
        else:
            yield path, path.parent


def _walk(root: Path, unreadable: list[InputError]) -> Iterator[Path]:
    """The supported files under ``root``, hidden ones skipped, each real folder visited once.

    The walk keeps its own stack, so no nesting is too deep for it; a folder
    reached twice (a symbolic link back up the tree) is not read again, and a
    folder that cannot be listed is added to ``unreadable``.
    """
    visited: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            status = folder.stat()
            if (status.st_dev, status.st_ino) in visited:
                continue
            visited.add((status.st_dev, status.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name, reverse=True)  # popped in name order
        except OSError as error:
            unreadable.append(InputError(path_text(folder), f"cannot read folder ({error.strerror or error})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if _is_folder(entry):
                stack.append(path)
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False  # a link whose target cannot be examined: reported when read as a file


def _not_readable(path: Path) -> str:
    """Why ``path`` cannot be read as a document file, or "" if it can."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return "broken link: the file it points to does not exist"
    except OSError as error:
        return f"cannot read file ({error.strerror or error})"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a pipe, socket or device)"
    return ""


def _read_file(path: Path, root: Path, max_bytes: int, report) -> Iterator[Document]:
    text = decode_file(path, max_bytes)
    doc_id = path_text(path.relative_to(root).as_posix())
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, doc_id, text, report)
    else:
        yield parse_text_document(text, doc_id=doc_id, source=path_text(path))


def decode_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read ``path`` as text (see :func:`decode_bytes`), refusing empty, oversized and binary files."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path_text(path), f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit (--max-file-size)")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path_text(path), f"cannot read file ({error.strerror or error})") from None
    return decode_bytes(data, path_text(path))


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a BOM), or UTF-16/UTF-32 that starts with a BOM; ``name`` is used in errors.

    Empty and binary data (a NUL character) are refused. Control characters
    that XML cannot hold are replaced one for one (form and vertical feeds by a
    line break, the rest by a space), so offsets into the text stay the offsets
    into the decoded characters.
    """
    encoding = _bom_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8-sig":
            raise InputError(name, f"not valid {encoding.upper()} ({error.reason} at byte {error.start}); convert the file to UTF-8") from None
        if b"\x00" in data[:8192]:
            raise InputError(name, "binary file, not text") from None
        bad = data[error.start : error.start + 1].hex()
        raise InputError(name, f"not UTF-8 (byte 0x{bad} at offset {error.start}); convert the file to UTF-8") from None
    if "\x00" in text[:8192]:
        raise InputError(name, "binary file, not text")
    if not text.strip():
        raise InputError(name, "empty file")
    return clean_text(text)


def _bom_encoding(data: bytes) -> str:
    """The encoding a byte-order mark announces: UTF-32 or UTF-16 (either byte order), else UTF-8.

    ``FF FE 00 00`` opens UTF-32LE text, or UTF-16LE text whose first
    character is NUL: it is read as UTF-32 only when a whole character follows.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) > 4 and len(data) % 4 == 0:
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


_LINE_FEEDS = {0x0B: "\n", 0x0C: "\n"}
_CONTROL = {c: _LINE_FEEDS.get(c, " ") for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}
_ANY_CONTROL = {c: " " for c in [*range(0x00, 0x20), 0x7F]}
_NOT_UNICODE = re.compile("[\ud800-\udfff\ufffe\uffff]")  # lone surrogates, and non-characters XML refuses


def clean_text(text: str) -> str:
    """Replace control characters and lone surrogates one for one, keeping every offset."""
    return _NOT_UNICODE.sub("\ufffd", text.translate(_CONTROL))


def clean_field(value: str) -> str:
    """A metadata value (id, title, author, url) as valid one-line text: every control character a space."""
    return _NOT_UNICODE.sub("\ufffd", value.translate(_ANY_CONTROL))


def parse_text_document(text: str, doc_id: str, source: str = "") -> Document:
    """Make a document of plain text, taking a title line and a byline out of its body.

    The title is the first line when a blank line follows it and it does not
    end like a sentence (or it is a Markdown ``# heading``); the byline is a
    short last line such as ``• Joanne Flowers`` or ``By Joanne Flowers``. The
    date is a dateline's among the body's first lines (:func:`~graphkit.dates.dateline`):
    a line that is only a date ("Wednesday, 9 February, 2005", taken out of the
    body) or an agency's "LONDON, March 3, 2005 (Reuters) -" (kept in it).
    """
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    title, author = "", ""
    body_start, body_end = 0, len(text)
    if len(nonblank) >= 2:
        first = nonblank[0]
        line = lines[first].strip()
        blank_after = first + 1 < len(lines) and not lines[first + 1].strip()
        if line.startswith("#") or (blank_after and len(line) <= 200 and not _SENTENCE_END.search(line)):
            title = line.lstrip("#").strip()
            body_start = offsets[first + 1]
        last = nonblank[-1]
        match = _BYLINE.match(lines[last].rstrip("\r\n"))
        if match and last != first and _looks_like_name(match.group("name")):
            author = match.group("name")
            body_end = offsets[last]
    date = ""
    for i in [i for i in nonblank if offsets[i] >= body_start][:_DATELINE_LINES]:
        date = dateline(lines[i])
        if date:
            if offsets[i] == body_start or not text[body_start:offsets[i]].strip():
                if not _AGENCY.search(lines[i]) and offsets[i + 1] < body_end:
                    body_start = offsets[i + 1]  # a line that is only a date is metadata, like the title
            break
    return Document(
        id=doc_id,
        text=text,
        source=source or doc_id,
        title=title,
        author=author,
        date=date,
        body_start=body_start,
        body_end=body_end,
    )


def _looks_like_name(text: str) -> bool:
    """A byline names people ("Joanne Flowers", "J. Doe and A. Roe"), it is not a sentence."""
    words = text.replace(",", " ").split()
    return (
        0 < len(words) <= 8
        and not _SENTENCE_END.search(text)
        and all(w[0].isupper() or w.lower() in {"and", "in", "de", "van", "von", "al", "&"} for w in words)
    )


def _read_jsonl(path: Path, file_id: str, text: str, report) -> Iterator[Document]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report(InputError(path_text(path), f"invalid JSON ({error.msg} at column {error.colno})", line=number))
            continue
        except RecursionError:
            report(InputError(path_text(path), "invalid JSON (nested too deeply)", line=number))
            continue
        if not isinstance(record, dict):
            report(InputError(path_text(path), "expected a JSON object with a 'text' field", line=number))
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            report(InputError(path_text(path), "missing or empty 'text' field", line=number))
            continue
        meta = {key: clean_field(str(record[key])) for key in JSONL_FIELDS if record.get(key) not in (None, "")}
        meta = {key: value for key, value in meta.items() if value.strip()}
        yield Document(
            id=meta.pop("id", f"{file_id}#{number}"),
            text=clean_text(body),
            source=f"{path_text(path)}:{number}",
            **meta,
        )
