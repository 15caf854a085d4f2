"""The previewed site as the server sees it: a site path in, bytes and a content type out.

`OnDemandSite` renders a page when it is asked for, from the model in memory, through the
scale renderer (plansite.rendering) and Material's templates, and keeps what it rendered until
the next reload; theme files are served from where they lie. `BuiltSite` is the fallback while
that renderer is not available: it writes the whole site into a temporary folder per reload.
"""
from __future__ import annotations

import mimetypes
import shutil
import tempfile
import threading
from pathlib import Path

from plansite.build import Loaded
from plansite.pages import Page


class Missing(Exception):
    """No page or file at this path."""


def content_type(site_path: str) -> str:
    if site_path == "" or site_path.endswith("/") or site_path.endswith(".html"):
        return "text/html; charset=utf-8"
    guessed = mimetypes.guess_type(site_path)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed.endswith(("javascript", "json")) \
        else guessed


def page_url(site_path: str) -> str | None:
    """'dia-phuong/x/index.html' and 'dia-phuong/x/' -> 'dia-phuong/x/'; files -> None."""
    if site_path.endswith("index.html"):
        return site_path[: -len("index.html")]
    if site_path == "" or site_path.endswith("/"):
        return site_path
    return None


class BuiltSite:
    """Every page written into a temporary folder (slow at scale: the fallback)."""

    def __init__(self, loaded: Loaded, templates_dir: Path):
        from plansite.mkdocs_adapter import RenderJob, render_site  # the host, at the edge

        self.folder = Path(tempfile.mkdtemp(prefix="plansite-preview-"))
        try:
            render_site(RenderJob(loaded.portal, loaded.pages, loaded.config, templates_dir, preview=True),
                        self.folder / "site")
        except BaseException:
            self.close()
            raise

    def get(self, site_path: str) -> tuple[bytes, list[str]]:
        url = page_url(site_path)
        target = self.folder / "site" / (f"{url}index.html" if url is not None else site_path)
        if ".." in Path(site_path).parts or not target.is_file():
            raise Missing(site_path)
        return target.read_bytes(), []

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class OnDemandSite:
    """Pages rendered when asked for, from the model in memory; theme files read where they lie."""

    def __init__(self, loaded: Loaded, templates_dir: Path):
        from plansite.mkdocs_adapter import MaterialHost, RenderJob  # the host, at the edge
        from plansite.rendering import Renderer
        from plansite.site_writer import known_urls

        self.loaded = loaded
        self.host = MaterialHost(RenderJob(loaded.portal, loaded.pages, loaded.config, templates_dir, preview=True))
        self.statics = dict(self.host.static_files())
        self.extras = dict(self.host.extra_files(loaded.pages))
        self.pages = {page.url: page for page in loaded.pages if isinstance(page, Page)}
        self.data = {item.url_path: item.data for item in loaded.pages if hasattr(item, "url_path")}
        self.renderer = Renderer(self.host, known_urls(loaded.pages, [*self.statics, *self.extras]))
        self.rendered: dict[str, tuple[bytes, list[str]]] = {}
        self.lock = threading.Lock()  # one Markdown converter and one Jinja environment

    def get(self, site_path: str) -> tuple[bytes, list[str]]:
        url = page_url(site_path)
        if url is not None and url in self.pages:
            return self._page(url)
        if site_path in self.extras:
            return self.extras[site_path], []
        if site_path in self.data:
            return self.data[site_path], []
        source = self.statics.get(site_path)
        if source is None:
            raise Missing(site_path)
        return Path(source).read_bytes(), []

    def _page(self, url: str) -> tuple[bytes, list[str]]:
        with self.lock:
            if url not in self.rendered:
                html, problems = self.renderer.render(self.pages[url])
                self.rendered[url] = html.encode("utf-8"), [str(p) for p in problems]
            return self.rendered[url]

    def close(self) -> None:
        pass


def make_site(loaded: Loaded, templates_dir: Path):
    """The on-demand site when the page renderer is there, else the fallback. Raises HostBuildError."""
    try:
        import plansite.rendering  # noqa: F401
    except ImportError:
        return BuiltSite(loaded, templates_dir)
    return OnDemandSite(loaded, templates_dir)
