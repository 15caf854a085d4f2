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


def errors_of(project: Path) -> list[str]:
    return [str(p) for p in load_project(ProjectPaths(project)).problems.errors]


def link_problems_of(project: Path) -> list[str]:
    """Problems about links and the allowlist (valid fixture content may carry other warnings)."""
    return [p for p in problems_of(project) if "liên kết" in p or p.startswith("site_config.yaml")]


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


UNSEEN = ("xóa ký tự này (thường dính vào khi dán từ Word, PDF hoặc trang web; nó không hiện ra nhưng làm sai "
          "tiêu đề, số hiệu, việc kiểm tra trùng và tìm kiếm)")
LOOK_ALIKE = ("không phải chữ Latin hay dấu của bàn phím dù trông giống — gõ lại 'number' bằng bàn phím tiếng Việt: "
              "chữ trông giống nhưng khác mã làm hỏng việc kiểm tra trùng và liên kết trích dẫn")
BROKEN_PLANS += [
    ("NUL in the title", "title: Thực", "title: Th\x00ực",
     f"{PLAN}:4:10: ký tự điều khiển U+0000 NULL trong phần thông tin (YAML) — {UNSEEN}"),
    ("DEL in the title", "title: Thực", "title: Th\x7fực",
     f"{PLAN}:4:10: ký tự điều khiển U+007F DELETE trong phần thông tin (YAML) — {UNSEEN}"),
    ("C1 control in the title", "title: Thực", "title: Th\x9bực",
     f"{PLAN}:4:10: ký tự điều khiển U+009B trong phần thông tin (YAML) — {UNSEEN}"),
    ("right-to-left override in the title", "title: Thực", "title: \u202eThực",
     f"{PLAN}:4:8: ký tự đảo chiều văn bản U+202E RIGHT-TO-LEFT OVERRIDE trong phần thông tin (YAML) — {UNSEEN}"),
    ("override written as an escape", "title: Thực hiện nhiệm vụ năm học 2023-2024",
     'title: "Thực hiện \\u202e nhiệm vụ"',
     f"{PLAN}:4:8: ký tự đảo chiều văn bản U+202E RIGHT-TO-LEFT OVERRIDE trong giá trị (viết bằng mã thoát '\\…' "
     f"trong ngoặc kép) — {UNSEEN}"),
    ("lone surrogate escape", "title: Thực hiện nhiệm vụ năm học 2023-2024", 'title: "Thực hiện \\ud800 nhiệm vụ"',
     f"{PLAN}:4:21: YAML sai cú pháp: mã thoát Unicode không hợp lệ (như '\\ud800', nửa cặp UTF-16) — gõ thẳng ký tự "
     "thay cho mã thoát; muốn viết dấu '\\' thì viết hai lần '\\\\' hoặc dùng ngoặc đơn"),
    ("zero-width space in the number", "number: 12/KH-PGDĐT", "number: 12\u200b/KH-PGDĐT",
     f"{PLAN}:2:11: ký tự vô hình U+200B ZERO WIDTH SPACE trong phần thông tin (YAML) — {UNSEEN}"),
    ("Cyrillic look-alike in the number", "number: 12/KH-PGDĐT", "number: 12/\u041aH-PGDĐT",
     f"{PLAN}:2:9: 'number' có ký tự 'К' (U+041A CYRILLIC CAPITAL LETTER KA), {LOOK_ALIKE}"),
    ("Greek look-alike in the number", "number: 12/KH-PGDĐT", "number: 12/KH-PGD\u0394T",
     f"{PLAN}:2:9: 'number' có ký tự 'Δ' (U+0394 GREEK CAPITAL LETTER DELTA), {LOOK_ALIKE}"),
    ("escape control in the body", "Căn cứ Nghị quyết", "Căn cứ \x1bNghị quyết",
     f"{PLAN}:32:8: ký tự điều khiển U+001B ESCAPE trong nội dung — {UNSEEN}"),
    ("YAML anchor and alias", "place: Uông Bí", "place: &p Uông Bí\nissuer_place: *p",
     f"{PLAN}:8:8: YAML dùng neo '&p' — nội dung không dùng neo (&) và bí danh (*) của YAML: chép thẳng giá trị vào "
     "từng chỗ cần"),
    ("nesting 1,000 deep", "levels: [MN, TH]", "levels: " + "[" * 1000 + "]" * 1000,
     f"{PLAN}:10:28: YAML lồng nhau quá sâu (quá 20 cấp) — kiểm tra các dấu '[' và '{{' chưa đóng, hoặc thụt lề lệch; "
     "các khóa chỉ lồng vài cấp"),
]


HTTP_FIX = "đổi thành https:// (trang chính thức đều dùng https); nếu trang đó không có https, bỏ liên kết"
NOT_PUBLISHED = ("trang chỉ đăng toàn văn kế hoạch, không đăng tệp đính kèm: chép nội dung vào kế hoạch, hoặc liên kết "
                 "tới bản gốc bằng địa chỉ https:// đầy đủ")
ID_FIX = ("id trên trang do hệ thống đặt (đề mục, chú thích, các phần của trang); id tự đặt có thể trùng, làm hỏng liên "
          "kết hoặc giả chú thích")
BROKEN_PLANS += [
    ("plain http link", "Căn cứ Nghị quyết", "[Toàn văn](http://vanban.chinhphu.vn/29) Căn cứ Nghị quyết",
     f"{PLAN}:32:12: liên kết dùng http:// không mã hóa (http://vanban.chinhphu.vn/29) — {HTTP_FIX}"),
    ("plain http link in raw HTML", "Căn cứ Nghị quyết", '<a href="http://evil.example/">Bộ GDĐT</a> Căn cứ Nghị quyết',
     f"{PLAN}:32:10: liên kết dùng http:// không mã hóa (http://evil.example/) — {HTTP_FIX}"),
    ("plain http reference link", "[^1]: Chủ đề", "[vb]: http://evil.example/x\n\n[^1]: Chủ đề",
     f"{PLAN}:55:7: liên kết dùng http:// không mã hóa (http://evil.example/x) — {HTTP_FIX}"),
    ("broken relative Markdown link", "Căn cứ Nghị quyết", "Xem [phụ lục](phu-luc.md). Căn cứ Nghị quyết",
     f"{PLAN}:32:15: liên kết 'phu-luc.md' trỏ tới một tệp không được đăng trên trang — {NOT_PUBLISHED}"),
    ("attribute list copying a page anchor", "## II. CHỈ TIÊU", "## II. CHỈ TIÊU {: #chu-thich }",
     f"{PLAN}:41:17: danh sách thuộc tính đặt id 'chu-thich' — xóa '#chu-thich' khỏi {{: ... }}: {ID_FIX}"),
    ("attribute list faking a footnote", "+ Ưu tiên giáo dục mầm non.", "+ Ưu tiên giáo dục mầm non.\n{: id=\"fn:1\" }",
     f"{PLAN}:40:1: danh sách thuộc tính đặt id 'fn:1' — xóa '#fn:1' khỏi {{: ... }}: {ID_FIX}"),
]


BROKEN_PLANS += [
    ("front matter too long", "title: Thực hiện", "title: Thực hiện" + " nhiệm vụ" * 25_000,
     f"{PLAN}:2:1: phần thông tin (YAML) quá dài (225.691 ký tự, tối đa 200.000) — chỉ ghi các khóa của văn bản ở đây; "
     "toàn văn đặt sau dòng '---' thứ hai"),
    ("too many values", "recipients:\n", "recipients:\n" + "  - a\n" * 25_000,
     f"{PLAN}:19982:5: YAML có quá nhiều giá trị (hơn 20.000) — phần thông tin chỉ ghi các khóa của văn bản; kiểm tra "
     "xem có dán nhầm nội dung không"),
]


TAG_FIX = ("nội dung chỉ gồm chữ, số, danh sách và nhóm khóa; giá trị đặc biệt thì đặt trong ngoặc kép")
BROKEN_PLANS += [  # found by tests/test_fuzz.py: PyYAML's constructors crashed on these
    ("explicit timestamp tag", 'date: "2023-09-05"', "date: !!timestamp 2023-02-30",
     f"{PLAN}:9:7: YAML dùng thẻ kiểu '!!timestamp' — bỏ '!!timestamp': {TAG_FIX}"),
    ("explicit binary tag", "place: Uông Bí", "place: !!binary aGk=",
     f"{PLAN}:8:8: YAML dùng thẻ kiểu '!!binary' — bỏ '!!binary': {TAG_FIX}"),
    ("Python object tag", "place: Uông Bí", "place: !!python/object/apply:os.system ['true']",
     f"{PLAN}:8:8: YAML dùng thẻ kiểu '!!python/object/apply:os.system' — bỏ '!!python/object/apply:os.system': "
     f"{TAG_FIX}"),
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


def dangling_link(project: Path) -> None:
    (project / "content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md").symlink_to("2023-14-kh-pgddt.md")


def link_loop(project: Path) -> None:
    (project / "content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md").symlink_to("2023-13-kh-pgddt.md")


def document_link_loop(project: Path) -> None:
    (project / "content/documents/1-qd-ttg.yaml").symlink_to("1-qd-ttg.yaml")


def folder_named_like_a_document(project: Path) -> None:
    (project / "content/documents/x.yaml").mkdir()


def duplicate_with_look_alike(project: Path) -> None:
    """The same plan again, its number typed with a Cyrillic 'Н' where the Latin 'H' was."""
    source = project / PLAN
    source.with_name("2023-12-kh-pgddt-ban-sao.md").write_text(
        source.read_text(encoding="utf-8").replace("12/KH-PGDĐT", "12/K\u041d-PGDĐT"), encoding="utf-8")


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
    ("dangling link", dangling_link, "content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md:1:1: liên kết tượng trưng "
     "trỏ tới tệp không tồn tại — sửa hoặc xóa liên kết, hoặc đặt chính tệp vào đây"),
    ("link loop", link_loop, "content/plans/quang-ninh/uong-bi/2023-13-kh-pgddt.md:1:1: liên kết tượng trưng tạo thành "
     "vòng lặp — xóa liên kết hoặc đặt chính tệp vào đây"),
    ("document link loop", document_link_loop, "content/documents/1-qd-ttg.yaml:1:1: liên kết tượng trưng tạo thành "
     "vòng lặp — sửa hoặc xóa liên kết, hoặc đặt chính tệp vào đây"),
    ("folder named x.yaml", folder_named_like_a_document, "content/documents/x.yaml:1:1: 'x.yaml' là một thư mục, "
     "không phải tệp — đổi tên hoặc chuyển thư mục này ra chỗ khác; ở đây chỉ đặt tệp"),
    ("duplicate behind a look-alike letter", duplicate_with_look_alike,
     "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt-ban-sao.md:2:9: 'number' có ký tự 'Н' "
     f"(U+041D CYRILLIC CAPITAL LETTER EN), {LOOK_ALIKE}"),
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
    "broken relative link": _plan_edit("broken relative Markdown link"),
    "control character": _plan_edit("DEL in the title"),
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


# --- Identity: a plan claims only its own identity, in its own scope -----------------------

def plan_numbered(project: Path, number: str, name: str) -> str:
    """A copy of the Uông Bí plan with another number: the file a district would add."""
    relative = f"content/plans/quang-ninh/uong-bi/{name}"
    text = (project / PLAN).read_text(encoding="utf-8").replace("number: 12/KH-PGDĐT", f"number: {number}")
    (project / relative).write_text(text, encoding="utf-8")
    return relative


NOT_A_DISTRICT_NUMBER = ("ghi đúng số in trên kế hoạch (ký hiệu cơ quan của quận, huyện, ví dụ 95/KH-PGDĐT); "
                         "văn bản trung ương không đặt trong content/plans/")
ALIAS_FIX = "bí danh chỉ gộp các cách ghi sai số của chính văn bản này: xóa dòng này khỏi aliases"
NATIONAL_71 = "title: Nghị định 71\nissuer: Chính phủ\ndate: \"2020-06-30\"\n"


def test_a_district_plan_cannot_take_a_central_party_number(project):
    plan = plan_numbered(project, "29-NQ/TW", "2023-29-nq-tw.md")
    assert errors_of(project) == [
        f"{plan}:2:9: số '29-NQ/TW' là số của một văn bản trung ương hoặc của cấp khác (mã 29-nq-tw), không thể là số "
        "của kế hoạch do thành phố Uông Bí ban hành; văn bản này có tệp content/documents/29-nq-tw.yaml — "
        + NOT_A_DISTRICT_NUMBER]


@pytest.mark.parametrize("number, own_id", [("71/2020/NĐ-CP", "71-2020-nd-cp"), ("5/KH-BGDĐT", "5-kh-bgddt-2023"),
                                            ("7-NQ/TU", "7-nq-tu-quang-ninh")])
def test_a_district_plan_cannot_take_a_national_or_provincial_number(project, number, own_id):
    plan = plan_numbered(project, number, "2023-1-kh.md")
    assert errors_of(project) == [
        f"{plan}:2:9: số '{number}' là số của một văn bản trung ương hoặc của cấp khác (mã {own_id}), không thể là số "
        f"của kế hoạch do thành phố Uông Bí ban hành — {NOT_A_DISTRICT_NUMBER}"]


def test_a_plan_cannot_share_its_identity_with_a_curated_document(project):
    curated = "content/documents/12-kh-pgddt-quang-ninh-uong-bi-2023.yaml"
    (project / curated).write_text("title: Kế hoạch khác\n", encoding="utf-8")
    assert errors_of(project) == [
        f"{PLAN}:2:9: kế hoạch mang cùng mã văn bản '12-kh-pgddt-quang-ninh-uong-bi-2023' với {curated} — mỗi văn bản "
        f"một trang: sửa 'number' nếu nhập nhầm, hoặc xóa tệp {curated}"]


def test_an_alias_cannot_capture_other_documents(project):
    (project / "content/documents/71-2020-nd-cp.yaml").write_text(NATIONAL_71, encoding="utf-8")
    (project / "content/documents/bat-ky.yaml").write_text(
        "title: Văn bản bất kỳ\naliases:\n  - 29-nq-tw\n  - 71-2020-nd-cp\n  - bat-ky-ghi-sai\n", encoding="utf-8")
    assert errors_of(project) == [
        f"content/documents/bat-ky.yaml:3:5: bí danh '29-nq-tw' là mã riêng của văn bản khác "
        f"(content/documents/29-nq-tw.yaml) — {ALIAS_FIX}",
        f"content/documents/bat-ky.yaml:4:5: bí danh '71-2020-nd-cp' là mã riêng của văn bản khác "
        f"(content/documents/71-2020-nd-cp.yaml) — {ALIAS_FIX}"]


def test_an_alias_cannot_capture_a_plan(project):
    (project / "content/documents/bat-ky.yaml").write_text(
        "title: Văn bản bất kỳ\naliases: [bat-ky-ghi-sai, 12-kh-pgddt-quang-ninh-uong-bi-2023]\n", encoding="utf-8")
    assert errors_of(project) == [
        f"content/documents/bat-ky.yaml:2:27: bí danh '12-kh-pgddt-quang-ninh-uong-bi-2023' là mã riêng của kế hoạch "
        f"{PLAN} — {ALIAS_FIX}"]


def test_the_national_page_stays_the_curated_one(project):
    """Without the check, the district file became /van-ban/29-nq-tw/ and every plan's link went there."""
    plan_numbered(project, "29-NQ/TW", "2023-29-nq-tw.md")
    result = run_build_py(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (project / "site").exists()


# --- Links: https only, other hosts named in site_config.yaml ------------------------------

def test_curated_link_over_plain_http_is_an_error(project):
    edit(project, "content/documents/29-nq-tw.yaml", "link: https://", "link: http://")
    assert problems_of(project) == [
        f"content/documents/29-nq-tw.yaml:4:7: liên kết dùng http:// không mã hóa (http://example.org/nghi-quyet-29) — "
        f"{HTTP_FIX}"]


def test_links_to_hosts_not_on_the_allowlist_are_warnings(project):
    edit(project, PLAN, "Căn cứ Nghị quyết", "[vanban.chinhphu.vn](https://evil.example/29) và "
         "<https://vanban.example.org/x> Căn cứ Nghị quyết")
    edit(project, "content/documents/29-nq-tw.yaml", "https://example.org/", "https://example.net/")
    fix = "kiểm tra địa chỉ thật của liên kết; nếu đó là trang chính thức, thêm '{0}' vào external_hosts trong site_config.yaml"
    assert link_problems_of(project) == [
        "content/documents/29-nq-tw.yaml:4:7: cảnh báo: liên kết tới trang ngoài 'example.net' chưa có trong danh sách "
        "được phép — " + fix.format("example.net"),
        f"{PLAN}:32:22: cảnh báo: liên kết tới trang ngoài 'evil.example' chưa có trong danh sách được phép — "
        + fix.format("evil.example")]  # vanban.example.org: a subdomain of an allowed host


def test_the_allowlist_is_checked(project):
    edit(project, "site_config.yaml", "  - example.org", "  - https://example.org/")
    assert link_problems_of(project) == [
        "site_config.yaml:14:5: tên miền 'https://example.org/' chưa đúng dạng — chỉ ghi tên miền, chữ thường, "
        "không có https:// và '/', ví dụ vanban.chinhphu.vn",
        "content/documents/29-nq-tw.yaml:4:7: cảnh báo: liên kết tới trang ngoài 'example.org' chưa có trong danh sách "
        "được phép — kiểm tra địa chỉ thật của liên kết; nếu đó là trang chính thức, thêm 'example.org' vào "
        "external_hosts trong site_config.yaml"][::-1]


def test_link_that_is_no_address(project):
    """Found by tests/test_fuzz.py: urlsplit raises on an unclosed '['."""
    edit(project, "content/documents/29-nq-tw.yaml", "https://example.org/", "https://example.[org/")
    assert problems_of(project) == [
        "content/documents/29-nq-tw.yaml:4:7: liên kết 'https://example.[org/nghi-quyet-29' không phải một địa chỉ "
        "hợp lệ — chép lại địa chỉ từ thanh địa chỉ của trình duyệt"]


@pytest.mark.parametrize("old, new, expected", [
    ("# Site settings.", "? # Site settings.", "site_config.yaml:1:1: khóa 'None' không được dùng trong site_config.yaml"),
    ("latest_plans_on_home: 10", "latest_plans_on_home: mười",
     "site_config.yaml:11:23: 'latest_plans_on_home' phải là một số nguyên — sửa theo mẫu site_config.yaml trong kho mã"),
])
def test_broken_site_settings(project, old, new, expected):
    """Found by tests/test_fuzz.py: a null key or a list crashed the reading of site_config.yaml."""
    edit(project, "site_config.yaml", old, new)
    assert [p for p in problems_of(project) if p.startswith(expected)]


def test_site_settings_that_are_a_list(project):
    (project / "site_config.yaml").write_text("- site_name\n- site_url\n", encoding="utf-8")
    assert "site_config.yaml:1:1: site_config.yaml phải là các dòng 'khóa: giá trị' — xem mẫu site_config.yaml " \
           "trong kho mã" in problems_of(project)


def test_look_alike_letter_in_a_curated_number(project):
    (project / "content/documents/29-nq-tw.yaml").write_text(
        (project / "content/documents/29-nq-tw.yaml").read_text(encoding="utf-8") + "number_symbol: 29-NQ/\u0422W\n",
        encoding="utf-8")
    [message] = problems_of(project)
    assert message.startswith("content/documents/29-nq-tw.yaml:8:16: 'number_symbol' có ký tự '\u0422' "
                              "(U+0422 CYRILLIC CAPITAL LETTER TE), không phải chữ Latin")


def test_a_national_registry_is_not_held_to_a_plan_s_front_matter_limits(tmp_path):
    """content/localities.yaml for the whole country is larger than any plan's front matter may be
    (about 700 districts, seven values each; the 10,000-plan benchmark corpus has 1,000): the size
    limit for a plan must not refuse it."""
    from plansite.content.localities import load_localities
    from plansite.content.yaml_positions import FRONT_MATTER_LIMITS
    from plansite.errors import Problems

    since = "Cấp huyện chấm dứt hoạt động từ ngày 01/7/2025; địa bàn nay thuộc các xã, phường mới của tỉnh."
    provinces = []
    for p in range(80):
        districts = "".join(
            f'      - {{slug: huyen-{p}-{d}, name: "Huyện {p} {d}", type: huyện, code: "{100 + p * 13 + d}", '
            f'since_2025: "{since}"}}\n' for d in range(13))
        provinces.append(f'  - slug: tinh-{p}\n    name: "Tỉnh {p}"\n    type: tỉnh\n    code: "{p + 1:02d}"\n'
                         f'    since_2025: "{since}"\n    districts:\n{districts}')
    text = "provinces:\n" + "".join(provinces)
    assert len(text) > FRONT_MATTER_LIMITS.chars  # a plan's front matter this long is refused (table above)
    registry = tmp_path / "content" / "localities.yaml"
    registry.parent.mkdir()
    registry.write_text(text, encoding="utf-8")
    problems = Problems()
    loaded = load_localities(registry, tmp_path, problems)
    assert [str(p) for p in problems] == []
    assert len(loaded) == 80 and sum(len(p.districts) for p in loaded) == 1040
