"""Writes the planned site into a folder: every page rendered, streamed to disk, in worker processes.

Rendering a page (Markdown, sanitising, templates) is independent of every other page, so
pages are split into chunks and rendered by a pool of processes, one per core. Workers are
forked after the model is read, so they share it without pickling; each writes its pages'
files itself and sends back only their paths, sizes and problems, so no process ever holds
every page's HTML.

Incremental: when a published site exists, a file whose new bytes equal the published file's
is hard-linked from it instead of written, so the staging folder is made of links to the
unchanged files plus the changed ones, written as new files (the published files are never
modified in place; plansite/publish.py swaps the folders). Page bodies come from the cache
(plansite/render_cache.py) when their Markdown was rendered before.
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from plansite.errors import Problem
from plansite.pages import DataFile, Page
from plansite.render_cache import BodyCache
from plansite.rendering import Host, Renderer
from plansite.search_index import store_record

CHUNK = 64  # pages per task: large enough to amortise messages, small enough to balance two cores


@dataclass
class Written:
    """What a write produced: file sizes by site path, and problems found while rendering (broken links)."""

    sizes: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    search: dict[str, str] = field(default_factory=dict)  # site path -> search record key (plansite/search_index.py)

    def add(self, other: Written) -> None:
        self.sizes.update(other.sizes)
        self.problems.extend(other.problems)
        self.search.update(other.search)


@dataclass(frozen=True)
class SiteJob:
    pages: list  # Page and DataFile, in the site's order
    make_host: Callable[[], Host]  # called once per process
    out_dir: Path
    published: Path | None = None  # the site online now: unchanged files are hard-linked from it
    cache_dir: Path | None = None  # where rendered bodies are cached; None: no cache


def known_urls(pages: list, static_paths: list[str]) -> set[str]:
    """Every site path a link may point at: page URLs ('x/y/'), and files by their path."""
    found = {p.url for p in pages if isinstance(p, Page)}
    found.update(p.url_path for p in pages if isinstance(p, DataFile))
    found.update(static_paths)
    return found


def write_file(out_dir: Path, site_path: str, data: bytes, published: Path | None = None) -> int:
    """Write data at site_path, or hard-link the published file when it holds the same bytes."""
    target = out_dir / site_path
    target.parent.mkdir(parents=True, exist_ok=True)
    if published is not None and _same_bytes(published / site_path, data):
        try:
            os.link(published / site_path, target)
            return len(data)
        except OSError:  # another file system, or links not allowed: write a copy
            pass
    target.write_bytes(data)
    return len(data)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_site(job: SiteJob, workers: int | None = None) -> Written:
    """Render and write every page and file of job into job.out_dir (which must be empty or absent)."""
    host = job.make_host()
    written = Written()
    statics = list(host.static_files())
    for site_path, source in statics:
        written.sizes[site_path] = write_file(job.out_dir, site_path, Path(source).read_bytes(), job.published)
    for site_path, data in host.extra_files(job.pages):
        written.sizes[site_path] = write_file(job.out_dir, site_path, data, job.published)
    for item in job.pages:
        if isinstance(item, DataFile):
            written.sizes[item.url_path] = write_file(job.out_dir, item.url_path, item.data, job.published)
    urls = known_urls(job.pages, [path for path, _ in statics] + list(written.sizes))
    indexes = [i for i, item in enumerate(job.pages) if isinstance(item, Page)]
    chunks = [indexes[i:i + CHUNK] for i in range(0, len(indexes), CHUNK)]
    workers = workers or _worker_count(len(chunks))
    if workers <= 1:
        renderer = Renderer(host, urls, BodyCache(job.cache_dir))
        for chunk in chunks:
            written.add(_render_chunk(job, renderer, chunk))
        return written
    global _WORKER_JOB
    _WORKER_JOB = (job, urls)  # inherited by the forked workers, never pickled
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
            for part in pool.imap_unordered(_worker_chunk, chunks):
                written.add(part)
    finally:
        _WORKER_JOB = None
    return written


def _worker_count(chunks: int) -> int:
    if chunks < 2 or os.environ.get("PLANSITE_WORKERS") == "1":
        return 1
    wanted = int(os.environ.get("PLANSITE_WORKERS") or 0) or len(os.sched_getaffinity(0))
    return max(1, min(wanted, chunks))


_WORKER_JOB = None
_WORKER_RENDERER: Renderer | None = None


def _start_worker() -> None:
    global _WORKER_RENDERER
    job, urls = _WORKER_JOB
    _WORKER_RENDERER = Renderer(job.make_host(), urls, BodyCache(job.cache_dir))


def _worker_chunk(chunk: list[int]) -> Written:
    return _render_chunk(_WORKER_JOB[0], _WORKER_RENDERER, chunk)


def _render_chunk(job: SiteJob, renderer: Renderer, chunk: list[int]) -> Written:
    written = Written()
    for index in chunk:
        page = job.pages[index]
        output, problems = renderer.render(page)
        written.sizes[page.output_path] = write_file(job.out_dir, page.output_path,
                                                     output.encode("utf-8", errors="xmlcharrefreplace"), job.published)
        written.problems.extend(problems)
        key = store_record(job.cache_dir, output, page.output_path)  # the page read for search while in memory
        if key:
            written.search[page.output_path] = key
    return written
