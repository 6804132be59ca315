"""Running SPARQL over ``graph.ttl`` or ``graph.trig`` with rdflib.

The graph's prefixes (``gk:``, ``rel:``, ``ent:``, ``rdfs:``, ``skos:`` ...) are
declared for every query, so a query can be as short as
``SELECT ?who WHERE { ?who rel:honor ?whom }``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.sparql import prepareQuery

from graphkit.errors import GraphkitError, InputError
from graphkit.export.rdf import DOCUMENT, ENTITY, GK, REL, STATEMENT

PREFIXES = {
    "gk": str(GK),
    "rel": str(REL),
    "ent": str(ENTITY),
    "st": str(STATEMENT),
    "doc": str(DOCUMENT),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld"}


class QueryError(GraphkitError):
    """A SPARQL query is malformed."""


def load_rdf(path: str | Path) -> Graph:
    """Read an exported RDF file; TriG is read as a dataset whose graphs are all queried."""
    path = Path(path)
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(str(path), f"unsupported RDF file type '{path.suffix}' (expected {', '.join(_FORMATS)})")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    graph = Dataset(default_union=True) if kind == "trig" else Graph()
    try:
        graph.parse(path, format=kind)
    except Exception as error:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"cannot parse {kind} ({str(error).splitlines()[0]})") from None
    return graph


def run_query(path: str | Path, query: str) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT (or ASK) query; return the column names and the rows as strings.

    >>> columns, rows = run_query("output/graph.ttl", "SELECT ?who WHERE { ?who rel:honor ?whom }")  # doctest: +SKIP
    """
    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except Exception as error:  # pyparsing errors carry the position
        raise QueryError(f"invalid SPARQL: {str(error).splitlines()[0]}") from None
    result = load_rdf(path).query(prepared)
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type != "SELECT":
        raise QueryError(f"only SELECT and ASK queries are supported, not {result.type}")
    columns = [str(v) for v in result.vars]
    rows = [["" if value is None else str(value) for value in row] for row in result]
    return columns, sorted(rows) if "order by" not in query.lower() else rows
