"""Reading the search index written by plansite/search_index.py, for tests and benchmarks."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from plansite.search_index import INDEX_DIR, token_hash


class IndexReader:
    def __init__(self, site: Path):
        self.base = site / INDEX_DIR
        self.manifest = json.loads((self.base / "manifest.json").read_text(encoding="utf-8"))
        self.pages = [self._load(f"p/{page}.bin") for page in range(self.manifest["pages"])]

    def _load(self, path: str):
        return json.loads(gzip.decompress((self.base / path).read_bytes()))

    def posting(self, token: str) -> dict[str, int] | None:
        """URL -> weight byte of the pages holding `token` (1 for a token on most pages); None if on none."""
        entry = self._load(f"t/{token_hash(token) % self.manifest['shards']}.bin").get(token)
        if entry is None:
            return None
        if entry[0] == 2:
            entry = self._load(f"w/{entry[1]}.bin")
        numbers, page = [], -1
        if entry[0] == 1:
            for gap in entry[1:]:
                page += gap
                numbers.append(page)
            lacking = set(numbers)
            return {p["u"]: 1 for n, p in enumerate(self.pages) if n not in lacking}
        found = {}
        for gap, weight in zip(entry[1::2], entry[2::2]):
            page += gap
            found[self.pages[page]["u"]] = weight
        return found

    def fragments(self) -> dict[str, dict]:
        """URL -> {"content": the indexed text, "meta": shown metadata, "blocks": text blocks}."""
        return {p["u"]: {"content": " ".join(p["b"]), "meta": p["m"], "blocks": p["b"]} for p in self.pages}

    def pages_with_filter(self, key: str, value: str) -> set[str]:
        return set(self.posting(f"#{key}={value}") or {})
