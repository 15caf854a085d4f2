"""Accessibility of each kind of page, checked by axe-core in Chromium at 390 px and 1280 px.

No serious or critical violation is allowed, and these rules must pass whatever axe rates
them: headings in order, landmarks, page language, colour contrast.
"""
from __future__ import annotations

import pytest

from tests.browser import serve_site, watched_page
from tests.helpers import PAGE_KINDS, REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules/axe-core/axe.min.js"
ALWAYS_REQUIRED = {"heading-order", "page-has-heading-one", "landmark-one-main", "landmark-unique",
                   "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "region", "html-has-lang",
                   "html-lang-valid", "valid-lang", "color-contrast", "document-title", "bypass"}
WIDTHS = {"phone": 390, "desktop": 1280}


def axe_violations(page) -> list[dict]:
    """Run axe-core on the loaded page (injected through DevTools: the page's CSP stays on)."""
    assert AXE.exists(), "axe-core missing: run `make test` (npm ci installs it from package-lock.json)"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))""")


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS_REQUIRED]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violation(browser, site_url, kind, width):
    url = site_url + ("khong-co-trang-nay/" if kind == "not-found" else PAGE_KINDS[kind])
    with watched_page(browser, width) as page:
        response = page.goto(url)
        assert response.status == (404 if kind == "not-found" else 200)
        assert page.evaluate("document.documentElement.lang") == "vi"
        assert blocking(axe_violations(page)) == []


def test_axe_reports_what_it_must(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><title>x</title></head><body><h1>Tiêu đề</h1><h4>Nhảy cấp</h4>'
        '<p style="color:#bbb;background:#fff">Chữ mờ</p></body></html>', encoding="utf-8")
    with serve_site(tmp_path) as url, watched_page(browser, 1280) as page:
        page.goto(url)
        found = {v["id"] for v in blocking(axe_violations(page))}
    assert {"html-has-lang", "heading-order", "color-contrast", "landmark-one-main", "region"} <= found
