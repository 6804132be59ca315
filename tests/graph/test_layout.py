"""Layout: deterministic, scaled, and connected nodes end up closer than unconnected ones."""

import math
import statistics

import networkx as nx

from graphkit.graph.layout import EXTENT, positions


def test_same_graph_same_positions_whatever_the_input_order():
    graph = nx.gnm_random_graph(400, 800, seed=3)
    first = positions(graph.nodes, graph.edges)
    second = positions(reversed(list(graph.nodes)), [(v, u) for u, v in reversed(list(graph.edges))])
    assert first == second
    assert set(first) == set(graph.nodes)


def test_positions_fill_the_extent():
    graph = nx.path_graph(30)
    coords = positions(graph.nodes, graph.edges).values()
    xs = [x for x, _ in coords]
    ys = [y for _, y in coords]
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == 2 * EXTENT
    assert all(-EXTENT <= v <= EXTENT for v in xs + ys)


def test_linked_nodes_are_drawn_together():
    # two cliques joined by nothing: nodes of one clique sit closer to each other than to the other's
    graph = nx.disjoint_union(nx.complete_graph(8), nx.complete_graph(8))
    where = positions(graph.nodes, graph.edges)
    inside = max(math.dist(where[0], where[i]) for i in range(1, 8))
    across = min(math.dist(where[0], where[i]) for i in range(8, 16))
    assert inside < across


def test_empty_and_single():
    assert positions([], []) == {}
    assert positions(["only"], [("only", "only")]) == {"only": (0.0, 0.0)}


def test_nodes_without_edges_do_not_squeeze_the_linked_ones_into_the_middle():
    # news graphs: a few hundred linked actors among many never linked to another; the linked part must
    # spread over the drawing rather than sit in a knot inside a far ring of lone nodes
    linked = nx.gnm_random_graph(300, 450, seed=5)
    alone = [f"alone-{i}" for i in range(900)]
    where = positions(list(linked.nodes) + alone, linked.edges)
    radius = lambda ids: statistics.median(math.hypot(*where[i]) for i in ids)  # noqa: E731
    assert radius(linked.nodes) > 0.6 * radius(alone)
