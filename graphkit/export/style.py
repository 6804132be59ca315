"""How an export draws the graph: colour by entity type, size from mentions, edge colour from intensity.

Shared by every export that carries a drawing, so that the HTML page, the GEXF
and the GraphML show the same graph the same way. Positions come from
:meth:`KnowledgeGraph.positions` (seeded, deterministic, computed once per graph); everything here
is a plain function of a node's or an edge's flat attributes, rounded so that it
prints the same on every run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from graphkit.graph import KnowledgeGraph

TYPE_COLOURS = {
    "PERSON": "#e15759",
    "ORG": "#4e79a7",
    "GPE": "#59a14f",
    "NORP": "#b07aa1",
    "LOC": "#76b7b2",
    "FAC": "#edc948",
    "CONCEPT": "#bab0ac",
}
OTHER_COLOUR = "#999999"
# Goldstein intensity runs from -10 (conflict) through 0 to +10 (cooperation).
CONFLICT_COLOUR = "#d62728"
NEUTRAL_COLOUR = "#a0a0a0"
COOPERATION_COLOUR = "#2ca02c"
MAX_INTENSITY = 10.0


@dataclass(frozen=True, slots=True)
class NodeDrawing:
    """Where and how one node is drawn: layout position, size and ``#rrggbb`` colour."""

    x: float
    y: float
    size: float
    colour: str


def node_colour(entity_type: str) -> str:
    """The colour of an entity type (``PERSON`` red, ``ORG`` blue, ...; grey for a type without one)."""
    return TYPE_COLOURS.get(entity_type, OTHER_COLOUR)


def node_size(entity_type: str, mentions: int) -> float:
    """A node's size: grows with the log of its mentions; concepts start smaller than actors."""
    return round((8 if entity_type == "CONCEPT" else 14) + 6 * math.log1p(mentions), 2)


def edge_colour(intensity: float | None) -> str:
    """Grey for a neutral or untyped edge; red for conflict and green for cooperation, stronger as the
    intensity grows (already clearly tinted at the mildest values, so that a sign shows at a glance).

    >>> edge_colour(None), edge_colour(-10), edge_colour(10)
    ('#a0a0a0', '#d62728', '#2ca02c')
    """
    if intensity is None or intensity == 0:
        return NEUTRAL_COLOUR
    target = CONFLICT_COLOUR if intensity < 0 else COOPERATION_COLOUR
    share = 0.4 + 0.6 * min(abs(intensity), MAX_INTENSITY) / MAX_INTENSITY
    mixed = (round(n + (t - n) * share) for n, t in zip(rgb(NEUTRAL_COLOUR), rgb(target)))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#e15759"`` -> ``(225, 87, 89)``."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def node_drawings(graph: KnowledgeGraph) -> dict[str, NodeDrawing]:
    """Every node of the graph with its position (:meth:`KnowledgeGraph.positions`), size and colour."""
    placed = graph.positions()
    return {entity.id: _drawing(placed[entity.id], entity.type, len(entity.mentions)) for entity in graph.nodes()}


def _drawing(position: tuple[float, float], entity_type: str, mentions: int) -> NodeDrawing:
    return NodeDrawing(position[0], position[1], node_size(entity_type, mentions), node_colour(entity_type))
