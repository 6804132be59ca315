"""The knowledge graph over a networkx MultiDiGraph."""

from graphkit.graph.kg import KnowledgeGraph

__all__ = ["KnowledgeGraph"]
