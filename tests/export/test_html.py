"""graph.html opened in real headless Chromium with the network off, on the seed and on a larger corpus.

What the page draws is read from vis-network's own drawn items (``network.body``),
and compared with what the build wrote to ``graph.json`` and ``relations.csv``:
the first view, each filter, the search and the side panels are driven as a
reader would, through the page's controls and the mouse.
"""

from __future__ import annotations

import contextlib
import csv
import json
import random
import shutil

import pytest

from graphkit.cli import app
from graphkit.export.html import FIRST_VIEW, render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def needs_chromium(test):
    """Mark a test as a browser test, skipped where Debian's Chromium is missing."""
    skip = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (apt-get install chromium)")
    return pytest.mark.browser(skip(test))


# A corpus of 220 people (more than the first view holds), declared with an alias each, who meet,
# praise, criticise and attack each other over a year of dated JSONL articles.
FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hamid", "Ines", "Jonas", "Katya",
         "Luis", "Mira", "Nikolai", "Olga"]
LAST = ["Petrova", "Quint", "Rossi", "Sato", "Torres", "Ulrich", "Varga", "Weber", "Yilmaz", "Zorin", "Adler",
        "Brandt", "Costa", "Dumas", "Eklund"]
PEOPLE = [f"{first} {last}" for last in LAST for first in FIRST][:220]
VERBS = ["met", "praised", "criticised", "attacked", "thanked", "accused", "visited", "threatened"]


def _larger_corpus(root):
    rng = random.Random(10)
    weights = [1 / (k + 1) ** 0.6 for k in range(len(PEOPLE))]
    lines = []
    for d in range(60):
        sentences = []
        for _ in range(10):
            a, b = rng.choices(range(len(PEOPLE)), weights, k=2)
            if a != b:
                name_a = PEOPLE[a] if rng.random() < 0.8 else " ".join(reversed(PEOPLE[a].split()))
                sentences.append(f"{name_a} {rng.choice(VERBS)} {PEOPLE[b]}.")
        sentences += [f"{person} spoke." for person in PEOPLE[d::60]]  # everyone is mentioned somewhere
        lines.append(json.dumps({"id": f"day-{d:02d}", "title": f"Day {d}", "date": f"2005-{1 + d // 5:02d}-{1 + d % 5 * 5:02d}",
                                 "text": " ".join(sentences)}))
    (root / "news").mkdir()
    (root / "news" / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    aliases = "".join(f'[[entity]]\nname = "{p}"\ntype = "PERSON"\naliases = ["{" ".join(reversed(p.split()))}"]\n\n'
                      for p in PEOPLE)
    (root / "aliases.toml").write_text(aliases, encoding="utf-8")


@pytest.fixture(scope="module")
def larger_output(tmp_path_factory, runner):
    """`graphkit build` of the 220-people corpus; removed afterwards."""
    root = tmp_path_factory.mktemp("larger")
    _larger_corpus(root)
    result = runner.invoke(app, ["build", str(root / "news"), "-o", str(root / "out"),
                                 "--aliases", str(root / "aliases.toml"), "-q"])
    assert result.exit_code == 0, result.output
    yield root / "out"
    shutil.rmtree(root)


class Built:
    """What a build wrote, read back: nodes from graph.json, statements from relations.csv."""

    def __init__(self, out):
        data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        self.nodes = {node["id"]: node for node in data["nodes"]}
        self.actors = {i for i, node in self.nodes.items() if node["type"] in ACTOR_TYPES}
        with (out / "relations.csv").open(encoding="utf-8", newline="") as handle:
            self.statements = [row for row in csv.DictReader(handle) if row["subject_id"] and row["object_id"]]

    def ranked(self, ids):
        return sorted(ids, key=lambda i: (-self.nodes[i]["mentions"], self.nodes[i]["label"], i))

    def pairs(self, shown, keep=lambda row: True):
        return {frozenset((r["subject_id"], r["object_id"])) for r in self.statements
                if r["subject_id"] in shown and r["object_id"] in shown and keep(r)}

    def concepts_of(self, actors):
        return {end for r in self.statements for a, end in ((r["subject_id"], r["object_id"]), (r["object_id"], r["subject_id"]))
                if a in actors and end not in self.actors}


@pytest.fixture(scope="module")
def chromium_browser():
    """One headless Chromium for the module (each test gets its own offline context)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def opened(browser, html_path, init_script=None):
    """The page in a fresh offline context, drawn; yields (page, problems).

    problems collects dialogs, page errors, console errors and every request
    other than the page itself (each aborted).
    """
    own = html_path.as_uri()
    problems: dict[str, list[str]] = {"dialogs": [], "errors": [], "requests": []}

    def only_the_page(route):
        if route.request.url == own:
            route.continue_()
        else:
            problems["requests"].append(route.request.url)
            route.abort()

    def dialog(d):
        problems["dialogs"].append(d.message)
        d.dismiss()

    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 1000})
    try:
        context.route("**/*", only_the_page)
        page = context.new_page()
        page.on("dialog", dialog)
        page.on("pageerror", lambda error: problems["errors"].append(str(error)))
        page.on("console", lambda message: problems["errors"].append(message.text) if message.type == "error" else None)
        if init_script:
            page.add_init_script(init_script)
        page.goto(own)
        page.wait_for_function("document.body.dataset.ready === 'true'", timeout=30000)
        if page.locator("#physics").is_checked():
            page.locator("#physics").uncheck()  # hold the nodes still for the mouse
        yield page, problems
    finally:
        context.close()


def drawn(page) -> tuple[set[str], set[frozenset[str]]]:
    """The node ids and the (unordered) node pairs of the edges vis-network has drawn."""
    found = page.evaluate("""() => ({
        nodes: network.body.nodeIndices.slice(),
        edges: network.body.edgeIndices.map(id => [network.body.edges[id].fromId, network.body.edges[id].toId]),
    })""")
    return set(found["nodes"]), {frozenset(pair) for pair in found["edges"]}


def set_slider(page, selector, value):
    """Move a range input to `value` with the keyboard, as a reader would."""
    slider = page.locator(selector)
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(value - 1):
        page.keyboard.press("ArrowRight")
    assert slider.input_value() == str(value)


_EDGE_POINT = """id => {
  const rect = network.canvas.frame.canvas.getBoundingClientRect(), body = network.body;
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75]) {
    const dom = network.canvasToDOM(body.edges[id].edgeType.getPoint(t)), c = network.DOMtoCanvas(dom);
    const box = {left: c.x, top: c.y, right: c.x, bottom: c.y};
    if (body.nodeIndices.every(n => !body.nodes[n].isOverlappingWith(box))
        && body.edgeIndices.filter(e => body.edges[e].isOverlappingWith(box)).join() === id) {
      return {x: Math.round(rect.left + dom.x), y: Math.round(rect.top + dom.y)};
    }
  }
  return null;
}"""
_NODE_POINT = """id => {
  const rect = network.canvas.frame.canvas.getBoundingClientRect(), dom = network.canvasToDOM(network.getPositions([id])[id]);
  return {x: Math.round(rect.left + dom.x), y: Math.round(rect.top + dom.y)};
}"""


def click_edge(page, a, b):
    """Click the middle of the edge between nodes a and b."""
    edge_id = page.evaluate("([a, b]) => edges.get().find(e => (e.from === a && e.to === b) || (e.from === b && e.to === a)).id", [a, b])
    point = page.evaluate(_EDGE_POINT, edge_id)
    assert point is not None, f"no point on the canvas hits the edge {a} -- {b} alone"
    page.mouse.click(point["x"], point["y"])


def click_node(page, node_id):
    point = page.evaluate(_NODE_POINT, node_id)
    page.mouse.click(point["x"], point["y"])


def test_page_links_nothing_outside_itself(seed_output):
    page = (seed_output / "graph.html").read_text(encoding="utf-8")
    assert 'src="' not in page and "<link" not in page and "@import" not in page
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert "vis.Network" in page and "@version 9.1.2" in page  # vis-network from pyvis, inlined


def test_page_is_reproducible(seed_graph, seed_output):
    assert render_html(seed_graph) == render_html(seed_graph) == (seed_output / "graph.html").read_text(encoding="utf-8")


def page_data_of(html_path) -> dict:
    """The graph the page carries, read from its JSON element."""
    page = html_path.read_text(encoding="utf-8")
    return json.loads(page.split('<script type="application/json" id="graph-data">', 1)[1].split("</script>", 1)[0])


def test_actors_are_drawn_where_the_gexf_puts_them(seed_output):
    # one layout for every export: the page's actors sit where Gephi draws them, and every concept of an actor is placed
    from tests.export.test_gexf import read_gexf

    built = Built(seed_output)
    placed = {node["id"]: (node["x"], node["y"]) for node in page_data_of(seed_output / "graph.html")["nodes"]}
    _, gexf_nodes, _ = read_gexf(seed_output / "graph.gexf")
    assert built.actors and {a: placed[a] for a in built.actors} == {a: gexf_nodes[a]["position"] for a in built.actors}
    assert set(placed) == built.actors | built.concepts_of(built.actors)


@needs_chromium
def test_seed_opens_on_the_actor_graph_and_each_filter_hides_what_it_should(chromium_browser, seed_output):
    built = Built(seed_output)
    concepts = built.concepts_of(built.actors)
    with opened(chromium_browser, seed_output / "graph.html") as (page, problems):
        first = drawn(page)
        summary = page.locator("#summary").text_content()
        page.locator("#show-concepts").check()
        with_concepts = drawn(page)
        page.locator("#show-concepts").uncheck()
        page.locator("#types input[value=PERSON]").uncheck()
        no_people = drawn(page)
        page.locator("#types input[value=PERSON]").check()
        page.locator("#events-none").click()
        page.locator("#events input[value=CONSULT]").check()
        consult_only = drawn(page)
        page.locator("#events-all").click()
        set_slider(page, "#min-mentions", 3)
        mentioned = drawn(page)
        canvas = page.locator("#network canvas").bounding_box()
    assert problems == {"dialogs": [], "errors": [], "requests": []}
    assert canvas["width"] > 600 and canvas["height"] > 500
    assert summary == f"1 document · {len(built.actors)} actors · {len(built.nodes) - len(built.actors)} concepts · " \
                      f"{len(built.statements)} statements"

    assert first == (built.actors, built.pairs(built.actors))
    assert {"person/putin", "person/tillerson", "person/trump", "person/bashar-al-assad"} <= first[0]
    assert frozenset(("person/putin", "person/tillerson")) in first[1]

    assert concepts and with_concepts == (built.actors | concepts, built.pairs(built.actors | concepts))

    people = {i for i in built.actors if built.nodes[i]["type"] == "PERSON"}
    assert people and no_people == (built.actors - people, built.pairs(built.actors - people))

    consulting = built.pairs(built.actors, lambda r: r["event"] == "CONSULT")
    assert consulting and consult_only == ({i for pair in consulting for i in pair}, consulting)

    frequent = {i for i in built.actors if built.nodes[i]["mentions"] >= 3}
    assert 0 < len(frequent) < len(built.actors)
    assert mentioned == (frequent, built.pairs(frequent))


@needs_chromium
def test_seed_search_by_alias_focuses_and_highlights_the_neighbourhood_with_its_concepts(chromium_browser, seed_output):
    built = Built(seed_output)
    assad = "person/bashar-al-assad"
    assert "Assad" in built.nodes[assad]["aliases"].split("|") and built.nodes[assad]["label"] != "Assad"
    concepts = built.concepts_of({assad})
    opened_up = built.actors | concepts
    neighbours = {end for pair in built.pairs(opened_up) if assad in pair for end in pair}
    with opened(chromium_browser, seed_output / "graph.html") as (page, problems):
        first = drawn(page)
        page.locator("#search").fill("assad")
        suggested = page.locator("#matches li").first.text_content()
        page.locator("#search").press("Enter")
        selected = page.evaluate("network.getSelectedNodes()")
        centre = page.evaluate("network.getViewPosition()")
        where = page.evaluate(f"network.getPositions(['{assad}'])['{assad}']")
        focused = drawn(page)
        bright = set(page.evaluate("nodes.get().filter(n => n.color !== 'rgba(200,200,200,0.35)').map(n => n.id)"))
        panel = page.locator("#panel-body h2").text_content()
        page.keyboard.press("Escape")
        after = page.evaluate("nodes.get().filter(n => n.color === 'rgba(200,200,200,0.35)').length")
        back = drawn(page)
    assert problems == {"dialogs": [], "errors": [], "requests": []}
    assert suggested.startswith("Bashar al-Assad (Assad)")
    assert selected == [assad]
    assert abs(centre["x"] - where["x"]) < 1 and abs(centre["y"] - where["y"]) < 1
    assert concepts and focused == (opened_up, built.pairs(opened_up))
    assert bright == neighbours and concepts < neighbours and neighbours & built.actors - {assad}
    assert panel == "Bashar al-Assad"
    assert after == 0 and back == first == (built.actors, built.pairs(built.actors))


@needs_chromium
def test_seed_side_panels_show_the_evidence(chromium_browser, seed_output):
    built = Built(seed_output)
    between = [r for r in built.statements if {r["subject_id"], r["object_id"]} == {"person/putin", "person/tillerson"}]
    of_putin = [r for r in built.statements if "person/putin" in (r["subject_id"], r["object_id"])]
    with opened(chromium_browser, seed_output / "graph.html") as (page, problems):
        click_edge(page, "person/putin", "person/tillerson")
        edge_panel = page.locator("#panel-body").inner_text()
        edge_quotes = page.locator("#panel-body blockquote").all_text_contents()
        click_node(page, "person/putin")
        node_title = page.locator("#panel-body h2").text_content()
        node_panel = page.locator("#panel-body").inner_text()
        node_headings = page.locator("#panel-body h3").all_text_contents()
        node_quotes = page.locator("#panel-body blockquote").all_text_contents()
    assert problems == {"dialogs": [], "errors": [], "requests": []}
    assert len(between) >= 2 and sorted(edge_quotes) == sorted(r["sentence"] for r in between)
    assert f"{len(between)} statements" in edge_panel
    for r in between:
        assert f"confidence {float(r['confidence']):.2f}" in edge_panel
    assert "us-russia-relations-2017.txt" in edge_panel and "consult" in edge_panel
    assert node_title == "Putin"
    assert sorted(node_quotes) == sorted(r["sentence"] for r in of_putin)
    assert f"Relations ({len(of_putin)})" in node_headings and "us-russia-relations-2017.txt" in node_panel


@needs_chromium
def test_larger_graph_shows_the_most_mentioned_first_then_more_and_filters_by_date(chromium_browser, larger_output):
    built = Built(larger_output)
    ranked = built.ranked(built.actors)
    assert len(ranked) > FIRST_VIEW
    march = lambda r: "2005-03-01" <= r["date"] <= "2005-04-30"  # noqa: E731
    in_march = built.pairs(built.actors, march)
    with opened(chromium_browser, larger_output / "graph.html") as (page, problems):
        physics = page.evaluate("network.physics.options.enabled")
        first = drawn(page)
        shown_text = page.locator("#shown").text_content()
        page.locator("#show-more").click()
        everyone = drawn(page)
        more_disabled = page.locator("#show-more").is_disabled()
        page.locator("#date-from").fill("2005-03-01")
        page.locator("#date-to").fill("2005-04-30")
        dated = drawn(page)
        page.locator("#search").fill("Weber Olga")
        page.locator("#search").press("Enter")
        selected = page.evaluate("network.getSelectedNodes()")
        kept = drawn(page)
        quotes = page.locator("#panel-body blockquote").all_text_contents()
    assert problems == {"dialogs": [], "errors": [], "requests": []}
    assert physics is False
    top = set(ranked[:FIRST_VIEW])
    assert first == (top, built.pairs(top))
    assert shown_text.startswith(f"showing {FIRST_VIEW} of {len(ranked)} actors")
    assert everyone == (built.actors, built.pairs(built.actors)) and more_disabled
    assert in_march and dated == ({i for pair in in_march for i in pair}, in_march)
    olga = next(i for i, node in built.nodes.items() if node["label"] == "Olga Weber")
    assert selected == [olga] and olga in kept[0]
    assert sorted(quotes) == sorted(r["sentence"] for r in built.statements if olga in (r["subject_id"], r["object_id"]))
