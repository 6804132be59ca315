"""Exporters: one module per format, each a ``write_x(graph, path)`` over a library's writer.

:func:`export` writes a set of files together and atomically (see
:mod:`graphkit.export.outdir`): the whole set is written beside the previous
one and replaces it in one step, so a failed or killed run leaves the previous
outputs untouched, and a reader never sees files of two runs mixed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.registry import BUILD_OUTPUTS, EXPORTER_ALIASES, get_exporter

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
    in ``outputs`` are kept. In one process, a Turtle and a TriG file with the
    same options are written in one pass (:func:`graphkit.export.rdf.write_turtle_and_trig`);
    with several, each by its own, so that two processes can share them.
    """
    from graphkit.export.outdir import publish

    outputs = outputs or BUILD_OUTPUTS
    options = options or {}
    writers: dict[str | tuple[str, ...], Callable[..., None]] = {
        name: partial(get_exporter(exporter), graph, **options.get(name, {})) for name, exporter in outputs.items()}
    turtle, trig = _only(outputs, "turtle"), _only(outputs, "trig")
    if processes == 1 and turtle and trig and options.get(turtle, {}) == options.get(trig, {}):
        from graphkit.export.rdf import write_turtle_and_trig

        del writers[turtle], writers[trig]
        writers[turtle, trig] = partial(write_turtle_and_trig, graph, **options.get(turtle, {}))
    if processes > 1:
        graph.nodes(), graph.edges()  # what every file reads, computed once, before the processes part
        writers = _laid_out_first(writers, outputs)
    publish(Path(outdir), writers, processes)
    return [Path(outdir) / name for name in outputs]


# Exporters that draw the graph: they read KnowledgeGraph.positions(), the layout, which is worth computing once.
_LAID_OUT = frozenset({"html", "gexf", "graphml"})


def _laid_out_first(writers: dict, outputs: dict[str, str]) -> dict:
    """``writers`` for several processes: the files that need the layout as one writer, first (the longest
    job: the layout, then each file), so that one process lays the graph out while the others write the rest."""
    drawn = tuple(name for name in writers if isinstance(name, str)
                  and EXPORTER_ALIASES.get(outputs[name], outputs[name]) in _LAID_OUT)
    if len(drawn) < 2:
        return writers
    group = [writers[name] for name in drawn]

    def write_drawn(*paths: str) -> None:
        for write, path in zip(group, paths):
            write(path)

    return {drawn: write_drawn, **{name: writer for name, writer in writers.items() if name not in drawn}}


def _only(outputs: dict[str, str], exporter: str) -> str | None:
    """The one file name ``outputs`` writes with ``exporter`` (or an alias of it); ``None`` for none or several."""
    names = [name for name, wanted in outputs.items() if EXPORTER_ALIASES.get(wanted, wanted) == exporter]
    return names[0] if len(names) == 1 else None
