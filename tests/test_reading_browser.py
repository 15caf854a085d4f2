"""Reading a plan on a phone (390 px) and on paper, in Chromium: the 'Mục lục' control, the
skip link, the short site name, document numbers that never wrap, and print rules."""
from __future__ import annotations

import pytest

from tests.browser import watched_page
from tests.helpers import PAGE_KINDS

pytestmark = pytest.mark.browser
HA_DONG = PAGE_KINDS["plan-with-assignments"]


def test_phone_table_of_contents_opens_the_headings_and_jumps(browser, site_url):
    with watched_page(browser, 390, 844) as page:
        page.goto(site_url + HA_DONG)
        # One table of contents in the page: Material's, which the phone layout opens from "Mục lục".
        assert page.locator("nav[aria-label='Mục lục']").count() == 1
        toggle = page.locator(".md-sidebar--secondary label[for=__toc]")
        assert toggle.is_visible() and toggle.inner_text().strip() == "Mục lục"
        assert toggle.bounding_box()["y"] < 300  # at the top of the page, before the document
        assert toggle.bounding_box()["height"] >= 44  # a finger's target
        links = page.locator(".md-sidebar--secondary .md-nav__link")
        assert not links.first.is_visible()  # closed until asked
        toggle.click()
        assert links.first.is_visible() and links.count() >= 12  # sections and their items
        assert links.last.inner_text() == "Tiến độ thực hiện"  # the template's own sections too
        section = page.locator(".md-sidebar--secondary .md-nav__link", has_text="III. TỔ CHỨC THỰC HIỆN")
        section.click()
        page.wait_for_function("location.hash === '#iii-to-chuc-thuc-hien'")
        top = page.evaluate("document.getElementById('iii-to-chuc-thuc-hien').getBoundingClientRect().top")
        assert 0 <= top < 844
        assert page.problems == []


def test_phone_table_of_contents_opens_from_the_keyboard(browser, site_url):
    with watched_page(browser, 390, 844) as page:
        page.goto(site_url + HA_DONG)
        page.focus("#__toc")
        page.keyboard.press("Space")
        assert page.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()


def test_wide_screens_show_the_sidebar_open_without_the_phone_control(browser, site_url):
    with watched_page(browser, 1280) as page:
        page.goto(site_url + HA_DONG)
        assert page.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()
        assert page.locator(".md-sidebar--secondary .md-nav__link", has_text="Tiến độ thực hiện").is_visible()
        box = page.locator(".md-sidebar--secondary").bounding_box()
        assert box["x"] > 900  # beside the text, on the right, as Material places it


def test_skip_link_lands_on_the_document_title(browser, site_url):
    with watched_page(browser, 390) as page:
        page.goto(site_url + HA_DONG)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('md-skip')")
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#tieu-de-van-ban'")
        assert page.evaluate("document.activeElement.id") == "tieu-de-van-ban"
        assert page.evaluate("document.getElementById('tieu-de-van-ban').getBoundingClientRect().top") >= 0


def test_phone_header_shows_the_short_name_in_full(browser, site_url):
    with watched_page(browser, 390) as page:
        page.goto(site_url)
        short = page.locator(".plansite-name-short").first
        assert short.is_visible() and short.inner_text() == "Kế hoạch GD"
        assert page.evaluate("""(() => { const e = document.querySelector('.md-header__topic .md-ellipsis');
            return e.scrollWidth <= e.clientWidth; })()""")
    with watched_page(browser, 1280) as page:
        page.goto(site_url)
        assert page.locator(".plansite-name-full").first.inner_text() == "Kế hoạch giáo dục các địa phương"
        assert not page.locator(".plansite-name-short").first.is_visible()


def test_document_numbers_never_wrap_on_a_phone(browser, site_url):
    with watched_page(browser, 390) as page:
        page.goto(site_url + "van-ban/")
        lines = page.evaluate("[...document.querySelectorAll('.plansite-docnum')].map(e => e.getClientRects().length)")
        assert len(lines) > 50 and set(lines) == {1}


def test_printed_headings_stay_with_their_text_and_tables_repeat_their_heads(browser, site_url):
    with watched_page(browser, 1280) as page:
        page.goto(site_url + PAGE_KINDS["plan"])
        page.emulate_media(media="print")
        styles = page.evaluate("""(() => {
            const h = getComputedStyle(document.getElementById('v-to-chuc-thuc-hien') || document.querySelector('.plansite-body h2'));
            const thead = getComputedStyle(document.querySelector('.plansite-programme thead'));
            const table = getComputedStyle(document.querySelector('.plansite-programme'));
            return [h.breakAfter, thead.display, table.display,
                    getComputedStyle(document.querySelector('.md-sidebar--secondary')).display];
        })()""")
        assert styles == ["avoid", "table-header-group", "table", "none"]
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
