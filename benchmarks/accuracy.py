"""Accuracy on real texts: `make benchmark-accuracy`.

Reads the hand-annotated corpus in tests/fixtures/real/ (see its README) and prints one table
per component, then the totals that go into README.md:

- citations (plansite/citations): precision, recall and date accuracy of the finder;
- header fields (plansite/importer): added by the importer's owner as another section below,
  reading the same samples (`load_corpus()`), with its own table and total.

Run: .venv/bin/python benchmarks/accuracy.py [--details]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plansite.citations.evaluation import Sample, load_corpus, score_corpus

# ---- citations -----------------------------------------------------------------------------

def citation_section(samples: list[Sample], details: bool) -> None:
    rows, total = score_corpus(samples)
    print("## Trích dẫn (citation finder)\n")
    print(f"{'văn bản':<38} {'gold':>5} {'tìm':>5} {'đúng':>5} {'P':>6} {'R':>6} {'ngày':>6}")
    for row in rows:
        print(f"{row.name:<38} {row.gold:>5} {row.found:>5} {row.correct:>5} "
              f"{row.precision:>6.3f} {row.recall:>6.3f} {row.date_accuracy:>6.3f}")
    print(f"{'TỔNG':<38} {total.gold:>5} {total.found:>5} {total.correct:>5} "
          f"{total.precision:>6.3f} {total.recall:>6.3f} {total.date_accuracy:>6.3f}\n")
    if details:
        for title, items in (("bỏ sót", total.missed), ("thừa", total.spurious), ("sai ngày", total.wrong_dates)):
            print(f"{title}: {len(items)}")
            for item in items:
                print(f"  {item}")
    print(f"citations: precision {total.precision:.3f}, recall {total.recall:.3f}, "
          f"date accuracy {total.date_accuracy:.3f} ({total.gold} citations in {len(samples)} texts)")
    held_out = [s for s in samples if s.gold.get("held_out")]
    if held_out:  # annotated after the finder was tuned, and never tuned on
        _, part = score_corpus(held_out)
        print(f"  held out: precision {part.precision:.3f}, recall {part.recall:.3f}, "
              f"date accuracy {part.date_accuracy:.3f} ({part.gold} citations in {len(held_out)} texts)")


# ---- header fields (importer) --------------------------------------------------------------

def header_section(details: bool) -> None:
    """The importer's header fields on the same texts: one row per text, then the total."""
    from plansite.content.localities import load_localities
    from plansite.errors import Problems
    from plansite.importer.evaluation import HEADLINE_FIELDS, load_header_corpus, score_headers

    root = Path(__file__).resolve().parents[1]
    provinces = load_localities(root / "content" / "localities.yaml", root, Problems())
    fields = HEADLINE_FIELDS + ("type", "province")
    score = score_headers(load_header_corpus(), provinces)
    print("\n## Phần đầu văn bản (importer header fields)\n")
    print(f"{'văn bản':<38} " + " ".join(f"{key:>8}" for key in fields))
    for row in score.rows:
        print(f"{row.name:<38} " + " ".join(f"{'đúng' if row.right(key) else 'SAI':>8}" for key in fields))
    print(f"{'TỔNG':<38} " + " ".join(f"{score.field_accuracy(key):>8.3f}" for key in fields) + "\n")
    if details:
        for miss in score.wrong(fields):
            print(f"  {miss}")
    print(f"header fields: {score.accuracy():.3f} of number, date, title and issuer right "
          f"({len(score.rows) * len(HEADLINE_FIELDS)} fields in {len(score.rows)} texts)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss, extra and wrong date")
    args = parser.parse_args()
    samples = load_corpus()
    provinces = {s.gold["header"]["province"] for s in samples} - {None}
    print(f"Kho văn bản thật: {len(samples)} văn bản, {len(provinces)} tỉnh/thành\n")
    citation_section(samples, args.details)
    header_section(args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
