"""The Pagefind index written by every build: what it holds, and builds that fail because of it."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest

from plansite import cli
from plansite.build import ProjectPaths, build, load_project
from plansite.search import is_searchable
from tests.helpers import FIXTURES, REPO, copy_project, pagefind_fragments
from tests.test_content_errors import tree_digest

UONG_BI = "/dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/"


@pytest.fixture(scope="module")
def loaded_seed():
    return load_project(ProjectPaths(REPO))


@pytest.fixture(scope="module")
def index(seed_site):
    return pagefind_fragments(seed_site)


def test_index_holds_the_plan_document_and_locality_pages_only(seed_site, index, loaded_seed):
    assert (seed_site / "pagefind" / "pagefind.js").is_file()
    plans = {url for url in index if url.count("/") == 5}
    assert plans == {UONG_BI, "/dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/",
                     "/dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/",
                     "/dia-phuong/quang-ninh/cam-pha/2023-ke-hoach-thuc-hien-chu-de-cong-tac/"}
    documents = {url for url in index if url.startswith("/van-ban/")}
    assert documents == {f"/van-ban/{d.id}/" for d in loaded_seed.portal.citations.documents if d.plan is None}
    assert set(index) - plans - documents == {
        "/dia-phuong/ha-noi/", "/dia-phuong/quang-ninh/", "/dia-phuong/hai-duong/", "/dia-phuong/ha-noi/ha-dong/",
        "/dia-phuong/quang-ninh/cam-pha/", "/dia-phuong/quang-ninh/uong-bi/", "/dia-phuong/hai-duong/hai-duong/"}


def test_only_the_main_content_is_indexed(index):
    content = index[UONG_BI]["content"]
    assert content.startswith("ỦY BAN NHÂN DÂN THÀNH PHỐ UÔNG BÍ. PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ UÔNG BÍ. "
                              "Số: 95/KH-PGDĐT. KẾ HOẠCH. Căn cứ")  # title: indexed once, as weighted metadata
    for kept in ("I. MỤC ĐÍCH, YÊU CẦU", "2394/2397 = 99,87%", "Quý IV/2023",
                 "Nghị quyết số 29- NQ/TW ngày 04/11/2013"):  # body, targets, programme, footnote
        assert kept in content
    # Header, breadcrumbs, motto, details panel, signature block and recipients (a <footer>,
    # which Pagefind skips), permalink and back-link symbols. The signer's name is searchable
    # through the page's keys.
    for left_out in ("Trang chủ", "Tìm kế hoạch", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Số ký hiệu", "TRƯỞNG PHÒNG",
                     "Nơi nhận", "Lưu: VT", "¶", "↩", "Kế hoạch giáo dục các địa phương"):
        assert left_out not in content, left_out
    assert "Trần Nam Hải" in index[UONG_BI]["meta"]["keys"]


def test_locality_pages_index_their_facts_not_their_plan_lists(index):
    content = index["/dia-phuong/quang-ninh/uong-bi/"]["content"]
    assert "Mã đơn vị hành chính 196" in content  # terms and values stay separate words
    assert "Phòng Giáo dục" not in content


def test_plan_metadata_and_filters_in_the_index(index):
    fragment = index[UONG_BI]
    assert fragment["meta"]["label"] == "Kế hoạch số 95/KH-PGDĐT"
    assert fragment["meta"]["place"] == "Thành phố Uông Bí, tỉnh Quảng Ninh"
    assert fragment["meta"]["date"] == "01/02/2023"
    assert {"dao", "95/kh-pgddt"} <= set(fragment["meta"]["keys"].split() + fragment["meta"]["folded_text"].split())
    assert fragment["filters"] == {"province": ["Quảng Ninh"], "district": ["Thành phố Uông Bí (Quảng Ninh)"],
                                   "year": ["2023"], "doc_type": ["Kế hoạch"],
                                   "level": ["Mầm non", "Tiểu học", "Trung học cơ sở", "Giáo dục thường xuyên"]}


# --- a build whose indexing fails keeps the previous site ------------------------------

@pytest.fixture
def built_project(tmp_path) -> Path:
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    assert cli.main(["--root", str(project)]) == 0
    return project


def fake_pagefind(tmp_path: Path, exit_code: int, message: str) -> Path:
    script = tmp_path / "pagefind"
    script.write_text(f"#!/bin/sh\necho '{message}' >&2\nexit {exit_code}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_pagefind_failure_fails_the_build_and_keeps_the_old_site(built_project, tmp_path, monkeypatch, capsys):
    before = tree_digest(built_project / "site")
    script = fake_pagefind(tmp_path, 3, "Error: disk full")
    monkeypatch.setattr("plansite.search_index.pagefind_executable", lambda: script)
    capsys.readouterr()
    assert cli.main(["--root", str(built_project)]) == 1
    err = capsys.readouterr().err
    assert "Lỗi khi dựng trang: lập chỉ mục tìm kiếm: Pagefind dừng lại (mã thoát 3): Error: disk full" in err
    assert "Thư mục site/ cũ được giữ nguyên." in err and "Traceback" not in err
    assert tree_digest(built_project / "site") == before
    assert not list(built_project.glob(".site-*"))


def test_pages_missing_from_the_index_fail_the_build(built_project, monkeypatch):
    before = tree_digest(built_project / "site")
    monkeypatch.setattr("plansite.build.is_searchable", lambda page: True)  # as if home etc. had lost data-pagefind-body
    report = build(ProjectPaths(built_project))
    pages = load_project(ProjectPaths(built_project)).pages
    indexed = sum(1 for page in pages if is_searchable(page))
    listings = sum(1 for page in pages if getattr(page, "kind", "") == "document-province")  # quotes, not indexed
    assert report.failure == (f"lập chỉ mục tìm kiếm: Pagefind lập chỉ mục {indexed} trang, cần {indexed + 4 + listings} — "
                              "kiểm tra thuộc tính data-pagefind-body trong templates/main.html")  # + home, 2 indexes, search
    assert tree_digest(built_project / "site") == before


def test_missing_pagefind_binary_says_how_to_install_it(built_project, monkeypatch):
    def missing():
        raise FileNotFoundError("no pagefind")

    monkeypatch.setattr("pagefind_bin.get_executable", missing)
    report = build(ProjectPaths(built_project))
    assert "không tìm thấy chương trình Pagefind (gói pagefind-bin)" in report.failure
    assert "make site" in report.failure
