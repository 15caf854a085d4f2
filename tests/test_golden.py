"""Golden-output tests (as in Pelican): the fixture site's main content, page by page.

A change to templates or rendering shows up here as a readable diff. When the change is
intended, regenerate with `UPDATE_GOLDEN=1 make test` and review the diff in git.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from plansite.build import ProjectPaths, build
from tests.helpers import FIXTURES, REPO, article_html

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = {
    "home": "",
    "localities": "dia-phuong",
    "province": "dia-phuong/quang-ninh",
    "district": "dia-phuong/quang-ninh/uong-bi",
    "empty-district": "dia-phuong/quang-ninh/dong-trieu",
    "plan": "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt",
    "draft-plan": "dia-phuong/ha-noi/ha-dong/2020-kh-ubnd-du-thao",
    "documents": "van-ban",
    "curated-document": "van-ban/29-nq-tw",
    "document-province": "van-ban/29-nq-tw/quang-ninh",
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mini") / "site"
    report = build(ProjectPaths(FIXTURES / "mini", templates_dir=REPO / "templates"), out)
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    return out


def normalise(html: str) -> str:
    lines = (line.strip() for line in html.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


@pytest.mark.parametrize("name, url", PAGES.items())
def test_page_matches_golden(fixture_site, name, url):
    actual = normalise(article_html((fixture_site / url / "index.html").read_text(encoding="utf-8")))
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file yet: run UPDATE_GOLDEN=1 make test and review {golden}"
    assert actual == golden.read_text(encoding="utf-8")


def test_fixture_site_has_exactly_the_planned_pages(fixture_site):
    pages = sorted(p.parent.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("index.html"))
    # The cited Kế hoạch 12/KH-PGDĐT is a plan published here: it has no separate document page.
    # Each cited document has one listing page per province whose plans cite it.
    assert pages == sorted(["."] + [url for url in PAGES.values() if url]
                           + ["dia-phuong/ha-noi", "dia-phuong/ha-noi/ha-dong", "tim-kiem"]
                           + ["van-ban/29-nq-tw/ha-noi"])


def test_page_titles(fixture_site):
    titles = {name: re.search(r"<title>(.*?)</title>", (fixture_site / url / "index.html").read_text(encoding="utf-8")).group(1)
              for name, url in PAGES.items()}
    assert titles["home"] == "Kế hoạch giáo dục các địa phương"
    assert titles["district"] == "Thành phố Uông Bí (Quảng Ninh) – Kế hoạch giáo dục các địa phương"
    assert titles["plan"] == "Kế hoạch số 12/KH-PGDĐT – Uông Bí – Kế hoạch giáo dục các địa phương"
