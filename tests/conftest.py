from __future__ import annotations

from pathlib import Path

import pytest

from plansite.build import ProjectPaths, build
from tests.browser import chromium, serve_site
from tests.helpers import REPO


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The real bundled content, built once for the whole session."""
    out = tmp_path_factory.mktemp("seed") / "site"
    report = build(ProjectPaths(REPO), out)
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    return out


@pytest.fixture(scope="session")
def site_url(seed_site: Path):
    """The seed site served over HTTP on loopback, at a domain root."""
    with serve_site(seed_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, shared by the browser tests (a missing browser fails, never skips)."""
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """The seed site's results page in a desktop window, shared by a module's search tests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(site_url + "tim-kiem/")
    yield page
    context.close()
