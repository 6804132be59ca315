"""``graphkit convert``: an exported graph (or a store folder) in another RDF format, by pyoxigraph.

Formats go by file suffix (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``, ``.rdf``/``.xml``).
A file is parsed as a stream, so its literals keep their exact form (a store folder holds
numbers in canonical form). A dataset written to a format without named graphs (Turtle,
N-Triples, JSON-LD, RDF/XML) keeps every triple once and loses only the graph names, which is
the Turtle export's shape. The output is written beside its target and renamed into place.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from graphkit.errors import ExportError
from graphkit.export.rdf import VOID
from graphkit.query.sparql import FILE_FORMATS, GraphSource, prefixes_for

_DATASET_FORMATS = frozenset({"TRIG", "N_QUADS"})


def convert(source: str | Path, target: str | Path) -> Path:
    """Write the graph at ``source`` to ``target`` in the format its suffix names; return ``target``."""
    import pyoxigraph

    target = Path(target)
    kind = FILE_FORMATS.get(target.suffix.lower())
    if kind is None:
        raise ExportError(f"{target}: unsupported RDF file type '{target.suffix}' (expected {', '.join(FILE_FORMATS)})")
    graph = GraphSource.at(source)
    quads = list(graph.open().quads_for_pattern(None, None, None, None) if graph.folder else graph.parse())
    base = next((quad.object.value for quad in quads if quad.predicate.value == VOID + "uriSpace"), None)
    items = quads if kind[0] in _DATASET_FORMATS else list(dict.fromkeys(quad.triple for quad in quads))
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temp, "wb") as out:
            pyoxigraph.serialize(items, out, getattr(pyoxigraph.RdfFormat, kind[0]), prefixes=prefixes_for(base))
        os.replace(temp, target)
    except OSError as error:
        raise ExportError(f"{target}: cannot write ({error.strerror or error})") from None
    finally:
        temp.unlink(missing_ok=True)
    return target
