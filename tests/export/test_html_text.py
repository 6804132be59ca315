"""graph.html shows names, aliases and sentences as text, whatever they hold.

Hostile sentences and an aliases file with hostile names go through the real
CLI and spaCy model; the page is opened in headless Chromium and the mouse
hovers every node and edge, as a reader would. Nothing may run, load or be
inserted, and every tooltip must show the raw text. The seed's tooltips still
show aliases and evidence.
"""

from __future__ import annotations

import contextlib
import json
import shutil

import pytest

from graphkit.cli import app
from graphkit.export.html import render_html
from tests.export.test_html import CHROMIUM, FLAGS

HOSTILE_NEWS = """\
The <img src=x onerror=alert(6)> agreement angered Trump.

Putin praised the href plan.

Ahrefs hired John Smith after the </script><script>alert(1)</script> scandal.

Lavrov met Tillerson in <a href="javascript:alert(3)">Moscow</a> and <svg onload=alert(2)> hailed the Kremlin.

The href <img src=http://127.0.0.1:9/leak onerror=alert(13)> praised Tillerson.

Mr <script>alert(14)</script> <svg onload=alert(17)> javascript:alert(18) later thanked Lavrov.
"""
HOSTILE_NAME = "Vladimir <svg onload=alert(11)> <a href=javascript:alert(16)>Putin</a></script><script>alert(12)</script>"
HOSTILE_ALIAS = "Mr <script>alert(14)</script> <svg onload=alert(17)> javascript:alert(18)"
CODE_NAME = "Ahrefs network = new vis.Network(container, data, options); alert(15)"  # the line graphkit adds code before
HOSTILE_ID = "person/vladimir-svg-onload-alert-11-a-href-javascript-alert-16-putin-a-script-script-alert-12-script"
HOSTILE_ALIASES = f"""\
[[entity]]
name = {json.dumps(HOSTILE_NAME)}
type = "PERSON"
aliases = ["Putin", "The href <img src=http://127.0.0.1:9/leak onerror=alert(13)>", {json.dumps(HOSTILE_ALIAS)}]

[[entity]]
name = {json.dumps(CODE_NAME)}
type = "ORG"
aliases = ["Ahrefs"]
"""
# Each must reach some tooltip verbatim: in a sentence, a name or an alias.
PAYLOADS = [
    "<img src=x onerror=alert(6)>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(3)">Moscow</a>',
    "<svg onload=alert(2)>",
    HOSTILE_NAME,
    "The href <img src=http://127.0.0.1:9/leak onerror=alert(13)>",
    HOSTILE_ALIAS,
    "href plan",
    CODE_NAME,
]
ACTIVE = "img, svg, script, iframe, object, embed, a, link, style, base, form, video, audio"

_OBSERVER = """
window.__added = [];
new MutationObserver(function (records) {
  records.forEach(function (record) {
    record.addedNodes.forEach(function (node) {
      if (node.nodeType !== 1) return;
      [node].concat(Array.from(node.querySelectorAll("*"))).forEach(function (element) {
        window.__added.push(element.tagName);
      });
    });
  });
}).observe(document, {childList: true, subtree: true});
"""
# Where the mouse must rest for vis-network's hover to pick this node or edge and nothing else:
# its own test (a node's shape, or within 10 canvas units of an edge's curve), checked
# around the point, on whole pixels as the mouse really lands.
_POINTS = """
function pagePoint(canvasPoint) {
  const rect = network.canvas.frame.canvas.getBoundingClientRect();
  const dom = network.canvasToDOM(canvasPoint);
  return {x: Math.round(rect.left + dom.x), y: Math.round(rect.top + dom.y), left: rect.left, top: rect.top};
}
function under(page) {
  const dom = {x: page.x - page.left, y: page.y - page.top}, c = network.DOMtoCanvas(dom);
  const box = {left: c.x, top: c.y, right: c.x, bottom: c.y}, body = network.body;
  return {
    nodes: body.nodeIndices.filter(id => body.nodes[id].isOverlappingWith(box)),
    edges: body.edgeIndices.filter(id => body.edges[id].isOverlappingWith(box)),
  };
}
function only(page, check) {
  return [[0, 0], [2, 0], [-2, 0], [0, 2], [0, -2]].every(([dx, dy]) => check(under({...page, x: page.x + dx, y: page.y + dy})));
}
"""
_NODE_POINT = "id => {" + _POINTS + """
  const centre = network.getPositions([id])[id], radius = network.body.nodes[id].shape.width / 2;
  for (const r of [0, 0.3, 0.6]) {
    for (const a of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const page = pagePoint({x: centre.x + r * radius * Math.cos(a * Math.PI / 4), y: centre.y + r * radius * Math.sin(a * Math.PI / 4)});
      if (only(page, hit => hit.nodes.join() === id)) return {x: page.x, y: page.y};
    }
  }
  return null;
}"""
_EDGE_POINT = "id => {" + _POINTS + """
  const edge = network.body.edges[id];
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75]) {
    const page = pagePoint(edge.edgeType.getPoint(t));
    if (only(page, hit => hit.nodes.length === 0 && hit.edges.join() === id)) return {x: page.x, y: page.y};
  }
  return null;
}"""
_BLANK_POINT = "() => {" + _POINTS + """
  const rect = network.canvas.frame.canvas.getBoundingClientRect();
  for (let y = rect.top + 5; y < rect.bottom; y += 20) {
    for (let x = rect.left + 5; x < rect.right; x += 20) {
      const page = {x: Math.round(x), y: Math.round(y), left: rect.left, top: rect.top};
      if (document.elementFromPoint(page.x, page.y) === network.canvas.frame.canvas
          && only(page, hit => hit.nodes.length === 0 && hit.edges.length === 0)) return {x: page.x, y: page.y};
    }
  }
  return null;
}"""
_TOOLTIP = """() => {
  const frame = document.querySelector("div.vis-tooltip");
  if (!frame || getComputedStyle(frame).visibility !== "visible" || getComputedStyle(frame).display === "none") return null;
  return {text: frame.textContent, elements: Array.from(frame.querySelectorAll("*")).map(e => e.tagName)};
}"""


@pytest.fixture(scope="module")
def hostile_output(tmp_path_factory, runner):
    """`graphkit build` of the hostile news with the hostile aliases; removed afterwards."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "news").mkdir()
    (root / "news" / "hostile.txt").write_text(HOSTILE_NEWS, encoding="utf-8")
    (root / "aliases.toml").write_text(HOSTILE_ALIASES, encoding="utf-8")
    result = runner.invoke(app, ["build", str(root / "news"), "-o", str(root / "out"),
                                 "--aliases", str(root / "aliases.toml"), "-q"])
    assert result.exit_code == 0, result.output
    yield root / "out"
    shutil.rmtree(root)


@contextlib.contextmanager
def opened(html_path, profile):
    """The page in headless Chromium, drawn and held still; yields (page, problems).

    problems collects dialogs, page errors and every request other than the
    page itself (each aborted). Tooltips show without vis-network's 300 ms
    delay, to keep the hovers fast.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

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

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, offline=True,
            viewport={"width": 1400, "height": 1000})
        try:
            context.route("**/*", only_the_page)
            page = context.new_page()
            page.on("dialog", dialog)
            page.on("pageerror", lambda error: problems["errors"].append(str(error)))
            page.add_init_script(_OBSERVER)
            page.goto(own)
            try:
                page.wait_for_function("typeof network !== 'undefined' && network.physics.ready", timeout=15000)
            except PlaywrightTimeout:
                pytest.fail(f"the page never drew a stable network: {problems}")
            page.evaluate("network.setOptions({interaction: {tooltipDelay: 0}}); network.stopSimulation(); network.fit()")
            yield page, problems
        finally:
            context.close()


def hover(page, point_js, item_id, expected, required=True):
    """Rest the mouse on a node or edge; the tooltip it shows once that holds `expected`.

    None when no point of the canvas shows this item alone and `required` is false.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    point = page.evaluate(point_js, item_id)
    if point is None and not required:
        return None
    assert point is not None, f"no point on the canvas hits {item_id} alone"
    blank = page.evaluate(_BLANK_POINT)
    page.mouse.move(blank["x"], blank["y"])
    page.wait_for_function(f"!({_TOOLTIP})()", timeout=3000)
    page.mouse.move(point["x"], point["y"], steps=4)
    try:
        handle = page.wait_for_function(
            f"expected => {{ const t = ({_TOOLTIP})(); return t && t.text.includes(expected) ? t : null; }}",
            arg=expected, timeout=3000)
    except PlaywrightTimeout:
        pytest.fail(f"hovering {item_id} at {point} showed {page.evaluate(_TOOLTIP)}, not {expected!r}")
    return handle.json_value()


def page_edge_ids(page) -> dict[tuple[str, str, str], str]:
    """(source, relation, target) -> the edge's id in the page (vis-network makes them up)."""
    edges = page.evaluate("edges.get().map(e => ({id: e.id, from: e.from, label: e.label, to: e.to}))")
    return {(e["from"], e["label"], e["to"]): e["id"] for e in edges}


def node_lines(node: dict) -> list[str]:
    """What a node's tooltip says: its name, then its aliases."""
    lines = [node["label"]]
    if node["aliases"]:
        lines.append("also: " + node["aliases"].replace("|", ", "))
    return lines


def edge_lines(link: dict) -> list[str]:
    """What an edge's tooltip says: its evidence sentences, one a line."""
    return ["- " + sentence for sentence in link["evidence"].split(" | ")[:5]]


def _active_elements(page) -> dict[str, int]:
    return page.evaluate(f"""() => {{
        const counts = {{}};
        document.querySelectorAll("{ACTIVE}").forEach(e => {{ counts[e.tagName] = (counts[e.tagName] || 0) + 1; }});
        return counts;
    }}""")


def test_hostile_text_is_escaped_in_the_page_source(hostile_output):
    page = (hostile_output / "graph.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in page
    assert "\\u003c/a\\u003e\\u003c/script\\u003e\\u003cscript\\u003ealert(12)" in page
    assert "innerHTML = nodeData" not in page and "div.popup" not in page  # pyvis's tooltip_link template


def test_hostile_page_is_reproducible(hostile_output):
    from graphkit import build

    graph = build([hostile_output.parent / "news"], aliases=hostile_output.parent / "aliases.toml")
    assert render_html(graph) == render_html(graph) == (hostile_output / "graph.html").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (apt-get install chromium)")
def test_hovering_hostile_text_runs_nothing_and_shows_it_raw(hostile_output, seed_output, tmp_path):
    from playwright.sync_api import expect

    data = json.loads((hostile_output / "graph.json").read_text(encoding="utf-8"))
    with opened(seed_output / "graph.html", tmp_path / "seed") as (page, _):
        harmless = _active_elements(page)
    with opened(hostile_output / "graph.html", tmp_path / "hostile") as (page, problems):
        loaded = _active_elements(page)
        added_at_load = page.evaluate("window.__added.length")
        labels = page.evaluate("nodes.get().map(n => n.label)")
        shown = {node["id"]: hover(page, _NODE_POINT, node["id"], node["label"]) for node in data["nodes"]}
        edge_ids = page_edge_ids(page)
        for link in data["links"]:
            if link["source"] != link["target"]:  # a loop has no point of its own on the canvas
                edge = (link["source"], link["relation"], link["target"])
                shown[edge] = hover(page, _EDGE_POINT, edge_ids[edge], edge_lines(link)[0])
        blank = page.evaluate(_BLANK_POINT)
        page.mouse.move(blank["x"], blank["y"])  # no tooltip left over the menu
        search = page.locator("#select-node + .ts-wrapper .ts-control input")
        page.locator("#select-node + .ts-wrapper .ts-control").click()
        search.focus()
        search.press_sequentially("vladimir", delay=20)
        expect(page.locator(".ts-dropdown .option")).to_have_text([HOSTILE_ID])  # the id as text
        page.keyboard.press("Enter")
        highlighted = page.evaluate("nodes.get().filter(n => n.color === 'rgba(200,200,200,0.5)').length")
        shown["after the search menu"] = hover(page, _NODE_POINT, HOSTILE_ID, HOSTILE_NAME)
        added = page.evaluate(f"window.__added.slice({added_at_load})")
        after = _active_elements(page)

    assert problems == {"dialogs": [], "errors": [], "requests": []}
    assert loaded == after == harmless  # the same scripts and styles as the seed's page, nothing more
    assert set(added) <= {"DIV", "SPAN", "OPTION"}, added  # tooltip boxes and tom-select's menu
    assert HOSTILE_NAME in labels and "<img src=x onerror=alert(6)> agreement" in labels
    assert highlighted > 0
    for tooltip in shown.values():
        assert tooltip["elements"] == ["DIV"]  # the one text box: nothing in the data became an element
    for node in data["nodes"]:
        lines = shown[node["id"]]["text"].split("\n")
        assert lines[0] == node["label"] and set(node_lines(node)) <= set(lines)
    for link in data["links"]:
        if link["source"] != link["target"]:
            assert set(edge_lines(link)) <= set(shown[(link["source"], link["relation"], link["target"])]["text"].split("\n"))
    everything = "\n".join(tooltip["text"] for tooltip in shown.values())
    for payload in PAYLOADS:
        assert payload in everything, payload
    putin = next(node for node in data["nodes"] if node["id"] == HOSTILE_ID)
    assert shown[HOSTILE_ID]["text"] == shown["after the search menu"]["text"] == (
        f"{HOSTILE_NAME}\ntype: person\nmentions: {putin['mentions']}\n"
        f"also: {HOSTILE_ALIAS}, Putin, The href <img src=http://127.0.0.1:9/leak onerror=alert(13)>")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (apt-get install chromium)")
def test_seed_tooltips_show_aliases_and_evidence(seed_output, tmp_path):
    data = json.loads((seed_output / "graph.json").read_text(encoding="utf-8"))
    actors = {node["id"]: node for node in data["nodes"] if node["type"] != "CONCEPT"}
    named = [node for node in actors.values() if node["aliases"]]
    between_actors = [link for link in data["links"]
                      if link["source"] in actors and link["target"] in actors and link["source"] != link["target"]]
    with opened(seed_output / "graph.html", tmp_path / "profile") as (page, problems):
        nodes = {node["id"]: hover(page, _NODE_POINT, node["id"], node_lines(node)[-1]) for node in named}
        edge_ids = page_edge_ids(page)
        edges = {}
        for link in between_actors:
            edge = (link["source"], link["relation"], link["target"])
            edges[edge] = hover(page, _EDGE_POINT, edge_ids[edge], edge_lines(link)[0], required=False)
    assert problems == {"dialogs": [], "errors": [], "requests": []}
    assert "person/bashar-al-assad" in nodes
    for node in named:
        lines = nodes[node["id"]]["text"].split("\n")
        assert lines[0] == node["label"] and lines[-1].startswith("also: ")
    hovered = [link for link in between_actors if edges[(link["source"], link["relation"], link["target"])]]
    assert len(hovered) >= min(3, len(between_actors)) > 0
    for link in hovered:
        tooltip = edges[(link["source"], link["relation"], link["target"])]
        assert tooltip["text"].startswith(link["relation"] + " (confidence ")
        assert set(edge_lines(link)) <= set(tooltip["text"].split("\n"))
