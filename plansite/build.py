"""The build pipeline: read all content, plan pages, render and index into a fresh folder, then swap.

`site/` is replaced only after every stage succeeded, so a failed build (bad content, a
template error, a Pagefind failure) leaves the previously published site exactly as it was.
"""
from __future__ import annotations

import functools
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from plansite.citations.redirects import load_published_ids
from plansite.content import load_site
from plansite.errors import Problems
from plansite.exports import originals, plan_data_files, site_data_files
from plansite.model import SiteModel
from plansite.pages import Output, Page, plan_pages, redirect_pages
from plansite.plan_reading import PlanReader
from plansite.portal import Portal, assemble
from plansite.publish import Publication, PublishError, verify_written
from plansite.render_cache import CACHE_DIR, PageStore
from plansite.search import is_searchable
from plansite.search_index import INDEX_DIR, SearchIndexError, index_site
from plansite.site_config import SiteConfig, load_site_config, with_site_url
from plansite.workers import reading_without_collections


@dataclass(frozen=True)
class ProjectPaths:
    root: Path
    templates_dir: Path | None = None  # tests and benchmarks reuse the repository's templates

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.templates_dir or self.root / "templates"

    @property
    def config_file(self) -> Path:
        return self.root / "site_config.yaml"

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass
class Loaded:
    """Everything read from the project; `portal` is None when content has errors."""

    config: SiteConfig
    portal: Portal | None
    problems: Problems
    pages: list[Output] = field(default_factory=list)

    @property
    def model(self) -> SiteModel | None:
        return self.portal.model if self.portal else None


@dataclass
class BuildReport:
    loaded: Loaded
    stage_seconds: dict[str, float] = field(default_factory=dict)
    page_count: int = 0
    failure: str = ""
    sizes: dict[str, int] = field(default_factory=dict)  # bytes of every written file, by site path

    @property
    def ok(self) -> bool:
        return not self.failure and not self.loaded.problems.errors


def load_project(paths: ProjectPaths, site_url: str | None = None, memo=None) -> Loaded:
    """Read everything; site_url (the address the site is published at) overrides site_config.yaml.

    memo: the preview's per-plan results from its previous reload (plansite/preview/project.py)."""
    problems = Problems()
    config = load_site_config(paths.config_file, paths.root, problems)
    if site_url is not None:
        config = with_site_url(config, site_url, problems)
    readers = []

    def read_plans(plans_dir: Path, provinces, curated):  # per-plan work up front: cached, in worker processes
        readers.append(PlanReader(plans_dir, paths.root, provinces, curated, config.external_hosts, paths.root))
        return readers[0].load_plan

    model, content_problems = load_site(paths.content, paths.root, config.external_hosts, memo,
                                        None if memo else read_plans)
    problems.extend(content_problems)
    if problems.errors:
        return Loaded(config, None, problems)
    citation_memo = memo.citations if memo else readers[0].citation_memo(model.reading_order) if readers else None
    portal = assemble(model, citation_memo)  # the citation graph: above the model and the analysis, once all is read
    for error in portal.citations.errors:  # an identity claimed outside its scope
        problems.error(error.where, error.what, error.fix)
    if problems.errors:
        return Loaded(config, None, problems)
    for warning in portal.warnings:
        problems.warning(warning.where, warning.what, warning.fix)
    published = load_published_ids(paths.content)  # old /van-ban/ addresses keep working
    return Loaded(config, portal, problems, plan_pages(portal, memo) + redirect_pages(portal, published))


def build(paths: ProjectPaths, out_dir: Path | None = None, site_url: str | None = None,
          preview: bool = False) -> BuildReport:
    """Full build into out_dir (default site/), atomically (see plansite/publish.py)."""
    from plansite.fingerprints import Fingerprints
    from plansite.mkdocs_adapter import HostBuildError, MaterialHost, RenderJob  # the host, at the edge
    from plansite.site_writer import DataGroup, SiteJob, write_data, write_site

    out_dir = out_dir or paths.site
    timer = _StageTimer()
    report = BuildReport(Loaded(SiteConfig(), None, Problems()), timer.seconds)
    try:
        with Publication(out_dir) as publication:  # one build at a time; swapped in only on success
            with timer.stage("đọc nội dung"):
                with reading_without_collections():
                    report.loaded = loaded = load_project(paths, site_url)
            if loaded.portal is None:
                publication.cancel()
                return report
            staging = publication.staging
            with timer.stage("dựng trang"):
                cache_dir = paths.root / CACHE_DIR
                previous = PageStore.load(cache_dir, publication.out_dir, publication.published)
                job = RenderJob(loaded.portal, loaded.pages, loaded.config, paths.templates, preview, cache_dir)
                fingerprints = Fingerprints(loaded.portal, loaded.config, paths.templates, preview)
                portal, config = loaded.portal, loaded.config
                plan_files = [DataGroup(plan.source_path, fingerprints.plan_data(plan),
                                        functools.partial(plan_data_files, plan, portal, config)) for plan in portal.model.plans]
                data = functools.partial(write_data, staging, functools.partial(site_data_files, portal, config),
                                         plan_files, originals(loaded.model, paths.content), publication.published,
                                         previous)
                written = write_site(SiteJob(loaded.pages, functools.partial(MaterialHost, job), staging,
                                             publication.published, cache_dir, fingerprints.of, previous), meanwhile=data)
            for problem in written.problems:  # broken links between pages
                loaded.problems.error(problem.where, problem.what, problem.fix)
            if loaded.problems.errors:
                publication.cancel()
                return report
            report.sizes = written.sizes
            report.page_count = sum(1 for path in written.sizes if path.endswith("index.html"))
            with timer.stage("lập chỉ mục tìm kiếm"):
                try:
                    index_site(staging, [p.output_path for p in loaded.pages if isinstance(p, Page) and is_searchable(p)],
                               written.search, cache_dir, publication.published)
                except SearchIndexError:
                    verify_written(staging / INDEX_DIR)  # a full disk, if that is the cause
                    raise
                verify_written(staging / INDEX_DIR)  # Pagefind exits 0 on a full disk
            with timer.stage("xuất bản"):
                publication.publish()
                written.store.save(cache_dir, publication.out_dir)  # describes the site now published
    except HostBuildError as err:
        report.failure = str(err)
    except SearchIndexError as err:
        report.failure = f"lập chỉ mục tìm kiếm: {err}"
    except PublishError as err:
        report.failure = str(err)
    return report


class _StageTimer:
    """Records how long each named stage of the build took, for the summary line."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - start
