"""How finding citations scales with a long citation list (issue 12: 10,000 items took 167 s).

Times find + resolve + place (sentence, line) for plans listing n and 10·n decisions on one line,
in the same run, and prints the ratio: about 10 when the work is linear, about 100 if quadratic.

Run: .venv/bin/python benchmarks/citation_scaling.py [--items 1000]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plansite.citations.context import Lines, Sentences
from plansite.citations.finder import find_mentions
from plansite.citations.identity import Locale
from plansite.citations.resolver import resolve_document


def plan_text(items: int) -> str:
    numbers = ", ".join(f"{n}/QĐ-UBND" for n in range(1, items + 1))
    return f"Căn cứ các Quyết định số {numbers} ngày 01/02/2023 của UBND tỉnh Quảng Ninh; hoàn thành.\n"


def seconds(items: int, repeat: int = 3) -> tuple[float, int, int]:
    text = plan_text(items)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        mentions, _ = resolve_document(find_mentions(text), Locale())
        sentences, lines = Sentences(text), Lines(text)
        for mention in mentions:
            sentences.around(mention.start, mention.end)
            lines.line_col(mention.start)
        best = min(best, time.perf_counter() - start)
    return best, len(mentions), len(text.encode("utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    n = parser.parse_args().items
    small, found_small, size_small = seconds(n)
    large, found_large, size_large = seconds(10 * n)
    print(f"{n:>6} items ({size_small // 1024} KB): {small:.3f} s, {found_small} citations")
    print(f"{10 * n:>6} items ({size_large // 1024} KB): {large:.3f} s, {found_large} citations")
    print(f"ratio for 10× the items: {large / small:.1f}× (linear ≈ 10, quadratic ≈ 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
