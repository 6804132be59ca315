"""SPARQL over the exported RDF."""

from graphkit.query.sparql import PREFIXES, run_query

__all__ = ["PREFIXES", "run_query"]
