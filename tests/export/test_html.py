"""graph.html opened in real headless Chromium with the network off."""

from __future__ import annotations

import csv
import shutil

import pytest

from graphkit.export.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def test_page_links_nothing_outside_itself(seed_output):
    page = (seed_output / "graph.html").read_text(encoding="utf-8")
    assert 'src="http' not in page and 'href="http' not in page
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "vis-network" in page or "vis.Network" in page


def test_page_is_reproducible(seed_graph):
    assert render_html(seed_graph) == render_html(seed_graph)


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (apt-get install chromium)")
def test_graph_renders_offline_in_chromium(seed_output, tmp_path):
    from playwright.sync_api import sync_playwright

    expected = sum(1 for _ in csv.DictReader((seed_output / "entities.csv").open(encoding="utf-8")))
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS, offline=True)
        try:
            context.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                          if not route.request.url.startswith(("file:", "data:", "about:")) else route.continue_())
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto((seed_output / "graph.html").as_uri())
            page.wait_for_function("typeof network !== 'undefined' && network.body !== undefined", timeout=30000)
            drawn = page.evaluate("network.body.nodeIndices.length")
            edges = page.evaluate("network.body.data.edges.length")
            labels = page.evaluate("network.body.data.nodes.get().map(n => n.label)")
            canvas = page.locator("#mynetwork canvas")
            assert canvas.count() == 1
            box = canvas.bounding_box()
            page.evaluate('selectNode(["person/putin"])')  # the search menu's action: highlight a neighbourhood
            dimmed = page.evaluate("network.body.data.nodes.get().filter(n => n.color === 'rgba(200,200,200,0.5)').length")
            page.locator("#show-concepts").uncheck()
            actors_only = page.evaluate("network.body.data.nodes.get({filter: n => !n.hidden}).length")
            page.locator("#show-concepts").check()
            all_again = page.evaluate("network.body.data.nodes.get({filter: n => !n.hidden}).length")
        finally:
            context.close()
    assert outside == []
    assert errors == []
    assert drawn == expected
    assert edges > 0
    assert {"Trump", "Putin", "Bashar al-Assad", "Tillerson", "Lavrov"} <= set(labels)
    assert box["width"] > 300 and box["height"] > 200
    concepts = sum(1 for r in csv.DictReader((seed_output / "entities.csv").open(encoding="utf-8")) if r["type"] == "CONCEPT")
    assert 0 < concepts < expected
    assert actors_only == expected - concepts
    assert all_again == expected
    assert 0 < dimmed < expected  # Putin's neighbours stay bright, the rest are greyed
