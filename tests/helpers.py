"""Shared test helpers: project paths, building a project, reading text out of HTML and the search index."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"  # the real plan texts the bundled content was imported from


def copy_project(source: Path, destination: Path) -> Path:
    """A writable copy of a project (content + site_config), using the repository's templates."""
    shutil.copytree(source / "content", destination / "content")
    shutil.copy(source / "site_config.yaml", destination / "site_config.yaml")
    (destination / "templates").symlink_to(REPO / "templates")
    return destination


def run_build_py(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run build.py as an editor would, in a subprocess, capturing everything it prints."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300)


class _TextExtractor(HTMLParser):
    """Text of the elements matching one tag (and optional class), skipping scripts and styles."""

    def __init__(self, tag: str, css_class: str | None):
        super().__init__(convert_charrefs=True)
        self.tag, self.css_class = tag, css_class
        self.depth = 0  # >0 while inside a matching element
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag == self.tag
        elif tag == self.tag and (self.css_class is None or self.css_class in classes):
            self.depth = 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if self.depth and tag == self.tag:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def text_of(html: str, tag: str = "article", css_class: str | None = None) -> str:
    extractor = _TextExtractor(tag, css_class)
    extractor.feed(html)
    return " ".join(extractor.parts)


def read_page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article_html(html: str) -> str:
    """The page's main content only (not the header, navigation or table of contents)."""
    return html.split("<article", 1)[1].split("</article>", 1)[0]


# One page of each kind of the seed site (the quality gates check each kind).
PAGE_KINDS = {
    "home": "",
    "localities": "dia-phuong/",
    "province": "dia-phuong/quang-ninh/",
    "district": "dia-phuong/quang-ninh/uong-bi/",
    "plan": "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/",
    "draft-plan": "dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/",
    "documents": "van-ban/",
    "document": "van-ban/29-nq-tw/",
    "document-province": "van-ban/29-nq-tw/quang-ninh/",
    "search": "tim-kiem/",
    "not-found": "404.html",
}


def page_file(site: Path, url: str) -> Path:
    return site / url if url.endswith(".html") else site / url / "index.html"


def pagefind_fragments(site: Path) -> dict[str, dict]:
    """What Pagefind stored for each indexed page, by URL: content, meta, filters."""
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        fragments[fragment["url"]] = fragment
    return fragments
