"""The search index written by every build (plansite/search_index.py): what it holds, and builds that fail because of it."""
from __future__ import annotations

from pathlib import Path

import pytest

from plansite import cli
from plansite.build import ProjectPaths, build, load_project
from plansite.pages import Page
from plansite.search import is_searchable
from plansite.search_index import IN_KEYS, INDEX_DIR, text_blocks, token_hash, tokens
from tests.helpers import FIXTURES, REPO, copy_project
from tests.search_helpers import IndexReader
from tests.test_content_errors import tree_digest

UONG_BI = "/dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/"


@pytest.fixture(scope="module")
def loaded_seed():
    return load_project(ProjectPaths(REPO))


@pytest.fixture(scope="module")
def reader(seed_site):
    return IndexReader(seed_site)


@pytest.fixture(scope="module")
def index(reader):
    return reader.fragments()


def test_index_holds_the_plan_document_and_locality_pages_only(seed_site, index, loaded_seed):
    assert (seed_site / INDEX_DIR / "manifest.json").is_file()
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
    # The header (issuer, number, motto), the type line and the title (indexed through the
    # page's keys) are left out: the text starts with the preamble.
    assert content.startswith("Căn cứ Nghị quyết số 06-NQ/TU")
    for kept in ("I. MỤC ĐÍCH, YÊU CẦU", "2394/2397 = 99.87%", "Quý IV/2023",
                 "Nghị quyết số 29- NQ/TW ngày 04/11/2013"):  # body, targets, programme, footnote
        assert kept in content
    # Header, breadcrumbs, motto, details panel, signature block and recipients (a <footer>,
    # which Pagefind skips), permalink and back-link symbols. The signer's name is searchable
    # through the page's keys.
    for left_out in ("Trang chủ", "Tìm kế hoạch", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Số ký hiệu", "TRƯỞNG PHÒNG",
                     "Nơi nhận", "Lưu: VT", "¶", "↩", "Kế hoạch giáo dục các địa phương", "Số: 95/KH-PGDĐT",
                     "ỦY BAN NHÂN DÂN THÀNH PHỐ UÔNG BÍ"):
        assert left_out not in content, left_out


def test_locality_pages_index_their_facts_not_their_plan_lists(index):
    content = index["/dia-phuong/quang-ninh/uong-bi/"]["content"]
    assert "Mã đơn vị hành chính: 196" in content  # term and value separated
    assert "Phòng Giáo dục" not in content


def test_plan_metadata_and_filters_in_the_index(reader, index):
    fragment = index[UONG_BI]
    assert fragment["meta"] == {"title": fragment["meta"]["title"], "label": "Kế hoạch số 95/KH-PGDĐT",
                                "place": "Thành phố Uông Bí, tỉnh Quảng Ninh", "date": "01/02/2023"}
    for key, value in [("province", "Quảng Ninh"), ("district", "Thành phố Uông Bí (Quảng Ninh)"), ("year", "2023"),
                       ("doc_type", "Kế hoạch"), ("level", "Mầm non"), ("level", "Giáo dục thường xuyên")]:
        assert UONG_BI in reader.pages_with_filter(key, value), (key, value)
    assert UONG_BI not in reader.pages_with_filter("level", "Giáo dục nghề nghiệp")


def test_keys_weigh_and_the_signer_is_searchable_through_them(reader):
    # number, title, place and signer are "keys": weight byte + IN_KEYS
    for token in ("tran_nam", "nam_hai", "95_kh", "kh_pgddt", "uong_bi", "=uông"):
        assert reader.posting(token)[UONG_BI] & IN_KEYS, token
    assert not reader.posting("=học")[UONG_BI] & IN_KEYS  # a word of the body only


def test_phrases_are_indexed_as_pairs_of_folded_syllables(reader):
    assert UONG_BI in reader.posting("dao_tao")  # "đào tạo", đ folded
    assert UONG_BI in reader.posting("dinh_71") or UONG_BI in reader.posting("quyet_29")  # across "số"
    assert reader.posting("xyzzyq") is None and reader.posting("pizza") is None


def test_documents_separate_labels_from_values_and_pages_are_numbered_newest_first(reader, index):
    blocks = index["/van-ban/29-nq-tw/"]["blocks"]
    assert "Số, ký hiệu: 29-NQ/TW" in blocks and "Loại văn bản: Nghị quyết" in blocks
    dated = [p["m"]["date"] for p in reader.pages if p["m"].get("date", "").count("/") == 2]
    assert [d.split("/")[::-1] for d in dated] == sorted((d.split("/")[::-1] for d in dated), reverse=True)


def test_tokens_and_text_blocks():
    assert tokens("Nghị định số 71/2020") == ["nghi", "dinh", "so", "71", "2020", "nghi_dinh", "dinh_so", "so_71",
                                               "71_2020", "dinh_71", "=nghị", "=định", "=số"]
    assert text_blocks("<p>a &lt; b &amp; c</p><dl><dt>Số</dt><dd>1</dd></dl><p hidden>x</p>") == ["a < b & c", "Số: 1"]
    assert token_hash("a") == 0xE40C292C  # FNV-1a, as assets/search.js computes it


# --- a build whose indexing fails keeps the previous site ------------------------------

@pytest.fixture
def built_project(tmp_path) -> Path:
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    assert cli.main(["--root", str(project)]) == 0
    return project


def test_index_write_failure_fails_the_build_and_keeps_the_old_site(built_project, monkeypatch, capsys):
    before = tree_digest(built_project / "site")

    def broken_disk(*args, **kwargs):
        raise OSError(5, "Input/output error")  # a full disk has its own message (test_publishing)

    monkeypatch.setattr("plansite.search_index._write_postings", broken_disk)
    capsys.readouterr()
    assert cli.main(["--root", str(built_project)]) == 1
    err = capsys.readouterr().err
    assert "Lỗi khi dựng trang: lập chỉ mục tìm kiếm: không ghi được chỉ mục tìm kiếm: [Errno 5] Input/output error" in err
    assert "Thư mục site/ cũ được giữ nguyên." in err and "Traceback" not in err
    assert tree_digest(built_project / "site") == before
    assert not list(built_project.glob(".site-*"))


def test_pages_missing_from_the_index_fail_the_build(built_project, monkeypatch):
    before = tree_digest(built_project / "site")
    monkeypatch.setattr("plansite.build.is_searchable", lambda page: True)  # as if home etc. had lost data-pagefind-body
    report = build(ProjectPaths(built_project))
    pages = load_project(ProjectPaths(built_project)).pages
    indexed = sum(1 for page in pages if is_searchable(page))
    pages = [page for page in pages if isinstance(page, Page)]  # not the data files
    assert 0 < indexed < len(pages)  # home, the indexes, search, quote listings... carry no data-pagefind-body
    assert report.failure == (f"lập chỉ mục tìm kiếm: chỉ mục tìm kiếm có {indexed} trang, cần {len(pages)} — "
                              "kiểm tra thuộc tính data-pagefind-body trong templates/main.html")
    assert tree_digest(built_project / "site") == before


# --- a rebuild after an edit patches the published index -------------------------------

def _index_files(site: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.read_bytes())
            for p in sorted((site / INDEX_DIR).rglob("*")) if p.is_file()}


def test_an_edit_rewrites_only_the_index_files_it_changes(built_project, tmp_path):
    before = _index_files(built_project / "site")
    plan = built_project / "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Nâng cao chất lượng giáo dục năm 2023",
                                                             "Nâng cao chất lượng giáo dục hướng nghiệp năm 2023", 1),
                    encoding="utf-8")
    assert cli.main(["--root", str(built_project)]) == 0
    after = _index_files(built_project / "site")
    assert set(after) == set(before)
    rewritten = {path for path in after if after[path][0] != before[path][0]}
    changed = {path for path in after if after[path][1] != before[path][1]}
    # the plan's excerpt file and the shards of "huong", "nghiep", their pairs and spellings, and
    # the manifest (always a new file: it names the index); every other file is a link to the old one
    assert changed and changed <= rewritten
    assert len(rewritten) < len(after) / 3, sorted(rewritten)
    assert IndexReader(built_project / "site").posting("huong_nghiep")
    cold = copy_project(built_project, tmp_path / "cold")  # content only: no cache, no previous site
    assert cli.main(["--root", str(cold)]) == 0
    assert {path: data for path, (_, data) in _index_files(cold / "site").items()} == \
        {path: data for path, (_, data) in after.items()}
