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
from importlib.metadata import version
from pathlib import Path

from plansite.cache_files import cache_disabled, store_quietly

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
        self.folder = None if folder is None or cache_disabled() else folder / "bodies"
        self.version = code_version() if self.folder else ""
        self.hits = self.misses = 0

    def _path(self, markdown: str) -> Path:
        key = hashlib.sha256(f"{self.version}\0{markdown}".encode()).hexdigest()
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
        store_quietly(self._path(markdown), json.dumps(value, ensure_ascii=False).encode("utf-8"))


class PageStore:
    """The fingerprint, size and links of every page of one published site (see plansite/fingerprints.py).

    Kept in the cache, one file per output folder, and valid only for the folder it was saved
    for: it is saved just after the swap and records the published folder's identity (device,
    inode, change time), so a site replaced or touched by anything else (a build killed between
    its swap and the save, a copy, a restore, a file added by hand) matches no store and every
    page is rendered again."""

    def __init__(self, pages: dict | None = None, data: dict | None = None, groups: dict | None = None,
                 known: list | None = None):
        self.pages: dict[str, list] = pages or {}  # site path -> [fingerprint, size]
        self.data: dict[str, list] = data or {}  # site path -> [digest of the bytes, size]
        self.groups: dict[str, list] = groups or {}  # files made together (a plan's data) -> [fingerprint, paths]
        self.known: list[str] = known or []  # every address a link could point at, when the site was built

    @staticmethod
    def _path(cache_dir: Path, out_dir: Path) -> Path:
        name = hashlib.sha256(str(Path(out_dir).absolute()).encode()).hexdigest()[:16]
        return cache_dir / "sites" / f"{name}.json"

    @classmethod
    def load(cls, cache_dir: Path | None, out_dir: Path, published: Path | None) -> PageStore:
        """The store of the site now published at out_dir; empty if there is none or it is not that site's."""
        if cache_dir is None or published is None or cache_disabled():
            return cls()
        try:
            saved = json.loads(cls._path(cache_dir, out_dir).read_text(encoding="utf-8"))
            if saved["site"] != _identity(published) or saved["version"] != code_version():
                return cls()
            return cls(saved["pages"], saved["data"], saved["groups"], saved["known"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, cache_dir: Path | None, out_dir: Path) -> None:
        """Saved once out_dir is the site this store describes."""
        if cache_dir is None or cache_disabled():
            return
        try:
            site = _identity(out_dir)
        except OSError:  # no site there after all: nothing to describe
            return
        saved = {"site": site, "version": code_version(), "pages": self.pages, "data": self.data,
                 "groups": self.groups, "known": sorted(self.known)}
        # A store that cannot be written only costs time at the next build.
        store_quietly(self._path(cache_dir, out_dir), json.dumps(saved, ensure_ascii=False, separators=(",", ":")).encode())


def _identity(folder: Path) -> list[int]:
    stat = os.stat(folder)
    return [stat.st_dev, stat.st_ino, stat.st_ctime_ns]
