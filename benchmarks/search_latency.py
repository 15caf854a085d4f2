#!/usr/bin/env python3
"""Time from a keystroke in the search page to the first results on screen, in Chromium.

    python benchmarks/search_latency.py --site site/ [--queries FILE] [--repeat 3]

Serves the built site on loopback (as the browser tests do), opens tim-kiem/ in Debian's
Chromium, and for each query types all but its last character without searching, then the
last key. The time runs from that key's `input` event to the moment the results for the
whole query are in the page (the search script's "plansite:results" event).

- cold: a fresh browser context per query (empty cache): includes fetching the index
  chunks for the query's words; the page has already loaded Pagefind, as a citizen's
  phone would while they start typing;
- warm: the same page for every query, after the cold pass (chunks already fetched).

Prints the median, min and max of each, and every sample with --verbose.
"""
from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Queries citizens type (docs/DESIGN.md, section 1), with and without diacritics.
DEFAULT_QUERIES = [
    "ke hoach giao duc uong bi", "dao tao boi duong giao vien", "nghi dinh 71/2020", "29-NQ/TW",
    "71/2020/NĐ-CP", "chuyển đổi số", "ha dong", "tieng anh", "giáo dục mầm non", "pho cap giao duc",
    "xay dung truong chuan quoc gia", "95/KH-PGDĐT",
]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

_TIMER = """() => {
  window.__typed = 0;
  document.addEventListener("input", () => { window.__typed = performance.now(); }, true);
  document.querySelector("[data-plansite-search]").addEventListener("plansite:results", (event) => {
    if (event.detail.query === window.__expected) window.__shown = performance.now();
  });
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser context closed while a fragment was still downloading


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/tim-kiem/"


def open_search(browser, url: str):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(url)
    page.wait_for_function("() => /Nhập từ khóa/.test(document.querySelector('.plansite-search__status').textContent)")
    page.evaluate(_TIMER)
    return page


def time_query(page, query: str) -> float:
    """Milliseconds from the last keystroke of `query` to its results on screen."""
    box = page.locator("#plansite-search-q")
    box.evaluate("(box, text) => { box.value = text; }", query[:-1])
    page.evaluate("q => { window.__expected = q; window.__shown = 0; }", query.strip())
    box.press("End")
    page.keyboard.type(query[-1])
    page.wait_for_function("() => window.__shown > 0", timeout=120_000)
    return page.evaluate("() => window.__shown - window.__typed")


def measure(site: Path, queries: list[str], repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    samples: dict[str, list[float]] = {"cold": [], "warm": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for _ in range(repeat):
                for query in queries:
                    page = open_search(browser, url)
                    samples["cold"].append(time_query(page, query))
                    page.context.close()
                page = open_search(browser, url)
                for query in queries:
                    time_query(page, query)  # fetch what the query needs
                for query in queries:
                    samples["warm"].append(time_query(page, query))
                page.context.close()
            browser.close()
    finally:
        server.shutdown()
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, type=Path, help="a built site folder (with pagefind/)")
    parser.add_argument("--queries", type=Path, help="one query per line (default: a built-in list)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    queries = DEFAULT_QUERIES
    if args.queries:
        queries = [line.strip() for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    pages = sum(1 for _ in args.site.rglob("index.html"))
    samples = measure(args.site, queries, args.repeat)
    print(f"{args.site}: {pages} pages, {len(queries)} queries x {args.repeat}")
    for kind, values in samples.items():
        print(f"  {kind}: median {statistics.median(values):.0f} ms, min {min(values):.0f} ms, "
              f"max {max(values):.0f} ms (n={len(values)})")
        if args.verbose:
            print("   ", " ".join(f"{v:.0f}" for v in values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
