"""Every export of a synthetic graph of one million edges: seconds and peak memory of each.

    python benchmarks/large_exports.py [--edges 1000000] [--entities 100000] [--html-edges 20000]
                                       [--formats graph.ttl graph.nt ...] [--seed 1]

The graph is made, not parsed (no parse could give a million edges in a benchmark's
time): ``--entities`` entities, a third of them actors (people, organisations,
places, groups) and the rest concepts, each with one to a few aliases and mentions;
relations between them drawn with a skewed (Zipf-like) choice of subjects and
objects, so some nodes have thousands of edges and most have few, over 400 relation
names; every relation a statement with its provenance (document, sentence, offsets,
extractor), a third of them typed events with an intensity and a date, some reported
speech. Relations are drawn until there are ``--edges`` distinct (subject, relation,
object) edges; one in ten more repeats an edge already drawn, so edges aggregate
several statements as they do in a real corpus. Sentences are random words, shared by
the relations of one sentence; documents have a title and a date.

The graph is built once, its per-graph tables computed as ``graphkit build``
computes them (the graph stage), then each export runs in a forked child, so that
each one's peak resident memory (``ru_maxrss``, which includes the graph the child
shares with its parent) is its own; the table gives that peak and the resident
memory of the graph alone before any export. ``graph.html`` draws every node and
edge in the browser, so it is written at ``--html-edges`` (a page of a million
edges would not open); the other files at ``--edges``. Nothing is asserted: the
figures are printed as a Markdown table for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from graphkit.graph import KnowledgeGraph
from graphkit.registry import BUILD_OUTPUTS, RDF_FILES, RDF_FORMATS, get_exporter
from graphkit.types import Argument, Document, Entity, Mention, Provenance, Relation, Triple

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
EXTRACTOR = "clauses.v1"
EVENTS = ("CONSULT", "AGREE", "SUPPORT", "DISAPPROVE", "ACCUSE", "THREATEN", "COOPERATE")
WORDS = ("the minister said talks would resume after the election while officials in the capital "
         "warned that sanctions against the government could widen as parliament debated a new bill "
         "on trade security and border control with neighbouring states").split()
SENTENCES_PER_DOCUMENT = 20
RELATIONS_PER_SENTENCE = 2
# Every build output but the page, and the two line-based RDF formats.
DEFAULT_FILES = [name for name in BUILD_OUTPUTS if name != "graph.html"] + [RDF_FILES["nt"], RDF_FILES["nq"]]
_EXPORTERS = {**BUILD_OUTPUTS, **{RDF_FILES[ext]: RDF_FORMATS[ext] for ext in RDF_FILES}}


def synthetic_graph(edges: int, entities: int, seed: int = 1) -> KnowledgeGraph:
    """A graph of ``edges`` distinct edges between ``entities`` entities, with evidence (see the module's text)."""
    rng = random.Random(seed)
    names = [_entity(rng, number) for number in range(entities)]
    weights = [1 / (rank + 10) for rank in range(entities)]  # Zipf-like: a few hubs, a long tail
    lemmas = [f"{rng.choice(WORDS)}-{number}" for number in range(400)]
    lemma_weights = [1 / (rank + 5) for rank in range(len(lemmas))]
    mentions: list[list[Mention]] = [[] for _ in range(entities)]
    documents: list[Document] = []
    relations: list[Relation] = []
    drawn: set[tuple[int, int, int]] = set()
    keys: list[tuple[int, int, int]] = []
    batch = 4096
    while len(drawn) < edges:
        subjects = rng.choices(range(entities), weights, k=batch)
        objects = rng.choices(range(entities), weights, k=batch)
        verbs = rng.choices(range(len(lemmas)), lemma_weights, k=batch)
        for key in zip(subjects, verbs, objects):
            if len(drawn) >= edges:
                break
            if key[0] == key[2] or key in drawn:
                continue
            drawn.add(key)
            keys.append(key)
            if rng.random() < 0.1:  # another statement of an edge already drawn
                keys.append(keys[rng.randrange(len(keys))])
    del drawn
    for start in range(0, len(keys), RELATIONS_PER_SENTENCE * SENTENCES_PER_DOCUMENT):
        doc_id = f"news/{len(documents):06d}.txt"
        day = f"20{10 + len(documents) % 10}-{1 + len(documents) % 12:02d}-{1 + len(documents) % 28:02d}"
        documents.append(Document(doc_id, "", doc_id, f"Report {len(documents)}", day, author="Staff"))
        offset = 0
        for first in range(start, min(start + RELATIONS_PER_SENTENCE * SENTENCES_PER_DOCUMENT, len(keys)),
                           RELATIONS_PER_SENTENCE):
            sentence = " ".join(rng.choices(WORDS, k=rng.randint(12, 35))) + "."
            provenance = Provenance(doc_id, sentence, offset, offset + len(sentence), EXTRACTOR)
            for subject, verb, obj in keys[first : first + RELATIONS_PER_SENTENCE]:
                relations.append(_relation(rng, names, mentions, subject, lemmas[verb], obj, provenance, day))
            offset += len(sentence) + 1
    nodes = []
    for number, (entity_id, label, entity_type, aliases) in enumerate(names):
        found = tuple(mentions[number]) or (Mention(documents[0].id, 0, len(label), label, entity_type),)
        merges = (("same-name", len(found)),) + ((("alias", 1),) if len(aliases) > 1 else ())
        nodes.append(Entity(entity_id, label, entity_type, found, aliases, merges))
    nodes.sort(key=lambda entity: entity.id)
    return KnowledgeGraph(documents=tuple(documents), entities=tuple(nodes), relations=tuple(relations))


def _entity(rng: random.Random, number: int) -> tuple[str, str, str, tuple[tuple[str, int], ...]]:
    entity_type = ACTOR_TYPES[number % 4] if number % 3 == 0 else "CONCEPT"
    label = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {number}"
    aliases = ((label, rng.randint(1, 9)),) + tuple((f"{label.split()[0]} {number}-{k}", 1)
                                                   for k in range(rng.randint(0, 2)))
    return f"{entity_type.lower()}/{label.lower().replace(' ', '-')}", label, entity_type, aliases


def _relation(rng: random.Random, names, mentions, subject: int, lemma: str, obj: int,
              provenance: Provenance, day: str) -> Relation:
    subject_label, object_label = names[subject][1], names[obj][1]
    at = provenance.sentence_start
    subject_arg = Argument(subject_label, at, at + len(subject_label), at, at + len(subject_label))
    object_arg = Argument(object_label, at + 20, at + 20 + len(object_label), at + 20, at + 20 + len(object_label))
    mentions[subject].append(Mention(provenance.doc_id, subject_arg.start, subject_arg.end, subject_label,
                                     names[subject][2]))
    mentions[obj].append(Mention(provenance.doc_id, object_arg.start, object_arg.end, object_label, names[obj][2]))
    reported = rng.random() < 0.1
    triple = Triple(subject_arg, lemma.replace("-", " "), (object_arg,), round(rng.uniform(0.3, 0.95), 3), provenance,
                    negated=rng.random() < 0.05, attributed_to=subject_arg if reported else None, relation_lemma=lemma)
    actors = names[subject][2] != "CONCEPT" and names[obj][2] != "CONCEPT"
    typed = actors and rng.random() < 0.5
    return Relation(triple, names[subject][0], names[obj][0], speaker=subject_label if reported else "",
                    event=rng.choice(EVENTS) if typed else "",
                    intensity=round(rng.uniform(-10, 10), 1) if typed else None,
                    date=day, event_date=day[:7] if typed and rng.random() < 0.3 else "")


def _rss_mib() -> float:
    """The resident memory of this process now (``/proc/self/statm``), in MiB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed_export(graph: KnowledgeGraph, name: str, folder: Path) -> dict:
    """Write ``name`` in a forked child: its seconds, size and peak memory (MiB)."""
    write = get_exporter(_EXPORTERS[name])  # imported here, not in the child: the time is the writing's
    path = folder / name
    report = folder / f".{name}.json"
    pid = os.fork()
    if pid == 0:
        try:
            clock = time.perf_counter()
            write(graph, path)
            report.write_text(json.dumps({"seconds": time.perf_counter() - clock}))
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    _, status, usage = os.wait4(pid, 0)
    if status or not report.exists():
        raise SystemExit(f"{name}: the export failed (status {status})")
    result = json.loads(report.read_text())
    result.update(peak_mib=usage.ru_maxrss / 1024, bytes=path.stat().st_size)
    report.unlink()
    path.unlink()
    return result


def measure(edges: int, entities: int, files: list[str], seed: int, folder: Path) -> list[tuple[str, dict]]:
    """Make the graph and time each export of ``files``; print as it goes."""
    clock = time.perf_counter()
    graph = synthetic_graph(edges, entities, seed)
    made = time.perf_counter() - clock
    clock = time.perf_counter()
    counts = (len(graph.nodes()), len(graph.edges()), len(graph.relations))  # the build's graph stage
    tables = time.perf_counter() - clock
    held = _rss_mib()
    print(f"{counts[0]:,} nodes, {counts[1]:,} edges, {counts[2]:,} statements, {len(graph.documents):,} documents, "
          f"{sum(len(e.mentions) for e in graph.entities):,} mentions: made in {made:.1f} s, graph tables "
          f"{tables:.1f} s, {held:,.0f} MiB resident", flush=True)
    results = []
    for name in files:
        result = timed_export(graph, name, folder)
        result["held_mib"] = held
        result["edges"] = counts[1]
        print(f"  {name}: {result['seconds']:.1f} s, {result['bytes'] / 1e6:,.0f} MB, "
              f"peak {result['peak_mib']:,.0f} MiB", flush=True)
        results.append((name, result))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--html-edges", type=int, default=20_000, help="edges of the graph the page is written for")
    parser.add_argument("--formats", nargs="*", default=DEFAULT_FILES, help="file names to write, e.g. graph.ttl")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    unknown = sorted(set(args.formats) - _EXPORTERS.keys())
    if unknown:
        raise SystemExit(f"unknown file names {unknown} (choose from: {', '.join(sorted(_EXPORTERS))})")
    rows = []
    with tempfile.TemporaryDirectory(prefix="graphkit-large-exports-") as tmp:
        folder = Path(tmp)
        if args.html_edges:
            entities = max(10, args.entities * args.html_edges // args.edges)
            rows += measure(args.html_edges, entities, ["graph.html"], args.seed, folder)
        if args.formats:
            rows += measure(args.edges, args.entities, args.formats, args.seed, folder)
    print("\n| file | edges | seconds | edges/s | MB | graph held MiB | peak MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['edges']:,} | {r['seconds']:.1f} | {r['edges'] / r['seconds']:,.0f} | "
              f"{r['bytes'] / 1e6:,.0f} | {r['held_mib']:,.0f} | {r['peak_mib']:,.0f} |")
    print(f"\nmachine load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()
