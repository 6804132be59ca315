"""The knowledge graph: entities, the relations between them and their evidence.

:class:`KnowledgeGraph` keeps the typed records; :meth:`KnowledgeGraph.to_networkx`
gives a ``networkx.MultiDiGraph`` with one edge per (subject, relation, object),
aggregating every statement that supports it, and attributes already flattened
to strings and numbers so any exporter can hand it to a library as is. An edge
between two actors carries its event type and mean intensity (``event``,
``intensity``) and what its subject did to its object over all typed
statements (``pair_count``, ``pair_mean_intensity``, ``pair_events``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from graphkit.types import Document, Entity, Relation

EVIDENCE_SEPARATOR = " | "
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass(frozen=True)
class KnowledgeGraph:
    """Everything a build produced, in a stable order.

    ``relations`` holds every extraction; those whose subject or object names
    no node have an empty ``subject_id`` or ``object_id`` and are not edges.
    """

    documents: tuple[Document, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (``KeyError`` if there is none)."""
        return self._by_id[entity_id]

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def find(self, name: str) -> Entity | None:
        """The entity whose label or one of whose aliases is ``name`` (case-insensitive)."""
        wanted = name.casefold()
        for entity in self.entities:
            if entity.label.casefold() == wanted or any(a.casefold() == wanted for a, _ in entity.aliases):
                return entity
        return None

    def nodes(self) -> list[Entity]:
        """Entities that are nodes: every actor, and the concepts that take part in a relation."""
        return list(self._nodes)

    def edge_relations(self) -> list[Relation]:
        """The relations whose subject and object are both nodes."""
        return list(self._edge_relations)

    def edges(self) -> list[dict]:
        """One record per (subject, relation, object), its statements aggregated, in a stable order."""
        return [dict(edge) for edge in self._edges]

    def edge_count(self) -> int:
        """The number of edges (of :meth:`edges`, without copying them)."""
        return len(self._edges)

    def edge_statements(self) -> dict[tuple[str, str, str], tuple[Relation, ...]]:
        """Each edge's ``(source, relation, target)`` -> the statements it aggregates, by document and offset.

        The grouping :meth:`edges` is made from, in the same order, for an export
        that needs more of each edge's statements than its attributes say. Made
        again at each call rather than kept: at a million edges it would hold
        some 180 MB for the one export that asks.
        """
        return self._grouped()

    def positions(self) -> dict[str, tuple[float, float]]:
        """Every node's ``(x, y)`` from :func:`graphkit.graph.layout.positions` on the nodes and edges.

        Computed once per graph, so that the exports that carry a drawing (GEXF,
        GraphML, the HTML page) share one layout instead of each running it again.
        """
        return dict(self._positions)

    # Every exporter asks for these: they are computed once per graph.
    @cached_property
    def _positions(self) -> dict[str, tuple[float, float]]:
        from graphkit.graph.layout import positions  # igraph: only the exports that draw need it

        return positions((e.id for e in self._nodes), ((edge["source"], edge["target"]) for edge in self._edges))

    @cached_property
    def _edge_relations(self) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.subject_id and r.object_id)

    @cached_property
    def _nodes(self) -> tuple[Entity, ...]:
        used = {r.subject_id for r in self._edge_relations} | {r.object_id for r in self._edge_relations}
        return tuple(e for e in self.entities if e.type in ACTOR_TYPES or e.id in used)

    def _grouped(self) -> dict[tuple[str, str, str], tuple[Relation, ...]]:
        """(subject, relation, object) -> its statements by document and offset, the keys sorted."""
        groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
        for relation in self._edge_relations:
            groups[relation.subject_id, relation.triple.relation_lemma, relation.object_id].append(relation)
        order = lambda r: (r.triple.provenance.doc_id, r.triple.provenance.sentence_start)  # noqa: E731
        return {key: tuple(sorted(members, key=order)) for key, members in sorted(groups.items())}

    @cached_property
    def _edges(self) -> tuple[dict, ...]:
        pairs: dict[tuple[str, str], list[Relation]] = defaultdict(list)
        for relation in self._edge_relations:
            if relation.event:
                pairs[relation.subject_id, relation.object_id].append(relation)
        edges = []
        for (subject_id, lemma, object_id), members in self._grouped().items():
            edges.append(
                {
                    "source": subject_id,
                    "target": object_id,
                    "key": lemma,
                    "relation": lemma,
                    "evidence": EVIDENCE_SEPARATOR.join(dict.fromkeys(r.triple.provenance.sentence for r in members)),
                    "doc": EVIDENCE_SEPARATOR.join(dict.fromkeys(r.triple.provenance.doc_id for r in members)),
                    "confidence": max(r.triple.confidence for r in members),
                    "weight": len(members),
                    "negated": any(r.triple.negated for r in members),
                    "attributed_to": EVIDENCE_SEPARATOR.join(dict.fromkeys(r.speaker for r in members if r.speaker)),
                    "date": EVIDENCE_SEPARATOR.join(dict.fromkeys(r.date for r in members if r.date)),
                    "event_date": EVIDENCE_SEPARATOR.join(dict.fromkeys(r.event_date for r in members if r.event_date)),
                    **_event_attributes(members, "event", "intensity"),
                    **_pair_attributes(pairs.get((subject_id, object_id), [])),
                }
            )
        return tuple(edges)

    def node_attributes(self) -> Iterator[tuple[str, dict[str, object]]]:
        """Each node's id and flat attributes, in node order: what :meth:`to_networkx` gives each node."""
        for node, attributes in self._node_attributes:
            yield node, dict(attributes)

    def networkx_edges(self) -> Iterator[dict]:
        """The edge records (:meth:`edges`) in the order :meth:`to_networkx`'s graph yields its edges.

        That is: by source in node order, then by target in the order each target
        was first linked from that source, then by key in insertion order. A table
        of the edges is written in this order without building the graph.
        """
        for edge in self._networkx_order:
            yield dict(edge)

    # Six exports read the nodes' attributes and the edges in networkx's order: both are made once per graph.
    @cached_property
    def _node_attributes(self) -> tuple[tuple[str, dict[str, object]], ...]:
        return tuple(
            (entity.id, {
                "label": entity.label,
                "type": entity.type,
                "aliases": "|".join(entity.alias_names),
                "alias_counts": "|".join(f"{name}={count}" for name, count in entity.aliases),
                "mentions": len(entity.mentions),
                "merges": "|".join(f"{rule}={count}" for rule, count in entity.merges),
            })
            for entity in self._nodes
        )

    @cached_property
    def _networkx_order(self) -> tuple[dict, ...]:
        by_source: dict[str, dict[str, list[dict]]] = {}
        for edge in self._edges:
            by_source.setdefault(edge["source"], {}).setdefault(edge["target"], []).append(edge)
        order = {entity.id: i for i, entity in enumerate(self._nodes)}
        return tuple(edge for source in sorted(by_source, key=lambda node: order.get(node, len(order)))
                     for edges in by_source[source].values() for edge in edges)

    def to_networkx(self) -> nx.MultiDiGraph:
        """A MultiDiGraph with flat node and edge attributes (strings, numbers, booleans)."""
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.node_attributes())
        for edge in self.edges():
            attrs = {k: v for k, v in edge.items() if k not in {"source", "target", "key"}}
            graph.add_edge(edge["source"], edge["target"], key=edge["key"], **attrs)
        return graph


def _event_attributes(members: list[Relation], event: str, intensity: str) -> dict[str, object]:
    """An edge's event (its statements' most frequent, ties by name) and mean intensity; no key when none applies.

    The intensity is left out rather than empty so that GEXF and GraphML keep
    it a number.
    """
    events = Counter(r.event for r in members if r.event)
    values = [r.intensity for r in members if r.intensity is not None]
    found: dict[str, object] = {event: min(events, key=lambda e: (-events[e], e)) if events else ""}
    if values:
        found[intensity] = round(sum(values) / len(values), 2)
    return found


def _pair_attributes(members: list[Relation]) -> dict[str, object]:
    """What one actor did to another over all its typed statements: ``pair_count``, ``pair_mean_intensity``
    and ``pair_events`` (``AGREE:2|CONSULT:1``), flat for GEXF and GraphML."""
    if not members:
        return {}
    events = Counter(r.event for r in members)
    values = [r.intensity for r in members if r.intensity is not None]
    found: dict[str, object] = {
        "pair_count": len(members),
        "pair_events": "|".join(f"{event}:{events[event]}" for event in sorted(events)),
    }
    if values:
        found["pair_mean_intensity"] = round(sum(values) / len(values), 2)
    return found
