"""Open data, feeds and calendars of the bundled seed site, read with standard parsers.

json and csv (Python's own), feedparser for Atom, icalendar for iCalendar, jsonschema for
the published JSON Schemas. The site is built without site_url, as it is bundled.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import feedparser
import icalendar
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from plansite.build import ProjectPaths, build
from tests.helpers import REPO, copy_project

HA_DONG = "dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/"
UONG_BI = "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/"
HAI_DUONG = "dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/"
CAM_PHA = "dia-phuong/quang-ninh/cam-pha/2023-ke-hoach-thuc-hien-chu-de-cong-tac/"  # dated with its year only
PLANS = (HA_DONG, UONG_BI, CAM_PHA, HAI_DUONG)  # newest first


def read_bytes(site: Path, path: str) -> bytes:
    return (site / path).read_bytes()


def read_json(site: Path, path: str):
    return json.loads(read_bytes(site, path).decode("utf-8"))


def read_csv(site: Path, path: str) -> list[dict]:
    data = read_bytes(site, path)
    assert data.startswith(b"\xef\xbb\xbf"), "a spreadsheet needs the UTF-8 byte-order mark to read Vietnamese"
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and not re.search(r"(?<!\r)\n", text.replace('"\n', "")), "RFC 4180 CRLF rows"
    return list(csv.DictReader(io.StringIO(text, newline="")))


def schema_validator(site: Path, name: str) -> Draft202012Validator:
    folder = site / "du-lieu/schema"
    resources = [(p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8")))) for p in folder.iterdir()]
    return Draft202012Validator(json.loads((folder / name).read_text(encoding="utf-8")),
                                registry=Registry().with_resources(resources))


# --- JSON ------------------------------------------------------------------------------------

def test_all_plans_json_lists_every_plan_with_targets_programme_and_cited_documents(seed_site):
    data = read_json(seed_site, "du-lieu/ke-hoach.json")
    assert data["count"] == 4 and [p["url"] for p in data["plans"]] == list(PLANS)  # newest first, site-relative
    schema_validator(seed_site, "ke-hoach.schema.json").validate(data)
    uong_bi = next(p for p in data["plans"] if p["url"] == UONG_BI)
    assert uong_bi["number"] == "95/KH-PGDĐT" and uong_bi["district"]["name"] == "Uông Bí"
    assert {"indicator": "Học sinh hoàn thành chương trình tiểu học", "indicator_id": "hoan-thanh-chuong-trinh-tieu-hoc",
            "value": 99.5, "qualifier": "ít nhất"}.items() <= next(
        t for t in uong_bi["targets"] if t["indicator_id"] == "hoan-thanh-chuong-trinh-tieu-hoc").items()
    assert uong_bi["programme"][0] == {"quarter": 1, "year": 2023, "lead": "Chuyên môn", "task": uong_bi["programme"][0]["task"]}
    assert "29-nq-tw" in uong_bi["cited_documents"] or uong_bi["cited_documents"]


def test_each_plan_record_has_everything_but_the_text_and_links_its_markdown_source(seed_site):
    validator = schema_validator(seed_site, "ke-hoach-ban-ghi.schema.json")
    for url in PLANS:
        record = read_json(seed_site, url + "ke-hoach.json")
        validator.validate(record)
        assert "body" not in record and "markdown" not in record
        assert record["text"]["path"].startswith("content/plans/") and record["text"]["path"].endswith(".md")
        assert record["text"]["markdown_source"].endswith(record["text"]["path"])
        assert "/commits/" in record["text"]["history"]
        assert record["citations"] and all(c["surface"] for c in record["citations"])
    ha_dong = read_json(seed_site, HA_DONG + "ke-hoach.json")
    assert ha_dong["source"]["sha256"] == "8f572f93e118e99dfdf3b66bf7575fa5ebb48cbbedbfe68abe64566609c8398e"
    assert ha_dong["source"]["original_url"] == HA_DONG + "ban-goc.txt"
    assert (seed_site / HA_DONG / "ban-goc.txt").read_bytes() == (REPO / "tests/fixtures/seeds/001_ca75737cbe15344e.txt").read_bytes()
    lead = {a["lead"]: a for a in ha_dong["assignments"]}["Ban quản lý Dự án đầu tư xây dựng quận"]
    assert lead["start"] == "2024-01" and lead["end"] == "2024-12" and "UBND các phường" in lead["coordinating"]


# --- CSV -------------------------------------------------------------------------------------

def test_csv_files_open_in_a_spreadsheet_with_a_header_row(seed_site):
    plans = read_csv(seed_site, "du-lieu/ke-hoach.csv")
    assert [row["url"] for row in plans] == list(PLANS)
    assert {row["district"] for row in plans} == {"Hà Đông", "Uông Bí", "Cẩm Phả", "Hải Dương"}
    assert next(r for r in plans if r["url"] == HA_DONG)["title"].startswith("Thực hiện Đề án 03-ĐA/QU")
    documents = read_csv(seed_site, "du-lieu/van-ban.csv")
    by_id = {row["id"]: row for row in documents}
    assert by_id["29-nq-tw"]["number_symbol"] == "29-NQ/TW" and int(by_id["29-nq-tw"]["citing_plans"]) >= 1
    citations = read_csv(seed_site, "du-lieu/trich-dan.csv")
    assert len(citations) == sum(len(read_json(seed_site, u + "ke-hoach.json")["citations"]) for u in PLANS)
    for row in citations:  # every anchor is the citing passage (or the title) on the plan's own page
        page, anchor = row["anchor_url"].split("#")
        assert page.rstrip("/").endswith(row["plan"]) and row["surface"] and int(row["line"]) > 0
        assert f'id="{anchor}"' in (seed_site / page / "index.html").read_text(encoding="utf-8"), row


def test_csv_rows_match_their_published_schema(seed_site):
    for name, published in (("ke-hoach.csv", "ke-hoach.csv"), ("van-ban.csv", "van-ban.csv"),
                            ("trich-dan.csv", "trich-dan.csv")):
        schema = read_json(seed_site, f"du-lieu/schema/{name}.schema.json")
        rows = read_csv(seed_site, f"du-lieu/{published}")
        assert list(rows[0]) == schema["required"]
        for row in rows:
            Draft202012Validator(schema).validate(row)


# --- Atom ------------------------------------------------------------------------------------

FEEDS = ["feed.xml", "dia-phuong/ha-noi/feed.xml", "dia-phuong/ha-noi/ha-dong/feed.xml",
         "dia-phuong/quang-ninh/feed.xml", "dia-phuong/quang-ninh/uong-bi/feed.xml", "dia-phuong/quang-ninh/cam-pha/feed.xml",
         "dia-phuong/hai-duong/feed.xml", "dia-phuong/hai-duong/hai-duong/feed.xml"]


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_are_valid_atom_newest_first_with_stable_ids(seed_site, path):
    feed = feedparser.parse((seed_site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.id == f"tag:plansite.github.io,2026:/{path}"
    assert feed.feed.updated_parsed
    published = [entry.published for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    for entry in feed.entries:
        assert entry.id.startswith("tag:plansite.github.io,2026:/dia-phuong/") and entry.updated_parsed
        target = (seed_site / path).parent / entry.link  # relative to the feed: the site has no address
        assert (target / "index.html").is_file(), entry.link


def test_site_feed_has_every_plan_and_district_feeds_only_theirs(seed_site):
    assert len(feedparser.parse((seed_site / "feed.xml").read_bytes()).entries) == 4
    ha_dong = feedparser.parse((seed_site / "dia-phuong/ha-noi/ha-dong/feed.xml").read_bytes())
    assert [e.link for e in ha_dong.entries] == ["2023-333-kh-ubnd/"]
    cam_pha = feedparser.parse((seed_site / "dia-phuong/quang-ninh/cam-pha/feed.xml").read_bytes())
    assert [e.link for e in cam_pha.entries] == ["2023-ke-hoach-thuc-hien-chu-de-cong-tac/"]
    assert cam_pha.entries[0].published.startswith("2023-01-01")  # printed with its year only


# --- iCalendar -------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [HA_DONG, UONG_BI])
def test_calendars_are_valid_icalendar_with_the_lead_unit(seed_site, url):
    data = (seed_site / url / "lich.ics").read_bytes()
    assert re.search(rb"(?<!\r)\n", data) is None, "RFC 5545: every line ends in CRLF"
    assert all(len(line) <= 75 for line in data.split(b"\r\n")), "lines folded at 75 octets"
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
            assert prop in event, prop
        assert "Đơn vị chủ trì:" in str(event["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_ha_dong_assignments_become_dated_events(seed_site):
    events = list(icalendar.Calendar.from_ical((seed_site / HA_DONG / "lich.ics").read_bytes()).walk("VEVENT"))
    school_network = next(e for e in events if str(e["SUMMARY"]).startswith("Thực hiện Quy hoạch mạng lưới"))
    assert school_network.decoded("DTSTART").isoformat() == "2024-01-01"
    assert school_network.decoded("DTEND").isoformat() == "2025-01-01"
    assert "Đơn vị chủ trì: Phòng GDĐT" in str(school_network["DESCRIPTION"])
    assert "Tài nguyên và Môi trường" in str(school_network["DESCRIPTION"])


# --- linked from the pages -------------------------------------------------------------------

def test_every_data_file_is_linked_from_a_page(seed_site):
    data_page = (seed_site / "du-lieu/index.html").read_text(encoding="utf-8")
    for name in ("ke-hoach.json", "ke-hoach.csv", "van-ban.csv", "trich-dan.csv", "schema/ke-hoach.schema.json",
                 "schema/ke-hoach-ban-ghi.schema.json", "schema/trich-dan.csv.schema.json"):
        assert f'href="{name}"' in data_page, name
        assert (seed_site / "du-lieu" / name).is_file()
    assert 'rel="license"' in data_page
    plan = (seed_site / HA_DONG / "index.html").read_text(encoding="utf-8")
    for href in ("ke-hoach.json", "lich.ics", "ban-goc.txt", "../../../../du-lieu/", "../feed.xml"):
        assert f'href="{href}"' in plan, href
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate feed" type="application/atom+xml"' in home and 'href="feed.xml"' in home


def test_plan_page_says_where_its_text_came_from(seed_site):
    plan = (seed_site / HA_DONG / "index.html").read_text(encoding="utf-8")
    assert "001_ca75737cbe15344e.txt" in plan and "8f572f93e118e99dfdf3b66bf7575fa5ebb48cbbedbfe68abe64566609c8398e" in plan
    assert "Cập nhật lần cuối" in plan and "Lịch sử thay đổi" in plan
    assert "Nhóm biên tập cổng Kế hoạch giáo dục các địa phương" in plan  # publisher, in the footer
    assert 'class="md-skip"' in plan and '<a href="#tieu-de-van-ban" class="md-skip">' in plan
    assert 'id="tieu-de-van-ban"' in plan


# --- indicators compared --------------------------------------------------------------------

def test_an_indicator_is_compared_across_districts_with_rows_linking_to_targets(seed_site):
    page = (seed_site / "chi-tieu/truong-cong-nhan-lai-chuan-quoc-gia/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<a href="(\.\./\.\./dia-phuong/[^"#]+/)#(chi-tieu-\d+)">', page)
    districts = {href.split("/")[4] for href, _ in rows}
    assert {"ha-dong", "uong-bi", "hai-duong"} <= districts
    for href, anchor in rows:
        target = (seed_site / "chi-tieu/truong-cong-nhan-lai-chuan-quoc-gia" / href / "index.html").resolve()
        assert f'<tr id="{anchor}">' in target.read_text(encoding="utf-8")
    chart = page[page.index("<svg", page.index("plansite-chart")):]
    chart = chart[:chart.index("</svg>")]
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart and chart.count("<rect") == len(rows)
    assert "<script" not in page[page.index('<article'):page.index('</article>')]
    index = (seed_site / "chi-tieu/index.html").read_text(encoding="utf-8")
    assert 'href="truong-cong-nhan-lai-chuan-quoc-gia/"' in index


# --- no clock -------------------------------------------------------------------------------

def test_a_rebuild_gives_the_same_bytes(tmp_path):
    """Outside git (no history: dates fall back on the content's own), twice, a minute apart or not."""
    project = copy_project(REPO, tmp_path / "project")
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(ProjectPaths(project), first).ok and build(ProjectPaths(project), second).ok
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    feed = feedparser.parse((first / "feed.xml").read_bytes())
    assert feed.entries[0].updated.startswith("2023-12-25")  # the plan's own date when there is no git history


def test_sitemap_has_lastmod_when_the_address_is_known(tmp_path):
    out = tmp_path / "site"
    assert build(ProjectPaths(REPO), out, site_url="https://example.org/ke-hoach/").ok
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url><loc>([^<]+)</loc><lastmod>(\d{4}(?:-\d{2}(?:-\d{2})?)?)</lastmod></url>", sitemap)
    assert len(entries) == sitemap.count("<url>") and entries
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert feed.entries[0].link == "https://example.org/ke-hoach/" + HA_DONG
    assert feed.feed.id == "tag:plansite.github.io,2026:/feed.xml"  # the same id as without an address


def test_a_long_comparison_is_split_into_one_page_per_province(tmp_path, monkeypatch):
    from plansite import comparisons
    monkeypatch.setattr(comparisons, "ROWS_PER_PAGE", 2)
    out = tmp_path / "site"
    assert build(ProjectPaths(REPO), out).ok
    top = (out / "chi-tieu/truong-cong-nhan-lai-chuan-quoc-gia/index.html").read_text(encoding="utf-8")
    assert "<table" not in top[top.index("<article"):] and 'href="hai-duong/"' in top and 'href="ha-noi/"' in top
    province = (out / "chi-tieu/truong-cong-nhan-lai-chuan-quoc-gia/hai-duong/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<a href="(\.\./\.\./\.\./dia-phuong/[^"#]+/)#(chi-tieu-\d+)">', province)
    assert len(rows) == 3 and {href.split("/")[4] for href, _ in rows} == {"hai-duong"}
    assert 'role="img"' in province
