"""Entity resolution, the per-corpus stage: document records in, one :class:`~graphkit.types.Entity` per actor out.

The front door is :func:`resolve_corpus` (:mod:`graphkit.resolve.corpus`); the
rules it runs are one ordered table in :mod:`graphkit.resolve.rules`.
"""

from graphkit.resolve.corpus import CorpusResolution, resolve_corpus

__all__ = ["CorpusResolution", "resolve_corpus"]
