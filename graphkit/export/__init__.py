"""Exporters: one module per format, each a ``write_x(graph, path)`` over a library's writer.

:func:`export` writes a set of files together and atomically (see
:mod:`graphkit.export.outdir`): the whole set is written beside the previous
one and replaces it in one step, so a failed or killed run leaves the previous
outputs untouched, and a reader never sees files of two runs mixed.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.registry import BUILD_OUTPUTS, get_exporter

if TYPE_CHECKING:  # the graph module loads networkx, which commands that only read RDF never need
    from graphkit.graph import KnowledgeGraph


def export(
    graph: KnowledgeGraph,
    outdir: str | Path,
    outputs: dict[str, str] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    processes: int = 1,
) -> list[Path]:
    """Write ``outputs`` (file name -> exporter name; default: all build outputs) into ``outdir``.

    ``options`` gives keyword arguments per file name, such as ``{"graph.ttl": {"base": IRI}}``.
    ``processes`` write the files at once (:mod:`graphkit.export.forked`); the bytes are the same.
    Returns the paths written, in order. Files of an earlier build that are not
    in ``outputs`` are kept.
    """
    from graphkit.export.outdir import publish

    outputs = outputs or BUILD_OUTPUTS
    options = options or {}
    writers = {name: partial(get_exporter(exporter), graph, **options.get(name, {}))
               for name, exporter in outputs.items()}
    if processes > 1:  # what several files read is computed once, before the processes part
        graph.nodes(), graph.edges(), graph.positions()
    return publish(Path(outdir), writers, processes)
