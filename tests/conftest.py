from __future__ import annotations

from pathlib import Path

import pytest

from plansite.build import ProjectPaths, build
from tests.helpers import REPO


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The real bundled content, built once for the whole session."""
    out = tmp_path_factory.mktemp("seed") / "site"
    report = build(ProjectPaths(REPO), out)
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    return out
