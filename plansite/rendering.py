"""Rendering one planned page to HTML, by URL, from the in-memory model.

Host-independent: the Markdown of a page's prose becomes sanitised HTML here (Python-Markdown
with the site's extensions, one converter reused for every page), its relative links are
checked against the pages that exist, and a `Host` (the theme adapter, see
plansite/mkdocs_adapter.py) lays the body out in the site's templates. `Renderer.render(page)`
is the whole of it for one page: the preview server and the build's worker processes call it.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Iterable, Protocol
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from plansite.errors import Position, Problem, Severity
from plansite.html_policy import sanitize_body
from plansite.pages import Page
from plansite.render_cache import BodyCache
from plansite.vietnamese import toc_slugify


def markdown_extensions() -> list:
    """The Markdown dialect of plan bodies (MkDocs' defaults toc, tables, fenced_code, plus ours)."""
    return [
        "tables",
        "fenced_code",
        "attr_list",
        "md_in_html",
        {"footnotes": {"BACKLINK_TITLE": "Quay lại chỗ chú thích %d trong văn bản"}},
        {"toc": {"permalink": True, "permalink_title": "Liên kết đến mục này", "slugify": toc_slugify}},
    ]


@dataclass
class Body:
    """A page's prose rendered: sanitised HTML, its headings (for the table of contents) and broken links."""

    html: str = ""
    toc_tokens: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Host(Protocol):
    """What a theme adapter provides: a page laid out in the site's templates, and the site's other files."""

    def render(self, page: Page, body: Body) -> str: ...

    def extra_files(self, pages: list[Page]) -> Iterable[tuple[str, bytes]]: ...

    def static_files(self) -> Iterable[tuple[str, object]]: ...


class _LinkCollector(Treeprocessor):
    """Collects the href of every link, and turns editors' `x.md` links into the page's URL (`x/`)."""

    def __init__(self, md):
        super().__init__(md)
        self.hrefs: list[str] = []

    def run(self, root):
        for element in root.iter("a"):
            href = element.get("href")
            if href is None:
                continue
            fixed = _md_link_to_url(href)
            if fixed != href:
                element.set("href", fixed)
            self.hrefs.append(href)


class _LinkExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_LinkCollector(md), "plansite-links", 0)


def _md_link_to_url(href: str) -> str:
    """'phu-luc.md#muc-1' -> 'phu-luc/#muc-1', 'a/index.md' -> 'a/', as the site publishes pages in folders."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return href
    path = parts.path[:-3]
    path = path[:-5] if path.endswith("index") and (path == "index" or path.endswith("/index")) else path + "/"
    path = path or "./"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


class BodyRenderer:
    """Markdown to sanitised HTML with one reusable converter (building one per page costs more than converting)."""

    def __init__(self) -> None:
        names, configs = [], {}
        for extension in markdown_extensions():
            if isinstance(extension, dict):
                (name, options), = extension.items()
                names.append(name)
                configs[name] = options
            else:
                names.append(extension)
        self.links = _LinkExtension()
        self.md = markdown.Markdown(extensions=[*names, self.links], extension_configs=configs)

    def convert(self, text: str) -> tuple[str, list, list[str]]:
        self.md.reset()
        collector = self.md.treeprocessors["plansite-links"]
        collector.hrefs = []
        html = self.md.convert(text)
        return sanitize_body(html), list(getattr(self.md, "toc_tokens", [])), collector.hrefs


class Renderer:
    """Renders any planned page to its final HTML. `known_urls`: every published path, for the link check."""

    def __init__(self, host: Host, known_urls: set[str], cache: BodyCache | None = None):
        self.host = host
        self.known_urls = known_urls
        self.bodies = BodyRenderer()
        self.cache = cache or BodyCache(None)

    def body(self, page: Page) -> Body:
        if not page.markdown:
            return Body()
        cached = self.cache.get(page.markdown)
        if cached is None:
            html, toc_tokens, hrefs = self.bodies.convert(page.markdown)
            self.cache.put(page.markdown, {"html": html, "toc": toc_tokens, "hrefs": hrefs})
        else:
            html, toc_tokens, hrefs = cached["html"], cached["toc"], cached["hrefs"]
        return Body(html, toc_tokens, self._broken_links(page, hrefs))

    def render(self, page: Page) -> tuple[str, list[Problem]]:
        body = self.body(page)
        return self.host.render(page, body), body.problems

    def _broken_links(self, page: Page, hrefs: list[str]) -> list[Problem]:
        problems = []
        for href in hrefs:
            target = resolve_link(page.url, href)
            if target is None or target in self.known_urls:
                continue
            problems.append(Problem(_link_position(page, href),
                                    f"liên kết '{href}' trỏ đến trang không có trên cổng ({target or '/'})",
                                    "sửa đường dẫn cho đúng một trang của cổng, hoặc dùng địa chỉ đầy đủ https://…",
                                    Severity.ERROR))
        return problems


def resolve_link(page_url: str, href: str) -> str | None:
    """The site path a relative link points at ('dia-phuong/x/'), or None for links the site does not own."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "/")) or not parts.path:
        return None
    path = _md_link_to_url(unquote(parts.path))
    joined = posixpath.normpath(posixpath.join(page_url or ".", path))
    if joined.startswith("..") or joined == ".":
        return "" if joined == "." else joined
    return joined + "/" if path.endswith("/") else joined


def _link_position(page: Page, href: str) -> Position:
    """Where the editor wrote the link: the plan file, line and column of `(href`."""
    source = getattr(page.subject, "source_path", "") or page.url
    text = getattr(page.subject, "body", "") or ""
    first_line = getattr(page.subject, "body_first_line", 1) or 1
    match = re.search(r"\]\(\s*<?(" + re.escape(href) + ")", text)
    offset = match.start(1) if match else text.find(href)
    if offset < 0:  # a link the site wrote (citations), not the editor: point at the body
        return Position(source, first_line, 1)
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Position(source, first_line + line, col)
