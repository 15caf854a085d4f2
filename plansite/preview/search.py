"""The preview's search index, deferred: a full build in a background process, when saves pause.

The preview renders pages on demand and never writes the site, so there is nothing for
the search index to read on a save. Search is the one feature an editor checks rarely, so the
preview rebuilds it behind the editor's back: once at start, then again after the content has
been quiet for QUIET_SECONDS, with `build.py build --out <temporary folder>` run at the lowest
CPU priority (the interactive reload keeps the cores). Until the first index exists, and while
a newer one is being built, /tim-kiem/chi-muc/ serves the previous one: search results may lag behind
the last saves, never the pages themselves.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from plansite.build import ProjectPaths
from plansite.search_index import INDEX_DIR

QUIET_SECONDS = 20.0


class DeferredSearchIndex:
    def __init__(self, paths: ProjectPaths, log=None):
        self.paths = paths
        self.log = log or (lambda text: None)
        self.folder = Path(tempfile.mkdtemp(prefix="plansite-preview-search-"))
        self.current: Path | None = None  # the folder holding the latest finished site's search index
        self.changed_at: float | None = time.monotonic() - QUIET_SECONDS  # index at start
        self.process: subprocess.Popen | None = None
        self.building: Path | None = None
        self.count = 0
        self.lock = threading.Lock()

    def content_changed(self) -> None:
        with self.lock:
            self.changed_at = time.monotonic()

    def tick(self) -> None:
        """Called by the watcher loop: collect a finished build, start one when content has been quiet."""
        with self.lock:
            if self.process is not None and self.process.poll() is not None:
                self._collect()
            quiet = self.changed_at is not None and time.monotonic() - self.changed_at >= QUIET_SECONDS
            if self.process is None and quiet:
                self._start()

    def file(self, site_path: str) -> Path | None:
        """The index file at site_path ('tim-kiem/chi-muc/...'), from the latest finished build."""
        current = self.current
        if current is None or ".." in Path(site_path).parts:
            return None
        target = current / site_path
        return target if target.is_file() else None

    def _start(self) -> None:
        self.changed_at = None
        self.count += 1
        self.building = self.folder / f"site-{self.count}"
        command = [sys.executable, str(Path(__file__).resolve().parents[2] / "build.py"), "--root",
                   str(self.paths.root), "build", "--out", str(self.building)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        preexec_fn=lambda: os.nice(19))

    def _collect(self) -> None:
        ok = self.process.returncode == 0 and (self.building / INDEX_DIR).is_dir()
        self.process = None
        if not ok:
            shutil.rmtree(self.building, ignore_errors=True)
            return  # content errors: the preview shows them; the previous index stays
        old, self.current = self.current, self.building
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        self.log("Đã cập nhật chỉ mục tìm kiếm của bản xem trước.")

    def close(self) -> None:
        with self.lock:
            if self.process is not None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
