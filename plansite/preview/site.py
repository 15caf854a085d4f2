"""The previewed site as the server sees it: a site path in, bytes out, rendered on demand.

A page is rendered when the browser asks for it, from the model in memory, by the build's
own single-page renderer (plansite.rendering.Renderer over mkdocs_adapter.MaterialHost: the
same bytes a build writes), and kept until the next reload; theme files are read where they
lie. Bodies go through the build's body cache, so a plan converted once (by a build or an
earlier reload) is not converted again. Theme files are listed once per host, and a new host
is made when templates or the configuration change.
"""
from __future__ import annotations

import mimetypes
import threading

from plansite.build import Loaded, ProjectPaths
from plansite.pages import DataFile, Page
from plansite.render_cache import CACHE_DIR, BodyCache
from plansite.rendering import Renderer
from plansite.site_writer import known_urls


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
    """The theme host and page renderer, shared by successive sites, used by one thread at a time."""

    def __init__(self, loaded: Loaded, paths: ProjectPaths):
        from plansite.mkdocs_adapter import MaterialHost, RenderJob  # the host, at the edge

        self.job = lambda loaded: RenderJob(loaded.portal, loaded.pages, loaded.config, paths.templates, preview=True)
        self.lock = threading.Lock()
        self.cache = BodyCache(paths.root / CACHE_DIR)  # bodies a build or an earlier reload converted
        self.host = MaterialHost(self.job(loaded))  # its templates stay compiled from reload to reload
        self.statics = dict(self.host.static_files())
        self.use(loaded)

    def use(self, loaded: Loaded) -> None:
        """This reload's pages; theme files stay (they change only with templates, which make a new host)."""
        self.host.rebind(self.job(loaded))  # the templates' globals: this reload's portal
        self.loaded = loaded
        self.extras: dict[str, bytes] | None = None  # 404.html, robots.txt, sitemap.xml: rendered when asked for
        self.data = {item.url_path: item.data for item in loaded.pages if isinstance(item, DataFile)}
        self.pages = {page.url: page for page in loaded.pages if isinstance(page, Page)}
        extra_names = list(self.host.config.theme.static_templates)
        self.renderer = Renderer(self.host, known_urls(loaded.pages, [*self.statics, *extra_names]), self.cache)

    def update(self, loaded: Loaded) -> None:
        with self.lock:
            self.use(loaded)

    def page(self, url: str) -> tuple[str, list[str]] | None:
        page = self.pages.get(url)
        if page is None:
            return None
        html, problems = self.renderer.render(page)
        return html, [str(p) for p in problems]

    def file(self, site_path: str) -> bytes | None:
        if site_path in self.host.config.theme.static_templates:
            if self.extras is None:
                self.extras = dict(self.host.extra_files(self.loaded.pages))
            return self.extras.get(site_path)
        if site_path in self.data:
            return self.data[site_path]
        source = self.statics.get(site_path)
        return source.read_bytes() if source is not None else None

    def close(self) -> None:
        pass


class PreviewSite:
    """One reload's site: pages rendered on first request and kept; everything else from the host."""

    def __init__(self, loaded: Loaded, host: _Host):
        self.loaded = loaded
        self.host = host
        self.rendered: dict[str, tuple[bytes, list[str]]] = {}

    def get(self, site_path: str) -> tuple[bytes, list[str]]:
        """(bytes, problems found while rendering); raises Missing, or HostBuildError for a template error."""
        url = page_url(site_path)
        with self.host.lock:
            if url is not None:
                if url not in self.rendered:
                    found = self.host.page(url)
                    if found is None:
                        raise Missing(site_path)
                    self.rendered[url] = found[0].encode("utf-8"), found[1]
                return self.rendered[url]
            data = self.host.file(site_path)
        if data is None:
            raise Missing(site_path)
        return data, []


def make_site(loaded: Loaded, paths: ProjectPaths, previous: PreviewSite | None = None) -> PreviewSite:
    """This reload's site; reuses previous's host (same templates and configuration) when given."""
    if previous is None:
        return PreviewSite(loaded, _Host(loaded, paths))
    previous.host.update(loaded)
    return PreviewSite(loaded, previous.host)
