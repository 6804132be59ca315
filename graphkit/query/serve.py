"""``graphkit serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql``.

* ``GET /sparql?query=...``, ``POST`` with a form (``query=...``) or an ``application/sparql-query``
  body; results by ``Accept``: SPARQL JSON (the default), XML, CSV or TSV; CONSTRUCT and
  DESCRIBE answer Turtle (the default), N-Triples, JSON-LD or RDF/XML;
* CORS headers on every answer and ``OPTIONS`` preflights, so a page in a browser can query it;
* read-only: updates (``update=``, ``application/sparql-update``, ``LOAD``) get 403, ``SERVICE``
  400; every query runs in a sandboxed child process (:mod:`graphkit.query.sandbox`), so it
  reads no file and reaches no network, and it is killed at the time limit (503);
* bound to 127.0.0.1 unless told otherwise; Ctrl-C (or SIGTERM) closes the socket and returns.

A file is loaded once into memory when the server starts and every query's child inherits it;
a store folder is opened read-only by each query's child. Requests are answered one at a
time: the time limit bounds how long a request waits.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from graphkit.errors import GraphkitError
from graphkit.query.errors import QueryError, QueryLimitError, UpdateRefusedError
from graphkit.query.sandbox import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, run_sandboxed
from graphkit.query.sparql import GRAPH_FORMATS, RESULT_FORMATS, GraphSource, answer, check_query

PATH = "/sparql"
MAX_BODY = 16_000_000
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}
_RESULT_TYPES = {media: name for name, (_, media) in RESULT_FORMATS.items()} | {
    "application/json": "json", "application/xml": "xml", "text/xml": "xml", "text/plain": "tsv",
}
_GRAPH_TYPES = {media: name for name, (_, media) in GRAPH_FORMATS.items()} | {
    "application/json": "jsonld", "application/xml": "rdfxml", "text/plain": "ntriples",
}


class Endpoint(HTTPServer):
    """The HTTP server, holding the graph and the limits every query runs under."""

    allow_reuse_address = True

    def __init__(self, graph: GraphSource, host: str, port: int, timeout: float | None, max_memory: int | None):
        self.graph = graph
        self.store = None if graph.folder else graph.open()
        self.prefixes = graph.prefixes(self.store)  # once, not per request
        self.query_timeout = timeout
        self.max_memory = max_memory
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{PATH}"

    def answer(self, query: str, result_format: str) -> bytes:
        return run_sandboxed(answer, self.graph, self.store, query, result_format, self.prefixes,
                             timeout=self.query_timeout, max_memory=self.max_memory, readable=[self.graph.path])


def serve(
    path: str | Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    on_ready: Callable[[Endpoint], None] | None = None,
) -> None:
    """Serve the graph at ``path`` (a graph file or store folder) until Ctrl-C or SIGTERM.

    ``on_ready`` is called with the listening server (its ``url``) before the first request.
    """
    graph = GraphSource.at(path)
    try:
        server = Endpoint(graph, host, port, timeout, max_memory)
    except OSError as error:
        raise GraphkitError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if on_ready:
            on_ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


class _Handler(BaseHTTPRequestHandler):
    server: Endpoint
    server_version = "graphkit"
    timeout = 60  # seconds a client may take to send its request

    def do_OPTIONS(self) -> None:  # noqa: N802 - the http.server naming
        self._send(HTTPStatus.NO_CONTENT, b"", None)

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != PATH:
            self._error(HTTPStatus.NOT_FOUND, f"the endpoint is {PATH}")
            return
        self._run(parse_qs(url.query))

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != PATH:
            self._error(HTTPStatus.NOT_FOUND, f"the endpoint is {PATH}")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a request body may hold at most {MAX_BODY:,} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        elif media == "application/sparql-query":
            self._run({**parse_qs(url.query), "query": [body]})
        elif media in ("application/x-www-form-urlencoded", ""):
            self._run({**parse_qs(url.query), **parse_qs(body)})
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "send application/sparql-query or an application/x-www-form-urlencoded form")

    def _run(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            return
        query = queries[0]
        try:
            form = check_query(query)
        except QueryError as error:
            self._error(HTTPStatus.FORBIDDEN if isinstance(error, UpdateRefusedError) else HTTPStatus.BAD_REQUEST,
                        str(error))
            return
        graph_result = form in ("CONSTRUCT", "DESCRIBE")
        name = self._negotiate(_GRAPH_TYPES if graph_result else _RESULT_TYPES, "turtle" if graph_result else "json")
        try:
            body = self.server.answer(query, name)
        except QueryLimitError as error:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
            return
        except GraphkitError as error:
            self._error(HTTPStatus.BAD_REQUEST, str(error))
            return
        media = (GRAPH_FORMATS if graph_result else RESULT_FORMATS)[name][1]
        self._send(HTTPStatus.OK, body, media)

    def _negotiate(self, types: dict[str, str], default: str) -> str:
        """The first acceptable media type we make, by the client's q-values; else ``default``."""
        offered = []
        for position, item in enumerate((self.headers.get("Accept") or "").split(",")):
            media, *params = (part.strip() for part in item.split(";"))
            quality = 1.0
            for param in params:
                if param.startswith("q="):
                    try:
                        quality = float(param[2:])
                    except ValueError:
                        quality = 0.0
            if media.lower() in types and quality > 0:
                offered.append((-quality, position, types[media.lower()]))
        return min(offered)[2] if offered else default

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain")

    def _send(self, status: HTTPStatus, body: bytes, media: str | None) -> None:
        self.send_response(status)
        for header, value in _CORS.items():
            self.send_header(header, value)
        if media:
            text = media.startswith("text/") or media.endswith(("json", "xml"))
            self.send_header("Content-Type", f"{media}; charset=utf-8" if text else media)
            self.send_header("Vary", "Accept")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")
