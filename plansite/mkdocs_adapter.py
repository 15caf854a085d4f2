"""The only module that knows MkDocs and Material: lays our pages out in Material's templates.

MkDocs runs no build here. Its configuration is loaded once (Material's templates read it),
its theme gives the Jinja environment (Material's templates under ours in templates/, the
`url` filter, translations), and its navigation object is built once for the three tabs.
Each page is then one template render with a small page object carrying what Material's
templates read (title, meta, toc, content, url), so the cost per page is the template itself.
Plans are kept out of the navigation on purpose: Material renders the whole nav into every
page, which would grow quadratically with the page count.
"""
from __future__ import annotations

import html
import io
import logging
import pickle
import tempfile
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

import jinja2
import mkdocs
from markupsafe import Markup
from mkdocs.config.base import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from plansite import material_fixes, urls
from plansite.cache_files import cache_disabled
from plansite.exports.facts import SiteFacts
from plansite.html_policy import CONTENT_SECURITY_POLICY, PREVIEW_CONTENT_SECURITY_POLICY, clean_text
from plansite.pages import Page, citation_anchor, quote_excerpt, quote_listing
from plansite.portal import Portal
from plansite.rendering import Body, markdown_extensions
from plansite.search import FILTER_LABELS, facets, search_entry
from plansite.site_config import SiteConfig
from plansite.vietnamese import format_date, format_number, format_short_date, slugify, upper_first

# Body paragraphs an editor writes to place a structured table inside the prose.
TABLE_MARKERS = {"targets": "<p>[[targets]]</p>", "programme": "<p>[[programme]]</p>"}
NAV = ((("Trang chủ", ""), ("Địa phương", urls.LOCALITIES), ("Văn bản", urls.DOCUMENTS)))
# Theme files nobody loads: Material's own search (lunr, its worker; Pagefind replaces it) and source maps.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/*", "assets/javascripts/workers/*", "*.map")


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept on disk: compiling Material's and ours took 0.7 s of every warm
    build. Jinja keys an entry by template name and file and checks the source's checksum, so
    an edited template is compiled again; the folder is per Jinja version. An unreadable entry
    is compiled again, and one that cannot be written is not kept: never an error (as for
    every cache, plansite/cache_files.py)."""

    def __init__(self, directory: Path):
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(directory))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()


class HostBuildError(Exception):
    """A template could not render; the message is meant for the person building."""


@dataclass(frozen=True)
class RenderJob:
    portal: Portal
    pages: list  # of Page (and DataFile, which the host does not see)
    config: SiteConfig
    templates_dir: Path
    preview: bool = False  # a `make serve` build: allows the live-reload script, never published
    cache_dir: Path | None = None  # where compiled templates are kept between builds (none: compile every build)


def describe_template_error(err: jinja2.TemplateError, templates_dir: Path) -> str:
    """'templates/plan.html:12: lỗi mẫu trang: ...', in the path:line form of content errors."""
    name = getattr(err, "filename", None) or getattr(err, "name", None) or "templates/"
    line = getattr(err, "lineno", None) or 1
    try:
        name = Path(name).resolve().relative_to(templates_dir.resolve().parent).as_posix()
    except ValueError:
        pass
    return f"{name}:{line}:1: lỗi mẫu trang (Jinja): {err.message or err} — sửa mẫu trang này; nội dung không bị ảnh hưởng"


def mkdocs_config(job: RenderJob, docs_dir: Path, out_dir: Path, **overrides):
    """The MkDocs configuration Material's templates read (overrides: for benchmarks)."""
    options = dict(  # Material prints names and titles as HTML: give them escaped
        site_name=Markup.escape(job.config.site_name),
        site_description=Markup.escape(job.config.site_description.strip()) or None,
        site_url=job.config.site_url or None,
        docs_dir=str(docs_dir),
        site_dir=str(out_dir),
        use_directory_urls=True,
        strict=True,
        theme=theme_options(job.templates_dir),
        plugins=[],  # Material's lunr search has no Vietnamese folding; Pagefind replaces it
        nav=[{title: f"{url}index.md"} for title, url in NAV],
        not_in_nav="*",
        markdown_extensions=markdown_extensions(),
        extra_css=["assets/plansite.css"],
        extra_javascript=["assets/plansite-sort.js"],
    )
    options.update(overrides)
    return load_config(io.StringIO(""), **options)


def theme_options(templates_dir: Path) -> dict:
    return {
        "name": "material",
        "custom_dir": str(templates_dir),
        "language": "vi",
        "font": False,  # no Google Fonts: the site makes no third-party requests
        "features": ["navigation.tabs", "navigation.top"],
        "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
        "static_templates": ["robots.txt"],
    }


@dataclass
class _PageView:
    """What Material's templates read of a page (mkdocs.structure.pages.Page, without MkDocs' build)."""

    title: str
    url: str
    meta: dict
    content: str
    toc: Any
    canonical_url: str | None
    is_homepage: bool = False
    previous_page: Any = None
    next_page: Any = None
    parent: Any = None
    ancestors: list = field(default_factory=list)
    edit_url: None = None
    active: bool = True
    is_page: bool = True
    is_section: bool = False
    is_link: bool = False
    children: None = None


class MaterialHost:
    """Material for MkDocs as the site's host: one Jinja environment, pages rendered one at a time."""

    def __init__(self, job: RenderJob):
        self.job = job
        with tempfile.TemporaryDirectory(prefix="plansite-docs-") as docs_dir:
            logging.getLogger("mkdocs").setLevel(logging.WARNING)
            (Path(docs_dir) / "docs").mkdir()
            self.config = mkdocs_config(job, Path(docs_dir) / "docs", Path(docs_dir) / "site")
        self.env = self._with_helpers(self.config.theme.get_env())
        if job.cache_dir is not None and not cache_disabled():
            self.env.bytecode_cache = CompiledTemplates(job.cache_dir / "templates" / f"jinja-{jinja2.__version__}")
        files = Files([File(f"{url}index.md", None, self.config.site_dir, True) for _, url in NAV])
        self.nav = get_navigation(files, self.config)
        self.nav_pages = {page.url: page for page in self.nav.pages}

    def rebind(self, job: RenderJob) -> None:
        """The preview's next reload: another portal and page list, the same templates (kept compiled)."""
        self.job = job
        self._with_helpers(self.env)

    def _with_helpers(self, env: jinja2.Environment) -> jinja2.Environment:
        our_templates = {p.relative_to(self.job.templates_dir).as_posix() for p in self.job.templates_dir.rglob("*.*")}
        # Our templates escape every value (content is text, never markup); Material's keep their own rules.
        env.autoescape = lambda name: name in our_templates and not name.endswith(".txt")
        portal = self.job.portal
        env.globals.update(url_of=urls.url_of, site_model=portal.model, citations=portal.citations,
                           split_footnotes=split_footnotes,
                           district_of_entry=lambda entry: entry[0].district, citation_anchor=citation_anchor,
                           quote_excerpt=quote_excerpt,
                           quote_listing=lambda document: quote_listing(document, portal.model),
                           content_security_policy=Markup(PREVIEW_CONTENT_SECURITY_POLICY if self.job.preview
                                                         else CONTENT_SECURITY_POLICY),
                           search_entry=lambda planned: search_entry(planned, portal.model),
                           search_facets=lambda: facets([p for p in self.job.pages if isinstance(p, Page)],
                                                        portal.model),
                           search_filter_labels=FILTER_LABELS,
                           facts=SiteFacts(portal, self.job.config))
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}  # UTF-8 pages: no \u escapes
        env.filters.update(slug=slugify, vn_date=format_date, vn_short_date=format_short_date, vn_number=format_number,
                           upper_first=upper_first)
        return env

    # --- pages -----------------------------------------------------------------------------

    def render(self, page: Page, body: Body) -> str:
        view = self._view(page, body)
        try:
            output = self._template(page.template).render(self._context(view, planned=page, subject=page.subject))
        except jinja2.TemplateError as err:
            raise HostBuildError(describe_template_error(err, self.job.templates_dir)) from err
        finally:
            view.active = False
        return material_fixes.compact(material_fixes.apply(output))

    def _view(self, page: Page, body: Body):
        meta = {"template": page.template, "title": html.escape(page.title)}
        if page.description:
            meta["description"] = html.escape(page.description)
        toc = get_toc(body.toc_tokens)
        for item in _toc_items(toc):  # Material prints toc titles as HTML
            item.title = clean_text(item.title)
        content = self._place_tables(page, body.html, meta)
        view = self.nav_pages.get(page.url)
        if view is not None:  # a page of the navigation: its tab is the current one, its title the tab's
            view.meta, view.content, view.toc = meta, content, toc
        else:
            canonical = (self.config.site_url.rstrip("/") + "/" + page.url) if self.config.site_url else None
            view = _PageView(meta["title"], page.url, meta, content, toc, canonical, is_homepage=page.url == "")
        view.active = True
        return view

    def _place_tables(self, page: Page, content: str, meta: dict) -> str:
        placed = set()
        if page.kind == "plan":
            for name, marker in TABLE_MARKERS.items():
                if marker in content:
                    table = self._template(f"partials/plan-{name}.html").render(plan=page.subject)
                    content = content.replace(marker, table, 1)
                    placed.add(name)
        meta["placed_tables"] = sorted(placed)
        return content

    def _context(self, view: _PageView | None, base_url: str | None = None, **extra) -> dict:
        base_url = get_relative_url(".", view.url) if view else base_url
        return dict(nav=self.nav, pages=[], base_url=base_url, extra_css=[], extra_javascript=[],
                    mkdocs_version=mkdocs.__version__, build_date_utc=None, config=self.config, page=view, **extra)

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateError as err:
            raise HostBuildError(describe_template_error(err, self.job.templates_dir)) from err

    # --- the site's other files --------------------------------------------------------------

    def extra_files(self, pages: list) -> Iterable[tuple[str, bytes]]:
        """404.html, robots.txt and (with a site_url) sitemap.xml, rendered from the theme's templates."""
        for name in sorted(self.config.theme.static_templates):
            # 404.html is served at any address: its links start from the site's root path.
            base_url = urlsplit(self.config.site_url or "/").path if name == "404.html" else "."
            context = self._context(None, base_url, sitemap_urls=self._sitemap_urls(pages))
            try:
                output = self._template(name).render(context)
            except jinja2.TemplateError as err:
                raise HostBuildError(describe_template_error(err, self.job.templates_dir)) from err
            if name.endswith(".html"):
                output = material_fixes.compact(material_fixes.apply(output))
            if output.strip():
                yield name, output.encode("utf-8")

    def _sitemap_urls(self, pages: list) -> list[tuple[str, str]]:
        """(public address, site path) of every page but redirects; none without a site_url."""
        base = (self.config.site_url or "").rstrip("/") + "/"
        return [(base + page.url, page.url) for page in pages
                if isinstance(page, Page) and page.template != "redirect.html"] if self.config.site_url else []

    def static_files(self) -> Iterable[tuple[str, Path]]:
        """(site path, source file) of every stylesheet, script and image of the theme and of templates/."""
        patterns = [".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*", "*.md",
                    *self.config.theme.static_templates, *UNUSED_THEME_FILES]
        for name in self.env.list_templates():
            if any(fnmatch(name.lower(), pattern) for pattern in patterns):
                continue
            for folder in self.config.theme.dirs:
                source = Path(folder) / name
                if source.is_file():
                    yield name, source
                    break


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def split_footnotes(html: str) -> tuple[str, str]:
    """Separate Python-Markdown's footnote block so templates can print it after the signature."""
    start = html.find('<div class="footnote">')
    if start < 0:
        return Markup(html), Markup("")
    return Markup(html[:start]), Markup(html[start:])
