"""Driving Debian's Chromium, and serving a built site the way GitHub Pages does.

The server publishes a site folder under a path prefix ('/' for a domain root,
'/plansite/' for a project site), answers unknown addresses with the site's 404.html and
status 404, and serves nothing outside the prefix: a link or asset that escapes the
project path fails here as it would on github.io.
"""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# CHROMIUM may name another Chromium-based browser (GitHub runners ship Google Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def chromium():
    """A headless Chromium; a missing browser fails (make test installs Debian's chromium)."""
    assert Path(CHROMIUM).exists(), "Chromium not found: run `make test`, which installs Debian's chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class _PagesHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args):  # keep test output readable
        pass

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + url_path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_site(directory: Path, prefix: str = "/"):
    """Serve `directory` at http://127.0.0.1:<port><prefix>; yields that address."""
    handler = type("Handler", (_PagesHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def watched_page(browser, width: int, height: int = 900, **context_options):
    """A page that records what went wrong: console errors (CSP violations among them),
    uncaught exceptions, failed requests and requests to other hosts."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN", **context_options)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"exception: {e}"))
    # net::ERR_ABORTED is a load cancelled because the page navigated on (a click while the
    # favicon was still loading on a busy machine): not a failure of the site.
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url} {r.failure}")
            if r.failure != "net::ERR_ABORTED" else None)
    page.on("request", lambda r: page.problems.append(f"other host: {r.url}")
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    try:
        yield page
    finally:
        context.close()
