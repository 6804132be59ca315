"""graphkit: an offline knowledge-graph builder for news text.

>>> import graphkit
>>> kg = graphkit.build(["seeds/"])  # doctest: +SKIP
>>> graphkit.export(kg, "output/")  # doctest: +SKIP

The names below are imported when first used (PEP 562), so that commands which never parse
text (``graphkit query``, ``serve``, ``push``) start without loading spaCy.
"""

from importlib import import_module

from graphkit.errors import GraphkitError

_LAZY = {
    "BuildStats": "graphkit.pipeline",
    "KnowledgeGraph": "graphkit.graph",
    "build": "graphkit.pipeline",
    "export": "graphkit.export",
    "get_exporter": "graphkit.registry",
    "get_extractor": "graphkit.registry",
    "load_model": "graphkit.nlp",
    "read_documents": "graphkit.io",
}

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


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
