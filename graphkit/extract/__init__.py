"""Extractors: parsed sentences in, :class:`~graphkit.types.Triple` records out.

Extractors are registered by versioned name in :mod:`graphkit.registry`; each
has a ``name`` and an ``extract(sent, doc_id, offset)`` method.
"""
