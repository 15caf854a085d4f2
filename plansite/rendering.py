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
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, Treeprocessor

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
    hrefs: list[str] = field(default_factory=list)  # every link the prose holds, as written


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


# For each inline pattern of our dialect, characters at least one of which every match of its
# regular expression contains (read from Python-Markdown 3.11's patterns; tests/test_rendering.py
# checks the output equals the stock processor's on the real texts). A text lacking them cannot
# match: the pattern is skipped without running it.
INLINE_TRIGGERS = {
    "backtick": "`", "escape": "\\", "footnote": "[", "reference": "[", "link": "[", "image_link": "[",
    "image_reference": "[", "short_reference": "[", "short_image_ref": "[", "autolink": "<", "automail": "<",
    "linebreak": "\n", "html": "<", "entity": "&", "em_strong": "*_",
}


class _SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, minus the patterns a text cannot match.

    Plan prose is long and has few Markdown marks: the stock processor runs 15 patterns on
    every text node, which was half the time of converting a plan. Same output, same order."""

    def run(self, tree, ancestors=None):
        registry = self.inlinePatterns
        registry._sort()  # the names in priority order: Registry has no public way to list them
        self._ordered = [(registry[item.name], INLINE_TRIGGERS.get(item.name)) for item in registry._priority]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Overrides the stock __handleInline (by its mangled name): the recursion inside patterns calls it too."""
        if isinstance(data, util.AtomicString):
            return data
        start = 0
        ordered = self._ordered
        while patternIndex < len(ordered):
            pattern, triggers = ordered[patternIndex]
            if triggers is not None and not any(char in data for char in triggers):
                patternIndex, start = patternIndex + 1, 0  # as the stock processor after no match
                continue
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class _SkippingInlineExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_SkippingInlineProcessor(md), "inline", 20)


class BodyRenderer:
    """Markdown to sanitised HTML with one reusable converter (building one per page costs more than converting)."""

    def __init__(self, skip_inline: bool = True) -> None:
        names, configs = [], {}
        for extension in markdown_extensions():
            if isinstance(extension, dict):
                (name, options), = extension.items()
                names.append(name)
                configs[name] = options
            else:
                names.append(extension)
        self.links = _LinkExtension()
        extensions = [*names, self.links] + ([_SkippingInlineExtension()] if skip_inline else [])
        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs)

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
        return Body(html, toc_tokens, broken_links(page, hrefs, self.known_urls), hrefs)

    def render(self, page: Page) -> tuple[str, list[Problem]]:
        output, body = self.render_body(page)
        return output, body.problems

    def render_body(self, page: Page) -> tuple[str, Body]:
        """The page's HTML and its body (problems, and the links kept to re-check a page not rendered again)."""
        body = self.body(page)
        return self.host.render(page, body), body


def broken_links(page: Page, hrefs: list[str], known_urls: set[str]) -> list[Problem]:
    """A problem for each of the page's relative links whose target is not a page or file of the site."""
    problems = []
    for href in hrefs:
        target = resolve_link(page.url, href)
        if target is None or target in known_urls:
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
