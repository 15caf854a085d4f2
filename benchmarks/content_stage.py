"""Time the content stage alone ("đọc nội dung": plansite.build.load_project) on a project root.

Prints wall time and CPU seconds of the main process and of the plan-reading workers, and the
main process's peak RSS. CPU seconds stay comparable when other jobs share the cores.
Cold: remove ROOT/.cache first (or set PLANSITE_NO_CACHE=1); warm: run it again.

    .venv/bin/python benchmarks/content_stage.py /tmp/content-1k
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plansite.build import ProjectPaths, load_project


def _cpu() -> tuple[float, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main(root: Path) -> None:
    start, before = time.perf_counter(), _cpu()
    loaded = load_project(ProjectPaths(root))
    after = _cpu()
    plans = len(loaded.model.plans) if loaded.model else 0
    print(f"content stage: wall {time.perf_counter() - start:.2f} s, cpu main {after[0] - before[0]:.2f} s, "
          f"workers {after[1] - before[1]:.2f} s, peak rss main {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"{plans} plans, {len(loaded.problems.errors)} errors")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
