"""What each page gives the search index (plansite.search), without a build or a browser."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from plansite.build import ProjectPaths, load_project
from plansite.pages import Page
from plansite.search import EDUCATION_LEVELS, FacetOption, facets, folded_d_words, is_searchable, search_entry
from plansite.search_index import KEYS_FIELD, OWN_FIELD, SHOWN_META
from tests.helpers import FIXTURES


@pytest.fixture(scope="module")
def loaded():
    return load_project(ProjectPaths(FIXTURES / "mini"))


def page_of(loaded, kind: str, url_part: str = "") -> Page:
    return next(p for p in loaded.pages if p.kind == kind and url_part in p.url)


@pytest.mark.parametrize("text, folded", [
    ("Đào tạo, bồi dưỡng giáo viên", "dao"),  # tạo, bồi, dưỡng: Pagefind folds their tone marks itself
    ("Nghị định số 71/2020/NĐ-CP ngày 30/6/2020", "dinh 71/2020/nd-cp"),
    ("đào tạo1. Đào tạo[^2]; đào", "dao"),  # one form per word, footnote markers dropped
    ("Sở GD&ĐT; (Đề án 03-ĐA/QU)", "gd&dt de 03-da/qu"),
    ("giáo dục mầm non", ""),
])
def test_only_words_with_d_are_folded_once_each(text, folded):
    assert folded_d_words(text) == folded


def test_plan_entry(loaded):
    entry = search_entry(page_of(loaded, "plan", "uong-bi"), loaded.model)
    meta = dict(entry.meta)
    assert meta["title"] == "Thực hiện nhiệm vụ năm học 2023-2024"
    assert meta["label"] == "Kế hoạch số 12/KH-PGDĐT"
    assert meta["place"] == "Thành phố Uông Bí, tỉnh Quảng Ninh"
    assert meta["date"] == "05/09/2023"
    assert meta["keys"] == ("Kế hoạch số 12/KH-PGDĐT Thành phố Uông Bí, tỉnh Quảng Ninh "
                            "Thực hiện nhiệm vụ năm học 2023-2024 Nguyễn Văn An tỉnh Quảng Ninh 12/kh-pgddt")
    assert entry.filters == (("province", "Quảng Ninh"), ("district", "Thành phố Uông Bí (Quảng Ninh)"),
                             ("year", "2023"), ("doc_type", "Kế hoạch"), ("level", "Mầm non"), ("level", "Tiểu học"))
    assert entry.sort == (("date", "2023-09-05"),)


def test_draft_plan_without_number_or_day(loaded):
    entry = search_entry(page_of(loaded, "plan", "ha-dong"), loaded.model)
    meta = dict(entry.meta)
    assert meta["label"] == "Kế hoạch (dự thảo, chưa có số)"
    assert meta["date"] == "10/2020"
    assert "dong" in meta["keys"].split()  # Quận Hà Đông, folded
    assert ("year", "2020") in entry.filters and not any(key == "level" for key, _ in entry.filters)


def test_locality_entries(loaded):
    district = search_entry(page_of(loaded, "district", "dong-trieu"), loaded.model)
    assert dict(district.meta)["title"] == "Thị xã Đông Triều"
    assert "dong" in dict(district.meta)["keys"].split()
    assert district.filters == (("province", "Quảng Ninh"), ("district", "Thị xã Đông Triều (Quảng Ninh)"))
    province = search_entry(page_of(loaded, "province", "ha-noi"), loaded.model)
    assert dict(province.meta)["title"] == "Thành phố Hà Nội"
    assert province.filters == (("province", "Hà Nội"),)


@dataclass(frozen=True)
class CitedDocumentStandIn:
    """The attributes the citations work gives a cited document (its CitedDocument)."""

    doc_type: str | None
    number_symbol: str | None
    issuer: str | None
    date: str | None
    title: str | None = None


def test_document_entry(loaded):
    doc = CitedDocumentStandIn("Nghị định", "71/2020/NĐ-CP", "Chính phủ", "2020-06-30",
                               title="Quy định trình tự, thủ tục thực hiện nâng trình độ chuẩn được đào tạo của giáo viên")
    page = Page("van-ban/71-2020-nd-cp/", "document.html", "Nghị định số 71/2020/NĐ-CP", "document", doc)
    entry = search_entry(page, loaded.model)
    meta = dict(entry.meta)
    assert meta["title"].startswith("Quy định trình tự") and meta["label"] == "Nghị định số 71/2020/NĐ-CP"
    assert meta["place"] == "Chính phủ" and meta["date"] == "30/06/2020"
    assert {"dinh", "71/2020/nd-cp"} <= set(meta["keys"].split())  # 'nghi dinh 71/2020', '71/2020/ND-CP'
    assert entry.filters == (("doc_type", "Nghị định"), ("year", "2020"))
    assert entry.sort == (("date", "2020-06-30"),)


def test_document_cited_without_date(loaded):
    doc = CitedDocumentStandIn("Thông tư", "19/TT-BGDĐT", "Bộ Giáo dục và Đào tạo", None)
    page = Page("van-ban/19-tt-bgddt/", "document.html", "Thông tư số 19/TT-BGDĐT", "document", doc)
    entry = search_entry(page, loaded.model)
    assert entry.filters == (("doc_type", "Thông tư"),) and entry.sort == ()
    assert "date" not in dict(entry.meta)


def test_law_cited_by_name(loaded):
    doc = CitedDocumentStandIn("Luật", None, None, None, title="Luật Giáo dục 2019")
    page = Page("van-ban/luat-giao-duc-2019/", "document.html", "Luật Giáo dục 2019", "document", doc)
    meta = dict(search_entry(page, loaded.model).meta)
    assert meta["title"] == meta["label"] == "Luật Giáo dục 2019" and "place" not in meta
    assert "None" not in meta["keys"]


def test_only_content_pages_are_searchable(loaded):
    searchable = sorted({p.kind for p in loaded.pages if is_searchable(p)})
    assert searchable == ["district", "document", "plan", "province"]
    assert search_entry(page_of(loaded, "search"), loaded.model) is None
    assert search_entry(page_of(loaded, "home"), loaded.model) is None


def test_every_metadata_field_is_read_by_the_index(loaded):
    """No bytes in every page that nothing reads: each field is shown in results, is the keys, or
    names a locality page's own filter (flagged in the index)."""
    fields = {key for page in loaded.pages if is_searchable(page) for key, _ in search_entry(page, loaded.model).meta}
    assert KEYS_FIELD in fields and fields <= set(SHOWN_META) | {KEYS_FIELD, OWN_FIELD}


def test_a_locality_page_flags_its_own_filter(seed_site):
    from plansite.search_index import IN_TITLE, read_page
    district = read_page(seed_site / "dia-phuong/quang-ninh/uong-bi/index.html", seed_site)
    plan = read_page(seed_site / "dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/index.html", seed_site)
    for record, flagged in ((district, True), (plan, False)):
        weights = dict(zip(record.tokens, record.weights))
        assert bool(weights["#district=Thành phố Uông Bí (Quảng Ninh)"] & IN_TITLE) is flagged
        assert not weights["#province=Quảng Ninh"] & IN_TITLE


def test_facets_are_ordered_for_people(loaded):
    options = facets(loaded.pages, loaded.model)
    assert [o.value for o in options["province"]] == ["Hà Nội", "Quảng Ninh"]
    assert options["district"] == [
        FacetOption("Quận Hà Đông (Hà Nội)", "Quận Hà Đông", "Hà Nội"),
        FacetOption("Thị xã Đông Triều (Quảng Ninh)", "Thị xã Đông Triều", "Quảng Ninh"),  # Đông before Uông
        FacetOption("Thành phố Uông Bí (Quảng Ninh)", "Thành phố Uông Bí", "Quảng Ninh"),
    ]
    assert [o.value for o in options["year"]] == ["2023", "2020", "2013"]  # 2013: Nghị quyết 29-NQ/TW
    assert [o.value for o in options["level"]] == [EDUCATION_LEVELS["MN"], EDUCATION_LEVELS["TH"]]
    assert [o.value for o in options["doc_type"]] == ["Kế hoạch", "Nghị quyết"]  # the plans and Nghị quyết 29-NQ/TW
