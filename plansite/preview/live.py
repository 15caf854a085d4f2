"""What open preview pages wait on: the version they were rendered from, and the current problems.

Each page carries a small inline script (preview only: the preview CSP allows inline scripts,
the published one does not, and published builds never include it). It listens to
/__preview/events (Server-Sent Events on loopback); on each message it reloads when the
version moved, or lays the problems over the page it shows, which stays the last good one.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from markupsafe import escape

SCRIPT = (Path(__file__).parent / "live-reload.js").read_text(encoding="utf-8")
EVENTS_PATH = "/__preview/events"


class LiveState:
    """The version of the content shown (bumped after each good reload) and the latest errors."""

    def __init__(self) -> None:
        self.version = 1
        self.problems: list[str] = []
        self.changed = threading.Condition()

    def publish(self, *, new_version: bool, problems: list[str]) -> None:
        with self.changed:
            if new_version:
                self.version += 1
            self.problems = problems
            self.changed.notify_all()

    def message(self) -> bytes:
        with self.changed:
            data = json.dumps({"version": self.version, "problems": self.problems}, ensure_ascii=False)
        return f"data: {data}\n\n".encode()

    def wait(self, seen: bytes, timeout: float) -> bytes:
        """The next message differing from `seen`, or `seen` again after timeout (a keep-alive)."""
        with self.changed:
            self.changed.wait_for(lambda: self.message() != seen, timeout)
        return self.message()


def with_live_reload(html: bytes, version: int) -> bytes:
    """The page with the live-reload script before </body> (or at the end)."""
    tag = (f'<script id="plansite-preview" data-version="{escape(str(version))}" '
           f'data-events="{EVENTS_PATH}">{SCRIPT}</script>').encode()
    end = html.rfind(b"</body>")
    return html + tag if end < 0 else html[:end] + tag + html[end:]
