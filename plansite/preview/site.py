"""The previewed site as the server sees it: a site path in, bytes out, rendered on demand.

A page is rendered when the browser asks for it, from the model in memory, by the host's
single-page renderer (mkdocs_adapter.PagePreviewer: the same steps as `mkdocs build`, one
page), and kept until the next reload; theme files are read where they lie. The renderer is
set up once and only updated with each reload's pages; it is set up anew when templates or
the configuration change.
"""
from __future__ import annotations

import mimetypes
import threading
from pathlib import Path

from plansite.build import Loaded


class Missing(Exception):
    """No page or file at this path."""


def content_type(site_path: str) -> str:
    if site_path == "" or site_path.endswith(("/", ".html")):
        return "text/html; charset=utf-8"
    guessed = mimetypes.guess_type(site_path)[0] or "application/octet-stream"
    textual = guessed.startswith("text/") or guessed.endswith(("javascript", "json", "xml"))
    return f"{guessed}; charset=utf-8" if textual else guessed


def page_url(site_path: str) -> str | None:
    """'dia-phuong/x/index.html' and 'dia-phuong/x/' -> 'dia-phuong/x/'; other files -> None."""
    if site_path == "index.html" or site_path.endswith("/index.html"):
        return site_path[: -len("index.html")]
    if site_path == "" or site_path.endswith("/"):
        return site_path
    return None


class _Host:
    """The host's page renderer, shared by successive sites, used by one thread at a time."""

    def __init__(self, loaded: Loaded, templates_dir: Path):
        from plansite.mkdocs_adapter import PagePreviewer, RenderJob  # the host, at the edge

        self.job = lambda loaded: RenderJob(loaded.portal, loaded.pages, loaded.config, templates_dir, preview=True)
        self.lock = threading.Lock()
        self.renderer = PagePreviewer(self.job(loaded))

    def update(self, loaded: Loaded) -> None:
        with self.lock:
            self.renderer.update(self.job(loaded))

    def close(self) -> None:
        with self.lock:
            self.renderer.close()


class PreviewSite:
    """One reload's site: pages rendered on first request and kept; everything else from the host."""

    def __init__(self, loaded: Loaded, host: _Host):
        self.loaded = loaded
        self.host = host
        self.rendered: dict[str, bytes] = {}

    def get(self, site_path: str) -> tuple[bytes, list[str]]:
        """(bytes, problems found while rendering); raises Missing, or HostBuildError for a template error."""
        url = page_url(site_path)
        with self.host.lock:
            if url is not None:
                if url not in self.rendered:
                    html = self.host.renderer.page(url)
                    if html is None:
                        raise Missing(site_path)
                    self.rendered[url] = html.encode("utf-8")
                return self.rendered[url], []
            data = self.host.renderer.file(site_path)
        if data is None:
            raise Missing(site_path)
        return data, []


def make_site(loaded: Loaded, templates_dir: Path, previous: PreviewSite | None = None) -> PreviewSite:
    """This reload's site; reuses previous's renderer (same templates and configuration) when given."""
    if previous is None:
        return PreviewSite(loaded, _Host(loaded, templates_dir))
    previous.host.update(loaded)
    return PreviewSite(loaded, previous.host)
