"""The lookup tables graphkit derives from its data files, shipped precompiled so a process loads them fast.

The gazetteer (:func:`~graphkit.resolve.gazetteer.derive_gazetteer`) and the
party table (:func:`~graphkit.resolve.parties.derive_parties`) are derived by
rule from the Phoenix dictionaries, the GeoNames places, the Party Facts table,
the news nicknames and ``pycountry``: about a second of normalising names, paid
again by every process that finds mentions (each worker of a build). Their
result is shipped as JSON in ``graphkit/data/compiled`` and read in
milliseconds instead.

Each file records the ``pycountry`` version it was derived with; under another
version (or when a file is missing or unreadable) :func:`read` returns ``None``
and the caller derives the table from the sources, so the tables are always
those of the installed ``pycountry``. After a change to the data files or to
the rules that read them, regenerate the files (a test fails until then)::

    python graphkit/data/compiled/derive.py
"""

from __future__ import annotations

import json
from importlib.metadata import version
from importlib.resources import files
from typing import Any

PACKAGE = "graphkit.data.compiled"


def pycountry_version() -> str:
    """The installed ``pycountry``'s version: the tables hold its country and region names."""
    return version("pycountry")


def read(name: str) -> dict[str, Any] | None:
    """The tables of the compiled file ``name``, or ``None`` when it cannot be used here."""
    try:
        data = json.loads(files(PACKAGE).joinpath(name).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("pycountry") != pycountry_version():
        return None
    return data


def dumps(tables: dict[str, dict]) -> str:
    """``tables`` as the text of a compiled file: JSON, one entry a line, so a regenerated file diffs by entry."""
    parts = [f'{{"pycountry": {json.dumps(pycountry_version())}']
    for name, table in tables.items():
        lines = ",\n".join(f"{_json(key)}: {_json(value)}" for key, value in table.items())
        parts.append(f"{_json(name)}: {{\n{lines}\n}}")
    return ",\n".join(parts) + "}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
