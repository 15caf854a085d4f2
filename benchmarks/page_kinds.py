"""CPU per page, by kind of page: where the rendering stage's time goes, without a profiler.

Reads a project (its cache makes that quick), then renders a random sample of each kind of page
in this one process, with no body cache (as a cold build does), and reads each rendered page for
search as the render workers do. Prints, per kind: how many pages the site has, the CPU
milliseconds per page (of which the search record), and the estimate for all pages of that kind.

    .venv/bin/python benchmarks/page_kinds.py /tmp/bench/1000 [--sample 60] [--seed 1]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plansite.build import ProjectPaths, load_project
from plansite.mkdocs_adapter import MaterialHost, RenderJob
from plansite.pages import Page
from plansite.rendering import Renderer
from plansite.search_index import page_record
from plansite.site_writer import known_urls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a project folder (a generated corpus, for example)")
    parser.add_argument("--sample", type=int, default=60, help="pages rendered per kind (default 60)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    loaded = load_project(ProjectPaths(args.root))
    if loaded.portal is None:
        print("\n".join(str(problem) for problem in loaded.problems), file=sys.stderr)
        return 1
    templates = args.root / "templates"
    job = RenderJob(loaded.portal, loaded.pages, loaded.config, templates)
    renderer = Renderer(MaterialHost(job), known_urls(loaded.pages, []))
    by_kind: dict[str, list[Page]] = defaultdict(list)
    for page in loaded.pages:
        if isinstance(page, Page):
            by_kind[page.kind].append(page)
    chooser = random.Random(args.seed)
    print(f"{'kind':20} {'pages':>7} {'sampled':>7} {'ms/page':>8} {'record':>7} {'all pages':>10}")
    for kind, pages in sorted(by_kind.items()):
        sample = pages if len(pages) <= args.sample else chooser.sample(pages, args.sample)
        renderer.render_body(sample[0])  # templates compiled outside the timing
        rendering = recording = 0.0
        for page in sample:
            started = time.process_time()
            output, _ = renderer.render_body(page)
            rendered = time.process_time()
            page_record(output, page.output_path)
            rendering += rendered - started
            recording += time.process_time() - rendered
        per_page = (rendering + recording) / len(sample)
        print(f"{kind:20} {len(pages):7} {len(sample):7} {1000 * per_page:8.1f} {1000 * recording / len(sample):7.1f} "
              f"{per_page * len(pages):9.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
