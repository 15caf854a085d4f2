"""Broken content: every problem reported as `path:line:col: what — how to fix`, all at once.

Each case starts from the small fixture site, breaks one thing the way editors do, and
states the exact message the editor must see.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from plansite.build import ProjectPaths, load_project
from plansite.cli import main as cli_main
from tests.helpers import FIXTURES, REPO, copy_project, run_build_py

PLAN = "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"
LOCALITIES = "content/localities.yaml"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(FIXTURES / "mini", tmp_path / "project")


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(project: Path) -> list[str]:
    return [str(p) for p in load_project(ProjectPaths(project)).problems]


BROKEN_PLANS = [
    ("colon in an unquoted value",
     "title: Thực hiện nhiệm vụ năm học 2023-2024", "title: Kế hoạch: năm học 2023-2024",
     f"{PLAN}:4:16: YAML sai cú pháp: dấu ':' đứng ở chỗ không được phép — nếu giá trị có dấu ':' thì đặt cả giá trị "
     "trong ngoặc kép, ví dụ title: \"Kế hoạch: năm 2024\""),
    ("tab indentation", "  title: TRƯỞNG PHÒNG", "\ttitle: TRƯỞNG PHÒNG",
     f"{PLAN}:12:1: YAML sai cú pháp: có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề — thay ký tự Tab bằng dấu cách"),
    ("missing required key", "title: Thực hiện nhiệm vụ năm học 2023-2024\n", "",
     f"{PLAN}:2:1: thiếu khóa bắt buộc 'title' — thêm dòng 'title: ...' (xem mẫu trong README)"),
    ("missing signer name", "  name: Nguyễn Văn An\n", "",
     f"{PLAN}:12:3: thiếu khóa bắt buộc 'signer.name' — thêm dòng 'name: ...' (xem mẫu trong README)"),
    ("impossible date", '"2023-09-05"', '"2023-02-30"',
     f"{PLAN}:9:7: ngày '2023-02-30' không tồn tại — kiểm tra lại ngày, tháng trên văn bản (tháng 1-12, ngày có trong tháng)"),
    ("date in Vietnamese order", '"2023-09-05"', '"05/09/2023"',
     f"{PLAN}:9:7: 'date' viết chưa đúng dạng: '05/09/2023' — ghi ngày theo dạng năm-tháng-ngày trong ngoặc kép, "
     "ví dụ date: \"2023-02-01\" (hoặc \"2020-10\" nếu văn bản không ghi ngày)"),
    ("year differs from file name", '"2023-09-05"', '"2024-09-05"',
     f"{PLAN}:9:7: năm ban hành 2024 khác năm ở đầu tên tệp (2023) — đổi tên tệp thành 2024-12-kh-pgddt.md hoặc sửa lại 'date'"),
    ("unknown locality", "locality: quang-ninh/uong-bi", "locality: quang-ninh/uong-bii",
     f"{PLAN}:7:11: địa phương 'quang-ninh/uong-bii' không có trong danh mục — dùng một khóa có trong "
     "content/localities.yaml (ví dụ quang-ninh/uong-bi) hoặc thêm địa phương vào đó"),
    ("locality of another folder", "locality: quang-ninh/uong-bi", "locality: quang-ninh/dong-trieu",
     f"{PLAN}:7:11: locality là 'quang-ninh/dong-trieu' nhưng tệp nằm trong thư mục 'quang-ninh/uong-bi' — chuyển tệp "
     "vào content/plans/quang-ninh/dong-trieu/ hoặc sửa locality cho đúng"),
    ("number with a space", "number: 12/KH-PGDĐT", "number: 12 /KH-PGDĐT",
     f"{PLAN}:2:9: 'number' viết chưa đúng dạng: '12 /KH-PGDĐT' — ghi số ký hiệu như in trên văn bản, không có dấu cách, "
     "ví dụ number: 95/KH-PGDĐT (để \"\" nếu là dự thảo chưa có số)"),
    ("education level spelt out", "levels: [MN, TH]", "levels: [MN, Tiểu học]",
     f"{PLAN}:10:14: giá trị 'Tiểu học' không hợp lệ cho 'levels[2]' — dùng một trong: MN, TH, THCS, THPT, GDTX, GDNN"),
    ("unquoted recipient with a colon", '  - "Lưu: VT."', "  - Lưu: VT.",
     f"{PLAN}:16:5: 'recipients[2]' phải là một chuỗi chữ — dòng có dấu ':' nên YAML hiểu nhầm thành khóa con; "
     "đặt cả dòng trong ngoặc kép, ví dụ - \"Lưu: VT, GDĐT.\""),
    ("quarter out of range", "quarter: 2", "quarter: 5",
     f"{PLAN}:28:14: 'programme[2].quarter' = 5 nằm ngoài khoảng cho phép — quý là 1, 2, 3 hoặc 4; năm có 4 chữ số"),
    ("duplicated key", "place: Uông Bí", "place: Uông Bí\nplace: Uông Bí",
     f"{PLAN}:9:1: khóa 'place' xuất hiện hai lần — xóa một trong hai dòng hoặc gộp nội dung lại"),
    ("no front matter", "---\nnumber", "number",
     f"{PLAN}:1:1: tệp không bắt đầu bằng dòng '---' của phần thông tin (YAML) — thêm dòng '---' ở đầu tệp, các khóa "
     "number, title, date..., rồi một dòng '---' nữa trước nội dung"),
]


@pytest.mark.parametrize("case, old, new, expected", BROKEN_PLANS, ids=[c[0] for c in BROKEN_PLANS])
def test_broken_plan_reports_exact_message(project, case, old, new, expected):
    edit(project, PLAN, old, new)
    assert problems_of(project) == [expected]


def test_misspelt_key_is_both_missing_and_unknown(project):
    edit(project, PLAN, "place: Uông Bí", "plase: Uông Bí")
    missing, unknown = problems_of(project)
    assert missing == f"{PLAN}:2:1: thiếu khóa bắt buộc 'place' — thêm dòng 'place: ...' (xem mẫu trong README)"
    assert unknown.startswith(f"{PLAN}:8:1: khóa 'plase' không có trong mẫu — kiểm tra chính tả")


def test_unknown_key_names_the_keys_that_exist(project):
    edit(project, PLAN, "place: Uông Bí", "place: Uông Bí\nnguoi_ky: An")
    [message] = problems_of(project)
    assert message.startswith(f"{PLAN}:9:1: khóa 'nguoi_ky' không có trong mẫu — kiểm tra chính tả; các khóa được dùng ở đây: number, ")


def test_every_problem_of_every_file_in_one_run(project):
    edit(project, PLAN, '"2023-09-05"', '"2023-13-01"')
    edit(project, "content/plans/ha-noi/ha-dong/2020-kh-ubnd-du-thao.md", "doc_type: Kế hoạch", "doc_type: Kê hoạch")
    problems = problems_of(project)
    assert [p.split(":")[0] for p in problems] == ["content/plans/ha-noi/ha-dong/2020-kh-ubnd-du-thao.md", PLAN]
    assert "giá trị 'Kê hoạch' không hợp lệ cho 'doc_type'" in problems[0]
    assert "ngày '2023-13-01' không tồn tại" in problems[1]


def duplicate_plan(project: Path) -> None:
    source = project / PLAN
    source.with_name("2023-12-kh-pgddt-ban-sao.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")


def windows_1258_bytes(project: Path) -> None:
    """'Thực' as a Windows-1258 editor saves it: 0xF7 is not valid UTF-8 there."""
    path = project / PLAN
    path.write_bytes(path.read_bytes().replace("Thực".encode(), b"Th\xf7c", 1))


def enormous_file(project: Path) -> None:
    path = project / PLAN
    text = path.read_bytes()
    path.write_bytes(text + b"x" * (2_500_000 - len(text)))


def symlink_up_and_out(project: Path) -> None:
    """A plan that is a link '../../../../notes.md': out of content/, into the project root."""
    (project / "notes.md").write_text((project / PLAN).read_text(encoding="utf-8"), encoding="utf-8")
    (project / "content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md").symlink_to("../../../../notes.md")


def symlink_to_elsewhere(project: Path) -> None:
    outside = project.parent / "outside.md"
    outside.write_text((project / PLAN).read_text(encoding="utf-8"), encoding="utf-8")
    (project / "content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md").symlink_to(outside)


def district_folder_linked_outside(project: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    (project / "content/plans/quang-ninh/dong-trieu").symlink_to(elsewhere)


def documents_folder_linked_outside(project: Path) -> None:
    shutil.rmtree(project / "content/documents")
    (project / "content/documents").symlink_to("../..")


ESCAPE = "tệp trỏ ra ngoài thư mục content/plans (liên kết tượng trưng) — thay liên kết bằng chính tệp kế hoạch, " \
         "đặt trong content/plans/<tỉnh>/<huyện>/"
BROKEN_FILES = [
    ("duplicate plan", duplicate_plan,
     f"{PLAN}:2:1: trùng kế hoạch: thành phố Uông Bí đã có văn bản số 12/KH-PGDĐT "
     "(content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt-ban-sao.md) — xóa một trong hai tệp, hoặc sửa lại "
     "'number' nếu nhập nhầm số"),
    ("non-UTF-8 bytes", windows_1258_bytes,
     f"{PLAN}:4:10: tệp không phải UTF-8 (byte 0xf7 không hợp lệ) — lưu lại tệp với bảng mã UTF-8 "
     "(trong trình soạn thảo: Save with Encoding → UTF-8)"),
    ("enormous file", enormous_file,
     f"{PLAN}:1:1: tệp quá lớn (2,500,000 byte, tối đa 2,000,000) — kiểm tra xem có dán nhầm nội dung không, "
     "hoặc tách thành nhiều tệp"),
    ("link with '..' out of content/", symlink_up_and_out, f"content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md:1:1: {ESCAPE}"),
    ("link to a file outside the project", symlink_to_elsewhere,
     f"content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md:1:1: {ESCAPE}"),
    ("district folder linked outside", district_folder_linked_outside, f"content/plans/quang-ninh/dong-trieu:1:1: {ESCAPE}"),
    ("documents folder linked outside", documents_folder_linked_outside,
     "content/documents:1:1: đường dẫn trỏ ra ngoài thư mục content/ (liên kết tượng trưng) — thay liên kết bằng "
     "chính tệp hoặc thư mục, đặt trong content/"),
]


@pytest.mark.parametrize("case, breaks, expected", BROKEN_FILES, ids=[c[0] for c in BROKEN_FILES])
def test_broken_file_reports_exact_message(project, case, breaks, expected):
    breaks(project)
    assert problems_of(project) == [expected]


@pytest.mark.parametrize("name, expected", [
    ("Ke Hoach 95.md", "tên tệp 'Ke Hoach 95.md' chưa đúng dạng <năm>-<số-ký-hiệu>.md — đặt tên bằng chữ thường không dấu, "
                       "ví dụ 2023-95-kh-pgddt.md"),
    ("2023-95-kh-pgddt.txt", "tệp không phải kế hoạch (.md) nằm trong content/plans — đổi đuôi tệp thành .md hoặc chuyển "
                             "tệp ra khỏi content/plans"),
])
def test_badly_named_files(project, name, expected):
    (project / "content/plans/quang-ninh/uong-bi" / name).write_text("x", encoding="utf-8")
    assert problems_of(project) == [f"content/plans/quang-ninh/uong-bi/{name}:1:1: {expected}"]


def test_plan_outside_a_district_folder(project):
    (project / "content/plans/2023-1-kh.md").write_text("x", encoding="utf-8")
    assert problems_of(project) == [
        "content/plans/2023-1-kh.md:1:1: kế hoạch phải nằm đúng trong content/plans/<tỉnh>/<huyện>/ — chuyển tệp vào "
        "thư mục của huyện, ví dụ content/plans/quang-ninh/uong-bi/"]


@pytest.mark.parametrize("old, new, expected", [
    ('code: "196"', "code: 196", f"{LOCALITIES}:11:15: 'code' phải là chữ, không phải số — đặt giá trị trong ngoặc kép, "
                                 "ví dụ code: \"196\" (giữ cả số 0 ở đầu mã, như \"01\")"),
    ('        name: Uông Bí\n', "", f"{LOCALITIES}:8:9: thiếu hoặc để trống 'name' — thêm dòng 'name: ...' cho địa phương này"),
    ("slug: uong-bi", "slug: uongbi", f"{LOCALITIES}:8:15: slug 'uongbi' không khớp tên 'Uông Bí' — dùng slug: uong-bi "
                                      "(tên bỏ dấu, chữ thường, nối bằng '-')"),
    ("type: thị xã", "type: thị trấn", f"{LOCALITIES}:15:15: loại đơn vị 'thị trấn' không hợp lệ — dùng một trong: quận, "
                                       "huyện, thị xã, thành phố thuộc tỉnh"),
])
def test_broken_localities(project, old, new, expected):
    edit(project, LOCALITIES, old, new)
    problems = problems_of(project)
    assert problems[0] == expected


def tree_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        digest.update(path.relative_to(directory).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_exits_1_lists_problems_and_keeps_previous_site(project):
    first = run_build_py(project)
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")
    edit(project, PLAN, '"2023-09-05"', '"2023-02-30"')
    edit(project, LOCALITIES, "slug: uong-bi", "slug: uongbi")
    failed = run_build_py(project)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr + failed.stdout
    lines = failed.stderr.splitlines()
    assert lines[0].startswith(f"{LOCALITIES}:8:15: slug 'uongbi' không khớp tên 'Uông Bí'")
    assert "Có " in failed.stderr and "thư mục site/ cũ được giữ nguyên" in failed.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_template_error_keeps_previous_site_without_traceback(project):
    assert run_build_py(project).returncode == 0
    before = tree_digest(project / "site")
    templates = project / "templates"
    templates.unlink()
    shutil.copytree(REPO / "templates", templates)
    (templates / "plan.html").write_text('{% extends "main.html" %}{% block content %}{{ subject.title }{% endblock %}',
                                         encoding="utf-8")
    failed = run_build_py(project)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "templates/plan.html:1:1: lỗi mẫu trang (Jinja)" in failed.stderr
    assert tree_digest(project / "site") == before


def test_check_validates_without_building(project):
    result = run_build_py(project, "check")
    assert result.returncode == 0 and "Nội dung hợp lệ: 2 kế hoạch" in result.stdout
    assert not (project / "site").exists()


def _plan_edit(case: str):
    _, old, new, expected = next(c for c in BROKEN_PLANS if c[0] == case)
    return lambda project: edit(project, PLAN, old, new), expected


CLI_CORPUS = {
    "bad YAML": _plan_edit("colon in an unquoted value"),
    "missing key": _plan_edit("missing required key"),
    "impossible date": _plan_edit("impossible date"),
    "unknown locality": _plan_edit("unknown locality"),
    **{case: (breaks, expected) for case, breaks, expected in BROKEN_FILES},
}


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> tuple[Path, str]:
    """The fixture project with a published site/, and that site's digest."""
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("built") / "project")
    assert cli_main(["--root", str(project), "build"]) == 0
    return project, tree_digest(project / "site")


@pytest.mark.parametrize("case", CLI_CORPUS)
def test_broken_content_stops_the_build_and_keeps_the_site(built_project, tmp_path, capfd, case):
    published, digest = built_project
    project = tmp_path / "project"
    shutil.copytree(published, project, symlinks=True)
    breaks, expected = CLI_CORPUS[case]
    breaks(project)
    capfd.readouterr()
    assert cli_main(["--root", str(project), "build"]) == 1
    stderr = capfd.readouterr().err
    assert stderr.splitlines()[0] == expected
    assert "thư mục site/ cũ được giữ nguyên" in stderr
    assert tree_digest(project / "site") == digest
    assert not list(project.glob(".site-*"))
