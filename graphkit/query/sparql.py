"""SPARQL over an exported graph with pyoxigraph, sandboxed.

A graph is an exported file (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``, ``.rdf``/``.xml``)
loaded into an in-memory store, or a store folder written by ``graphkit build --store`` (see
:mod:`graphkit.query.store`), opened read-only without loading anything. The graph's own
prefixes (``gk:``, ``rel:``, ``ent:``, ``schema:``, ``skos:`` ...) are declared for every
query, so a query can be as short as ``SELECT ?who WHERE { ?who rel:honor ?whom }``; in a
dataset (TriG, N-Quads, a store) the default graph is the union of all graphs.

A query sees only the graph it is given. pyoxigraph cannot read files from a query (``FROM``
names a graph of the dataset, it never loads one) and never fetches a JSON-LD context, but it
does call ``SERVICE`` endpoints over HTTP. So a query whose words include ``SERVICE`` outside
strings, IRIs and comments is refused with a clear line before it runs, and, since a word
check can be fooled where ``<`` may start an IRI or compare two values, the query runs in the
child process of :mod:`graphkit.query.sandbox`, where the kernel refuses every socket (and a
deadline and a memory cap stop it). Updates (``LOAD``, ``INSERT`` ...) are not queries and are
refused too.

rdflib stays the Python API for the graph itself: :func:`load_rdf` returns an rdflib graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import GraphkitError, InputError, first_line
from graphkit.export.rdf import DEFAULT_BASE, VOID, Namespaces
from graphkit.query.errors import QueryError, UpdateRefusedError
from graphkit.query.sandbox import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, run_sandboxed
from graphkit.query.store import is_store, store_base, store_database
from graphkit.registry import RDF_FILE_FORMATS

PREFIXES = Namespaces(DEFAULT_BASE).prefixes
# File suffix -> (pyoxigraph RdfFormat name, rdflib format name)
FILE_FORMATS = {suffix: (f.engine, f.kind) for f in RDF_FILE_FORMATS for suffix in f.suffixes}
# --format / Accept name -> (pyoxigraph QueryResultsFormat name, media type)
RESULT_FORMATS = {
    "json": ("JSON", "application/sparql-results+json"),
    "xml": ("XML", "application/sparql-results+xml"),
    "csv": ("CSV", "text/csv"),
    "tsv": ("TSV", "text/tab-separated-values"),
}
# Graph results of CONSTRUCT and DESCRIBE: name -> (pyoxigraph RdfFormat name, media type)
GRAPH_FORMATS = {
    "turtle": ("TURTLE", "text/turtle"),
    "ntriples": ("N_TRIPLES", "application/n-triples"),
    "jsonld": ("JSON_LD", "application/ld+json"),
    "rdfxml": ("RDF_XML", "application/rdf+xml"),
}
_UPDATES = ("LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# The tokens of SPARQL that can hide a keyword: comments, IRIs, strings, variables and prefixed names.
# Whatever else is a word is a keyword (or a function name), wherever it stands.
_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n\r]*
       |<[^<>"{}|^`\\\x00-\x20]*>
       |'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\"
       |'(?:\\.|[^'\\\n\r])*'|"(?:\\.|[^"\\\n\r])*"
       |[?$]\w+
       |[\w.\-]*:[\w.:%\\\-]*)
      |(?P<word>[A-Za-z_]\w*)""",
    re.VERBOSE,
)

__all__ = ["PREFIXES", "QueryError", "GraphSource", "check_query", "load_rdf", "query_results", "run_query"]


def keywords(query: str) -> list[str]:
    """The words of ``query`` outside comments, IRIs, strings, variables and prefixed names, upper-cased.

    >>> keywords('SELECT ?service WHERE { ?s ex:SERVICE "SERVICE" } # SERVICE')
    ['SELECT', 'WHERE']
    """
    return [match["word"].upper() for match in _TOKENS.finditer(query) if match["word"]]


def check_query(query: str) -> str:
    """The query's form (``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``), after refusing what must not run.

    ``SERVICE`` anywhere and every update raise a one-line :class:`QueryError`.
    """
    return _checked(query)[0]


def _checked(query: str) -> tuple[str, bool]:
    """:func:`check_query`'s form, and whether the query names its own dataset (``FROM``), in one reading."""
    words = keywords(query)
    if "SERVICE" in words:
        raise QueryError("SERVICE is not supported: a query runs over the graph given and never goes online")
    for word in words:
        if word in _UPDATES:
            raise UpdateRefusedError(f"{word} is not supported: graphkit only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)")
        if word in _FORMS:
            return word, "FROM" in words
    return "SELECT", "FROM" in words  # not a query at all: pyoxigraph's parser says where


@dataclass(frozen=True)
class GraphSource:
    """A graph to query: an exported file, or a store folder.

    >>> GraphSource.at("output/graph.trig")  # doctest: +SKIP
    """

    path: Path
    folder: bool

    @classmethod
    def at(cls, path: str | Path) -> GraphSource:
        """The graph at ``path``, checked to exist and to be a format graphkit reads."""
        path = Path(path)
        if path.is_dir():
            if not is_store(path):
                raise InputError(str(path), "not a graphkit store (a folder written by graphkit build --store)")
            return cls(path, True)
        _file_format(path)
        if not path.is_file():
            raise InputError(str(path), "no such file")
        return cls(path, False)

    def parse(self) -> Iterator:
        """The file's quads as pyoxigraph parses them, streamed, literals exactly as written."""
        import pyoxigraph

        name, kind = _file_format(self.path)
        try:
            yield from pyoxigraph.parse(path=str(self.path), format=getattr(pyoxigraph.RdfFormat, name))
        except (SyntaxError, ValueError, OSError) as error:
            raise InputError(str(self.path), f"cannot parse {kind} ({first_line(error)})") from None

    def prefixes(self, store=None) -> dict[str, str]:
        """graphkit's prefixes for this graph: a store folder's from the base its marker records (no
        ``store`` needed), a file's from its VoID description in ``store``, the file loaded by :meth:`open`."""
        return prefixes_for(store_base(self.path)) if self.folder else prefixes_of(store)

    def open(self):
        """A pyoxigraph store over the graph: the file loaded into memory, or the folder opened read-only."""
        import pyoxigraph

        if self.folder:
            try:
                return pyoxigraph.Store.read_only(str(store_database(self.path)))
            except OSError as error:
                raise InputError(str(self.path), f"cannot open the store ({first_line(error)})") from None
        name, kind = _file_format(self.path)
        store = pyoxigraph.Store()
        try:
            store.load(path=str(self.path), format=getattr(pyoxigraph.RdfFormat, name))
        except (SyntaxError, ValueError, OSError) as error:
            raise InputError(str(self.path), f"cannot parse {kind} ({first_line(error)})") from None
        return store


def prefixes_of(store) -> dict[str, str]:
    """graphkit's prefixes for the graph in ``store``: its instance namespaces come from its base IRI."""
    found = list(store.query(f"SELECT ?base WHERE {{ ?d a <{VOID}Dataset> ; <{VOID}uriSpace> ?base }} LIMIT 1",
                             use_default_graph_as_union=True))
    return prefixes_for(found[0]["base"].value if found else None)


def prefixes_for(base: str | None) -> dict[str, str]:
    """graphkit's prefixes under ``base`` (a graph's ``void:uriSpace``), the default ones for a foreign graph."""
    try:
        return Namespaces(base).prefixes if base else dict(PREFIXES)
    except GraphkitError:  # a foreign file's odd uriSpace
        return dict(PREFIXES)


def evaluate(store, query: str, result_format: str | None, prefixes: dict[str, str] | None = None):
    """Run ``query`` over ``store``, with ``prefixes`` declared (default: :func:`prefixes_of` the store).

    With ``result_format`` None: ``(columns, rows)`` of plain strings (SELECT or ASK only); else the
    answer serialised in that W3C result format (graph results of CONSTRUCT and DESCRIBE in
    the :data:`GRAPH_FORMATS` one that ``result_format`` names, N-Triples when it names a result format).
    """
    import pyoxigraph

    form, own_dataset = _checked(query)
    if result_format is None and form in ("CONSTRUCT", "DESCRIBE"):
        raise QueryError(f"{form} queries are not supported here: use SELECT or ASK")
    try:
        # the default graph is the union of the dataset's graphs, unless the query names its own with FROM
        answer = store.query(query, prefixes=prefixes if prefixes is not None else prefixes_of(store),
                             use_default_graph_as_union=not own_dataset)
        if isinstance(answer, pyoxigraph.QueryTriples):
            name = GRAPH_FORMATS.get(result_format, GRAPH_FORMATS["ntriples"])[0]
            return pyoxigraph.serialize(answer, format=getattr(pyoxigraph.RdfFormat, name))
        if result_format is not None:
            return answer.serialize(format=getattr(pyoxigraph.QueryResultsFormat, RESULT_FORMATS[result_format][0]))
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return ["ask"], [["true" if bool(answer) else "false"]]
        columns = [variable.value for variable in answer.variables]
        return columns, [[_plain(term) for term in solution] for solution in answer]
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {_syntax_message(error)}") from None
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryError(f"query failed: {first_line(error)}") from None


def run_query(
    path: str | Path,
    query: str,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT (or ASK) query over a graph file or store folder; return the column names and rows.

    Values are plain strings (an IRI, a literal's text, ``""`` for unbound), rows in the
    engine's order (add ``ORDER BY`` for another). The query runs in a child process that is
    killed after ``timeout`` seconds and may grow by ``max_memory`` bytes (``None``: no
    limit); either limit ends in a one-line :class:`QueryError`, as does a malformed or
    refused query.

    >>> columns, rows = run_query("output/graph.ttl", "SELECT ?who WHERE { ?who rel:honor ?whom }")  # doctest: +SKIP
    """
    return _sandboxed(GraphSource.at(path), query, None, timeout, max_memory)


def query_results(
    path: str | Path,
    query: str,
    result_format: str = "json",
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> bytes:
    """The answer to ``query`` as bytes in a W3C format: ``json``, ``xml``, ``csv`` or ``tsv``
    (graph results in N-Triples, or in a :data:`GRAPH_FORMATS` name). Limits as :func:`run_query`."""
    if result_format not in RESULT_FORMATS and result_format not in GRAPH_FORMATS:
        raise QueryError(f"unknown result format '{result_format}' (choose from: "
                         f"{', '.join([*RESULT_FORMATS, *GRAPH_FORMATS])})")
    return _sandboxed(GraphSource.at(path), query, result_format, timeout, max_memory)


def _sandboxed(graph: GraphSource, query: str, result_format, timeout, max_memory):
    check_query(query)  # refused at once, without starting a process
    prefixes = graph.prefixes() if graph.folder else None  # a file's are in it, loaded by the child
    return run_sandboxed(answer, graph, None, query, result_format, prefixes, timeout=timeout,
                         max_memory=max_memory, readable=[graph.path])


def answer(graph: GraphSource, store, query: str, result_format, prefixes: dict[str, str] | None = None):
    """Open ``graph`` (unless ``store`` holds it, already loaded) and :func:`evaluate`; runs in the sandbox's child.

    ``prefixes`` are the graph's (:meth:`GraphSource.prefixes`), when the caller knows them already.
    """
    store = store if store is not None else graph.open()
    return evaluate(store, query, result_format, prefixes if prefixes is not None else graph.prefixes(store))


def _syntax_message(error: SyntaxError) -> str:
    """pyoxigraph's message, which starts with the line and column: an undeclared prefix named so,
    a long list of what was expected cut short."""
    message = first_line(error)
    where, _, what = message.partition(": ")
    if "Prefix not found" in what:
        return f"{where}: undeclared prefix"
    return message if len(message) <= 160 else message[:157].rstrip(" ,|[") + " ..."


def _plain(term) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def _file_format(path: Path) -> tuple[str, str]:
    kind = FILE_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(str(path), f"unsupported RDF file type '{path.suffix}' (expected a store folder or "
                                    f"{', '.join(FILE_FORMATS)})")
    return kind


def load_rdf(path: str | Path):
    """Read a graph file or store folder into rdflib: a ``Graph``, or for datasets a ``Dataset``
    whose default graph is the union of its graphs. The Python API for working with the export.

    >>> g = load_rdf("output/graph.ttl")  # doctest: +SKIP
    >>> len(g)  # doctest: +SKIP
    """
    import io

    import pyoxigraph
    from rdflib import Dataset
    from rdflib import Graph as RdflibGraph

    graph = GraphSource.at(path)
    if graph.folder or graph.path.suffix.lower() in (".trig", ".nq", ".jsonld"):
        # through pyoxigraph: fast, and it never fetches a JSON-LD context (a file's literals stay exactly
        # as written; a store holds numbers in canonical form, 0.82 for 0.820)
        quads = graph.open() if graph.folder else graph.parse()
        nquads = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
        dataset = Dataset(default_union=True)
        dataset.parse(io.BytesIO(nquads), format="nquads")
        return dataset
    name, kind = _file_format(graph.path)
    try:
        return RdflibGraph().parse(graph.path, format=kind)
    except Exception as error:  # rdflib raises many parser-specific types
        raise InputError(str(graph.path), f"cannot parse {kind} ({first_line(error)})") from None
