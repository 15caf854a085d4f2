"""Warm builds (body cache, hard links to unchanged files) give exactly what a cold build gives.

Correctness only, never speed: a rebuild after an edit equals a cold build of the edited
project, byte for byte, and every page an edit touches shows it.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from plansite.build import ProjectPaths, build
from tests.helpers import FIXTURES, REPO, copy_project, pagefind_fragments

PLAN = "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"
PLAN_PAGE = "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt/index.html"
CITING = "content/plans/ha-noi/ha-dong/2020-kh-ubnd-du-thao.md"  # cites PLAN and 29-NQ/TW
CITING_PAGE = "dia-phuong/ha-noi/ha-dong/2020-kh-ubnd-du-thao/index.html"
CITING_DATA = "dia-phuong/ha-noi/ha-dong/2020-kh-ubnd-du-thao/ke-hoach.json"
INDICATOR_PAGE = "chi-tieu/hoan-thanh-chuong-trinh-tieu-hoc/index.html"


def digests(site: Path) -> dict[str, str]:
    """Every file's SHA-256 by path, except Pagefind's filter and metadata indexes, whose names
    and bytes Pagefind 1.5 does not keep stable between runs over identical input (upstream
    issue Pagefind/pagefind#638); its fragments, which hold the indexed text, are compared."""
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith(("pagefind/filter/", "pagefind/pagefind.", "pagefind/index/",
                                                         "pagefind/pagefind-entry.json")):
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def built(project: Path) -> Path:
    report = build(ProjectPaths(project, templates_dir=project / "templates"))
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    return project / "site"


def cold(project: Path, tmp_path: Path) -> dict[str, str]:
    """A cold build of project's current content, in a fresh copy (no cache, no previous site)."""
    fresh = tmp_path / f"cold-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(project, fresh, symlinks=True, ignore=shutil.ignore_patterns("site", ".cache", ".site*"))
    return digests(built(fresh))


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    (project / "templates").unlink()
    shutil.copytree(REPO / "templates", project / "templates")  # editable here
    built(project)
    return project


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_without_changes_is_byte_identical_and_links_every_page(project, tmp_path):
    before = digests(project / "site")
    inode = (project / "site" / PLAN_PAGE).stat().st_ino
    site = built(project)
    assert digests(site) == before == cold(project, tmp_path)
    assert (site / PLAN_PAGE).stat().st_ino == inode, "an unchanged page is linked from the old site, not rewritten"
    assert any((project / ".cache/plansite/bodies").rglob("*.json")), "bodies are cached under the project"


EDITS = [
    ("a plan", PLAN, "Nâng cao chất lượng giáo dục năm 2023", "Nâng cao chất lượng dạy và học năm 2023",
     [PLAN_PAGE], "dạy và học"),
    ("a plan's targets", PLAN, "value: 99.5", "value: 98.5", [PLAN_PAGE, INDICATOR_PAGE], "98,5"),
    ("a citing plan's title", CITING, "title: Nhiệm vụ năm học 2020-2021", "title: Nhiệm vụ năm học mới 2020-2021",
     [CITING_PAGE, "index.html", "dia-phuong/ha-noi/ha-dong/index.html", "dia-phuong/ha-noi/index.html"],
     "năm học mới"),
    ("a plan's title", PLAN, "title: Thực hiện nhiệm vụ năm học 2023-2024", "title: Thực hiện nhiệm vụ năm học mới",
     [PLAN_PAGE, "dia-phuong/quang-ninh/uong-bi/index.html", "dia-phuong/quang-ninh/index.html"],
     "năm học mới"),  # (quote listings show a plan's number and date, not its title)
    ("a curated document", "content/documents/29-nq-tw.yaml", "Về đổi mới căn bản", "Về việc đổi mới căn bản",
     ["van-ban/29-nq-tw/index.html", "van-ban/29-nq-tw/quang-ninh/index.html"], "Về việc đổi mới căn bản"),
    ("localities.yaml", "content/localities.yaml", "thành phố thuộc tỉnh", "thị xã",
     ["dia-phuong/quang-ninh/uong-bi/index.html", "dia-phuong/quang-ninh/index.html", PLAN_PAGE,
      "van-ban/29-nq-tw/index.html", "van-ban/29-nq-tw/quang-ninh/index.html"], "Thị xã Uông Bí"),
    ("a template", "templates/plan.html", "Cơ quan ban hành", "Cơ quan ban hành văn bản",
     [PLAN_PAGE, "dia-phuong/ha-noi/ha-dong/2020-kh-ubnd-du-thao/index.html"], "Cơ quan ban hành văn bản"),
    ("site_config.yaml", "site_config.yaml", "site_name: ", "site_name: Cổng ",
     ["index.html", PLAN_PAGE, "van-ban/29-nq-tw/quang-ninh/index.html", "404.html"], "Cổng "),
]


@pytest.mark.parametrize("name, relative, old, new, pages, shown", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_shows_on_every_page_it_affects_and_equals_a_cold_build(project, tmp_path, name, relative, old,
                                                                         new, pages, shown):
    edit(project, relative, old, new)
    site = built(project)
    for page in pages:
        assert shown in (site / page).read_text(encoding="utf-8"), f"{name}: {page} does not show the edit"
    assert digests(site) == cold(project, tmp_path)


def test_deleting_a_plan_removes_its_page_and_every_mention(project, tmp_path):
    (project / PLAN).unlink()
    site = built(project)
    assert not (site / PLAN_PAGE).exists()
    for path in site.rglob("*.html"):  # no list, count or link shows it (its number may still be cited as text)
        assert "2023-12-kh-pgddt" not in path.read_text(encoding="utf-8"), path
    assert "2023-12-kh-pgddt" not in str(pagefind_fragments(site))
    assert digests(site) == cold(project, tmp_path)


def inode(site: Path, page: str) -> int:
    return (site / page).stat().st_ino


def test_an_edit_renders_only_the_pages_that_show_it(project):
    """Pages whose fingerprint did not change are the published files, linked; the others are new files.
    Lists of plans and of quotes show a plan's fields, not its text: an edit of the text elsewhere
    than a citing sentence renders the plan's page (and the pages over the whole corpus) only."""
    pages = (PLAN_PAGE, "dia-phuong/ha-noi/index.html", "dia-phuong/ha-noi/ha-dong/index.html",
             "dia-phuong/quang-ninh/index.html", "dia-phuong/quang-ninh/uong-bi/index.html", "index.html", CITING_DATA,
             "van-ban/29-nq-tw/index.html", "van-ban/29-nq-tw/quang-ninh/index.html", "van-ban/29-nq-tw/ha-noi/index.html")
    site = project / "site"
    before = {page: inode(site, page) for page in pages}
    edit(project, PLAN, "Nâng cao chất lượng giáo dục năm 2023", "Nâng cao chất lượng dạy và học năm 2023")
    site = built(project)
    rendered = {page for page in pages if inode(site, page) != before[page]}
    assert rendered == {PLAN_PAGE, "index.html"}  # the home page counts and lists over the whole corpus

    before = {page: inode(site, page) for page in pages}
    edit(project, PLAN, "title: Thực hiện nhiệm vụ năm học 2023-2024", "title: Thực hiện nhiệm vụ năm học 2023 - 2024")
    site = built(project)
    rendered = {page for page in pages if inode(site, page) != before[page]}
    assert rendered == {PLAN_PAGE, "index.html", "dia-phuong/quang-ninh/index.html", "dia-phuong/quang-ninh/uong-bi/index.html",
                        "van-ban/29-nq-tw/index.html", "van-ban/29-nq-tw/quang-ninh/index.html"}
    assert inode(site, CITING_DATA) == before[CITING_DATA], "an unchanged plan's data files are not made again"


def test_a_plan_that_stops_citing_a_document_leaves_its_pages(project, tmp_path):
    edit(project, PLAN, "Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương.",
         "Căn cứ chủ trương của Ban Chấp hành Trung ương.")
    site = built(project)
    assert "2023-12-kh-pgddt" not in (site / "van-ban/29-nq-tw/index.html").read_text(encoding="utf-8")
    assert not (site / "van-ban/29-nq-tw/quang-ninh/index.html").exists()
    assert digests(site) == cold(project, tmp_path)


def test_a_plan_that_stops_citing_a_plan_leaves_its_page(project, tmp_path):
    assert "plansite-cited-by" in (project / "site" / PLAN_PAGE).read_text(encoding="utf-8")
    edit(project, CITING, "học tập Kế hoạch số\n12/KH-PGDĐT ngày 05/9/2023 của Phòng Giáo dục và Đào tạo thành phố Uông Bí.",
         "học tập kinh nghiệm của các địa phương.")
    site = built(project)
    assert "plansite-cited-by" not in (site / PLAN_PAGE).read_text(encoding="utf-8")
    assert digests(site) == cold(project, tmp_path)


def test_a_published_page_changed_by_hand_is_rendered_again(project, tmp_path):
    """The record of the published site is trusted only for the folder it describes, as it was."""
    page = project / "site" / PLAN_PAGE
    page.write_bytes(page.read_bytes() + b"<!-- changed by hand -->")
    assert digests(built(project)) == cold(project, tmp_path)


def test_a_site_replaced_by_a_copy_is_rendered_again(project, tmp_path):
    site = project / "site"
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    (copy / PLAN_PAGE).write_text("<p>an older page of the same size?</p>", encoding="utf-8")
    shutil.rmtree(site)
    copy.rename(site)
    rebuilt = built(project)
    assert "<p>an older page" not in (rebuilt / PLAN_PAGE).read_text(encoding="utf-8")
    assert digests(rebuilt) == cold(project, tmp_path)


def test_a_link_to_a_page_gone_is_found_on_a_page_not_rendered_again(project):
    """An unchanged page's links are checked again: the page they point at may be gone."""
    edit(project, CITING, "học tập Kế hoạch số\n12/KH-PGDĐT ngày 05/9/2023 của Phòng Giáo dục và Đào tạo thành phố Uông Bí.",
         "xem [các kế hoạch ở Quảng Ninh](../../../../van-ban/29-nq-tw/quang-ninh/).")
    built(project)
    edit(project, PLAN, "Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương.",
         "Căn cứ chủ trương của Ban Chấp hành Trung ương.")  # van-ban/29-nq-tw/quang-ninh/ is no more
    report = build(ProjectPaths(project, templates_dir=project / "templates"))
    assert not report.ok
    assert [CITING] == [problem.where.path for problem in report.loaded.problems.errors
                        if "van-ban/29-nq-tw/quang-ninh" in problem.what], [str(p) for p in report.loaded.problems]


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(project, tmp_path):
    compiled = sorted((project / ".cache/plansite/templates").rglob("*.cache"))
    assert compiled, "compiled templates are kept under the project's cache"
    for path in compiled:
        path.write_bytes(b"damaged")
    edit(project, PLAN, "Nâng cao chất lượng giáo dục năm 2023", "Nâng cao chất lượng dạy và học năm 2023")
    site = built(project)
    assert "dạy và học" in (site / PLAN_PAGE).read_text(encoding="utf-8")
    assert digests(site) == cold(project, tmp_path)
    assert [path for path in compiled if path.read_bytes() != b"damaged"], "damaged entries are compiled and stored again"
