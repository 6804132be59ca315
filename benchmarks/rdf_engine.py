"""RDF export, load, serialise and query times: rdflib against pyoxigraph, on a synthetic graph.

The graph is made of graphkit's own records (entities, statements with evidence, documents)
sized to about ``--triples`` triples, written by graphkit's exporters, then:

* load: rdflib ``Graph().parse`` and pyoxigraph ``Store().bulk_load`` of the Turtle file;
* serialise: rdflib's Turtle serializer and pyoxigraph's, from the loaded graph;
* queries: a count, a two-hop join, a ``VALUES`` query and a ``FILTER(CONTAINS())`` text search,
  each in a child process stopped after ``--timeout`` seconds.

    python benchmarks/rdf_engine.py --triples 1000000
    python benchmarks/rdf_engine.py --graph /tmp/bbc/graph.ttl --query benchmarks/data/values.rq

With ``--graph``, the given file is loaded and queried instead (no synthetic graph). Figures
are in ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import tempfile
import time
from pathlib import Path

from graphkit.export.rdf import entity_iri, write_nquads, write_ntriples, write_trig, write_turtle
from graphkit.graph import KnowledgeGraph
from graphkit.query.sparql import PREFIXES
from graphkit.types import Argument, Document, Entity, Mention, Provenance, Relation, Triple

TRIPLES_PER_RELATION = 19  # a statement node's triples plus its direct edge, about
WORDS = ("talks", "sanctions", "summit", "budget", "election", "treaty", "missile", "tax", "strike", "vote")
VERBS = ("meet", "criticise", "support", "accuse", "visit", "urge", "reject", "praise", "warn", "back")
TYPES = ("PERSON", "ORG", "GPE")


def synthetic_graph(triples: int, seed: int = 7) -> KnowledgeGraph:
    """About ``triples`` triples: people, organisations and states acting on each other in many documents."""
    rng = random.Random(seed)
    relations_wanted = max(1, triples // TRIPLES_PER_RELATION)
    n_entities = max(10, relations_wanted // 10)
    n_docs = max(1, relations_wanted // 40)
    entities = []
    for i in range(n_entities):
        kind = TYPES[i % 3]
        entity_id = f"{kind.lower()}/actor-{i}"
        mention = Mention(f"doc-{i % n_docs}.txt", 0, 5, f"Actor {i}", kind)
        entities.append(Entity(entity_id, f"Actor {i}", kind, (mention,), ((f"Actor {i}", 1), (f"A{i}", 1))))
    documents = tuple(Document(f"doc-{d}.txt", "", title=f"Story {d}", date=f"2005-{1 + d % 12:02d}-{1 + d % 28:02d}")
                      for d in range(n_docs))
    relations = []
    for r in range(relations_wanted):
        subject, obj = rng.randrange(n_entities), rng.randrange(n_entities)
        verb = VERBS[r % len(VERBS)]
        sentence = f"Actor {subject} {verb}s Actor {obj} over the {rng.choice(WORDS)} word{r}."
        start = (r % 40) * 100
        provenance = Provenance(f"doc-{r // 40 % n_docs}.txt", sentence, start, start + len(sentence), "clauses.v1")
        triple = Triple(Argument(f"Actor {subject}", start, start + 7, start, start + 7), f"{verb}s",
                        (Argument(f"Actor {obj}", start + 20, start + 27, start + 20, start + 27),), 0.8, provenance,
                        relation_lemma=verb)
        relations.append(Relation(triple, entities[subject].id, entities[obj].id, event="CONSULT", intensity=1.0,
                                  date=documents[r // 40 % n_docs].date))
    return KnowledgeGraph(documents=documents, entities=tuple(entities), relations=tuple(relations))


def queries(graph_names: list[str]) -> dict[str, str]:
    """The four queries, over entity IRIs that exist in the synthetic graph."""
    values = " ".join(f"<{entity_iri(name)}>" for name in graph_names)
    return {
        "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "two-hop join": "SELECT (COUNT(*) AS ?n) WHERE { ?a rel:meet ?b . ?b rel:criticise ?c }",
        "VALUES": f"SELECT ?st ?sentence WHERE {{ VALUES ?who {{ {values} }} ?st rdf:subject ?who ; gk:sentence ?sentence }}",
        "FILTER(CONTAINS())": 'SELECT ?st WHERE { ?st gk:sentence ?s FILTER(CONTAINS(?s, "word12345")) }',
    }


def _prologue() -> str:
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def _timed_in_child(function, *args, timeout: float) -> str:
    """``function(*args)``'s seconds and result size, in a child killed at ``timeout``."""
    receiver, sender = multiprocessing.Pipe(duplex=False)

    def run():
        started = time.perf_counter()
        try:
            size = function(*args)
        except Exception as error:  # noqa: BLE001 - reported as the result
            sender.send((None, f"{type(error).__name__}: {str(error).splitlines()[0]}"))
            return
        sender.send((time.perf_counter() - started, size))

    child = multiprocessing.get_context("fork").Process(target=run, daemon=True)
    child.start()
    try:
        if receiver.poll(timeout):
            seconds, size = receiver.recv()
            return f"failed ({size})" if seconds is None else f"{seconds:8.2f} s ({size} rows)"
        return f"> {timeout:g} s (stopped)"
    finally:
        if child.is_alive():
            child.kill()
        child.join()


def _rdflib_query(graph, query: str) -> int:
    return len(list(graph.query(_prologue() + query)))


def _oxigraph_query(store, query: str) -> int:
    return len(list(store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--graph", type=Path, help="an exported Turtle file to load and query instead")
    parser.add_argument("--query", type=Path, action="append", default=[], help="extra .rq files to time (with --graph)")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--skip-rdflib", action="store_true", help="time pyoxigraph only")
    args = parser.parse_args()

    import pyoxigraph
    from rdflib import Graph

    with tempfile.TemporaryDirectory() as folder:
        if args.graph:
            turtle = args.graph
            timed = {}
            names = []
        else:
            kg = synthetic_graph(args.triples)
            names = [e.id for e in kg.entities[:20]]
            turtle = Path(folder) / "graph.ttl"
            timed = {}
            for label, write, name in (("graphkit Turtle", write_turtle, "graph.ttl"), ("graphkit TriG", write_trig, "graph.trig"),
                                       ("graphkit N-Triples", write_ntriples, "graph.nt"),
                                       ("graphkit N-Quads", write_nquads, "graph.nq")):
                started = time.perf_counter()
                write(kg, Path(folder) / name)
                timed[label] = time.perf_counter() - started
            del kg
        store = pyoxigraph.Store()
        started = time.perf_counter()
        store.bulk_load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
        print(f"graph: {turtle.stat().st_size / 1e6:.1f} MB of Turtle, {len(store):,} triples")
        print(f"{'export':<24} " + "  ".join(f"{label} {seconds:.2f} s" for label, seconds in timed.items()))
        print(f"{'load':<24} pyoxigraph {time.perf_counter() - started:8.2f} s", end="", flush=True)
        graph = None
        if not args.skip_rdflib:
            started = time.perf_counter()
            graph = Graph().parse(turtle, format="turtle")
            print(f"   rdflib {time.perf_counter() - started:8.2f} s", end="")
        print()
        started = time.perf_counter()
        pyoxigraph.serialize(store, Path(folder) / "oxigraph.nq", pyoxigraph.RdfFormat.N_QUADS)
        print(f"{'serialise':<24} pyoxigraph {time.perf_counter() - started:8.2f} s", end="", flush=True)
        if graph is not None:
            started = time.perf_counter()
            graph.serialize(Path(folder) / "rdflib.ttl", format="turtle")
            print(f"   rdflib {time.perf_counter() - started:8.2f} s", end="")
        print()
        wanted = queries(names) if names else {}
        wanted.update({path.stem: path.read_text(encoding="utf-8") for path in args.query})
        for label, query in wanted.items():
            line = f"{label:<24} pyoxigraph {_timed_in_child(_oxigraph_query, store, query, timeout=args.timeout)}"
            if graph is not None:
                line += f"   rdflib {_timed_in_child(_rdflib_query, graph, query, timeout=args.timeout)}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
