#!/usr/bin/env python3
"""Time our full build against a bare `mkdocs build` of the same Markdown, in one run.

    .venv/bin/python benchmarks/build_vs_mkdocs.py --plans 1000 [--repeat 3] [--keep DIR]

Both builds run as subprocesses, alternating (ABBA order, so slow drift on a shared machine
hits both alike), R times each. The baseline is what MkDocs + Material costs anyway: one
Markdown page per plan (its body and a title) at the plan's URL, with the same theme and
Markdown extensions, no custom templates and a one-page nav. The ratio of medians, measured
in the same run, is the number to compare across machines; absolute seconds are not.
Results are printed as a Markdown table and written to benchmarks/out/results-N.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generate_corpus import generate  # noqa: E402  (benchmarks/ is the script's folder)

from plansite.build import ProjectPaths, load_project  # noqa: E402
from plansite.mkdocs_adapter import markdown_extensions, theme_options  # noqa: E402

RESULTS_DIR = REPO / "benchmarks" / "out"


@dataclass
class Variant:
    """One way of building the corpus, and what it measured."""

    name: str
    command: list[str]
    out_dir: Path
    seconds: list[float] = field(default_factory=list)
    pages: int = 0
    output_mb: float = 0.0

    def run(self) -> None:
        shutil.rmtree(self.out_dir, ignore_errors=True)  # every run starts from an empty folder
        start = time.perf_counter()
        done = subprocess.run(self.command, capture_output=True, text=True)
        self.seconds.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{self.name} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")

    def measure_output(self) -> None:
        self.pages = sum(1 for _ in self.out_dir.rglob("index.html"))
        self.output_mb = sum(f.stat().st_size for f in self.out_dir.rglob("*") if f.is_file()) / 1e6

    def summary(self, plans: int) -> dict:
        median = statistics.median(self.seconds)
        return {"name": self.name, "median_s": median, "min_s": min(self.seconds), "runs_s": self.seconds,
                "pages": self.pages, "ms_per_page": 1000 * median / self.pages if self.pages else None,
                "ms_per_plan": 1000 * median / plans,
                "output_mb": self.output_mb, "command": [str(part) for part in self.command]}


def ours(project: Path) -> Variant:
    out = project / "out-plansite"
    return Variant("plansite build.py", [sys.executable, str(REPO / "build.py"), "--root", str(project),
                                         "build", "--out", str(out)], out)


def baseline(project: Path) -> Variant:
    config = write_baseline_project(project, project / "baseline")
    out = project / "out-mkdocs"
    return Variant("bare mkdocs build", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                                         "-d", str(out)], out)


def write_baseline_project(project: Path, folder: Path) -> Path:
    """docs/ with each plan's body and title at the plan's URL, plus mkdocs.yml; returns the config path."""
    loaded = load_project(ProjectPaths(project))
    if loaded.model is None:
        raise SystemExit("the generated corpus has errors:\n" + "\n".join(map(str, loaded.problems)))
    docs = folder / "docs"
    shutil.rmtree(folder, ignore_errors=True)
    _write_page(docs / "index.md", "Trang chủ", loaded.config.site_description)
    for page in loaded.pages:
        if page.kind == "plan":  # the body as the editor wrote it (ours adds citation links)
            _write_page(docs / page.src_uri, page.title, page.subject.body)
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump(_baseline_config(loaded.config.site_name, docs), allow_unicode=True,
                                     sort_keys=False), encoding="utf-8")
    return config


def _write_page(path: Path, title: str, markdown: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{markdown}", encoding="utf-8")


def _baseline_config(site_name: str, docs: Path) -> dict:
    theme = {key: value for key, value in theme_options(REPO / "templates").items() if key != "custom_dir"}
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


def benchmark(variants: list[Variant], repeat: int) -> None:
    """ABBA order: A B, B A, A B, ..."""
    for round_index in range(repeat):
        order = variants if round_index % 2 == 0 else variants[::-1]
        for variant in order:
            variant.run()
            print(f"  run {round_index + 1}/{repeat} {variant.name}: {variant.seconds[-1]:.2f} s", file=sys.stderr)
    for variant in variants:
        variant.measure_output()


def markdown_table(results: list[dict], ratio: float, ratio_of_mins: float) -> str:
    rows = ["| build | median s | min s | pages | ms/page | ms/plan | output MB |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r['name']} | {r['median_s']:.2f} | {r['min_s']:.2f} | {r['pages']} "
                    f"| {r['ms_per_page']:.1f} | {r['ms_per_plan']:.1f} | {r['output_mb']:.1f} |")
    rows.append(f"\nRatio ours/baseline: **{ratio:.2f}×** (medians); "
                f"{ratio_of_mins:.2f}× (mins, less sensitive to load)")
    return "\n".join(rows)


def environment() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            **{name: version(name) for name in ("mkdocs", "mkdocs-material", "Markdown", "Jinja2")}}


def run(plans: int, repeat: int, keep: Path | None, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="plansite-bench-") as scratch:
        project = (keep or Path(scratch)).resolve()
        corpus = generate(plans, project, seed)
        print(f"corpus: {corpus['plans']} plans, {corpus['plan_bytes'] / 1e6:.1f} MB, "
              f"{corpus['districts']} districts in {corpus['provinces']} provinces ({project})", file=sys.stderr)
        variants = [ours(project), baseline(project)]
        benchmark(variants, repeat)
        results = [variant.summary(plans) for variant in variants]
    ratio = results[0]["median_s"] / results[1]["median_s"]
    ratio_of_mins = results[0]["min_s"] / results[1]["min_s"]
    return {"corpus": corpus, "repeat": repeat, "results": results, "ratio_ours_to_baseline": ratio,
            "ratio_of_mins": ratio_of_mins, "load_average": os.getloadavg(),
            "environment": environment(), "date": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, required=True, help="number of synthetic plans")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each build (default 3)")
    parser.add_argument("--keep", type=Path, help="write the corpus and outputs here and keep them")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    args = parser.parse_args(argv)
    report = run(args.plans, args.repeat, args.keep, args.seed)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    result_file = RESULTS_DIR / f"results-{args.plans}.json"
    result_file.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"## Build benchmark: {args.plans} plans, {args.repeat} runs each\n")
    print(markdown_table(report["results"], report["ratio_ours_to_baseline"], report["ratio_of_mins"]))
    print(f"\nResults: {result_file.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
