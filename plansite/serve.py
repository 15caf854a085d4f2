"""Live preview for editors: `make serve` on http://127.0.0.1:8000, updated on every save.

The preview keeps the project in memory and re-reads only the files that changed; pages are
rendered when the browser asks for them; the open page reloads itself, or shows the problems
of a broken save over the last good page (plansite/preview/). The preview never touches the
published site/ and never runs the search indexer.
"""
from __future__ import annotations

from plansite.build import ProjectPaths


def serve(paths: ProjectPaths, host: str = "127.0.0.1", port: int = 8000) -> int:
    from plansite.preview.server import run

    return run(paths, host, port)
