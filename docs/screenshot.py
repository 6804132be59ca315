"""Regenerate the README's pictures of graph.html in headless Chromium.

    python docs/screenshot.py [--corpus ../shared/data/bbc-politics-dev]

Builds the seed (``seeds/``) with ``graphkit build`` into a temporary folder, opens
its ``graph.html`` offline, searches for Putin (which highlights his neighbourhood
and opens his side panel) and saves ``docs/graph.png``. With ``--corpus`` it also
builds that folder and saves its first view, the most mentioned actors, as
``docs/graph-corpus.png``; no side panel is open there, so no article text is in
the picture.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
SEEDS = DOCS.parent / "seeds"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(inputs: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "graphkit", "build", str(inputs), "-o", str(out), "-q"], check=True)
    return out / "graph.html"


def picture(browser, page_path: Path, target: Path, search: str | None) -> None:
    own = page_path.as_uri()
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 860})
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url == own else route.abort())
        page = context.new_page()
        page.goto(own)
        page.wait_for_function("document.body.dataset.ready === 'true'", timeout=120000)
        if page.locator("#physics").is_checked():
            page.wait_for_timeout(1500)  # let a small graph settle
            page.locator("#physics").uncheck()
        if search:
            page.locator("#search").fill(search)
            page.locator("#search").press("Enter")
            page.evaluate("network.fit({animation: false})")
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        page.screenshot(path=str(target))
    finally:
        context.close()
    print(f"wrote {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="also picture the graph of this folder (docs/graph-corpus.png)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian's chromium is needed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        try:
            picture(browser, build(SEEDS, Path(tmp) / "seed"), DOCS / "graph.png", search="Putin")
            if args.corpus:
                picture(browser, build(args.corpus, Path(tmp) / "corpus"), DOCS / "graph-corpus.png", search=None)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
