"""Published document addresses never break: a document whose id changed keeps its old
/van-ban/<id>/ address as a redirect page (meta refresh and canonical link) to the new one."""
from __future__ import annotations

import re

import pytest

from plansite.citations.redirects import load_published_ids, redirect_map
from tests.helpers import REPO
from tests.site_checks import live_code, parse_page

CURRENT = ["128-nq-hdnd-quang-ninh-2022", "63-2021-nq-hdnd-quang-ninh", "63-2021-nq-hdnd-hai-duong",
           "58-kh-ubnd-quang-ninh-2023", "29-nq-tw", "128-kh-ubnd-ha-noi-2022", "39-2015-ttlt-bldtbxh-bgddt-bnv"]


@pytest.mark.parametrize("old, new", [
    ("128-nq-hdnd-quang-ninh", "128-nq-hdnd-quang-ninh-2022"),  # separator style unified, year added
    ("58-kh-ubnd-quang-ninh-cam-pha-2023", "58-kh-ubnd-quang-ninh-2023"),  # 'UBND tỉnh' from a district
    ("65-2021-nq-hdnd", None),  # nothing of that number now
    ("63-2021-nq-hdnd", None),  # two provinces' resolutions fit: no guess
    ("128-kh-ubnd-quang-ninh-2022", None),  # another type and place: not the same document
    ("29-nq-tw", None),  # still there: no redirect
])
def test_an_old_id_maps_to_its_one_successor(old, new):
    assert redirect_map([old], CURRENT).get(old) == new


def test_every_published_address_of_the_seed_site_still_opens_a_page(seed_site):
    published = load_published_ids(REPO / "content")
    assert len(published) >= 70
    for doc_id in published:
        page = seed_site / "van-ban" / doc_id / "index.html"
        assert page.is_file(), f"/van-ban/{doc_id}/ was published and is gone"
        html = page.read_text(encoding="utf-8")
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
        if target:  # a redirect: to a page that exists (its canonical link: tests/test_publishing.py)
            assert (page.parent / target.group(1) / "index.html").resolve().is_file(), doc_id


def test_the_party_style_128_nq_hdnd_address_redirects_to_the_councils_resolution(seed_site):
    page = seed_site / "van-ban" / "128-nq-hdnd-quang-ninh" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../128-nq-hdnd-quang-ninh-2022/">' in html
    assert '<a href="../128-nq-hdnd-quang-ninh-2022/">Nghị quyết số 128/NQ-HĐND</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert live_code(parse_page(page)) == []  # a same-site refresh is not live code; any other would be
    sitemap = (seed_site / "sitemap.xml")
    assert not sitemap.exists() or "128-nq-hdnd-quang-ninh/" not in sitemap.read_text(encoding="utf-8")


def test_the_redirect_page_is_valid_html(seed_site):
    from tests.test_quality_gates import vnu_errors

    page = seed_site / "van-ban" / "128-nq-hdnd-quang-ninh" / "index.html"
    assert vnu_errors({"redirect": page})["redirect"] == []
