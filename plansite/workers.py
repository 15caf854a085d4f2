"""The build's forked worker processes: how many, and how they stop.

Workers are forked after the model is read, so they share it without pickling. A forked
worker inherits the build's SIGTERM/SIGHUP handler (plansite/publish.py), which must not run
in it: a pool stops its workers with SIGTERM, and the handler made a worker hang on a lock
and printed a traceback from each one. Workers take the default action instead.

Memory: a forked worker shares the parent's pages until it writes to them, and Python's
cycle collector writes to every object it examines. Freezing the heap before forking
(`freeze_heap`) keeps the collector off the inherited objects. CPython still writes a reference
count into every object a worker reads, so a worker that reads much of the model still ends up
with its own copy of those pages (measured at 10,000 plans: README, Benchmarks).
"""
from __future__ import annotations

import gc
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager


def worker_count(tasks: int) -> int:
    """One worker per core (PLANSITE_WORKERS overrides; 1 works in the build's own process), never more than tasks."""
    wanted = int(os.environ.get("PLANSITE_WORKERS") or 0) or len(os.sched_getaffinity(0))
    return max(1, min(wanted, tasks))


def stop_by_default() -> None:
    """In a forked worker: SIGTERM and SIGHUP end it, as for any process."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def freeze_heap() -> None:
    """Every object alive now is left out of garbage collection from now on, in this process and
    in the processes it forks next: before forking workers, so no collection copies what they
    share. Objects frozen are never freed by the collector; in a build they live to its end anyway."""
    gc.freeze()


@contextmanager
def reading_without_collections() -> Iterator[None]:
    """Around reading the project: it allocates millions of objects that live to the end of the
    build and frees few, so the collector's full passes only walk them (5 took 0.56 s of a
    4.2 s warm build at 1,000 plans). No collection while reading, then what was read is frozen
    out of the collector's reach. A worker forked meanwhile must turn collections back on
    (plansite/plan_reading.py does)."""
    gc.disable()
    try:
        yield
    finally:
        freeze_heap()
        gc.enable()
