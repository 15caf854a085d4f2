"""The real seed plans, built from the bundled content: published completely and correctly.

Links, anchors and third-party loads of the whole site are checked in test_quality_gates.py.
"""
from __future__ import annotations

import re
import unicodedata

import pytest

from plansite.words import missing_words
from tests.helpers import SEEDS, article_html, read_page, text_of
from tests.importer_helpers import inline_text, page_text

SEED_PAGES = {
    "000_be8e16e102238b16.txt": "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt",
    "001_ca75737cbe15344e.txt": "dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd",
    "002_19c27091dfac652a.txt": "dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021",
    "004_7891d22168044d73.txt": "dia-phuong/quang-ninh/cam-pha/2023-ke-hoach-thuc-hien-chu-de-cong-tac",
}


@pytest.mark.parametrize("seed, url", SEED_PAGES.items())
def test_every_word_of_the_seed_is_on_its_page(seed_site, seed, url):
    source = (SEEDS / seed).read_text(encoding="utf-8")
    assert missing_words(source, page_text(read_page(seed_site, url))) == []


@pytest.mark.parametrize("seed, url", SEED_PAGES.items())
def test_roman_numbered_sections_become_headings(seed_site, seed, url):
    source = unicodedata.normalize("NFC", (SEEDS / seed).read_text(encoding="utf-8"))  # as the site publishes it
    printed = re.findall(r"^(?:I|II|III|IV|V|VI)\. [A-ZÀ-Ỹ ,]+$", source, flags=re.M)
    html = read_page(seed_site, url)
    headings = [re.sub(r"<[^>]+>", "", h).replace("&para;", "").replace("¶", "").strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    assert printed and all(section.strip() in headings for section in printed)


def test_uong_bi_footnotes_targets_and_programme(seed_site):
    html = article_html(read_page(seed_site, SEED_PAGES["000_be8e16e102238b16.txt"]))
    footnote_refs = re.findall(r'<sup id="fnref:(\d+)"', html)
    assert footnote_refs == [str(n) for n in range(1, 8)]
    assert html.count('<li id="fn:') == 7
    programme = html.split('class="plansite-programme"')[1].split("</table>")[0]
    assert [q for q in re.findall(r"Quý (I|II|III|IV)/2023", programme)] == ["I", "II", "III", "IV"]
    assert programme.count("<td class=\"plansite-num\">") == 35
    targets = html.split('class="plansite-targets"')[1].split("</table>")[0]
    assert "ít nhất 99,5%" in targets and "2394/2397 = 99,87%" in targets
    # The targets table stands where the editor put it: at the end of section II.
    body = html[html.index('class="plansite-body"'):]  # after the table of contents, which lists the headings too
    assert body.index("II. CÁC CHỈ TIÊU CỤ THỂ") < body.index('class="plansite-targets"') < body.index("III. NHIỆM VỤ, GIẢI PHÁP")


def test_plan_header_is_laid_out_like_the_official_document(seed_site):
    html = read_page(seed_site, SEED_PAGES["001_ca75737cbe15344e.txt"])
    header = text_of(html, "header", "plansite-doc-header")
    assert "ỦY BAN NHÂN DÂN QUẬN HÀ ĐÔNG" in header
    assert "Số: 333/KH-UBND" in header
    assert "Hà Đông, ngày 25 tháng 12 năm 2023" in header
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    signer = text_of(html, "div", "plansite-signer")
    assert signer.split() == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phạm Văn Chiến".split()
    assert '<h1 class="plansite-doc-title" id="tieu-de-van-ban" tabindex="-1">Thực hiện Đề án 03-ĐA/QU' in html


def test_unnumbered_draft_is_marked_and_dated_by_month(seed_site):
    html = read_page(seed_site, SEED_PAGES["002_19c27091dfac652a.txt"])
    assert "Số: /KH-UBND" in text_of(html, "header", "plansite-doc-header")
    assert "TP. Hải Dương, tháng 10 năm 2020" in html
    assert "plansite-draft" in html and "Dự thảo" in html


def test_district_page_lists_plans_and_today_parent(seed_site):
    html = read_page(seed_site, "dia-phuong/hai-duong/hai-duong")
    text = text_of(html)
    assert "Thành phố Hải Dương" in text and "288" in text
    assert "Hải Phòng" in text  # where the area belongs since the 2025 reorganisation
    assert 'href="2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/"' in html


def test_localities_in_vietnamese_alphabetical_order(seed_site):
    text = text_of(read_page(seed_site, "dia-phuong"))
    positions = [text.index(name) for name in ("Thành phố Hà Nội", "Tỉnh Hải Dương", "Tỉnh Quảng Ninh")]
    assert positions == sorted(positions)
    assert text.index("Thành phố Cẩm Phả") < text.index("Thành phố Uông Bí")


def test_home_lists_latest_plans_newest_first_and_counts(seed_site):
    html = read_page(seed_site, "")
    titles = re.findall(r'class="plansite-plan-list__title" href="([^"]+)"', html)
    assert titles == [
        "dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/",
        "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/",
        "dia-phuong/quang-ninh/cam-pha/2023-ke-hoach-thuc-hien-chu-de-cong-tac/",  # dated by its year only: last of 2023
        "dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/",
    ]
    assert "<strong>4</strong> kế hoạch" in html


def test_plans_stay_out_of_the_navigation(seed_site):
    html = read_page(seed_site, "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt")
    nav = html.split('class="md-nav md-nav--primary')[1].split("</nav>")[0]
    assert "2023-333-kh-ubnd" not in nav and "Trang chủ" in nav


def test_vietnamese_404_page(seed_site):
    html = (seed_site / "404.html").read_text(encoding="utf-8")
    assert "Không tìm thấy trang" in html and '<html lang="vi"' in html


def test_cam_pha_copy_without_header_is_not_called_a_draft(seed_site):
    html = read_page(seed_site, SEED_PAGES["004_7891d22168044d73.txt"])
    article = article_html(html)
    assert "Dự thảo" not in article and "dự thảo" not in article
    assert "Bản sao chúng tôi nhận được không in số, ký hiệu, ngày tháng, địa danh" in text_of(html)
    assert '<time datetime="2023">năm 2023</time>' in article
    assert "Kế hoạch (bản sao không in số)" in html
    assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẨM PHẢ" in article


def test_cam_pha_footnote_1_is_whole_in_its_definition(seed_site):
    html = article_html(read_page(seed_site, SEED_PAGES["004_7891d22168044d73.txt"]))
    assert re.findall(r'<sup id="fnref:(\d+)"', html) == ["1"]
    note = inline_text(html.split('<li id="fn:1"')[1].split("</li>")[0])
    body = inline_text(html.split('class="plansite-body"')[1].split('<div class="footnote"')[0])
    assert len(note.split()) >= 660
    for phrase in ("Chương trình hành động số 01-CTr/TU", "Thông báo số 692-TB/TU", "Kế hoạch số 240/KH-UBND",
                   "tầm nhìn đến năm 2045; …"):
        assert phrase in note and phrase not in body
    assert "tiếp tục tham mưu đẩy mạnh phát triển các cơ sở giáo dục" in body
