"""graphkit: an offline knowledge-graph builder for news text.

>>> import graphkit
>>> kg = graphkit.build(["seeds/"])  # doctest: +SKIP
>>> graphkit.export(kg, "output/")  # doctest: +SKIP
"""

from graphkit.errors import GraphkitError
from graphkit.export import export
from graphkit.graph import KnowledgeGraph
from graphkit.io import read_documents
from graphkit.nlp import load_model
from graphkit.pipeline import BuildStats, build
from graphkit.registry import get_exporter, get_extractor

__all__ = [
    "BuildStats",
    "GraphkitError",
    "KnowledgeGraph",
    "build",
    "export",
    "get_exporter",
    "get_extractor",
    "load_model",
    "read_documents",
]
__version__ = "0.1.0"
