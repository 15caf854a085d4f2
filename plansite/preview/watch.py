"""Which project files changed since the last look: a poll of stat signatures (no dependency, any OS).

Scanning 1,000 plan files with os.scandir costs a few milliseconds, so polling every tenth of
a second keeps the delay from save to reload small without an inotify/FSEvents layer.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

SETTLE_SECONDS = 0.03
SETTLE_TRIES = 10


@dataclass(frozen=True)
class Changes:
    plans: frozenset[str]  # under content/plans/
    shared: frozenset[str]  # the rest of content/ and site_config.yaml: everything may depend on them
    templates: frozenset[str]  # templates/ (pages, partials, CSS, scripts)

    def __bool__(self) -> bool:
        return bool(self.plans or self.shared or self.templates)


class Watcher:
    """Remembers the signature of every file under the watched roots; `changes()` says what moved."""

    def __init__(self, content: Path, templates: Path, config_file: Path):
        self.content, self.templates, self.config_file = content, templates, config_file
        self.seen = self._scan()

    def changes(self) -> Changes:
        now = self._scan()
        moved = self._moved(now)
        for _ in range(SETTLE_TRIES):  # a save in progress (truncated, half written): wait for its end
            if not moved:
                break
            time.sleep(SETTLE_SECONDS)
            later = self._scan()
            if later == now:
                break
            now = later
            moved |= self._moved(now)
        self.seen = now
        plans_dir = str(self.content / "plans") + os.sep
        templates_dir = str(self.templates) + os.sep
        plans = frozenset(p for p in moved if p.startswith(plans_dir))
        templates = frozenset(p for p in moved if p.startswith(templates_dir))
        return Changes(plans, frozenset(moved - plans - templates), templates)

    def _moved(self, now: dict[str, tuple]) -> set[str]:
        return {path for path in now.keys() | self.seen.keys() if now.get(path) != self.seen.get(path)}

    def _scan(self) -> dict[str, tuple]:
        found: dict[str, tuple] = {}
        _scan_tree(str(self.content), found)
        _scan_tree(str(self.templates), found)
        try:
            stat = os.stat(self.config_file)
            found[str(self.config_file)] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            pass
        return found


def _scan_tree(folder: str, found: dict[str, tuple]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():  # follows a symlinked templates/ (tests and generated corpora use one)
                _scan_tree(entry.path, found)
            else:
                stat = entry.stat()
                found[entry.path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:  # removed while scanning, or a dangling link: the loader reports it
            found[entry.path] = None
