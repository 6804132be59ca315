"""Caches that let a rebuild skip what has not changed: per-document records, and whole builds' files.

**Records.** Each document's :class:`~graphkit.types.DocumentRecords` is kept in
one file (:class:`RecordCache`), named by a key that hashes everything the
records depend on:

* the document: its id and the text that is parsed (``text``, ``body_start``, ``body_end``);
* the spaCy model: its name and version (:func:`graphkit.nlp.model_identity`);
* the extractor's registered name (names carry a version: ``clauses.v1``);
* the aliases the user declared (they add mentions);
* graphkit itself: its version and a digest of the package's files, so that any
  change to the code or its data tables invalidates every entry.

So adding or editing a document parses that document only; the corpus stage
(resolution across documents) and the exports run again.

**Whole builds.** When every document (all its fields, in order), every option
and the files asked for are those of an earlier build, that build's files are
given back (:class:`OutputCache`, keyed by :func:`build_key`): an unchanged
corpus is neither parsed nor resolved nor exported again. The ``KEEP_BUILDS``
most recently used sets of files are kept.

The folder is ``--cache DIR``, by default ``graphkit`` under the user's cache
directory (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches`` on
macOS, ``%LOCALAPPDATA%`` on Windows): ``records-v1/`` and ``builds-v1/`` in it.
Entries are JSON and files checked by SHA-256, never pickle: what is in the cache
is read as data only, checked against the format version, the key it was stored
under and the shape of the records, and anything else (a truncated write, a
foreign file, an older format, an edited output) is ignored with one warning
line and recomputed.

>>> cache = RecordCache("/tmp/gk-cache", context_digest("en_core_web_sm==3.8.0", "clauses.v1"))  # doctest: +SKIP
>>> cache.get(document) is None  # doctest: +SKIP
True
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import types
import typing
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphkit.errors import first_line
from graphkit.types import Document, DocumentRecords

FORMAT = 1
_FOLDER = f"records-v{FORMAT}"


def default_cache_dir() -> Path:
    """The user's cache directory for graphkit (``~/.cache/graphkit`` on Linux unless ``XDG_CACHE_HOME`` says otherwise)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("graphkit", appauthor=False))


def context_digest(model: str, extractor: str, aliases: object | None = None) -> str:
    """The part of every key that is the same for all documents of a build.

    ``model`` is the model's identity (name and version), ``extractor`` the
    extractor's registered name, ``aliases`` the user's
    :class:`~graphkit.resolve.aliases.UserAliases` (only the declared entities
    matter to the per-document stage).
    """
    declared = repr(getattr(aliases, "entities", ())) if aliases is not None else ""
    parts = ("graphkit", _package_digest(), model, extractor, declared)
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """graphkit's version and a digest of every file of the package (code and data tables)."""
    from graphkit import __version__

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode("utf-8"))
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class RecordCache:
    """The cached records of documents under ``folder``, for one build context.

    ``warnings`` collects one line per entry that was found but could not be
    used; the caller shows them.
    """

    def __init__(self, folder: str | Path, context: str):
        self.folder = Path(folder) / _FOLDER
        self.context = context
        self.warnings: list[str] = []

    def key(self, document: Document) -> str:
        """The key of ``document``'s records in this context."""
        digest = hashlib.sha256(self.context.encode("ascii"))
        digest.update(json.dumps([document.id, document.body_start, document.body_end]).encode("utf-8"))
        digest.update(document.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, doc_id: str) -> DocumentRecords | None:
        """The records cached under ``key`` (:meth:`key`) for document ``doc_id``, or ``None`` when there
        are none that can be trusted."""
        path = self._path(key)
        raw = _read_entry(path, self.warnings)
        if raw is None:
            return None
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict) or entry.get("format") != FORMAT:
                raise ValueError(f"not a graphkit cache entry of format {FORMAT}")
            if entry.get("key") != key:
                raise ValueError("stored under another key")
            records = _decode_records(entry.get("records"))
            if records.doc_id != doc_id:
                raise ValueError(f"records of another document ({records.doc_id!r})")
        except (ValueError, TypeError, UnicodeDecodeError) as error:
            self.warnings.append(f"{path}: cache entry ignored ({first_line(error)})")
            return None
        return records

    def put(self, key: str, records: DocumentRecords) -> None:
        """Store ``records`` under ``key``, atomically (a reader never sees half an entry)."""
        path = self._path(key)
        entry = {"format": FORMAT, "key": key, "records": _encode(records)}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8", "surrogatepass")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            self.warnings.append(f"{path}: cache entry not written ({error.strerror or error})")


def _read_entry(path: Path, warnings: list[str]) -> bytes | None:
    """The bytes of a cache entry's file; ``None`` when there is none, or (with a warning) when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        warnings.append(f"{path}: cache entry ignored (cannot be read: {error.strerror or error})")
        return None


def _encode(value: Any) -> Any:
    """A record as JSON values: a dataclass as the list of its fields in order, a tuple as a list."""
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if dataclasses.is_dataclass(value):
        return [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    return value


# One string object per distinct text of the entry being decoded: a sentence is quoted by each of its triples.
_shared: dict[str, str] = {}


def _decode_records(value: Any) -> DocumentRecords:
    """``value`` read back as :class:`~graphkit.types.DocumentRecords`, checking every field's type.

    Raises ``ValueError`` on anything that is not exactly the shape the records have.
    """
    try:
        return _decoder(DocumentRecords)(value)
    finally:
        _shared.clear()


@lru_cache(maxsize=None)
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function that checks a JSON value against the type ``hint`` and builds it (dataclass, tuple, scalar)."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        parts = tuple(_decoder(hints[f.name]) for f in dataclasses.fields(hint))

        def build(value: Any) -> Any:
            if type(value) is not list or len(value) != len(parts):
                raise ValueError(f"a {hint.__name__} must be a list of {len(parts)} fields")
            return hint(*(part(item) for part, item in zip(parts, value)))

        return build
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda value: tuple(item(x) for x in _list(value))
        items = tuple(_decoder(arg) for arg in args)

        def fixed(value: Any) -> tuple:
            if len(_list(value)) != len(items):
                raise ValueError(f"expected {len(items)} values")
            return tuple(part(x) for part, x in zip(items, value))

        return fixed
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = (_decoder(arg) for arg in args if arg is not type(None))
        return lambda value: None if value is None else inner(value)
    if hint is str:
        return _string
    if hint is float:
        return _number
    if hint in (int, bool):
        def scalar(value: Any) -> Any:
            if type(value) is not hint:
                raise ValueError(f"expected {hint.__name__}, found {type(value).__name__}")
            return value

        return scalar
    raise TypeError(f"no cache decoder for {hint!r}")  # a new field type in graphkit.types: teach the codec


def _list(value: Any) -> list:
    if type(value) is not list:
        raise ValueError(f"expected a list, found {type(value).__name__}")
    return value


def _string(value: Any) -> str:
    if type(value) is not str:
        raise ValueError(f"expected a string, found {type(value).__name__}")
    return _shared.setdefault(value, value)


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise ValueError(f"expected a number, found {type(value).__name__}")
    return float(value)


# --- whole builds: the output files of a corpus whose every input is unchanged ------------------------------------

_BUILDS = f"builds-v{FORMAT}"
KEEP_BUILDS = 8  # output sets kept, the most recently used first: one per corpus a user rebuilds


def build_key(context: str, documents: Iterable[Document], aliases: object | None, outputs: dict[str, str],
              options: dict[str, dict] | None = None) -> str:
    """The key of a whole build: every field of every document, in order, the aliases, the files asked for
    and their options (``--base-iri``).

    ``context`` is :func:`context_digest`'s (graphkit, model, extractor). The
    never-merge pairs of the aliases are keyed too, sorted (they change the
    resolution, not the records).
    """
    digest = hashlib.sha256(context.encode("ascii"))
    never = sorted(sorted(pair) for pair in getattr(aliases, "never_merge", ()))
    digest.update(json.dumps([never, sorted(outputs.items()), sorted((options or {}).items())]).encode("utf-8"))
    for document in documents:
        fields = [getattr(document, f.name) for f in dataclasses.fields(document)]
        digest.update(json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


class OutputCache:
    """The output files of earlier builds under ``folder``, by :func:`build_key`, with their summary counts.

    An entry is a folder holding the files and ``build.json`` (format, key,
    each file's SHA-256 and the counts); a file that does not match its digest
    makes the entry ignored with one warning line, like a damaged records entry.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder) / _BUILDS
        self.warnings: list[str] = []

    def get(self, key: str) -> tuple[dict[str, Path], dict[str, Any]] | None:
        """The files (name -> path in the cache) and counts stored for ``key``, or ``None``."""
        entry = self.folder / key
        raw = _read_entry(entry / "build.json", self.warnings)
        if raw is None:
            return None
        try:
            meta = json.loads(raw)
            if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("key") != key:
                raise ValueError(f"not a graphkit build of format {FORMAT} stored under this key")
            files, counts = meta.get("files"), meta.get("stats")
            if not isinstance(files, dict) or not isinstance(counts, dict):
                raise ValueError("no files or counts")
            for name, expected in files.items():
                if "/" in name or name.startswith(".") or _file_digest(entry / name) != expected:
                    raise ValueError(f"{name} is not the file stored")
        except (ValueError, TypeError, UnicodeDecodeError, OSError) as error:
            self.warnings.append(f"{entry}: cache entry ignored ({first_line(error)})")
            return None
        os.utime(entry)  # most recently used: kept longest
        return {name: entry / name for name in files}, counts

    def put(self, key: str, written: list[Path], counts: dict[str, Any]) -> None:
        """Keep copies of the files ``written`` and the build's ``counts`` under ``key``; drop the oldest entries."""
        entry = self.folder / key
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=self.folder, prefix=".tmp-"))
            try:
                files = {}
                for path in written:
                    shutil.copyfile(path, staging / path.name)
                    files[path.name] = _file_digest(staging / path.name)
                meta = {"format": FORMAT, "key": key, "files": files, "stats": counts}
                (staging / "build.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
                shutil.rmtree(entry, ignore_errors=True)
                os.replace(staging, entry)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            entries = sorted((p for p in self.folder.iterdir() if not p.name.startswith(".")),
                             key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[KEEP_BUILDS:]:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as error:
            self.warnings.append(f"{entry}: cache entry not written ({error.strerror or error})")


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
