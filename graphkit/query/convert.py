"""``graphkit convert``: an exported graph (or a store folder) in another RDF format, by pyoxigraph.

Formats go by file suffix (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``, ``.rdf``/``.xml``).
A dataset written to a format without named graphs (Turtle, N-Triples, JSON-LD, RDF/XML)
keeps every triple and loses only the graph names, which is the Turtle export's shape. The
output file is written beside its target and renamed into place.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from graphkit.errors import ExportError
from graphkit.query.sparql import FILE_FORMATS, GraphSource, prefixes_of

_DATASET_FORMATS = frozenset({"TRIG", "N_QUADS"})


def convert(source: str | Path, target: str | Path) -> Path:
    """Write the graph at ``source`` to ``target`` in the format its suffix names; return ``target``."""
    import pyoxigraph

    target = Path(target)
    kind = FILE_FORMATS.get(target.suffix.lower())
    if kind is None:
        raise ExportError(f"{target}: unsupported RDF file type '{target.suffix}' (expected {', '.join(FILE_FORMATS)})")
    store = GraphSource.at(source).open()
    quads = store.quads_for_pattern(None, None, None, None)
    # a triple that several graphs hold is written once
    items = quads if kind[0] in _DATASET_FORMATS else dict.fromkeys(quad.triple for quad in quads)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temp, "wb") as out:
            pyoxigraph.serialize(items, out, getattr(pyoxigraph.RdfFormat, kind[0]), prefixes=prefixes_of(store))
        os.replace(temp, target)
    except OSError as error:
        raise ExportError(f"{target}: cannot write ({error.strerror or error})") from None
    finally:
        temp.unlink(missing_ok=True)
    return target
