"""graph.html shows names, aliases and sentences as text, whatever they hold.

Hostile sentences and an aliases file with hostile names go through the real
CLI and spaCy model; the page is opened in headless Chromium and read as a
reader would: every node searched for and its side panel opened, every edge
clicked, tooltips hovered. Nothing may run, load or be inserted, and every
label, tooltip and panel must show the raw text.
"""

from __future__ import annotations

import json
import shutil

import pytest

from graphkit.cli import app
from graphkit.export.html import render_html
from tests.export.test_html import chromium_browser, click_edge, needs_chromium, opened  # noqa: F401  (a fixture)

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


def _active_elements(page) -> dict[str, int]:
    return page.evaluate(f"""() => {{
        const counts = {{}};
        document.querySelectorAll("{ACTIVE}").forEach(e => {{ counts[e.tagName] = (counts[e.tagName] || 0) + 1; }});
        return counts;
    }}""")


_TOOLTIP = """() => {
  const frame = document.querySelector("div.vis-tooltip");
  if (!frame || getComputedStyle(frame).visibility !== "visible") return null;
  return {text: frame.innerText, elements: Array.from(frame.querySelectorAll("*")).map(e => e.tagName)};
}"""
_CENTRE = """id => {
  const rect = network.canvas.frame.canvas.getBoundingClientRect(), dom = network.canvasToDOM(network.getPositions([id])[id]);
  return {x: Math.round(rect.left + dom.x), y: Math.round(rect.top + dom.y)};
}"""


def hover(page, node_id):
    """The tooltip shown while the mouse rests on a node's centre."""
    page.mouse.move(1, 1)
    point = page.evaluate(_CENTRE, node_id)
    page.mouse.move(point["x"], point["y"], steps=3)
    return page.wait_for_function(_TOOLTIP, timeout=5000).json_value()


def panel(page) -> dict:
    """The side panel's text and the tags of everything in it."""
    return page.evaluate("""() => {
        const body = document.getElementById("panel-body");
        return {title: body.querySelector("h2").textContent, text: body.innerText,
                quotes: Array.from(body.querySelectorAll("blockquote"), q => q.textContent),
                items: Array.from(body.querySelectorAll("li"), li => li.textContent),
                elements: Array.from(new Set(Array.from(body.querySelectorAll("*"), e => e.tagName))).sort()};
    }""")


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


def test_hostile_text_is_escaped_in_the_page_source(hostile_output):
    page = (hostile_output / "graph.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in page
    assert "\\u003c/a\\u003e\\u003c/script\\u003e\\u003cscript\\u003ealert(12)" in page
    assert "innerHTML" not in page.rsplit("<script>", 1)[1]  # graphkit's own script, the page's last


def test_hostile_page_is_reproducible(hostile_output):
    from graphkit import build

    graph = build([hostile_output.parent / "news"], aliases=hostile_output.parent / "aliases.toml")
    assert render_html(graph) == render_html(graph) == (hostile_output / "graph.html").read_text(encoding="utf-8")


@needs_chromium
def test_hostile_names_and_sentences_run_nothing_and_show_raw(chromium_browser, hostile_output, seed_output):
    data = json.loads((hostile_output / "graph.json").read_text(encoding="utf-8"))
    with opened(chromium_browser, seed_output / "graph.html") as (page, _):
        harmless = _active_elements(page)
    with opened(chromium_browser, hostile_output / "graph.html", init_script=_OBSERVER) as (page, problems):
        loaded = _active_elements(page)
        added_at_load = page.evaluate("window.__added.length")
        page.locator("#show-concepts").check()
        shown = page.evaluate("network.body.nodeIndices.slice()")
        labels = page.evaluate("nodes.get().map(n => n.label)")
        tooltip = hover(page, HOSTILE_ID)
        page.mouse.move(1, 1)
        search = page.locator("#search")
        search.fill("vladimir")
        suggestions = page.locator("#matches li").all_text_contents()
        panels = {}
        for node in data["nodes"]:
            if node["id"] in shown:
                search.fill(node["label"])
                search.press("Enter")
                panels[node["id"]] = panel(page)
        page.keyboard.press("Escape")
        edge_ends = page.evaluate("edges.get().filter(e => e.from !== e.to).map(e => [e.from, e.to])")
        for a, b in edge_ends:
            click_edge(page, a, b)
            panels[(a, b)] = panel(page)
        added = page.evaluate(f"window.__added.slice({added_at_load})")
        after = _active_elements(page)

    assert problems == {"dialogs": [], "errors": [], "requests": []}
    assert loaded == after == harmless  # the same scripts and styles as the seed's page, nothing more
    assert set(added) <= {"DIV", "SPAN", "LI", "UL", "H2", "H3", "P", "BLOCKQUOTE", "BR"}, added
    assert HOSTILE_NAME in labels and "<img src=x onerror=alert(6)> agreement" in labels
    assert set(tooltip["elements"]) <= {"BR"}  # vis-network's innerText: line breaks, nothing else
    assert tooltip["text"].split("\n")[0] == HOSTILE_NAME and HOSTILE_ALIAS in tooltip["text"]
    assert suggestions and suggestions[0].startswith(HOSTILE_NAME)
    assert len(panels) == len(shown) + len(edge_ends) and len(edge_ends) >= 3
    for key, seen in panels.items():
        assert set(seen["elements"]) <= {"H2", "H3", "P", "UL", "LI", "DIV", "BLOCKQUOTE"}, (key, seen["elements"])
    for node in data["nodes"]:
        if node["id"] in shown:
            assert panels[node["id"]]["title"] == node["label"]
    putin = panels[HOSTILE_ID]
    assert f"{HOSTILE_ALIAS} (×1)" in putin["items"] and "The href <img src=http://127.0.0.1:9/leak onerror=alert(13)> (×1)" in putin["items"]
    everything = "\n".join(seen["text"] for seen in panels.values())
    for payload in PAYLOADS:
        assert payload in everything, payload
    for link in data["links"]:
        if link["source"] in shown and link["target"] in shown:
            for sentence in link["evidence"].split(" | "):
                assert any(sentence in seen["quotes"] for seen in panels.values()), sentence
