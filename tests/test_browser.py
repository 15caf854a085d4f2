"""A citizen's path through the built seed site, clicked in a real Chromium (Debian's).

home → province → district → plan, on a desktop window and on a 390 px phone screen.
The site is served over HTTP on loopback, as GitHub Pages would serve it.
"""
from __future__ import annotations

import re

import pytest

from plansite.vietnamese import sort_key
from tests.browser import watched_page

pytestmark = pytest.mark.browser


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def page(browser, request):
    width, height = request.param
    with watched_page(browser, width, height) as page:
        yield page
        # No request to another host, no failed load, no script error, no CSP violation.
        assert page.problems == []


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


def test_from_a_plan_to_a_cited_document_and_to_another_district(page, site_url):
    page.goto(site_url + "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/")
    page.locator(".plansite-body a", has_text="Nghị quyết số 29-NQ/TW").first.click()
    page.wait_for_url("**/van-ban/29-nq-tw/")
    assert page.locator("article h1").inner_text() == "Nghị quyết số 29-NQ/TW"
    assert page.locator("ul.plansite-counts li").count() == 3  # one district in each of three provinces
    page.get_by_role("link", name="Quận Hà Đông").click()
    page.wait_for_url(re.compile(r".*/van-ban/29-nq-tw/ha-noi/#ha-dong$"))
    assert page.locator("section.plansite-citing").count() == 1
    page.get_by_role("link", name="Kế hoạch số 333/KH-UBND").click()
    page.wait_for_url("**/dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/")
    page.wait_for_load_state("networkidle")  # leaving while the favicon loads would abort it
    page.goto(site_url + "van-ban/29-nq-tw/ha-noi/")
    page.locator("ul.plansite-quotes a").first.click()  # a quote opens the plan at the citing passage
    page.wait_for_url(re.compile(r".*/dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/#trich-dan-[0-9]+-[0-9]+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert "29-NQ/TW" in page.locator(f"[id='{anchor}']").inner_text()


def test_documents_table_sorts_by_number_of_citing_plans(page, site_url):
    page.goto(site_url + "van-ban/")
    table = page.locator("#nghi-quyet + .plansite-table-wrap table")

    def counts():
        return [int(c) for c in table.locator("tbody tr td:last-child").all_inner_texts()]

    assert counts()[0] == 3 and len(set(counts())) > 1  # most cited first: Nghị quyết 29-NQ/TW
    table.get_by_role("button", name="Số kế hoạch trích dẫn").focus()
    page.keyboard.press("Enter")  # keyboard alone is enough
    assert counts() == sorted(counts()) and counts()[-1] == 3
    page.keyboard.press("Enter")
    assert counts() == sorted(counts(), reverse=True)
    assert table.locator("th[aria-sort='descending']").count() == 1
    table.get_by_role("button", name="Văn bản").click()
    labels = table.locator("tbody tr td:first-child").all_inner_texts()
    assert labels[0] == min(labels, key=sort_key) and labels != sorted(labels, reverse=True)
