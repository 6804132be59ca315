"""Running SPARQL over ``graph.ttl`` or ``graph.trig`` with rdflib, sandboxed.

The graph's prefixes (``gk:``, ``rel:``, ``ent:``, ``rdfs:``, ``skos:`` ...) are
declared for every query, so a query can be as short as
``SELECT ?who WHERE { ?who rel:honor ?whom }``.

A query sees only the graph file it is given: ``FROM``, ``FROM NAMED``, ``SERVICE``, ``LOAD``
and updates are refused after parsing (so the words in a comment or a string are harmless),
a JSON-LD file whose ``@context`` would be fetched is refused, and the query runs in the
child process of :mod:`graphkit.query.sandbox`, with a deadline, a memory cap, no network
and no other files.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.sparql import Query

from graphkit.errors import InputError
from graphkit.export.rdf import DOCUMENT, ENTITY, GK, REL, STATEMENT
from graphkit.query.errors import QueryError, first_line
from graphkit.query.sandbox import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, run_sandboxed

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
_ELSEWHERE = "a query runs over the graph file given"
_UPDATES = {
    "Load": "LOAD", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
    "Move": "MOVE", "Copy": "COPY",
}
_KINDS = {"ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}

__all__ = ["PREFIXES", "QueryError", "load_rdf", "parse_query", "run_query"]


def run_query(
    path: str | Path,
    query: str,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT (or ASK) query; return the column names and the rows as strings.

    The query runs in a child process that is killed after ``timeout`` seconds and may grow
    by ``max_memory`` bytes (``None``: no limit); either limit ends in a one-line
    :class:`QueryError`, as does a malformed or refused query.

    >>> columns, rows = run_query("output/graph.ttl", "SELECT ?who WHERE { ?who rel:honor ?whom }")  # doctest: +SKIP
    """
    path = Path(path)
    _format_of(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    return run_sandboxed(_answer, path, query, timeout=timeout, max_memory=max_memory, readable=[path])


def parse_query(query: str) -> Query:
    """Parse a query and refuse what would read beyond the graph or change it.

    ``FROM``, ``FROM NAMED``, ``SERVICE`` (anywhere, nested too), ``LOAD`` and the other
    updates, ``CONSTRUCT`` and ``DESCRIBE`` each raise a one-line :class:`QueryError`.
    """
    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except Exception as error:  # pyparsing errors carry the position
        _refuse_update(query)
        raise QueryError(f"invalid SPARQL: {first_line(error)}") from None
    algebra = prepared.algebra
    if algebra.name in _KINDS:
        raise QueryError(f"{_KINDS[algebra.name]} queries are not supported: use SELECT or ASK")
    clauses = algebra.get("datasetClause") or []
    if clauses:
        keyword = "FROM" if any("default" in clause for clause in clauses) else "FROM NAMED"
        raise QueryError(f"{keyword} is not supported: {_ELSEWHERE}")
    if "ServiceGraphPattern" in _names(algebra):
        raise QueryError(f"SERVICE is not supported: {_ELSEWHERE}")
    return prepared


def load_rdf(path: str | Path) -> Graph:
    """Read an exported RDF file; TriG is read as a dataset whose graphs are all queried.

    A JSON-LD file is read as JSON first: an ``@context`` that names a document (an IRI or a
    relative path, alone or in a list, at any depth) or an ``@import`` is refused, because
    reading it would mean fetching another file or going online.
    """
    path = Path(path)
    kind = _format_of(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    graph = Dataset(default_union=True) if kind == "trig" else Graph()
    try:
        if kind == "json-ld":
            text = _read_jsonld(path)
            graph.parse(data=text, format=kind, publicID=path.resolve().as_uri())
        else:
            graph.parse(path, format=kind)
    except InputError:
        raise
    except Exception as error:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"cannot parse {kind} ({first_line(error)})") from None
    return graph


def _answer(path: Path, query: str) -> tuple[list[str], list[list[str]]]:
    """Parse, load and evaluate; runs inside the sandbox's child process."""
    _disarm_rdflib()
    prepared = parse_query(query)
    result = load_rdf(path).query(prepared)
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    columns = [str(v) for v in result.vars]
    rows = [["" if value is None else str(value) for value in row] for row in result]
    return columns, rows if "OrderBy" in _names(prepared.algebra) else sorted(rows)


def _disarm_rdflib() -> None:
    """Stop rdflib loading FROM graphs and calling SERVICE endpoints, whatever the query says.

    Changes rdflib's module state, so only ever called in the sandbox's child process.
    """
    import rdflib.plugins.sparql as sparql

    sparql.SPARQL_LOAD_GRAPHS = False
    others = dict(sparql.CUSTOM_EVALS)
    sparql.CUSTOM_EVALS.clear()
    sparql.CUSTOM_EVALS["graphkit-no-service"] = _refuse_service  # first, before any plugin
    sparql.CUSTOM_EVALS.update(others)


def _refuse_service(ctx, part):
    if part.name == "ServiceGraphPattern":
        raise QueryError(f"SERVICE is not supported: {_ELSEWHERE}")
    raise NotImplementedError  # rdflib's way of saying "evaluate it as usual"


def _refuse_update(query: str) -> None:
    try:
        operations = [_UPDATES.get(op.name, op.name) for op in parseUpdate(query).request]
    except Exception:  # not an update either: the query's own parse error is the one to show
        return
    if "LOAD" in operations:
        raise QueryError(f"LOAD is not supported: {_ELSEWHERE}")
    if operations:
        raise QueryError(f"{operations[0]} is not supported: graphkit query only reads (SELECT or ASK)")


def _names(node) -> set[str]:
    """The names of every algebra node under ``node`` (rdflib's CompValues are dicts)."""
    names, stack = set(), [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if getattr(item, "name", None):
                names.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return names


def _format_of(path: Path) -> str:
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(str(path), f"unsupported RDF file type '{path.suffix}' (expected {', '.join(_FORMATS)})")
    return kind


def _read_jsonld(path: Path) -> str:
    """The file's text, after checking that no context would be fetched from elsewhere."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"not UTF-8 (byte 0x{error.object[error.start]:02x} at offset {error.start})") from None
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"invalid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                reference = _context_reference(value) if key == "@context" else value if key == "@import" else None
                if reference is not None:
                    raise InputError(str(path), f"JSON-LD {key} '{reference}' refused: graphkit never fetches a "
                                                "context; put the context itself in the file")
                stack.append(value)
    return text


def _context_reference(context) -> object | None:
    """The first document a JSON-LD ``@context`` value refers to, or ``None`` if it is inline."""
    for entry in context if isinstance(context, list) else [context]:
        if entry is not None and not isinstance(entry, dict):
            return entry
    return None
