#!/usr/bin/env python3
"""Time our full build against bare MkDocs-Material + Pagefind on the same Markdown, in one run.

    .venv/bin/python benchmarks/build_vs_mkdocs.py --plans 1000 10000 [--repeat 3] [--keep DIR]
    .venv/bin/python benchmarks/build_vs_mkdocs.py --sizes SITE [SITE...]   # bytes by kind of file, no build

For each corpus size N: generate the corpus, then time as subprocesses, alternating (ABBA
order, so slow drift on a shared machine hits both alike), R times each:
- ours, cold: `build.py build` with no cache (.cache/ removed) into an empty output folder;
- baseline: `mkdocs build` of the same Markdown (one page per plan with its body and title at
  the plan's URL, the same theme settings and Markdown extensions, Material's navigation.prune,
  no custom templates), then Pagefind over its output, as a site that searches must;
- ours, warm: after each cold run, one plan edited (a sentence appended), `build.py build` again.
Peak memory, sampled every 0.2 s over the build's process tree (workers included), two ways:
the largest sum of RSS, which counts a page shared by a forked worker and its parent once
per process, and the largest sum of PSS (each shared page divided among the processes that
share it), the physical memory the build needs, which is what the 2 GB limit is about.
Output: total bytes, bytes per plan, the largest page and the pages over 300 KB, and the
bytes by kind of file (plan pages, per-plan data, document pages, open data, search
index...) of ours and of the baseline side by side (FILE_KINDS). The ratios of medians,
measured in the same run, are the numbers to compare across machines; absolute seconds are
not. Results: Markdown tables on stdout, and benchmarks/out/results-N.json per size.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generate_corpus import generate  # noqa: E402  (benchmarks/ is the script's folder)

from plansite.build import ProjectPaths, load_project  # noqa: E402
from plansite.content.plans import plan_body  # noqa: E402
from plansite.mkdocs_adapter import theme_options  # noqa: E402
from plansite.rendering import markdown_extensions  # noqa: E402
from plansite.search_index import INDEX_DIR  # noqa: E402

RESULTS_DIR = REPO / "benchmarks" / "out"
PAGE_LIMIT = 300_000


class PeakMemory:
    """Largest total RSS and PSS of a process and its descendants, sampled from /proc while it runs."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.peak_pss, self._stop = pid, 0, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            sizes = [_memory(pid) for pid in _tree(self.pid)]
            self.peak = max(self.peak, sum(rss for rss, _ in sizes))
            self.peak_pss = max(self.peak_pss, sum(pss for _, pss in sizes))

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak, self.peak_pss


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; (0, 0) once it has ended."""
    found = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("Rss", "Pss"):
                found[key] = int(value.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return found.get("Rss", 0), found.get("Pss", 0)


@dataclass
class Variant:
    """One way of building the corpus (one or more commands in sequence), and what it measured."""

    name: str
    commands: list[list[str]]
    out_dir: Path
    clean: list[Path] = field(default_factory=list)  # removed before every run (output, cache)
    seconds: list[float] = field(default_factory=list)
    peak_bytes: list[int] = field(default_factory=list)
    peak_pss_bytes: list[int] = field(default_factory=list)
    last_output: str = ""  # stdout of the last command of the last run (our build prints its stage times)

    def run(self) -> None:
        for path in self.clean:
            shutil.rmtree(path, ignore_errors=True)
        start, peak, peak_pss = time.perf_counter(), 0, 0
        for command in self.commands:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            sampler = PeakMemory(process.pid)
            out, err = process.communicate()
            rss, pss = sampler.stop()
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            if process.returncode != 0:
                raise SystemExit(f"{self.name} failed ({process.returncode}):\n{out[-3000:]}\n{err[-3000:]}")
            self.last_output = out
        self.seconds.append(time.perf_counter() - start)
        self.peak_bytes.append(peak)
        self.peak_pss_bytes.append(peak_pss)

    def summary(self, plans: int) -> dict:
        median = statistics.median(self.seconds)
        stages = [line for line in self.last_output.splitlines() if line.startswith("Thời gian")]
        return {"name": self.name, "median_s": median, "stages": stages, "min_s": min(self.seconds), "runs_s": self.seconds,
                "ms_per_plan": 1000 * median / plans, "peak_mb": max(self.peak_bytes) / 1e6,
                "peak_pss_mb": max(self.peak_pss_bytes) / 1e6,
                **output_sizes(self.out_dir, plans), "commands": [[str(p) for p in c] for c in self.commands]}


def output_sizes(site: Path, plans: int) -> dict:
    files = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*") if p.is_file()]
    pages = [f for f in files if f[1].endswith(".html")]
    total = sum(size for size, _ in files)
    largest = max(pages, default=(0, ""))
    largest_not_plan = max((f for f in pages if not _is_plan_page(f[1])), default=(0, ""))
    return {"files": len(files), "pages": len(pages), "total_mb": total / 1e6, "bytes_per_plan": total / plans,
            # Pagefind's folder in the baseline, ours (plansite.search_index.INDEX_DIR) in our site
            "search_index_mb": sum(s for s, n in files if n.startswith(("pagefind/", INDEX_DIR + "/"))) / 1e6,
            "largest_page": {"path": largest[1], "kb": largest[0] / 1e3},
            "largest_generated_page": {"path": largest_not_plan[1], "kb": largest_not_plan[0] / 1e3},
            "generated_pages_over_300kb": sum(1 for s, n in pages if s > PAGE_LIMIT and not _is_plan_page(n)),
            "by_kind": size_breakdown(site)}


# What each kind of file weighs (first matching pattern wins), so a size ratio can be traced to its cause.
FILE_KINDS = (
    ("plan pages", r"dia-phuong/[^/]+/[^/]+/[^/]+/index\.html"),
    ("plan ke-hoach.json", r"dia-phuong/[^/]+/[^/]+/[^/]+/ke-hoach\.json"),
    ("plan lich.ics", r"dia-phuong/.*\.ics"),
    ("locality pages", r"dia-phuong/.*index\.html"),
    ("feeds", r"(.*/)?feed\.xml"),
    ("document quote pages (per province)", r"van-ban/[^/]+/[^/]+/index\.html"),
    ("document pages", r"van-ban/[^/]+/index\.html"),
    ("document lists", r"van-ban/.*index\.html|van-ban/index\.html"),
    ("open data", r"du-lieu/.*"),
    ("search index", r"(tim-kiem/chi-muc|pagefind)/.*"),
    ("assets", r"assets/.*"),
    ("other pages", r".*\.html"),
    ("other", r".*"),
)


def size_breakdown(site: Path) -> dict[str, dict]:
    """{kind: {files, mb, largest}} over every file of a built site (FILE_KINDS)."""
    kinds = [(name, re.compile(pattern)) for name, pattern in FILE_KINDS]
    found: dict[str, dict] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        kind = next(k for k, pattern in kinds if pattern.fullmatch(name))
        entry = found.setdefault(kind, {"files": 0, "bytes": 0, "largest": 0})
        size = path.stat().st_size
        entry["files"] += 1
        entry["bytes"] += size
        entry["largest"] = max(entry["largest"], size)
    return {k: {**found[k], "mb": found[k]["bytes"] / 1e6} for k, _ in FILE_KINDS if k in found}


def breakdown_table(sites: dict[str, Path]) -> str:
    """Markdown table: one row per kind of file, MB (files, mean KB) per site."""
    tables = {name: size_breakdown(site) for name, site in sites.items()}
    rows = ["| kind of file | " + " | ".join(f"{n}: MB (files, mean KB)" for n in tables) + " |",
            "|---|" + "---:|" * len(tables)]
    for kind, _ in FILE_KINDS:
        cells = []
        for table in tables.values():
            e = table.get(kind)
            cells.append(f"{e['mb']:.1f} ({e['files']:,}, {e['bytes'] / e['files'] / 1e3:.1f})" if e else "–")
        if any(c != "–" for c in cells):
            rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    totals = [sum(e["bytes"] for e in t.values()) / 1e6 for t in tables.values()]
    rows.append("| **total** | " + " | ".join(f"**{t:.1f}**" for t in totals) + " |")
    return "\n".join(rows)


def _is_plan_page(path: str) -> bool:
    """dia-phuong/<province>/<district>/<plan>/index.html: as large as its own text requires."""
    return path.startswith("dia-phuong/") and path.count("/") == 4


def ours(project: Path, out: Path) -> Variant:
    command = [sys.executable, str(REPO / "build.py"), "--root", str(project), "build", "--out", str(out)]
    return Variant("ours, cold (no cache)", [command], out, clean=[out, project / ".cache"])


def warm(project: Path, out: Path) -> Variant:
    command = [sys.executable, str(REPO / "build.py"), "--root", str(project), "build", "--out", str(out)]
    return Variant("ours, warm (one plan edited)", [command], out)


def baseline(project: Path) -> Variant:
    config = write_baseline_project(project, project / "baseline")
    out = project / "out-mkdocs"
    import pagefind_bin  # the baseline's search: Pagefind, from the pinned pagefind-bin wheel

    return Variant("bare MkDocs-Material + Pagefind", [
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
        [str(pagefind_bin.get_executable()), "--site", str(out), "--output-subdir", "pagefind"]], out, clean=[out])


def edit_one_plan(project: Path, round_index: int) -> None:
    plan = sorted((project / "content" / "plans").rglob("*.md"))[len(str(project)) % 7]
    with plan.open("a", encoding="utf-8") as file:
        file.write(f"\nSửa lần {round_index + 1}: bổ sung một câu để dựng lại.\n")


def write_baseline_project(project: Path, folder: Path) -> Path:
    """docs/ with each plan's body and title at the plan's URL, plus mkdocs.yml; returns the config path."""
    loaded = load_project(ProjectPaths(project))
    if loaded.model is None:
        raise SystemExit("the generated corpus has errors:\n" + "\n".join(map(str, loaded.problems)))
    docs = folder / "docs"
    shutil.rmtree(folder, ignore_errors=True)
    _write_page(docs / "index.md", "Trang chủ", loaded.config.site_description)
    for page in loaded.pages:
        if getattr(page, "kind", "") == "plan":  # the body as the editor wrote it (ours adds citation links)
            body = plan_body(page.subject)  # a cached plan holds its body on disk, not in memory
            if not body.strip():
                raise SystemExit(f"baseline: no body for {page.url}: the comparison would be meaningless")
            _write_page(docs / f"{page.url}index.md", page.title, body)
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump(_baseline_config(loaded.config.site_name, docs), allow_unicode=True,
                                     sort_keys=False), encoding="utf-8")
    return config


def _write_page(path: Path, title: str, markdown: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{markdown}", encoding="utf-8")


def _baseline_config(site_name: str, docs: Path) -> dict:
    theme = {key: value for key, value in theme_options(REPO / "templates").items() if key != "custom_dir"}
    theme["features"] = [*theme["features"], "navigation.prune"]
    return {"site_name": site_name, "docs_dir": str(docs), "use_directory_urls": True, "theme": theme,
            "plugins": [], "nav": [{"Trang chủ": "index.md"}], "not_in_nav": "*",
            "markdown_extensions": _without_callables(markdown_extensions())}


def _without_callables(extensions: list) -> list:
    """Our extension list minus options YAML cannot hold (the toc slugify hook: default slugify)."""
    plain = []
    for extension in extensions:
        if isinstance(extension, dict):
            extension = {name: {k: v for k, v in options.items() if not callable(v)}
                         for name, options in extension.items()}
        plain.append(extension)
    return plain


def benchmark(project: Path, repeat: int) -> list[Variant]:
    """ABBA order for the cold builds (A B, B A, ...); each cold run of ours is followed by a warm one."""
    out = project / "out-plansite"
    cold, warm_run, base = ours(project, out), warm(project, out), baseline(project)
    for round_index in range(repeat):
        for variant in ((cold, base) if round_index % 2 == 0 else (base, cold)):
            variant.run()
            print(f"  run {round_index + 1}/{repeat} {variant.name}: {variant.seconds[-1]:.1f} s", file=sys.stderr)
            if variant is cold:
                edit_one_plan(project, round_index)
                warm_run.run()
                print(f"  run {round_index + 1}/{repeat} {warm_run.name}: {warm_run.seconds[-1]:.1f} s",
                      file=sys.stderr)
    return [cold, base, warm_run]


def markdown_table(report: dict) -> str:
    rows = ["| build | median s | min s | ms/plan | peak MB (RSS / PSS) | total MB | bytes/plan | search index MB "
            "| largest page | largest generated page | generated pages > 300 KB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|"]
    for r in report["results"]:
        rows.append(f"| {r['name']} | {r['median_s']:.1f} | {r['min_s']:.1f} | {r['ms_per_plan']:.1f} "
                    f"| {r['peak_mb']:.0f} / {r['peak_pss_mb']:.0f} | {r['total_mb']:.1f} "
                    f"| {r['bytes_per_plan']:,.0f} | {r['search_index_mb']:.1f} "
                    f"| {r['largest_page']['path']} ({r['largest_page']['kb']:.0f} KB) "
                    f"| {r['largest_generated_page']['path']} ({r['largest_generated_page']['kb']:.0f} KB) "
                    f"| {r['generated_pages_over_300kb']} |")
    ratios = report["ratios"]
    rows.append(f"\nCold build, ours / bare MkDocs-Material + Pagefind: **{ratios['cold_vs_baseline']:.2f}×** "
                f"(medians; {ratios['cold_vs_baseline_mins']:.2f}× of minimums). Warm rebuild after a one-plan "
                f"edit / our cold build: **{ratios['warm_vs_cold']:.0%}**. Site size, ours / baseline: "
                f"**{ratios['size_vs_baseline']:.2f}×**. Plans that fit in 1 GB (GitHub Pages) at our bytes per plan: "
                f"about {report['plans_per_gb']:,.0f}.")
    return "\n".join(rows)


def environment() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            **{name: version(name) for name in ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "pagefind-bin")}}


def run(plans: int, repeat: int, keep: Path | None, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="plansite-bench-") as scratch:
        project = (keep / str(plans) if keep else Path(scratch)).resolve()
        corpus = generate(plans, project, seed)
        print(f"corpus: {corpus['plans']} plans, {corpus['plan_bytes'] / 1e6:.1f} MB, "
              f"{corpus['districts']} districts in {corpus['provinces']} provinces ({project})", file=sys.stderr)
        results = [variant.summary(plans) for variant in benchmark(project, repeat)]
    cold, base, warm_run = results
    ratios = {"cold_vs_baseline": cold["median_s"] / base["median_s"],
              "cold_vs_baseline_mins": cold["min_s"] / base["min_s"],
              "warm_vs_cold": warm_run["median_s"] / cold["median_s"],
              "size_vs_baseline": cold["total_mb"] / base["total_mb"]}
    return {"corpus": corpus, "repeat": repeat, "results": results, "ratios": ratios,
            "plans_per_gb": 1e9 / cold["bytes_per_plan"], "load_average": os.getloadavg(),
            "environment": environment(), "date": time.strftime("%Y-%m-%d")}


def ours_only(project: Path, plans: int) -> int:
    """A single cold build of an already generated project (for 10,000 plans on a busy machine)."""
    variant = ours(project, project / "out-plansite")
    variant.run()
    summary = variant.summary(plans)
    summary["stages"] = [line for line in variant.last_output.splitlines() if line.startswith(("Đã dựng", "Thời gian"))]
    result_file = RESULTS_DIR / f"results-ours-{plans}.json"
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    result_file.write_text(json.dumps({"results": [summary], "environment": environment(),
                                       "load_average": os.getloadavg()}, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def project_out(keep: Path, plans: int, folder: str) -> Path:
    return keep.resolve() / str(plans) / folder


def _breakdown_from_report(report: dict) -> str:
    """The by-kind table from the results when the outputs were not kept."""
    cold, base = report["results"][0], report["results"][1]
    rows = ["| kind of file | ours MB (files) | baseline MB (files) |", "|---|---:|---:|"]
    for kind, _ in FILE_KINDS:
        a, b = cold["by_kind"].get(kind), base["by_kind"].get(kind)
        if a or b:
            rows.append(f"| {kind} | " + " | ".join(f"{e['mb']:.1f} ({e['files']:,})" if e else "–" for e in (a, b)) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[1000], help="corpus sizes, e.g. 1000 10000")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each build (default 3)")
    parser.add_argument("--keep", type=Path, help="write the corpora and outputs here (DIR/N) and keep them")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--sizes", type=Path, nargs="+", metavar="SITE",
                        help="only print the bytes by kind of file of built sites (no build), side by side")
    parser.add_argument("--ours-only", type=Path, metavar="PROJECT",
                        help="only one cold build of ours, of an existing project: time, stages, peak memory, sizes")
    args = parser.parse_args(argv)
    if args.sizes:
        print(breakdown_table({str(site): site for site in args.sizes}))
        return 0
    if args.ours_only:
        return ours_only(args.ours_only.resolve(), args.plans[0])
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    for plans in args.plans:
        report = run(plans, args.repeat, args.keep, args.seed)
        result_file = RESULTS_DIR / f"results-{plans}.json"
        result_file.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"## Build benchmark: {plans} plans, {args.repeat} runs each\n")
        print(markdown_table(report))
        print("\nBytes by kind of file (cold build of ours, baseline):\n")
        print(breakdown_table({"ours": project_out(args.keep, plans, "out-plansite"),
                               "baseline": project_out(args.keep, plans, "out-mkdocs")})
              if args.keep else _breakdown_from_report(report))
        print(f"\nResults: {result_file.relative_to(REPO)}\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
