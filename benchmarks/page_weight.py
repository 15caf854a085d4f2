"""Gzipped weight of pages as a browser loads them: the HTML plus every CSS and JS file it links.

    python benchmarks/page_weight.py site dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/ [...]

Prints one line per page: total KB and the share of each file (gzip level 9).
"""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

_ASSET = re.compile(rb'(?:href|src)="([^"]+\.(?:css|js))(?:\?[^"]*)?"')


def weight(site: Path, url: str) -> dict[str, int]:
    page = site / url / "index.html"
    html = page.read_bytes()
    sizes = {"html": len(gzip.compress(html, 9))}
    for ref in _ASSET.findall(html):
        asset = (page.parent / ref.decode()).resolve()
        if asset.is_file():
            sizes[asset.name] = len(gzip.compress(asset.read_bytes(), 9))
    return sizes


def main(argv: list[str]) -> None:
    site = Path(argv[0])
    for url in argv[1:]:
        sizes = weight(site, url)
        parts = ", ".join(f"{name} {size / 1000:.1f}" for name, size in sizes.items())
        print(f"{url}: {sum(sizes.values()) / 1000:.1f} KB ({parts})")


if __name__ == "__main__":
    main(sys.argv[1:])
