"""``nodes.csv`` and ``edges.csv``: the node and edge tables in Gephi's spreadsheet import format.

Gephi's "Import spreadsheet" reads a nodes table whose ``Id`` and ``Label``
columns are the node's id and label, and an edges table whose ``Source``,
``Target``, ``Type`` (``Directed``), ``Weight`` and ``Label`` columns make the
edge; every other column becomes an attribute. The other columns here are the
GEXF's attributes under the same names, so either import gives the same Data
Laboratory. A value an edge does not have (``intensity`` of an untyped
relation) is an empty cell; booleans are ``true``/``false``; cells a
spreadsheet would run as a formula are neutralised as in the other tables
(:func:`graphkit.export.csv.safe_cell`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from graphkit.export.csv import write_rows
from graphkit.graph import KnowledgeGraph
from graphkit.text import flat_value

NODE_COLUMNS = ("Id", "Label", "type", "mentions", "aliases", "alias_counts", "merges")
EDGE_COLUMNS = (
    "Source", "Target", "Type", "Weight", "Label", "event", "intensity", "confidence", "negated", "attributed_to",
    "date", "event_date", "doc", "evidence", "pair_count", "pair_mean_intensity", "pair_events",
)


def write_nodes(graph: KnowledgeGraph, path: str | Path) -> None:
    """One row per node: ``Id,Label,type,mentions,aliases,alias_counts,merges``."""
    rows = ((flat_value("Id", node), *_cells(data, NODE_COLUMNS[1:])) for node, data in graph.node_attributes())
    write_rows(path, NODE_COLUMNS, rows)


def write_edges(graph: KnowledgeGraph, path: str | Path) -> None:
    """One row per edge (a subject, relation and object with all its statements), ``Source,Target,Type,Weight,Label,...``.

    In the order of the GEXF's and GraphML's edges (``KnowledgeGraph.networkx_edges``).
    """
    rows = (
        (flat_value("Source", edge["source"]), flat_value("Target", edge["target"]), "Directed", edge["weight"],
         flat_value("Label", edge["relation"]), *_cells(edge, EDGE_COLUMNS[5:]))
        for edge in graph.networkx_edges()
    )
    write_rows(path, EDGE_COLUMNS, rows)


def _cells(data: Mapping[str, object], columns: tuple[str, ...]) -> list[object]:
    """The columns' cells (:func:`~graphkit.text.flat_value`); an attribute the item lacks is an empty cell."""
    return [flat_value(column, data.get(column.lower(), "")) for column in columns]
