"""Files of the build cache (.cache/plansite/): whether it is on, and how its files are written.

Every cache (rendered bodies, per-plan results, page fingerprints, search records) is written
by parallel workers and may be interrupted at any point, so a file is always written whole
under a temporary name and renamed into place: a reader sees the old file, the new one, or
none, never half of one. PLANSITE_NO_CACHE=1 turns every cache off (a cold build).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_disabled() -> bool:
    return bool(os.environ.get("PLANSITE_NO_CACHE"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write data at path through a temporary file and a rename; raises OSError (a full disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as tmp:
        try:
            tmp.write(data)
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    os.replace(tmp.name, path)


def store_quietly(path: Path, data: bytes) -> bool:
    """write_atomically for a cache entry: one that cannot be written only costs time later."""
    try:
        write_atomically(path, data)
        return True
    except OSError:
        return False
