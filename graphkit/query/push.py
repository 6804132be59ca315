"""``graphkit push``: load an export into a running triplestore through the SPARQL 1.1 Graph Store Protocol.

Each graph of the export goes in one request to the store's Graph Store endpoint, as
N-Triples: the default graph to ``ENDPOINT?default``, each named graph (a TriG or N-Quads
export has one per document) to ``ENDPOINT?graph=IRI``. ``POST`` adds the triples to what the
store holds (pushing the same export twice changes nothing: graphkit's IRIs are stable);
``replace=True`` sends ``PUT``, which replaces each graph pushed.

>>> push("output/graph.trig", "http://127.0.0.1:7878/store")  # doctest: +SKIP
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from graphkit.errors import GraphkitError
from graphkit.errors import first_line
from graphkit.query.sparql import GraphSource


class PushError(GraphkitError):
    """The triplestore could not be reached or refused the graph."""


@dataclass(frozen=True)
class Pushed:
    """What one push sent: graphs and triples."""

    graphs: int
    triples: int


def push(path: str | Path, endpoint: str, replace: bool = False, timeout: float = 300.0) -> Pushed:
    """Send every graph of the graph file or store folder at ``path`` to the Graph Store ``endpoint``."""
    import pyoxigraph

    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(f"--endpoint '{endpoint}' must be an http:// or https:// URL, such as http://127.0.0.1:7878/store")
    store = GraphSource.at(path).open()
    names = [pyoxigraph.DefaultGraph(), *sorted(store.named_graphs(), key=lambda node: node.value)]
    graphs = triples = 0
    for name in names:
        quads = list(store.quads_for_pattern(None, None, None, name))
        if not quads:
            continue
        body = pyoxigraph.serialize((quad.triple for quad in quads), format=pyoxigraph.RdfFormat.N_TRIPLES)
        target = "default" if isinstance(name, pyoxigraph.DefaultGraph) else "graph=" + quote(name.value, safe="")
        separator = "&" if "?" in endpoint else "?"
        _send(f"{endpoint}{separator}{target}", "PUT" if replace else "POST", body, timeout)
        graphs += 1
        triples += len(quads)
    return Pushed(graphs, triples)


def _send(url: str, method: str, body: bytes, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()
        detail = f" ({first_line(RuntimeError(detail))})" if detail else ""
        raise PushError(f"{url}: {method} refused with HTTP {error.code} {error.reason}{detail}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PushError(f"{url}: cannot reach the triplestore ({reason})") from None
