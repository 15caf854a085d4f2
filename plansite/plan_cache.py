"""A cache of per-plan results under the project root (.cache/plansite/plans/, git-ignored).

Reading a plan (YAML, schema, characters, Markdown checks) and finding its citations depend on
nothing but the plan file's bytes and path, the code that does it, and a few shared inputs (the
localities registry, the curated documents' aliases, the hosts plans may link to). An entry is
keyed by the SHA-256 of all of them, so an edit to a plan, to localities.yaml, to a curated
document or to the code changes the key: nothing is ever stale, and an old entry is simply
never read again (`make clean` removes the folder). Entries are pickles written atomically
(temporary file, then rename) by whichever process computed them; one that cannot be read
(truncated, or from another Python) counts as a miss. PLANSITE_NO_CACHE=1 disables the cache.
"""
from __future__ import annotations

import hashlib
import pickle
import sys
from importlib.metadata import version
from pathlib import Path

from plansite.cache_files import cache_disabled, store_quietly
from plansite.render_cache import CACHE_DIR

_PACKAGE = Path(__file__).resolve().parent
# Everything a cached result is computed with: reading and checking plans, finding citations.
_CODE_FOLDERS = ("content", "citations")
_CODE_FILES = ("model.py", "errors.py", "vietnamese.py", "words.py", "indicators.py", "plan_reading.py", "plan_cache.py")
_LIBRARIES = ("PyYAML", "jsonschema")


def code_version() -> str:
    from plansite.content.schema import SCHEMAS  # the schema is part of the checks

    digest = hashlib.sha256(sys.version.encode())
    files = [p for folder in _CODE_FOLDERS for p in sorted((_PACKAGE / folder).glob("*.py"))]
    files += [_PACKAGE / name for name in _CODE_FILES] + sorted(SCHEMAS.glob("*.json"))
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
    for package in _LIBRARIES:
        digest.update(version(package).encode() + b"\0")
    return digest.hexdigest()


class PlanCache:
    """Pickled per-plan results, one file per entry; `inputs` is a digest of the shared inputs."""

    def __init__(self, root: Path | None, inputs: str):
        disabled = root is None or cache_disabled()
        self.folder = None if disabled else root / CACHE_DIR / "plans"
        self.prefix = f"{code_version()}\0{inputs}\0".encode() if self.folder else b""
        self.hits = self.misses = 0

    def key(self, shown: str, data: bytes) -> str | None:
        if self.folder is None:
            return None
        return hashlib.sha256(self.prefix + shown.encode() + b"\0" + data).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str | None, usable):
        """The result stored under key if usable(result), else None (no entry, or one that cannot be read)."""
        if key is None:
            return None
        try:
            value = pickle.loads(self._path(key).read_bytes())
        except Exception:  # missing, truncated, written by other code: recompute
            value = None
        if not usable(value):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str | None, blob: bytes) -> None:
        """Store an already pickled result (workers pickle once: for the cache and for the way back)."""
        if key is not None:
            store_quietly(self._path(key), blob)

    def put_text(self, key: str, text: str) -> Path | None:
        """Store a plan's body beside its entry; its path, or None if it could not be written."""
        path = self._path(key).with_suffix(".md")
        return path if store_quietly(path, text.encode("utf-8")) else None
