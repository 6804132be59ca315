"""Exporters: one module per format, each a ``write_x(graph, path)`` over a library's writer.

:func:`export` writes a set of files together and atomically: every file is
written to a temporary name in the output folder first, and only when all of
them succeeded are they renamed into place, so a failed run leaves the previous
outputs untouched and never a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from graphkit.errors import ExportError, GraphkitError
from graphkit.graph import KnowledgeGraph
from graphkit.registry import BUILD_OUTPUTS, get_exporter


def export(graph: KnowledgeGraph, outdir: str | Path, outputs: dict[str, str] | None = None) -> list[Path]:
    """Write ``outputs`` (file name -> exporter name; default: all build outputs) into ``outdir``.

    Returns the paths written, in order.
    """
    outputs = outputs or BUILD_OUTPUTS
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{outdir}: cannot create output folder ({error.strerror or error})") from None
    staged: list[tuple[Path, Path]] = []
    try:
        for name, exporter in outputs.items():
            writer = get_exporter(exporter)
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=outdir)
            os.close(handle)
            staged.append((Path(temp), outdir / name))
            writer(graph, temp)
        mode = _file_mode()
        for temp, final in staged:
            os.chmod(temp, mode)
            os.replace(temp, final)
    except GraphkitError:
        raise
    except OSError as error:
        raise ExportError(f"{outdir}: cannot write outputs ({error.strerror or error})") from None
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return [final for _, final in staged]


def _file_mode() -> int:
    """The mode a newly created file gets under the current umask (temp files start as 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
