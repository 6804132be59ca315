"""A store folder: the graph in pyoxigraph's on-disk database, so a large graph is loaded once.

``graphkit build --store DIR`` writes it; ``graphkit query DIR ...`` and ``graphkit serve DIR``
open it read-only in milliseconds instead of parsing a file. The layout::

    DIR/
      graphkit-store.json   {"graphkit_store": 1, "base": "https://graphkit.example/"}
      db/                   the RocksDB database (pyoxigraph.Store)

A new store is written beside the old one and renamed into place, so a failed build keeps
the old store; a folder that is not a graphkit store is never overwritten.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import ExportError

if TYPE_CHECKING:
    from graphkit.graph import KnowledgeGraph

MARKER = "graphkit-store.json"
DATABASE = "db"
VERSION = 1


def is_store(folder: Path) -> bool:
    """Whether ``folder`` holds a store written by graphkit."""
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8")).get("graphkit_store") == VERSION
    except (OSError, ValueError, AttributeError):
        return False


def store_base(folder: Path) -> str | None:
    """The base IRI the store at ``folder`` was written with (its entities' namespace), if its marker says."""
    try:
        base = json.loads((folder / MARKER).read_text(encoding="utf-8")).get("base")
    except (OSError, ValueError, AttributeError):
        return None
    return base if isinstance(base, str) else None


def store_database(folder: Path) -> Path:
    """The database folder inside a store folder."""
    return folder / DATABASE


def write_store(graph: KnowledgeGraph, folder: str | Path, base: str | None = None) -> Path:
    """Write ``graph`` (the TriG export's quads) as a store folder at ``folder``, replacing an older store.

    Raises :class:`~graphkit.errors.ExportError` when ``folder`` exists and is not an empty
    folder or a graphkit store.
    """
    import pyoxigraph

    from graphkit.export.rdf import DEFAULT_BASE, nquads_stream

    folder = Path(folder)
    base = base or DEFAULT_BASE
    if folder.exists() and not is_store(folder) and not (folder.is_dir() and not any(folder.iterdir())):
        raise ExportError(f"{folder}: not a graphkit store; refusing to replace it (choose another --store folder)")
    temp = folder.parent / f".{folder.name}.new-{secrets.token_hex(6)}"
    try:
        temp.mkdir(parents=True)
        store = pyoxigraph.Store(str(temp / DATABASE))
        store.bulk_load(nquads_stream(graph, base), format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        del store  # closes the database
        (temp / MARKER).write_text(json.dumps({"graphkit_store": VERSION, "base": base}) + "\n", encoding="utf-8")
        old = folder.parent / f".{folder.name}.old-{secrets.token_hex(6)}"
        if folder.exists():
            os.replace(folder, old)
        os.replace(temp, folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot write the store ({error.strerror or error})") from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return folder
