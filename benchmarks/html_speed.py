"""Time until graph.html is interactive in headless Chromium, graphkit's page against a default pyvis page.

    python benchmarks/html_speed.py [--sizes 1000 5000] [--corpus ../shared/data/bbc-politics-dev]
                                    [--pages graphkit pyvis] [--timeout 600] [--settle 600]

For each size a synthetic graph is made with that many nodes and about twice as many
edges: a quarter of the nodes are actors (mentions falling off like a Zipf law), the
rest concepts, each linked to an actor; the other statements join random actors,
with random event types, intensities and dates. ``--corpus`` adds the graph that
``graphkit build`` makes of a real folder (read from there, nothing copied).

Each graph is written twice: graphkit's ``graph.html`` (:func:`graphkit.export.html.render_html`)
and the page a pyvis user gets by default: ``Network(directed=True, cdn_resources="in_line")``
(pyvis's default ``local`` fetches vis-network from a CDN, which an offline browser cannot)
with every node and edge added (label, type colour, size from mentions, tooltip), physics as
pyvis sets it. Both are opened from ``file://`` in Debian's Chromium with the network
blocked (pyvis's Bootstrap links are refused at once). An init script watches the page's
``network`` variable and records, from navigation start:

* **drawn**: vis-network's first ``afterDrawing``;
* **interactive**: the next task after it runs, i.e. the main thread is free for input;
* **settled** (pyvis): the ``stabilized`` event, when physics stops moving the nodes.

For graphkit's page, **all** is the time from ticking "concepts" and clicking "show all"
until every node is drawn and the page is free again.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from graphkit.export.html import render_html
from graphkit.export.style import node_colour, node_size
from graphkit.graph import KnowledgeGraph
from graphkit.types import Argument, Document, Entity, Mention, Provenance, Relation, Triple

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
EVENTS = {"CONSULT": 1.0, "AGREE": 3.0, "SUPPORT": 3.4, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0,
          "ASSAULT": -9.0, "STATEMENT": 0.0, "OTHER": None}
ACTOR_TYPES = ["PERSON", "ORG", "GPE", "NORP"]
_WATCH = """
window.__t = {};
(function () {
  let held;
  Object.defineProperty(window, "network", {configurable: true, get() { return held; }, set(value) {
    held = value;
    value.once("afterDrawing", () => { __t.drawn = performance.now(); setTimeout(() => { __t.interactive = performance.now(); }, 0); });
    value.once("stabilized", () => { __t.settled = performance.now(); });
  }});
})();
"""
_SHOW_ALL = """async () => {
  const start = performance.now();
  const done = new Promise(resolve => network.once("afterDrawing", () => setTimeout(resolve, 0)));
  document.getElementById("show-concepts").click();
  document.getElementById("show-all").click();
  await done;
  return {ms: performance.now() - start, nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length};
}"""


def synthetic_graph(size: int, seed: int = 1) -> KnowledgeGraph:
    """A graph of `size` nodes and about 2 x `size` statements between distinct pairs."""
    rng = random.Random(seed)
    actors = size // 4
    docs = [Document(id=f"doc-{d:04d}.txt", text="", date=f"2005-{1 + d % 12:02d}-{1 + d % 28:02d}")
            for d in range(max(1, size // 10))]
    entities = []
    for i in range(size):
        kind = ACTOR_TYPES[i % len(ACTOR_TYPES)] if i < actors else "CONCEPT"
        label = f"{kind.title()} {i:05d}"
        count = max(1, int(200 / (i + 1) ** 0.8)) if i < actors else 1
        doc = docs[i % len(docs)].id
        mentions = tuple(Mention(doc_id=doc, start=0, end=len(label), text=label, label=kind) for _ in range(count))
        entities.append(Entity(id=f"{kind.lower()}/{i:05d}", label=label, type=kind, mentions=mentions,
                               aliases=((label, count),)))
    pairs: set[tuple[int, int]] = set()
    for concept in range(actors, size):
        pairs.add((rng.randrange(actors), concept))
    while len(pairs) < 2 * size:
        a, b = rng.randrange(actors), rng.randrange(actors)
        if a != b and (b, a) not in pairs:
            pairs.add((a, b))
    relations = []
    for n, (a, b) in enumerate(sorted(pairs)):
        event = rng.choice(list(EVENTS)) if b < actors else ""
        doc = docs[n % len(docs)]
        sentence = f"{entities[a].label} did something to {entities[b].label} (statement {n})."
        provenance = Provenance(doc_id=doc.id, sentence=sentence, sentence_start=0, sentence_end=len(sentence),
                                extractor="synthetic")
        subject = Argument(entities[a].label, 0, 1, 0, 1)
        target = Argument(entities[b].label, 2, 3, 2, 3)
        triple = Triple(subject=subject, relation="did something to", args=(target,), confidence=0.8,
                        provenance=provenance, relation_lemma="do")
        relations.append(Relation(triple=triple, subject_id=entities[a].id, object_id=entities[b].id,
                                  event=event, intensity=EVENTS.get(event), date=doc.date))
    return KnowledgeGraph(documents=tuple(docs), entities=tuple(entities), relations=tuple(relations))


def pyvis_page(graph: KnowledgeGraph) -> str:
    """The page pyvis writes by default for the same nodes and edges."""
    net = Network(directed=True, cdn_resources="in_line")
    nx_graph = graph.to_networkx()
    for node_id, data in nx_graph.nodes(data=True):
        net.add_node(node_id, label=data["label"], title=f"{data['label']} ({data['type']})",
                     color=node_colour(data["type"]), size=node_size(data["type"], data["mentions"]))
    for source, target, data in nx_graph.edges(data=True):
        net.add_edge(source, target, label=data["relation"], title=data["evidence"][:200], width=1 + math.log1p(data["weight"]))
    return net.generate_html()


def measure(browser, path: Path, timeout: float, show_all: bool, settle: float = 0) -> dict:
    """Open the page offline and return the recorded times in milliseconds.

    Waits up to `timeout` seconds for the first drawing, then (unless `show_all`)
    up to `settle` more for physics to settle.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    own = path.as_uri()
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 1000})
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url == own else route.abort())
        page = context.new_page()
        page.add_init_script(_WATCH)
        page.goto(own, timeout=timeout * 1000)
        found = {}
        try:
            page.wait_for_function("window.__t && __t.interactive !== undefined", timeout=timeout * 1000, polling=100)
            found = page.evaluate("__t")
            found["drawn_nodes"] = page.evaluate("network.body.nodeIndices.length")
            if show_all:
                found["all"] = page.evaluate(_SHOW_ALL)
            else:
                page.wait_for_function("__t.settled !== undefined", timeout=settle * 1000, polling=500)
                found.update(page.evaluate("__t"))
        except PlaywrightTimeout:
            found.update(page.evaluate("window.__t || {}"))
        return found
    finally:
        context.close()


def seconds(value) -> str:
    return "-" if value is None else f"{value / 1000:.2f} s"


def graphkit_row(browser, graph: KnowledgeGraph, path: Path, name: str, timeout: float) -> str:
    started = time.perf_counter()
    path.write_text(render_html(graph), encoding="utf-8")
    written = time.perf_counter() - started
    t = measure(browser, path, timeout, show_all=True)
    every = t.get("all", {})
    return (f"| {name} | graphkit | {written:.2f} s | {path.stat().st_size / 1e6:.1f} MB | {seconds(t.get('drawn'))} | "
            f"{seconds(t.get('interactive'))} | {t.get('drawn_nodes', 0):,} first; all {every.get('nodes', 0):,} nodes "
            f"and {every.get('edges', 0):,} edges in {seconds(every.get('ms'))} more | - |")


def pyvis_row(browser, graph: KnowledgeGraph, path: Path, name: str, timeout: float, settle: float) -> str:
    path.write_text(pyvis_page(graph), encoding="utf-8")
    t = measure(browser, path, timeout, show_all=False, settle=settle)
    if "drawn" not in t:
        return f"| {name} | pyvis default | - | {path.stat().st_size / 1e6:.1f} MB | not within {timeout:.0f} s | - | - | - |"
    settled = seconds(t["settled"]) if "settled" in t else f"not within {settle:.0f} s more"
    return (f"| {name} | pyvis default | - | {path.stat().st_size / 1e6:.1f} MB | {seconds(t.get('drawn'))} | "
            f"{seconds(t.get('interactive'))} | {t.get('drawn_nodes', 0):,} | {settled} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--corpus", type=Path, help="also time the graph `graphkit build` makes of this folder")
    parser.add_argument("--pages", nargs="*", choices=["graphkit", "pyvis"], default=["graphkit", "pyvis"])
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for a page's first drawing")
    parser.add_argument("--settle", type=float, default=600, help="seconds to wait after it for pyvis's physics to settle")
    args = parser.parse_args()
    if CHROMIUM is None:
        sys.exit("Debian's chromium is needed (apt-get install chromium)")
    graphs = [(f"synthetic {size:,}", synthetic_graph(size)) for size in args.sizes]
    if args.corpus:
        from graphkit import build

        graphs.append((args.corpus.name, build([args.corpus])))
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            for name, graph in graphs:
                size = f"{len(graph.nodes()):,} nodes, {len(graph.edges()):,} edges"
                if "graphkit" in args.pages:
                    rows.append(graphkit_row(browser, graph, Path(tmp) / "graphkit.html", f"{name} ({size})", args.timeout))
                    print(rows[-1], flush=True)
                if "pyvis" in args.pages:
                    rows.append(pyvis_row(browser, graph, Path(tmp) / "pyvis.html", f"{name} ({size})", args.timeout, args.settle))
                    print(rows[-1], flush=True)
        finally:
            browser.close()
    print()
    print("| graph | page | write | size | drawn | interactive | nodes drawn | physics settled |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
