"""The sandbox on its own: limits, the audit-hook guard and reaping, whatever the engine.

The guard is the second line of defence, so these tests run rdflib *without* graphkit's
query checks and show that the child still reads no other file and reaches no server.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import threading
import time
import urllib.request

import pytest
from rdflib import Dataset

from graphkit.errors import InputError
from graphkit.query import QueryError
from graphkit.query.sandbox import run_sandboxed


def _read(path) -> str:
    with open(path, encoding="utf-8") as file:
        return file.read()


def _unchecked_query(graph, query) -> list:
    """rdflib as it is out of the box, FROM and SERVICE included."""
    dataset = Dataset(default_union=True)
    dataset.parse(graph, format="trig")
    return [[str(value) for value in row] for row in dataset.query(query)]


def _kill_myself() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _raise_input_error() -> None:
    raise InputError("some.ttl", "no such file", line=3)


@pytest.fixture(autouse=True)
def _no_child_left():
    yield
    assert multiprocessing.active_children() == []


def test_the_answer_comes_back_and_graphkit_errors_keep_their_type():
    assert run_sandboxed(sorted, [3, 1, 2], timeout=10) == [1, 2, 3]
    with pytest.raises(InputError) as error:
        run_sandboxed(_raise_input_error, timeout=10)
    assert (str(error.value), error.value.path, error.value.line) == ("some.ttl:3: no such file", "some.ttl", 3)


def test_only_the_named_files_are_read(tmp_path):
    allowed, secret = tmp_path / "graph.ttl", tmp_path / "secret.txt"
    allowed.write_text("fine", encoding="utf-8")
    secret.write_text("TOPSECRET", encoding="utf-8")
    assert run_sandboxed(_read, allowed, timeout=10, readable=[allowed]) == "fine"
    with pytest.raises(QueryError, match=r"^refused to read .*secret\.txt: a query reads only the graph file given$"):
        run_sandboxed(_read, secret, timeout=10, readable=[allowed])
    with pytest.raises(QueryError, match=r"^refused to write .*: a query writes no files$"):
        run_sandboxed(allowed.write_text, "overwritten", timeout=10, readable=[allowed])
    assert allowed.read_text(encoding="utf-8") == "fine"


def test_rdflib_from_is_stopped_by_the_guard_alone(seed_output, tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text('<urn:secret> <urn:is> "TOPSECRET" .\n', encoding="utf-8")
    graph = seed_output / "graph.trig"
    query = f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    assert _unchecked_query(graph, query) == [["TOPSECRET"]]  # what rdflib does unguarded
    with pytest.raises(QueryError, match=r"^refused to read .*secret\.ttl: a query reads only the graph file given$"):
        run_sandboxed(_unchecked_query, graph, query, timeout=30, readable=[graph])


def test_the_network_is_stopped_by_the_guard_alone(seed_output, http_server):
    graph = seed_output / "graph.trig"
    _unchecked_query(graph, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")  # rdflib's plugins found here, not in the child
    with pytest.raises(QueryError, match=r"^refused network access \(.+\): a query never goes online$"):
        run_sandboxed(urllib.request.urlopen, f"{http_server.url}/x.ttl", timeout=10)
    for query in (f"SELECT ?o FROM <{http_server.url}/x.ttl> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * WHERE {{ SERVICE <{http_server.url}/sparql> {{ ?s ?p ?o }} }}"):
        with pytest.raises(QueryError, match=r"^refused network access"):
            run_sandboxed(_unchecked_query, graph, query, timeout=30, readable=[graph])
    assert http_server.requests == []


def _oxigraph_service(url: str) -> list:
    """pyoxigraph (native code, unseen by audit hooks) calling a SERVICE, with no graphkit check before it."""
    import pyoxigraph

    return list(pyoxigraph.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"))


def test_native_code_is_kept_off_the_network_by_the_kernel(http_server):
    with pytest.raises(QueryError, match=r"^query failed: PermissionError: Permission denied \(os error 13\)"):
        run_sandboxed(_oxigraph_service, http_server.url, timeout=30)
    assert http_server.requests == []


def test_no_process_is_started():
    with pytest.raises(QueryError, match=r"^refused to start a process \(subprocess\.Popen\): a query runs alone$"):
        run_sandboxed(subprocess.run, ["true"], timeout=10)


def test_the_deadline_kills_the_child():
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"^query stopped after 0\.5 s \(--timeout\)$"):
        run_sandboxed(time.sleep, 60, timeout=0.5)
    assert time.monotonic() - started < 30


def test_memory_is_capped():
    with pytest.raises(QueryError, match=r"^query ran out of memory \(--max-memory 50 MB\)$"):
        run_sandboxed(bytearray, 200_000_000, timeout=10, max_memory=50_000_000)


def test_a_child_killed_by_a_signal_is_one_line():
    with pytest.raises(QueryError, match=r"^query process ended by SIGKILL, probably out of memory$"):
        run_sandboxed(_kill_myself, timeout=10)


def test_an_unexpected_failure_is_one_line():
    with pytest.raises(QueryError, match=r"^query failed: ZeroDivisionError: integer division or modulo by zero$"):
        run_sandboxed(divmod, 1, 0, timeout=10)


def test_ctrl_c_kills_the_child():
    interrupt = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    interrupt.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_sandboxed(time.sleep, 60, timeout=None)
    interrupt.join()
    assert time.monotonic() - started < 30
