"""A local HTTP server that counts the requests a query must never send."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

TURTLE = b'<urn:fetched> <urn:from> "REMOTE-PAYLOAD" .\n'
CONTEXT = b'{"@context": {"name": "http://schema.org/name"}}'


@dataclass
class Server:
    """Where the server listens and every request it received, as (method, path)."""

    url: str
    requests: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def http_server():
    """A server on 127.0.0.1 (free port) answering every GET or POST with Turtle or a JSON-LD context.

    It answers for real, so a request that reached it would show up in the query's output
    and in ``requests``.
    """
    received: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            received.append((self.command, self.path))
            body = CONTEXT if self.path.endswith(".jsonld") else TURTLE
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json" if body is CONTEXT else "text/turtle")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, format, *args) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_address[1]}", received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def seed_store(seed_graph, tmp_path_factory):
    """The seed graph as a store folder (what ``graphkit build --store`` writes)."""
    from graphkit.query import write_store

    return write_store(seed_graph, tmp_path_factory.mktemp("seed-store") / "store")
