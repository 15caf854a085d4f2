"""Bytes no one reads are not published (issue 9): one table of contents, no inline icons,
short heading anchors, quotes as windows around the mention, compact data files."""
from __future__ import annotations

import json
from types import SimpleNamespace

from plansite.pages import QUOTE_AFTER, QUOTE_BEFORE, quote_excerpt
from plansite.vietnamese import SLUG_MAX, toc_slugify

PLAN = "dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/"


def _quote(sentence: str, surface: str) -> str:
    return quote_excerpt(SimpleNamespace(sentence=sentence, mention=SimpleNamespace(surface=surface)))


def test_a_quote_is_a_window_of_whole_words_around_the_whole_mention():
    before = "Tiếp tục triển khai " * 20
    after = " ngày 04/11/2013 của Ban Chấp hành Trung ương" * 5
    quote = _quote(before + "Nghị quyết số 29-NQ/TW" + after, "Nghị quyết số 29-NQ/TW")
    assert quote.startswith("…") and quote[1:].split()[0] in before.split()  # cut before a whole word
    assert "Nghị quyết số 29-NQ/TW ngày 04/11/2013" in quote and quote.endswith("…")
    assert len(quote) <= QUOTE_BEFORE + len("Nghị quyết số 29-NQ/TW") + QUOTE_AFTER + 2
    assert all(word in (before + after) for word in quote.strip("…").replace("Nghị quyết số 29-NQ/TW", "").split())


def test_a_short_sentence_is_quoted_whole():
    sentence = "Thực hiện Luật số 43/2019/QH14 của Quốc hội."
    assert _quote(sentence, "Luật số 43/2019/QH14") == sentence.rstrip(",;: ")


def test_long_heading_anchors_are_cut_between_words_and_short_ones_kept():
    long = toc_slugify("1. Chỉ đạo thực hiện tốt nhiệm vụ đổi mới căn bản, toàn diện giáo dục - đào tạo trong tình hình mới", "-")
    assert long == "1-chi-dao-thuc-hien-tot-nhiem-vu-doi-moi" and len(long) <= SLUG_MAX
    assert toc_slugify("III. TỔ CHỨC THỰC HIỆN", "-") == "iii-to-chuc-thuc-hien"


def test_a_plan_page_has_one_table_of_contents_and_no_inline_icons(seed_site):
    html = (seed_site / PLAN / "index.html").read_text(encoding="utf-8")
    assert html.count('aria-label="Mục lục"') == 1 and 'id="__toc"' in html and 'for="__toc"' in html
    assert "<svg" not in html  # the logo, menu, search and top icons are CSS masks over assets/icons/
    for icon in ("library", "menu", "magnify", "arrow-up"):
        assert (seed_site / f"assets/icons/{icon}.svg").read_bytes().startswith(b"<svg")
    config = html.split('<script id="__config" type="application/json">')[1].split("</script>")[0]
    assert json.loads(config)["translations"]["clipboard.copy"] == "Sao chép vào bộ nhớ tạm"  # UTF-8, not \u escapes
    assert "\\u" not in config


def test_data_files_are_compact_and_do_not_repeat_addresses(seed_site):
    record = (seed_site / PLAN / "ke-hoach.json").read_bytes()
    assert b"\n " not in record and json.loads(record)["citations"]
    assert "document_url" not in json.loads(record)["citations"][0]
    assert b"\n " not in (seed_site / "du-lieu/ke-hoach.json").read_bytes()
    header = (seed_site / "du-lieu/trich-dan.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "plan_url" not in header and "document_url" not in header and "anchor_url" in header


def test_a_feed_holds_the_newest_plans_only(seed_site, monkeypatch):
    import feedparser

    from plansite.build import ProjectPaths, load_project
    from plansite.exports import atom
    from plansite.exports.links import Links
    from tests.helpers import REPO

    assert len(feedparser.parse((seed_site / "feed.xml").read_bytes()).entries) == 4  # under the cap: all
    monkeypatch.setattr(atom, "FEED_ENTRIES", 2)
    loaded = load_project(ProjectPaths(REPO))
    entries = feedparser.parse(atom.feeds(loaded.model, loaded.config, Links(loaded.config))["feed.xml"]).entries
    assert [e.title.split(":")[0] for e in entries] == [p.heading for p in loaded.model.plans[:2]]  # newest first
