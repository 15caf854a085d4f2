"""Writes the planned site into a folder: every page rendered, streamed to disk, in worker processes.

Rendering a page (Markdown, sanitising, templates) is independent of every other page, so
pages are split into chunks and rendered by a pool of processes, one per core. Workers are
forked after the model is read, so they share it without pickling; each writes its pages'
files itself and sends back only their paths, sizes and problems, so no process ever holds
every page's HTML.

Incremental: when a published site exists, a page whose fingerprint (plansite/fingerprints.py:
a digest of everything the page shows) equals the one recorded for the published site
(plansite/render_cache.py `PageStore`) is not rendered: the published file is hard-linked
into the staging folder, without reading it. Other pages are rendered and written as new
files, so the staging folder is made of links to the unchanged files plus the changed ones
(the published files are never modified in place; plansite/publish.py swaps the folders).
Page bodies come from the cache (plansite/render_cache.py) when their Markdown was rendered
before. The theme's files and the site's other small files are compared byte for byte.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from plansite.errors import Problem
from plansite.pages import DataFile, Page
from plansite.render_cache import BodyCache, PageStore
from plansite.rendering import Host, Renderer, broken_links
from plansite.search_index import store_record
from plansite.workers import freeze_heap, stop_by_default, worker_count

CHUNK = 64  # pages per task: large enough to amortise messages, small enough to balance two cores


@dataclass
class Written:
    """What a write produced: file sizes by site path, and problems found while rendering (broken links)."""

    sizes: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    store: PageStore = field(default_factory=PageStore)  # what the next build compares its pages with
    rendered: int = 0  # pages rendered (the others were linked from the published site)
    search: dict[str, str] = field(default_factory=dict)  # site path -> search record key (plansite/search_index.py)

    def add(self, other: Written) -> None:
        self.sizes.update(other.sizes)
        self.problems.extend(other.problems)
        self.store.pages.update(other.store.pages)
        self.store.data.update(other.store.data)
        self.store.groups.update(other.store.groups)
        self.rendered += other.rendered
        self.search.update(other.search)


@dataclass(frozen=True)
class SiteJob:
    pages: list  # Page and DataFile, in the site's order
    make_host: Callable[[], Host]  # called once per process
    out_dir: Path
    published: Path | None = None  # the site online now: unchanged files are hard-linked from it
    cache_dir: Path | None = None  # where rendered bodies are cached; None: no cache
    fingerprint: Callable[[Page], str | None] | None = None  # plansite/fingerprints.py; None: render every page
    previous: PageStore = field(default_factory=PageStore)  # the published site's fingerprints


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


def write_site(job: SiteJob, workers: int | None = None, meanwhile: Callable[[], Written] | None = None) -> Written:
    """Render and write every page and file of job into job.out_dir (which must be empty or absent).

    meanwhile: other files' work (the data files), done by one more forked process while this
    one links and the workers render pages, so a warm build uses both cores too."""
    if meanwhile is None:
        return _write_pages(job, workers)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    # A plain forked process, not a Pool: no threads in this process when the workers are forked next.
    side = context.Process(target=_side_work, args=(meanwhile, sending), daemon=True)
    freeze_heap()
    side.start()
    sending.close()
    try:
        written = _write_pages(job, workers)
        try:
            failed, result = receiving.recv()
        except EOFError:
            raise OSError(f"tiến trình ghi tệp dữ liệu đã dừng bất thường (mã {side.exitcode})") from None
        if failed:
            raise result
        written.add(result)
    finally:
        receiving.close()
        if side.is_alive():
            side.terminate()
        side.join()
    return written


def _side_work(work: Callable[[], Written], sending) -> None:
    """In the forked process: do the work and send back what it wrote, or its exception."""
    stop_by_default()  # the parent may terminate() it while it exits: no BuildInterrupted traceback
    try:
        outcome = (False, work())
    except BaseException as err:  # raised again in the parent
        outcome = (True, err)
    sending.send(outcome)
    sending.close()


def _write_pages(job: SiteJob, workers: int | None) -> Written:
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
    written.store.known = sorted(urls)
    fingerprints = {i: job.fingerprint(item) if job.fingerprint else None
                    for i, item in enumerate(job.pages) if isinstance(item, Page)}
    linker = _Linker(job, urls)
    indexes = [i for i, fingerprint in fingerprints.items() if not linker.link(i, fingerprint, written)]
    chunks = [indexes[i:i + CHUNK] for i in range(0, len(indexes), CHUNK)]
    workers = workers or worker_count(len(chunks))
    if workers <= 1:
        renderer = Renderer(host, urls, BodyCache(job.cache_dir))
        for chunk in chunks:
            written.add(_render_chunk(job, renderer, chunk, fingerprints))
        return written
    global _WORKER_JOB
    _WORKER_JOB = (job, urls, fingerprints)  # inherited by the forked workers, never pickled
    freeze_heap()
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
            for part in pool.imap_unordered(_worker_chunk, chunks):
                written.add(part)
    finally:
        _WORKER_JOB = None
    return written


class _Linker:
    """Hard-links published pages whose fingerprint is the recorded one, so they need not be rendered.

    A linked page's links were all valid when it was published (a build with a broken link
    publishes nothing); they are checked again only when an address the site had is gone, from
    the links its body's cache entry recorded (without that entry the page is rendered)."""

    def __init__(self, job: SiteJob, urls: set[str]):
        self.job = job
        self.urls = urls
        self.gone = bool(set(job.previous.known) - urls)
        self.bodies = BodyCache(job.cache_dir) if self.gone else None
        self.folders: set[Path] = set()

    def link(self, index: int, fingerprint: str | None, written: Written) -> bool:
        """True when the page was linked; False: it must be rendered."""
        job, page = self.job, self.job.pages[index]
        recorded = job.previous.pages.get(page.output_path)
        if fingerprint is None or recorded is None or recorded[0] != fingerprint or job.published is None:
            return False
        problems = []
        if self.gone and page.markdown:
            cached = self.bodies.get(page.markdown)
            if cached is None:
                return False
            problems = broken_links(page, cached["hrefs"], self.urls)
        target = job.out_dir / page.output_path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        if not _link(job.published / page.output_path, target, recorded[1]):
            return False  # gone from the published site, changed there, or another file system
        written.sizes[page.output_path] = recorded[1]
        written.problems.extend(problems)
        written.store.pages[page.output_path] = recorded
        return True


_WORKER_JOB = None
_WORKER_RENDERER: Renderer | None = None


def _start_worker() -> None:
    global _WORKER_RENDERER
    stop_by_default()
    job, urls, _ = _WORKER_JOB
    _WORKER_RENDERER = Renderer(job.make_host(), urls, BodyCache(job.cache_dir))


def _worker_chunk(chunk: list[int]) -> Written:
    return _render_chunk(_WORKER_JOB[0], _WORKER_RENDERER, chunk, _WORKER_JOB[2])


def _render_chunk(job: SiteJob, renderer: Renderer, chunk: list[int], fingerprints: dict[int, str | None]) -> Written:
    written = Written()
    for index in chunk:
        page = job.pages[index]
        output, body = renderer.render_body(page)
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        # A rendered page is written, never compared with the published one: its fingerprint changed.
        written.sizes[page.output_path] = write_file(job.out_dir, page.output_path, data)
        written.problems.extend(body.problems)
        written.rendered += 1
        if fingerprints.get(index) is not None:
            written.store.pages[page.output_path] = [fingerprints[index], len(data)]
        key = store_record(job.cache_dir, output, page.output_path)  # the page read for search while in memory
        if key:
            written.search[page.output_path] = key
    return written


@dataclass(frozen=True)
class DataGroup:
    """Files made together from one subject (a plan's record and calendar): made only when its fingerprint changed."""

    key: str
    fingerprint: str
    make: Callable[[], dict[str, bytes]]


def write_data(out_dir: Path, files: Callable[[], dict[str, bytes]], groups: list[DataGroup],
               copies: dict[str, Path], published: Path | None, previous: PageStore) -> Written:
    """The data files (JSON, CSV, feeds, calendars) and the plans' originals.

    A group whose fingerprint is the recorded one is not made again: its files are linked from
    the published site. Any other file is linked when its bytes' digest is the recorded one
    (no need to read the published file), else written. files: made when called (the tables over
    the whole corpus, feeds)."""
    written = Written()
    for group in groups:
        recorded = previous.groups.get(group.key)
        if (published is not None and recorded is not None and recorded[0] == group.fingerprint
                and all(_link_data(path, published, out_dir, previous, written) for path in recorded[1])):
            written.store.groups[group.key] = recorded
            continue
        made = group.make()
        _write_data_files(made.items(), out_dir, published, previous, written)
        written.store.groups[group.key] = [group.fingerprint, list(made)]
    _write_data_files(files().items(), out_dir, published, previous, written)
    _write_data_files(((path, source.read_bytes()) for path, source in copies.items()), out_dir, published,
                      previous, written)
    return written


def _link_data(site_path: str, published: Path, out_dir: Path, previous: PageStore, written: Written) -> bool:
    recorded = previous.data.get(site_path)
    if recorded is None or not _link(published / site_path, out_dir / site_path, recorded[1]):
        return False
    written.sizes[site_path] = recorded[1]
    written.store.data[site_path] = recorded
    return True


def _write_data_files(items, out_dir: Path, published: Path | None, previous: PageStore, written: Written) -> None:
    for site_path, data in items:
        digest = hashlib.sha256(data).hexdigest()[:32]
        recorded = previous.data.get(site_path)
        if not (published is not None and recorded == [digest, len(data)]
                and _link(published / site_path, out_dir / site_path, len(data))):
            write_file(out_dir, site_path, data)
        written.sizes[site_path] = len(data)
        written.store.data[site_path] = [digest, len(data)]


def _link(source: Path, target: Path, size: int) -> bool:
    """Hard-link source at target when it still has the recorded size; False: write the file instead."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        if target.parent.is_dir():
            return False  # the published file is gone
        target.parent.mkdir(parents=True, exist_ok=True)
        return _link(source, target, size)
    except OSError:
        return False
    if target.stat().st_size != size:
        target.unlink()
        return False
    return True
