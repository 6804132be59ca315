"""Registries of extractors and exporters, by name, imported only when asked.

All built-in registrations live here, in one place, as ``"module:attribute"``
strings; nothing registers itself as an import side effect, so the CLI starts
fast. Third-party packages add their own through the entry-point groups
``graphkit.extractors`` and ``graphkit.exporters``. Extractor names carry a
version so that provenance says which rules made an edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from graphkit.errors import UnknownNameError

EXTRACTORS: dict[str, str] = {
    "clauses.v1": "graphkit.extract.clauses:ClauseExtractor",
}
DEFAULT_EXTRACTOR = "clauses.v1"

EXPORTERS: dict[str, str] = {
    "turtle": "graphkit.export.rdf:write_turtle",
    "trig": "graphkit.export.rdf:write_trig",
    "ntriples": "graphkit.export.rdf:write_ntriples",
    "nquads": "graphkit.export.rdf:write_nquads",
    "jsonld": "graphkit.export.rdf:write_jsonld",
    "rdfxml": "graphkit.export.rdf:write_rdfxml",
    "html": "graphkit.export.html:write_html",
    "gexf": "graphkit.export.gexf:write_gexf",
    "graphml": "graphkit.export.graphml:write_graphml",
    "json": "graphkit.export.json:write_json",
    "entities-csv": "graphkit.export.csv:write_entities",
    "relations-csv": "graphkit.export.csv:write_relations",
    "mentions-csv": "graphkit.export.csv:write_mentions",
    "nodes-csv": "graphkit.export.gephi_csv:write_nodes",
    "edges-csv": "graphkit.export.gephi_csv:write_edges",
}


@dataclass(frozen=True)
class RdfFileFormat:
    """One RDF format graphkit writes and reads, with every name it goes by: the one table of them."""

    option: str  # its name for ``graphkit build --rdf``
    exporter: str  # the registered exporter that writes it
    file: str  # the file ``graphkit build`` writes it as
    suffixes: tuple[str, ...]  # the file suffixes ``graphkit query`` and ``convert`` read it from
    engine: str  # pyoxigraph's ``RdfFormat`` name for it
    kind: str  # rdflib's name for it (``load_rdf``), also said in errors ("cannot parse turtle")


RDF_FILE_FORMATS = (
    RdfFileFormat("ttl", "turtle", "graph.ttl", (".ttl",), "TURTLE", "turtle"),
    RdfFileFormat("trig", "trig", "graph.trig", (".trig",), "TRIG", "trig"),
    RdfFileFormat("nt", "ntriples", "graph.nt", (".nt",), "N_TRIPLES", "nt"),
    RdfFileFormat("nq", "nquads", "graph.nq", (".nq",), "N_QUADS", "nquads"),
    RdfFileFormat("jsonld", "jsonld", "graph.jsonld", (".jsonld",), "JSON_LD", "json-ld"),
    RdfFileFormat("xml", "rdfxml", "graph.rdf", (".rdf", ".xml"), "RDF_XML", "xml"),
)
# Views of the table: ``--rdf`` name -> exporter name, and -> the file a build writes.
RDF_FORMATS = {f.option: f.exporter for f in RDF_FILE_FORMATS}
RDF_FILES = {f.option: f.file for f in RDF_FILE_FORMATS}
DEFAULT_RDF = ("ttl", "trig")  # what ``graphkit build`` writes unless ``--rdf`` says otherwise

EXPORTER_ALIASES: dict[str, str] = {
    **{option: exporter for option, exporter in RDF_FORMATS.items() if option != exporter},  # --rdf's names
    "text/turtle": "turtle", "nodelink": "json", "json-ld": "jsonld", "rdf/xml": "rdfxml",
}

# The files `graphkit build` writes, in this order: file name -> exporter name.
BUILD_OUTPUTS: dict[str, str] = {
    **{RDF_FILES[option]: RDF_FORMATS[option] for option in DEFAULT_RDF},
    "graph.html": "html",
    "graph.gexf": "gexf",
    "graph.graphml": "graphml",
    "graph.json": "json",
    "entities.csv": "entities-csv",
    "relations.csv": "relations-csv",
    "mentions.csv": "mentions-csv",
    "nodes.csv": "nodes-csv",
    "edges.csv": "edges-csv",
}


@lru_cache(maxsize=None)
def _plugins(group: str) -> dict[str, str]:
    """The entry points of ``group``, read once per process (each reading scans every installed package)."""
    return {ep.name: ep.value for ep in entry_points(group=group)}


def _load(kind: str, table: dict[str, str], group: str, name: str) -> Any:
    """The object registered as ``name``: a built-in one, else a plugin's.

    Built-in names are looked up first: they win anyway, and a build that uses
    only built-in ones never reads the installed packages' entry points (about
    10 ms a group).
    """
    target = table.get(name)
    if target is None:
        known = {**_plugins(group), **table}
        if name not in known:
            choices = ", ".join(sorted(known))
            raise UnknownNameError(f"unknown {kind} '{name}' (choose from: {choices})")
        target = known[name]
    module, _, attr = target.partition(":")
    return getattr(import_module(module), attr)


def get_extractor(name: str = DEFAULT_EXTRACTOR) -> Any:
    """Return a new instance of the extractor registered as ``name``.

    >>> get_extractor("clauses.v1").name
    'clauses.v1'
    """
    cls = _load("extractor", EXTRACTORS, "graphkit.extractors", name)
    return cls()


def get_exporter(name: str) -> Any:
    """Return the ``write(graph, path)`` function registered as ``name`` (or an alias)."""
    name = EXPORTER_ALIASES.get(name, name)
    return _load("exporter", EXPORTERS, "graphkit.exporters", name)
