"""Reading every plan at once: per-plan work in worker processes, and from the cache when unchanged.

Each plan file is read, checked and searched for citations independently of every other
(plansite.content.plans.load_plan, then plansite.citations.corpus.plan_citations), so this
is done before the content loader asks for the plans: results come from the cache
(plansite/plan_cache.py) when the file and its inputs are unchanged, the rest are computed by a
pool of processes, one per core (forked, so they share the registry without pickling; each
sends back its results pickled, and stores them in the cache). The loader then takes plans
from here in its own order and does what needs every plan (duplicate numbers, originals), and
the citation graph regroups the per-plan citations (plansite/portal.py). PLANSITE_WORKERS=1
does the work in this process.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

from plansite.citations.corpus import curated_aliases, plan_citations, remember
from plansite.citations.places import PlaceNames
from plansite.content.plans import ORIGINAL_SUFFIXES, load_plan, plan_files
from plansite.content.source import MAX_FILE_BYTES
from plansite.errors import Problems, display_path
from plansite.model import Plan, ordered
from plansite.plan_cache import PlanCache
from plansite.workers import freeze_heap, stop_by_default, worker_count

CHUNK = 16  # plans per task: small enough to balance two cores, large enough to amortise messages


@dataclass(frozen=True)
class PlanResult:
    """What reading one plan file gave: the plan (None when it has errors), its problems, and
    (for a plan) its identity with its citations and their warnings (see corpus.plan_citations)."""

    plan: Plan | None
    problems: Problems
    found: tuple | None = None  # (own id, (citations, warnings))


@dataclass(frozen=True)
class _Context:
    """The shared inputs of every plan's work."""

    plans_dir: Path
    root: Path
    districts: dict
    allowed_hosts: tuple[str, ...]
    provinces: tuple  # in the model's order, as the citation graph sees them
    aliases: dict[str, str]

    def digest(self) -> str:
        """What the results depend on besides the file: the cache key's shared part."""
        shared = repr((str(self.plans_dir), str(self.root), self.allowed_hosts, self.provinces,
                       sorted(self.aliases.items())))
        return hashlib.sha256(shared.encode()).hexdigest()


def _work(path: Path, context: _Context, places: PlaceNames) -> PlanResult:
    problems = Problems()
    plan = load_plan(path, context.plans_dir, context.root, context.districts, problems, context.allowed_hosts)
    found = plan_citations(plan, context.provinces, places, context.aliases) if plan is not None else None
    return PlanResult(plan, problems, found)


class PlanReader:
    """Every plan of plans_dir read up front; `load_plan` hands them to the content loader."""

    def __init__(self, plans_dir: Path, root: Path, provinces, curated, allowed_hosts: tuple[str, ...] = (),
                 cache_root: Path | None = None, workers: int | None = None):
        districts = {d.key: d for p in provinces for d in p.districts}
        self.context = _Context(plans_dir, root, districts, allowed_hosts, ordered(provinces), curated_aliases(curated))
        self.cache = PlanCache(cache_root, self.context.digest() if cache_root else "")
        self.results: dict[Path, PlanResult] = {}
        keys = {}
        for path in plan_files(plans_dir):
            if path.suffix.lower() in ORIGINAL_SUFFIXES:
                continue
            keys[path] = key = _file_key(path, self.cache, root)
            cached = self.cache.get(key, _usable)
            if cached is not None:
                self.results[path] = cached
        missing = [path for path in keys if path not in self.results]
        self.results.update(_compute(missing, self.context, self.cache, keys, workers))

    def load_plan(self, path: Path, plans_dir: Path, root: Path, districts, problems: Problems,
                  allowed_hosts: tuple[str, ...] = ()) -> Plan | None:
        """load_plan's signature and result, from what was read up front."""
        result = self.results.get(path)
        if result is None or plans_dir != self.context.plans_dir:  # not seen before: read it now
            result = _work(path, self.context, PlaceNames(self.context.provinces))
        problems.extend(result.problems)
        return result.plan

    def citation_memo(self, plans) -> dict:
        """The per-plan citations found while reading, as a memo for corpus.build_index over plans
        (the model's: a plan with an original committed beside it is a copy of the one read here,
        which its citations are moved to, as its text is the same)."""
        read = {r.plan.source_path: r for r in self.results.values() if r.plan is not None and r.found is not None}
        memo: dict = {}
        for plan in plans:
            result = read.get(plan.source_path)
            if result is None:
                continue
            own_id, (citations, warnings) = result.found
            if result.plan is not plan:
                citations = tuple(replace(citation, plan=plan) for citation in citations)
            remember(memo, plan, own_id, (citations, warnings))
        return memo


def _usable(cached) -> bool:
    """A result of this code, whose plan's body (kept beside it) is still there."""
    return isinstance(cached, PlanResult) and (
        cached.plan is None or not cached.plan.body_file or os.path.exists(cached.plan.body_file))


def _file_key(path: Path, cache: PlanCache, root: Path) -> str | None:
    """Regular files only: a link's result depends on where it points, not on its bytes."""
    if cache.folder is None or path.is_symlink():
        return None
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return cache.key(display_path(path, root), data)


def _compute(paths: list[Path], context: _Context, cache: PlanCache, keys: dict, workers: int | None) -> dict:
    if not paths:
        return {}
    places = PlaceNames(context.provinces)
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    workers = workers or worker_count(len(chunks))
    if workers <= 1:
        return {path: pickle.loads(blob) for chunk in chunks
                for path, blob in _chunk(chunk, context, places, cache, keys)}
    global _SHARED
    _SHARED = (context, places, cache, keys)  # inherited by the forked workers, never pickled
    results = {}
    freeze_heap()
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
            for part in pool.imap_unordered(_worker_chunk, chunks):
                results.update((path, pickle.loads(blob)) for path, blob in part)
            pool.close()  # let the workers exit on their own rather than be terminated
            pool.join()
    finally:
        _SHARED = None
    return results


_SHARED = None


def _start_worker() -> None:
    stop_by_default()
    gc.enable()  # the build reads without collections (workers.reading_without_collections); a worker collects its own garbage


def _worker_chunk(chunk: list[Path]) -> list[tuple[Path, bytes]]:
    return _chunk(chunk, *_SHARED)


def _chunk(chunk: list[Path], context: _Context, places: PlaceNames, cache: PlanCache, keys: dict):
    """Each plan's result, pickled once: stored in the cache and sent back as it is."""
    done = []
    for path in chunk:
        result = _work(path, context, places)
        key = keys.get(path)
        if key is not None and _file_key(path, cache, context.root) != key:  # saved again meanwhile
            key = None
        if key is not None and result.plan is not None:
            result = _body_aside(result, cache.put_text(key, result.plan.body))
        blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        cache.put(key, blob)
        done.append((path, blob))
    return done


def _body_aside(result: PlanResult, body_file: Path | None) -> PlanResult:
    """The result without the plan's body, kept in body_file instead: at 10,000 plans the bodies
    were most of the build's memory, and only rendering a plan's page reads its body again."""
    if body_file is None:
        return result
    plan = replace(result.plan, body="", body_file=str(body_file))
    own_id, (citations, warnings) = result.found
    return PlanResult(plan, result.problems, (own_id, (tuple(replace(c, plan=plan) for c in citations), warnings)))
