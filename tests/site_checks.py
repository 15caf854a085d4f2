"""Checks over a built site's files: what every published page must satisfy.

Each check returns a list of readable problems (empty when the site passes), so a test
asserts `== []` and a failure names the page and the offending URL or markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes whose URL the browser fetches while showing the page (not links to follow).
LOAD_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "cite", "xlink:href"}
# <link rel=...> values that are references, not resources the page loads.
REFERENCE_RELS = {"canonical", "alternate", "prev", "next"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int


@dataclass
class ParsedPage:
    path: Path
    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    inline_scripts: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]


class _Parser(HTMLParser):
    def __init__(self, page: ParsedPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.raw_text_of: Element | None = None

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.getpos()[0])
        self.page.elements.append(element)
        if "id" in element.attrs:
            self.page.ids.add(element.attrs["id"])
        if tag == "a" and "name" in element.attrs:
            self.page.ids.add(element.attrs["name"])
        self.raw_text_of = element if tag in ("script", "style") else None

    def handle_data(self, data):
        if self.raw_text_of is None:
            return
        if self.raw_text_of.tag == "script" and "src" not in self.raw_text_of.attrs:
            self.page.inline_scripts.append(data)
        elif self.raw_text_of.tag == "style":
            self.page.inline_styles.append(data)

    def handle_endtag(self, tag):
        self.raw_text_of = None


def parse_page(path: Path) -> ParsedPage:
    return parse_html(path.read_text(encoding="utf-8"), path)


def parse_html(html: str, path: Path = Path("fragment.html")) -> ParsedPage:
    page = ParsedPage(path)
    _Parser(page).feed(html)
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- Live code: nothing in a page may run but the site's own script files -------------------

def _is_javascript_url(value: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", unescape(value)).lower()
    return cleaned.startswith(("javascript:", "vbscript:", "data:text/html"))


def _is_site_search_form(attrs: dict, page_path: Path) -> bool:
    """A search box: a plain GET form to the site's own /tim-kiem/ page (resolved from the page's folder)."""
    action = urlsplit(unescape(attrs.get("action", "")))
    target = (page_path.parent / unquote(action.path)).resolve()
    return (attrs.get("method", "get").lower() == "get" and not action.scheme and not action.netloc
            and target.name == "tim-kiem")


def _is_same_site_redirect(attrs: dict) -> bool:
    """A moved document's old address ('0; url=../new-id/'): a relative URL on this site, nothing else."""
    target = re.fullmatch(r"\s*0\s*;\s*url=(\S+)\s*", unescape(attrs.get("content", "")), re.IGNORECASE)
    return bool(target) and not urlsplit(target.group(1)).scheme and not target.group(1).startswith("//")


def live_code(page: ParsedPage) -> list[str]:
    """Inline scripts (other than JSON data), event handler attributes, javascript: URLs, frames."""
    problems = []
    for element in page.elements:
        where = f"{page.path.name}:{element.line}"
        if element.tag == "script" and "src" not in element.attrs and element.attrs.get("type") != "application/json":
            problems.append(f"{where}: inline <script>")
        if element.tag in ("iframe", "object", "embed", "frame", "base") or (
                element.tag == "form" and not _is_site_search_form(element.attrs, page.path)):
            problems.append(f"{where}: <{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(f"{where}: event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and _is_javascript_url(value):
                problems.append(f"{where}: {name}={value!r}")
            if name == "http-equiv" and value.lower() == "refresh" and not _is_same_site_redirect(element.attrs):
                problems.append(f"{where}: meta refresh")
    return problems


def content_security_policy(page: ParsedPage) -> str | None:
    for meta in page.all("meta"):
        if meta.attrs.get("http-equiv", "").lower() == "content-security-policy":
            return meta.attrs.get("content")
    return None


# --- Links and loads ------------------------------------------------------------------------

@dataclass(frozen=True)
class SiteAddress:
    """Where the site is served: the file tree of `site` appears at `root_url`."""

    site: Path
    root_url: str = "http://localhost/"

    def page_url(self, page: Path) -> str:
        relative = page.relative_to(self.site).as_posix()
        if relative.endswith("index.html"):
            relative = relative[: -len("index.html")]
        return self.root_url + relative

    def file_for(self, url: str) -> Path | None:
        """The file a same-site URL serves, or None when the URL is outside the site."""
        if not url.startswith(self.root_url):
            return None
        path = unquote(urlsplit(url).path)[len(urlsplit(self.root_url).path):]
        target = self.site / path
        return target / "index.html" if path == "" or path.endswith("/") else target

    def is_same_host(self, url: str) -> bool:
        return urlsplit(url)[:2] == urlsplit(self.root_url)[:2]


def _references(element: Element) -> list[tuple[str, str]]:
    refs = [(name, element.attrs[name]) for name in ("href", "src", "poster", "data", "action") if element.attrs.get(name)]
    for candidate in element.attrs.get("srcset", "").split(","):
        if candidate.strip():
            refs.append(("srcset", candidate.split()[0]))
    return refs


def _is_load(element: Element, attribute: str) -> bool:
    if attribute in LOAD_ATTRIBUTES:
        return True
    if element.tag == "link" and attribute == "href":
        return not set(element.attrs.get("rel", "").split()) & REFERENCE_RELS
    return False


def broken_links(address: SiteAddress, pages: list[Path] | None = None, served_at: str | None = None) -> list[str]:
    """Every same-site link, asset and #anchor points at a file (and an id) that exists.

    served_at: where the pages are served, when not at their own address (404.html)."""
    problems = []
    parsed = {}
    for path in pages if pages is not None else html_pages(address.site):
        page_url = served_at or address.page_url(path)
        for element in parse_page(path).elements:
            for attribute, value in _references(element):
                problem = _check_reference(address, path, page_url, value, parsed)
                if problem:
                    problems.append(f"{path.relative_to(address.site)}:{element.line}: {attribute}={value!r}: {problem}")
    return problems


def _check_reference(address: SiteAddress, page: Path, page_url: str, value: str, parsed: dict) -> str | None:
    url = urljoin(page_url, value)
    if not address.is_same_host(url):
        return None if urlsplit(url).scheme in ("http", "https", "mailto", "tel") else "unknown scheme"
    target = address.file_for(url.split("#")[0])
    if target is None:
        return f"outside the site's path {address.root_url}"
    if not target.is_file():
        return "no such file"
    fragment = unquote(urlsplit(url).fragment)
    if fragment and target.suffix == ".html":
        if target not in parsed:
            parsed[target] = parse_page(target).ids
        if fragment not in parsed[target]:
            return f"no element with id {fragment!r} on {target.relative_to(address.site)}"
    return None


def third_party_loads(address: SiteAddress) -> list[str]:
    """Scripts, styles, fonts, images... that a page or stylesheet would fetch from another host."""
    problems = []
    for path in html_pages(address.site):
        page, page_url, shown = parse_page(path), address.page_url(path), path.relative_to(address.site)
        for element in page.elements:
            problems += [f"{shown}:{element.line}: <{element.tag} {attribute}={value!r}>"
                         for attribute, value in _references(element)
                         if _is_load(element, attribute) and _from_other_host(address, page_url, value)]
        problems += [f"{shown}: <style> url({url})" for style in page.inline_styles for url in _css_urls(style)
                     if _from_other_host(address, page_url, url)]
    for sheet in sorted(address.site.rglob("*.css")):
        sheet_url, shown = address.root_url + sheet.relative_to(address.site).as_posix(), sheet.relative_to(address.site)
        problems += [f"{shown}: url({url})" for url in _css_urls(sheet.read_text(encoding="utf-8"))
                     if _from_other_host(address, sheet_url, url)]
    return problems


def _from_other_host(address: SiteAddress, base: str, value: str) -> bool:
    url = urljoin(base, value)
    return urlsplit(url).scheme not in ("data", "blob") and not address.is_same_host(url)


def _css_urls(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [a or b for a, b in CSS_URL.findall(css)]
