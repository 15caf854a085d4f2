"""A cache of rendered page bodies under the project root (.cache/plansite/, git-ignored).

Markdown is most of the work of a page, and a page's body depends on nothing but its
Markdown (with the citation links already in it) and the code that renders it. So an entry is
keyed by the SHA-256 of both: the Markdown text, and a version made of the rendering code's
own source and the Markdown library's version. An edit to a plan, a change to a cited
document's address, or a change to the renderer all change the key; nothing is ever stale.
Entries are written atomically (temporary file, then rename), so parallel workers and
interrupted builds never leave a half-written entry. Set PLANSITE_NO_CACHE=1 (or delete
.cache/) for a cold build.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

CACHE_DIR = Path(".cache") / "plansite"
_CODE = ("rendering.py", "html_policy.py", "vietnamese.py")


def code_version() -> str:
    """What the cached bodies were rendered with: our rendering code and the Markdown and nh3 libraries."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    for package in ("Markdown", "nh3"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]


class BodyCache:
    def __init__(self, folder: Path | None):
        self.folder = None if folder is None or os.environ.get("PLANSITE_NO_CACHE") else folder / "bodies"
        self.version = code_version() if self.folder else ""
        self.hits = self.misses = 0

    def _path(self, markdown: str) -> Path:
        key = hashlib.sha256(f"{self.version}\0{markdown}".encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, markdown: str) -> dict | None:
        if self.folder is None:
            return None
        try:
            value = json.loads(self._path(markdown).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, markdown: str, value: dict) -> None:
        if self.folder is None:
            return
        path = self._path(markdown)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as tmp:
                json.dump(value, tmp, ensure_ascii=False)
            os.replace(tmp.name, path)
        except OSError:  # a cache that cannot be written only costs time
            pass
