"""SPARQL over the exported RDF, run in a sandboxed child process."""

from graphkit.query.errors import QueryError
from graphkit.query.sparql import PREFIXES, run_query

__all__ = ["PREFIXES", "QueryError", "run_query"]
