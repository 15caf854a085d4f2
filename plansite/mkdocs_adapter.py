"""The only module that knows MkDocs: renders planned pages with MkDocs + Material.

Pages are fed to MkDocs as generated (virtual) files, so there is no docs/ folder to keep
in sync; our Jinja templates in templates/ (the theme's custom_dir) receive the page's
model object as `subject`. Plans are kept out of the navigation tree on purpose: Material
renders the whole nav into every page, which grows quadratically with the page count.
"""
from __future__ import annotations

import html
import io
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.base import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from plansite import material_fixes, urls
from plansite.html_policy import CONTENT_SECURITY_POLICY, PREVIEW_CONTENT_SECURITY_POLICY, clean_text, sanitize_body
from plansite.pages import Page
from plansite.portal import Portal
from plansite.search import FILTER_LABELS, META_WEIGHTS, facets, search_entry
from plansite.site_config import SiteConfig
from plansite.vietnamese import format_date, format_number, format_short_date, slugify, toc_slugify, upper_first

# Body paragraphs an editor writes to place a structured table inside the prose.
TABLE_MARKERS = {"targets": "<p>[[targets]]</p>", "programme": "<p>[[programme]]</p>"}


class HostBuildError(Exception):
    """MkDocs could not render the site; the message is meant for the person building."""


@dataclass(frozen=True)
class RenderJob:
    portal: Portal
    pages: list[Page]
    config: SiteConfig
    templates_dir: Path
    preview: bool = False  # a `make serve` build: allows the live-reload script, never published


def render_site(job: RenderJob, out_dir: Path) -> None:
    """Render every page into out_dir (which MkDocs creates or cleans)."""
    with tempfile.TemporaryDirectory(prefix="plansite-docs-") as docs_dir:
        config = mkdocs_config(job, Path(docs_dir), out_dir)
        _quiet_mkdocs_info_logs()
        try:
            mkdocs_build(config)
        except MkDocsException as err:  # includes Abort raised by strict mode
            raise HostBuildError(f"MkDocs dừng lại: {err}") from err
        except jinja2.TemplateError as err:
            raise HostBuildError(_describe_template_error(err, job.templates_dir)) from err


def live_reload(rebuild: Callable[[], None], root: Path, watched: Iterable[Path], host: str, port: int) -> None:
    """Serve root over HTTP; on a change under a watched path, call rebuild and reload open pages.

    Blocks until interrupted (KeyboardInterrupt propagates to the caller, after shutdown).
    """
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(root))
    for path in watched:
        server.watch(str(path))
    try:
        server.serve()
    finally:
        server.shutdown()


def _describe_template_error(err: jinja2.TemplateError, templates_dir: Path) -> str:
    """'templates/plan.html:12: lỗi mẫu trang: ...', in the path:line form of content errors."""
    name = getattr(err, "filename", None) or getattr(err, "name", None) or "templates/"
    line = getattr(err, "lineno", None) or 1
    try:
        name = Path(name).resolve().relative_to(templates_dir.resolve().parent).as_posix()
    except ValueError:
        pass
    return f"{name}:{line}:1: lỗi mẫu trang (Jinja): {err.message or err} — sửa mẫu trang này; nội dung không bị ảnh hưởng"


def mkdocs_config(job: RenderJob, docs_dir: Path, out_dir: Path, **overrides):
    """The MkDocs configuration with our plugin registered (overrides: for benchmarks)."""
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
        nav=[{"Trang chủ": "index.md"}, {"Địa phương": urls.LOCALITIES + "index.md"},
             {"Văn bản": urls.DOCUMENTS + "index.md"}],
        not_in_nav="*",
        markdown_extensions=markdown_extensions(),
        extra_css=["assets/plansite.css"],
        extra_javascript=["assets/plansite-sort.js"],
    )
    options.update(overrides)
    config = load_config(io.StringIO(""), **options)
    config.plugins["plansite"] = PlansitePlugin(job)
    return config


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


def markdown_extensions() -> list:
    return [
        "tables",
        "attr_list",
        "md_in_html",
        {"footnotes": {"BACKLINK_TITLE": "Quay lại chỗ chú thích %d trong văn bản"}},
        {"toc": {"permalink": True, "permalink_title": "Liên kết đến mục này", "slugify": toc_slugify}},
    ]


def _quiet_mkdocs_info_logs() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)


class PlansitePlugin(BasePlugin):
    """Feeds planned pages to MkDocs and gives templates their model objects."""

    def __init__(self, job: RenderJob):
        super().__init__()
        self.job = job
        self.pages_by_src = {page.src_uri: page for page in job.pages}
        self.our_templates = {p.relative_to(job.templates_dir).as_posix() for p in job.templates_dir.rglob("*.*")}
        self.env = None

    def on_files(self, files: Files, config) -> Files:
        for page in self.job.pages:
            files.append(File.generated(config, page.src_uri, content=_page_source(page)))
        return files

    def on_env(self, env, config, files):
        return self._with_helpers(env)

    def _with_helpers(self, env):
        # Our templates escape every value (content is text, never markup); Material's keep their own rules.
        env.autoescape = lambda name: name in self.our_templates and not name.endswith(".txt")
        env.globals.update(url_of=urls.url_of, site_model=self.job.portal.model, citations=self.job.portal.citations,
                           split_footnotes=split_footnotes,
                           district_of_entry=lambda entry: entry[0].district,
                           content_security_policy=Markup(PREVIEW_CONTENT_SECURITY_POLICY if self.job.preview
                                                         else CONTENT_SECURITY_POLICY),
                           search_entry=lambda planned: search_entry(planned, self.job.portal.model),
                           search_facets=lambda: facets(self.job.pages, self.job.portal.model),
                           search_filter_labels=FILTER_LABELS, search_meta_weights=META_WEIGHTS)
        env.filters.update(slug=slugify, vn_date=format_date, vn_short_date=format_short_date, vn_number=format_number,
                           upper_first=upper_first)
        return env

    def _partials_env(self, config):
        """Page content is rendered before MkDocs creates its template env, so keep our own."""
        if self.env is None:
            self.env = self._with_helpers(config.theme.get_env())
        return self.env

    def on_page_content(self, html: str, page, config, files) -> str:
        html = sanitize_body(html)  # editors' Markdown may carry raw HTML
        planned = self.pages_by_src.get(page.file.src_uri)
        if planned is None or planned.kind != "plan":
            return html
        placed = set()
        for name, marker in TABLE_MARKERS.items():
            if marker in html:
                table = self._partials_env(config).get_template(f"partials/plan-{name}.html").render(plan=planned.subject)
                html = html.replace(marker, table, 1)
                placed.add(name)
        page.meta["placed_tables"] = sorted(placed)
        return html

    def on_post_page(self, output: str, page, config) -> str:
        return material_fixes.apply(output)

    def on_post_template(self, output: str, template_name: str, config) -> str:
        return material_fixes.apply(output) if template_name.endswith(".html") else output

    def on_page_context(self, context, page, config, nav):
        for item in _toc_items(page.toc):  # Material prints toc titles as HTML
            item.title = clean_text(item.title)
        planned = self.pages_by_src.get(page.file.src_uri)
        if planned is not None:
            context.update(planned=planned, subject=planned.subject)
        return context


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def _page_source(page: Page) -> str:
    """A generated Markdown file: front matter for MkDocs, then the page's prose (if any).

    Title and description are written HTML-escaped: Material prints them without escaping.
    """
    meta = {"template": page.template, "title": html.escape(page.title)}
    if page.description:
        meta["description"] = html.escape(page.description)
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{front}\n---\n\n{page.markdown}"


def split_footnotes(html: str) -> tuple[str, str]:
    """Separate Python-Markdown's footnote block so templates can print it after the signature."""
    start = html.find('<div class="footnote">')
    if start < 0:
        return Markup(html), Markup("")
    return Markup(html[:start]), Markup(html[start:])


class PagePreviewer:
    """`make serve`: one page at a time, through MkDocs' own steps, from the model in memory.

    Set up once (configuration, theme environment, the site's generated files and navigation,
    without rendering any page) and `update`d with each reload's pages while templates and
    configuration stay the same; `page(url)` populates and renders that one page as `mkdocs
    build` would (byte for byte), and `file(path)` gives a theme file or a static template
    (404.html, robots.txt). Nothing is written to disk. Not thread-safe: callers serialise.
    """

    def __init__(self, job: RenderJob):
        from mkdocs.structure.files import set_exclusions
        from mkdocs.structure.nav import get_navigation

        self.job = job
        self._docs = tempfile.TemporaryDirectory(prefix="plansite-docs-")
        (Path(self._docs.name) / "docs").mkdir()
        _quiet_mkdocs_info_logs()
        config = mkdocs_config(job, Path(self._docs.name) / "docs", Path(self._docs.name) / "site")
        self.config = config = config.plugins.on_config(config)
        try:
            files = Files([])
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            self.nav = get_navigation(files, config)
            self.env = config.plugins.on_env(env, config=config, files=files)
        except jinja2.TemplateError as err:
            raise HostBuildError(_describe_template_error(err, job.templates_dir)) from err
        self.files = files

    def update(self, job: RenderJob) -> None:
        """The next reload's pages, same templates: only the page list and the template globals change."""
        plugin = self.config.plugins["plansite"]
        plugin.job, plugin.env = job, None
        plugin.pages_by_src = {page.src_uri: page for page in job.pages}
        self.job = job
        self.env = plugin.on_env(self.env, self.config, self.files)
        generated = {file.src_uri for file in self.files.documentation_pages()}
        for src_uri in generated - plugin.pages_by_src.keys():
            self.files.remove(self.files.get_file_from_path(src_uri))
        for src_uri in plugin.pages_by_src.keys() - generated:
            self.files.append(File.generated(self.config, src_uri, content=""))  # filled when rendered

    def page(self, url: str) -> str | None:
        """The page published at url ('dia-phuong/x/'), rendered now; None if there is none."""
        from mkdocs.commands.build import _populate_page, get_context
        from mkdocs.structure.pages import Page as MkDocsPage

        planned = self.config.plugins["plansite"].pages_by_src.get(f"{url}index.md")
        file = self.files.get_file_from_path(f"{url}index.md")
        if planned is None or file is None:
            return None
        file.content_string = _page_source(planned)  # this reload's text of the page
        config = self.config
        try:
            page = file.page or MkDocsPage(None, file, config)
            _populate_page(page, config, self.files)
            page.active = True
            context = get_context(self.nav, self.files.documentation_pages(), config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = self.env.get_template(page.meta.get("template", "main.html")).render(context)
        except jinja2.TemplateError as err:
            raise HostBuildError(_describe_template_error(err, self.job.templates_dir)) from err
        finally:
            if file.page is not None:
                file.page.active = False
        return config.plugins.on_post_page(output, page=page, config=config)

    def file(self, path: str) -> bytes | None:
        """A theme file (stylesheets, scripts, icons) or a static template, by its site path."""
        from mkdocs.commands.build import _build_template

        if path in self.config.theme.static_templates:
            try:
                return _build_template(path, self.env.get_template(path), self.files, self.config,
                                       self.nav).encode("utf-8")
            except jinja2.TemplateError as err:
                raise HostBuildError(_describe_template_error(err, self.job.templates_dir)) from err
        file = self.files.get_file_from_path(path)
        if file is None or file.is_documentation_page() or file.abs_src_path is None:
            return None
        return Path(file.abs_src_path).read_bytes()

    def close(self) -> None:
        self._docs.cleanup()
