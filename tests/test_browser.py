"""A citizen's path through the built seed site, clicked in a real Chromium (Debian's).

home → province → district → plan, on a desktop window and on a 390 px phone screen.
The site is served over HTTP on loopback, as GitHub Pages would serve it.
"""
from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# CHROMIUM may name another Chromium-based browser (GitHub runners ship Google Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="module")
def site_url(seed_site: Path):
    handler = functools.partial(_QuietHandler, directory=str(seed_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    # A missing browser is a failure, not a skip: `make test` installs Debian's chromium.
    assert Path(CHROMIUM).exists(), "Chromium not found: run `make test`, which installs Debian's chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def page(browser, request):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    outside_requests = []
    page.on("request", lambda r: outside_requests.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    yield page
    context.close()
    assert outside_requests == [], "the page requested another host"


def test_citizen_clicks_from_home_to_a_plan(page, site_url):
    page.goto(site_url)
    assert page.locator("h1").first.inner_text() == "Kế hoạch giáo dục các địa phương"
    page.get_by_role("link", name="Quảng Ninh", exact=True).click()
    page.wait_for_url("**/dia-phuong/quang-ninh/")
    assert page.locator("article h1").inner_text() == "Tỉnh Quảng Ninh"
    page.get_by_role("link", name="Thành phố Uông Bí", exact=True).first.click()
    page.wait_for_url("**/dia-phuong/quang-ninh/uong-bi/")
    assert page.locator("article h1").inner_text() == "Thành phố Uông Bí"
    page.locator("a.plansite-plan-list__title").first.click()
    page.wait_for_url("**/dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/")
    assert page.locator("article h1").inner_text().startswith("Thực hiện Nghị quyết số 06-NQ/TU")
    assert page.locator("article h2", has_text="II. CÁC CHỈ TIÊU CỤ THỂ").is_visible()
    # Breadcrumbs lead back up.
    page.locator("nav.plansite-breadcrumbs").get_by_role("link", name="Quảng Ninh").click()
    page.wait_for_url("**/dia-phuong/quang-ninh/")


def test_footnote_link_jumps_to_its_note(page, site_url):
    page.goto(site_url + "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/")
    page.locator('a.footnote-ref[href="#fn:7"]').click()
    page.wait_for_url("**#fn:7")
    assert "Nghị quyết số 29- NQ/TW" in page.locator("li#fn\\:7").inner_text()


def test_plan_page_fits_the_screen(page, site_url):
    page.goto(site_url + "dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
