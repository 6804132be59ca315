"""SPARQL over the exported RDF with pyoxigraph, run in a sandboxed child process; the endpoint; the push.

rdflib stays the Python API for the graph itself (:func:`load_rdf`).
"""

from graphkit.query.errors import QueryError
from graphkit.query.sparql import PREFIXES, load_rdf, query_results, run_query
from graphkit.query.store import write_store

__all__ = ["PREFIXES", "QueryError", "load_rdf", "query_results", "run_query", "write_store"]
