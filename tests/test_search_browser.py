"""Searching the built seed site in Chromium (Debian's), served on loopback.

A table of queries citizens type, with and without diacritics, each with the page that must
be among the first results; exact diacritics ranking first; filters; the keyboard alone;
a 390 px phone; no JavaScript.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, urlparse

import pytest

from plansite.vietnamese import fold
from tests.search_helpers import IndexReader

pytestmark = pytest.mark.browser

UONG_BI = "/dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/"
HA_DONG = "/dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/"
HAI_DUONG = "/dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/"
CAM_PHA = "/dia-phuong/quang-ninh/cam-pha/2023-ke-hoach-thuc-hien-chu-de-cong-tac/"

# (query, page that must appear, within the first n results)
QUERIES = [
    # the plans' own numbers, as printed and as typed
    ("95/KH-PGDĐT", UONG_BI, 1),
    ("95/KH-PGDDT", UONG_BI, 1),
    ("95/kh-pgddt", UONG_BI, 1),
    ("333/KH-UBND", HA_DONG, 1),
    ("ke hoach 333", HA_DONG, 1),
    # documents the plans cite, in several spellings
    ("29-NQ/TW", HAI_DUONG, 3),
    ("nghi quyet 29", UONG_BI, 3),
    ("71/2020/NĐ-CP", HAI_DUONG, 4),
    ("71/2020/ND-CP", HA_DONG, 3),
    ("nghi dinh 71/2020", HAI_DUONG, 4),  # the decree, then the four plans citing it
    ("Nghị định 71/2020", HA_DONG, 3),
    ("111/2022/ND-CP", HA_DONG, 2),  # after the decree's own page
    ("39-NQ/ThU", HAI_DUONG, 2),  # after the resolution's own page
    ("de an 03-DA/QU", HA_DONG, 2),  # after the scheme's own page
    ("Đề án 03-ĐA/QU", HA_DONG, 2),
    # localities
    ("ke hoach giao duc uong bi", UONG_BI, 1),
    ("kế hoạch giáo dục Uông Bí", UONG_BI, 1),
    ("uong bi", "/dia-phuong/quang-ninh/uong-bi/", 3),
    ("ha dong", "/dia-phuong/ha-noi/ha-dong/", 3),
    ("Hà Đông", HA_DONG, 2),  # the district page and its plan lead
    ("cam pha", "/dia-phuong/quang-ninh/cam-pha/", 2),  # its plan (seed 004) names it throughout
    ("hai duong", "/dia-phuong/hai-duong/hai-duong/", 3),
    ("hai phong", HAI_DUONG, 3),  # where Hải Dương belongs since 2025
    # topics, with and without diacritics (and with đ)
    ("dao tao boi duong giao vien", UONG_BI, 3),
    ("đào tạo bồi dưỡng giáo viên", HA_DONG, 3),
    # phrases from deep inside one plan
    ("giai thuong nha giao tam huyet sang tao", HA_DONG, 1),
    ("giup do nha giao benh tat hiem ngheo", HA_DONG, 1),
    ("suy dinh duong the thap coi", UONG_BI, 1),
    ("hoc tap suot doi", UONG_BI, 2),  # the Cẩm Phả plan (seed 004) has the phrase too
    ("thất thoát ngân sách nhà nước", UONG_BI, 1),
    ("dam bao ve sinh ATTP", HAI_DUONG, 1),
    ("khung kế hoạch thời gian năm học", HAI_DUONG, 1),
    ("tiem an nguy co mat an toan", HAI_DUONG, 1),
    # signers
    ("pham van chien", HA_DONG, 1),
    ("Trần Nam Hải", UONG_BI, 1),
]


def results_for(page, query: str) -> list[str]:
    """Type `query` into the results page; the paths of the first page of results."""
    page.fill("#plansite-search-q", query)
    page.press("#plansite-search-q", "Enter")  # search now, not after the typing pause
    return shown_results(page, query)


def shown_results(page, query: str) -> list[str]:
    """The result paths once the search started for `query` (and the current filters) is complete."""
    page.wait_for_function("""q => { const list = document.querySelector('.plansite-results');
        return list.dataset.query === q && list.getAttribute('aria-busy') === 'false'; }""", arg=query)
    return page.eval_on_selector_all(".plansite-result h2 a", "links => links.map(a => new URL(a.href).pathname)")


def test_query_table_is_large_enough():
    assert len(QUERIES) >= 20
    assert any(unicodedata.normalize("NFD", q) == q for q, _, _ in QUERIES)  # some typed without diacritics


@pytest.mark.parametrize("query, expected, within", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_finds_the_page(search_page, query, expected, within):
    found = results_for(search_page, query)
    assert expected in found[:within], f"{query!r}: {expected} not in the first {within} of {found}"


@pytest.mark.parametrize("query, word", [("Đông", "đông"), ("đồng", "đồng"), ("động", "động")])
def test_exact_diacritics_rank_first(seed_site, search_page, query, word):
    indexed = IndexReader(seed_site).fragments()
    exact = {url for url, fragment in indexed.items() if re.search(rf"(?<!\w){word}(?!\w)", fragment["content"].lower())}
    folded_only = {url for url, fragment in indexed.items() if url not in exact
                   and re.search(r"(?<!\w)dong(?!\w)", fold(fragment["content"]).lower())}
    found = results_for(search_page, query)
    ranks = [url in exact for url in found]
    assert ranks == sorted(ranks, reverse=True) and any(ranks) and folded_only, (query, found, exact)


def test_without_diacritics_finds_d_words(search_page):
    found_folded = results_for(search_page, "dao tao")
    assert sorted(found_folded) == sorted(results_for(search_page, "đào tạo"))


def test_result_entry_shows_title_locality_date_and_highlighted_excerpt(search_page):
    results_for(search_page, "dao tao boi duong giao vien")
    entry = search_page.locator(".plansite-result", has=search_page.locator(f'a[href$="{UONG_BI}"]'))
    assert entry.locator("h2").inner_text().startswith("Thực hiện Nghị quyết số 06-NQ/TU")
    assert entry.locator(".plansite-result__meta").inner_text() == (
        "Kế hoạch số 95/KH-PGDĐT · Thành phố Uông Bí, tỉnh Quảng Ninh · 01/02/2023")
    marked = [unicodedata.normalize("NFC", m).lower().strip(".,;:")
              for m in entry.locator(".plansite-result__excerpt mark").all_inner_texts()]
    assert marked and any(m.startswith("đ") for m in marked), marked  # "đào" marked for "dao"


# --- cited documents ------------------------------------------------------------------

DOCUMENT_QUERIES = [
    ("71/2020/NĐ-CP", "71-2020-nd-cp"), ("71/2020/ND-CP", "71-2020-nd-cp"), ("nghi dinh 71/2020", "71-2020-nd-cp"),
    ("Nghị định 71/2020", "71-2020-nd-cp"), ("29-NQ/TW", "29-nq-tw"), ("nghi quyet 29", "29-nq-tw"),
    ("111/2022/ND-CP", "111-2022-nd-cp"), ("39-NQ/ThU", "39-nq-thu-hai-duong-hai-duong"),
]


@pytest.mark.parametrize("query, slug", DOCUMENT_QUERIES, ids=[q for q, _ in DOCUMENT_QUERIES])
def test_document_number_finds_the_document_first(search_page, query, slug):
    found = results_for(search_page, query)
    assert found[0] == f"/van-ban/{slug}/", found
    assert any(url.startswith("/dia-phuong/") for url in found)  # and the plans citing it


# --- filters -------------------------------------------------------------------------

def test_filters_narrow_the_results(seed_site, search_page):
    everything = results_for(search_page, "giao duc")
    search_page.select_option("#plansite-filter-province", "Quảng Ninh")
    in_province = shown_results(search_page, "giao duc")
    assert in_province and len(in_province) < len(everything)
    assert all(url.startswith("/dia-phuong/quang-ninh/") for url in in_province)
    districts = search_page.locator("#plansite-filter-district option").all_inner_texts()
    assert districts == ["Tất cả", "Thành phố Cẩm Phả", "Thành phố Uông Bí"]
    search_page.select_option("#plansite-filter-year", "2023")
    assert sorted(shown_results(search_page, "giao duc")) == sorted([UONG_BI, CAM_PHA])
    query = parse_qs(urlparse(search_page.url).query)
    assert query == {"q": ["giao duc"], "province": ["Quảng Ninh"], "year": ["2023"]}
    search_page.click("text=Bỏ lọc")
    assert sorted(shown_results(search_page, "giao duc")) == sorted(everything)


def test_level_and_type_filters_without_a_query(seed_site, search_page):
    index = IndexReader(seed_site)
    search_page.fill("#plansite-search-q", "")
    search_page.check('input[name="level"][value="Giáo dục nghề nghiệp"]')
    expected = index.pages_with_filter("level", "Giáo dục nghề nghiệp")
    assert set(shown_results(search_page, "")) == expected == {HA_DONG}
    search_page.uncheck('input[name="level"][value="Giáo dục nghề nghiệp"]')
    search_page.select_option("#plansite-filter-doc_type", "Kế hoạch")
    shown = shown_results(search_page, "")
    of_type = index.pages_with_filter("doc_type", "Kế hoạch")
    assert shown and set(shown) <= of_type  # the plans and the cited Kế hoạch documents
    assert [url for url in shown if url.startswith("/dia-phuong/")][:2] == [HA_DONG, UONG_BI]  # newest first
    search_page.click("text=Bỏ lọc")


def test_a_search_address_can_be_shared(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "tim-kiem/?q=dao+tao&province=H%C3%A0+N%E1%BB%99i")
    assert shown_results(page, "dao tao")[0] == HA_DONG
    assert page.input_value("#plansite-filter-province") == "Hà Nội"
    assert page.input_value("#plansite-search-box-q") == "dao tao"  # the header box shows the query too
    page.close()


# --- keyboard, phone, no JavaScript ---------------------------------------------------

def tab_to(page, selector: str, limit: int = 40) -> int:
    """Press Tab until `selector` has the focus; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} Tab presses")


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def fresh_page(browser, request):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("http://127.0.0.1") else None)
    yield page
    context.close()
    assert outside == [], "the page requested another host"


def test_keyboard_only_from_any_page_to_a_result(fresh_page, site_url):
    page = fresh_page
    page.goto(site_url + "dia-phuong/ha-noi/ha-dong/")
    assert tab_to(page, "#plansite-search-box-q") <= 5
    page.keyboard.type("suy dinh duong the thap coi")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=suy+dinh+duong+the+thap+coi")
    assert shown_results(page, "suy dinh duong the thap coi")[0] == UONG_BI
    assert page.evaluate("document.activeElement.id") == "plansite-search-q"  # ready to refine
    tab_to(page, ".plansite-result h2 a")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{UONG_BI}")


def test_keyboard_only_filters(fresh_page, site_url):
    page = fresh_page
    page.goto(site_url + "tim-kiem/?q=giao+duc")
    before = shown_results(page, "giao duc")
    if not page.locator("#plansite-filter-province").is_visible():  # folded away on phones
        tab_to(page, ".plansite-search__filters > summary")
        page.keyboard.press("Enter")
    tab_to(page, "#plansite-filter-province")
    page.keyboard.press("q")  # type-ahead selects "Quảng Ninh"
    page.wait_for_function("() => new URLSearchParams(location.search).get('province') === 'Quảng Ninh'")
    narrowed = shown_results(page, "giao duc")
    assert narrowed and len(narrowed) < len(before)
    tab_to(page, 'input[name="level"][value="Giáo dục nghề nghiệp"]')
    page.keyboard.press("Space")
    page.wait_for_function("() => new URLSearchParams(location.search).get('level') === 'Giáo dục nghề nghiệp'")
    assert shown_results(page, "giao duc") == []  # no plan of Quảng Ninh covers vocational education
    assert page.locator(".plansite-search__status").inner_text().startswith("Không tìm thấy kết quả nào")


def test_search_works_on_a_phone_screen(fresh_page, site_url):
    page = fresh_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/")
    box = page.locator("#plansite-search-box-q").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["width"] >= 100
    page.goto(site_url + "tim-kiem/?q=ke+hoach+giao+duc+uong+bi")
    assert shown_results(page, "ke hoach giao duc uong bi")[0] == UONG_BI
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    first = page.locator(".plansite-result").first.bounding_box()
    assert first["y"] < 844  # the first result is on the first screen, filters folded away


def test_without_javascript_the_page_says_so_and_links_to_browsing(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "dia-phuong/")
    page.fill("#plansite-search-box-q", "uong bi")
    page.keyboard.press("Enter")  # the header box is a plain form
    page.wait_for_url("**/tim-kiem/?q=uong+bi")
    notice = page.locator(".plansite-search__nojs")
    assert notice.is_visible() and "Cần bật JavaScript để tìm kiếm" in notice.inner_text()
    assert notice.get_by_role("link", name="danh sách tỉnh, thành phố và quận, huyện").get_attribute("href") == "../dia-phuong/"
    assert not page.locator(".plansite-search__form").is_visible()
    context.close()


def test_more_results_button_only_when_there_are_more(search_page):
    few = results_for(search_page, "suy dinh duong the thap coi")
    more = search_page.locator(".plansite-search__more")
    assert len(few) < 10 and not more.is_visible()
    many = results_for(search_page, "thong tu")
    total = int(re.search(r"Tìm thấy (\d+) kết quả", search_page.locator(".plansite-search__status").inner_text()).group(1))
    assert total > len(many) and more.is_visible()  # the first page of a longer list
    more.click()
    search_page.wait_for_function(f"() => document.querySelectorAll('.plansite-result').length > {len(many)}")
