"""The build's forked worker processes: how many, and how they stop.

Workers are forked after the model is read, so they share it without pickling. A forked
worker inherits the build's SIGTERM/SIGHUP handler (plansite/publish.py), which must not run
in it: a pool stops its workers with SIGTERM, and the handler made a worker hang on a lock
and printed a traceback from each one. Workers take the default action instead.

Memory: a forked worker shares the parent's pages until it writes to them, and Python's
cycle collector writes to every object it examines. Freezing the heap before forking
(`shared_heap`) keeps the collector off the inherited objects, so workers at 10,000 plans do
not each end up with a private copy of the model.
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


@contextmanager
def shared_heap() -> Iterator[None]:
    """Around forking workers: every object alive now is left out of garbage collection (in
    this process and in the forked ones) until the block ends, so no collection copies it."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
