#!/usr/bin/env python3
"""Search, measured: relevance on the seed site and on generated corpora, speed and size at scale.

    python benchmarks/search_benchmark.py [--plans 1000 10000] [--repeat 2] [--out benchmarks/out/search]

For the seed site and for each corpus size N (benchmarks/generate_corpus.py --plans N --seed 1,
written once into OUT/corpus-N and reused):

1. builds the site with the normal build (`build.py --root DIR build`), timing it;
2. the index: its size and file count, and the whole site's size;
3. relevance (benchmarks/search_relevance.py): precision@5 and recall@5 of the seed cases on
   the seed site, of the corpus cases on each corpus;
4. speed (benchmarks/search_latency.py): keystroke to first result on screen, fresh and warm
   page, median and p95; bytes transferred per query;
5. the stop-syllable alternative, measured on the same index: how many syllables are on more
   than half the pages (what a stop list would drop), and how many relevance queries would
   lose a word or be left with none.

--reuse skips the build of a corpus whose site/ exists (a 10,000-plan build takes longer than
one shell command may last: build it in the background, then run with --reuse).
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks import search_latency, search_relevance  # noqa: E402
from plansite.search_index import INDEX_DIR, syllables  # noqa: E402


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def build(root: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def corpus(out: Path, plans: int) -> Path:
    root = out / f"corpus-{plans}"
    if not (root / "site_config.yaml").exists():
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), "--plans", str(plans),
                        "--out", str(root), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    return root


def report(name: str, root: Path, site: Path, seconds: float, cases, repeat: int, latency: bool) -> None:
    index_bytes, index_files = size_of(site / INDEX_DIR)
    site_bytes, _ = size_of(site)
    pages = sum(1 for _ in site.rglob("index.html"))
    print(f"{name}: {pages} pages, build {seconds:.0f} s; index {index_bytes / 1e6:.1f} MB in {index_files} files, "
          f"site {site_bytes / 1e6:.0f} MB", flush=True)
    relevance = search_relevance.run(site, cases)
    print(f"  relevance: {len(cases)} queries, {len(relevance['failures'])} failing; precision@5 "
          f"{statistics.mean(relevance['precision']):.2f}, recall@5 {statistics.mean(relevance['recall']):.2f}", flush=True)
    for failure in relevance["failures"]:
        print("    FAIL", failure)
    common = common_syllables(site)
    touched = [case for case in cases if any(f in common for f, _ in syllables(case.query))]
    emptied = [case for case in touched if all(f in common for f, _ in syllables(case.query))]
    print(f"  stop-syllable list (syllables on more than half the pages): {len(common)} syllables; "
          f"{len(touched)} of {len(cases)} queries would lose a word, {len(emptied)} would have none left", flush=True)
    if latency:
        samples = search_latency.measure(site, search_latency.DEFAULT_QUERIES, repeat)
        print(search_latency.summary(samples), flush=True)


def common_syllables(site: Path) -> set[str]:
    """Syllables stored as the list of pages lacking them: those on more than half the pages."""
    base = site / INDEX_DIR
    found = set()
    for shard in (base / "t").glob("*.bin"):
        for token, entry in json.loads(gzip.decompress(shard.read_bytes())).items():
            if token[0] in "=#" or "_" in token:
                continue
            if entry[0] == 2:
                entry = json.loads(gzip.decompress((base / "w" / f"{entry[1]}.bin").read_bytes()))
            if entry[0] == 1:
                found.add(token)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "search")
    parser.add_argument("--reuse", action="store_true", help="do not rebuild a corpus whose site/ exists")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    seed_site = args.out / "seed-site"
    report("seed site", REPO, seed_site, build(REPO, seed_site), search_relevance.SEED_CASES, args.repeat, False)
    for plans in args.plans:
        root = corpus(args.out, plans)
        site = root / "site"
        seconds = 0.0 if args.reuse and (site / INDEX_DIR).is_dir() else build(root, site)
        report(f"{plans} plans", root, site, seconds, search_relevance.corpus_cases(root), args.repeat, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
