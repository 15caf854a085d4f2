"""Word files: generated here with python-docx (no binaries in the repository), imported as
editors receive them: header and signature laid out in tables, real Word footnotes, a data
table, bullet paragraphs."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from plansite.importer import ImportRequest, import_plan
from tests.helpers import REPO, copy_project, run_build_py
from tests.importer_helpers import read

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (f'<w:footnotes xmlns:w="{W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> Chủ đề năm học 2023-2024 của ngành.</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')


def _cell(cell, *paragraphs: str) -> None:
    cell.paragraphs[0].text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def _footnote_reference(paragraph) -> None:
    run = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


def make_plan_docx(path: Path) -> Path:
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    _cell(header.cell(0, 0), "UBND THÀNH PHỐ UÔNG BÍ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")
    _cell(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    _cell(header.cell(1, 0), "Số: 12/KH-PGDĐT")
    _cell(header.cell(1, 1), "Uông Bí, ngày 05 tháng 9 năm 2023")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện nhiệm vụ năm học 2023-2024")
    grounds = document.add_paragraph("Căn cứ chủ đề năm học")
    _footnote_reference(grounds)
    grounds.add_run(" và Nghị quyết số 29-NQ/TW")
    superscript = grounds.add_run("2")
    superscript.font.superscript = True
    grounds.add_run(" của Ban Chấp hành Trung ương")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("1. Mục đích")
    document.add_paragraph("Nâng cao chất lượng giáo dục mầm non.", style="List Bullet")
    document.add_paragraph("Tăng tỷ lệ huy động trẻ ra lớp.", style="List Bullet")
    document.add_paragraph("II. CHƯƠNG TRÌNH CÔNG TÁC")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([("TT", "Nội dung", "Chủ trì"), ("1", "Sơ kết học kỳ I", "Chuyên môn"),
                                 ("2", "Tổng kết năm học", "Thi đua, tổng hợp")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("² Nghị quyết về đổi mới căn bản, toàn diện giáo dục và đào tạo.")
    closing = document.add_table(rows=1, cols=2)
    _cell(closing.cell(0, 0), "Nơi nhận:", "- Sở GDĐT;", "- Lưu: VT.")
    _cell(closing.cell(0, 1), "TRƯỞNG PHÒNG", "(Đã ký)", "Nguyễn Văn An")
    notes = Part(PackURI("/word/footnotes.xml"),
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                 FOOTNOTES.encode("utf-8"), document.part.package)
    document.part.relate_to(notes, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(str(path))
    return path


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(REPO, tmp_path / "project")


def test_docx_becomes_a_plan_file(project, tmp_path):
    source = make_plan_docx(tmp_path / "ke-hoach.docx")
    outcome = import_plan(ImportRequest(source, project))
    assert not outcome.problems.errors and outcome.coverage.lost == []
    text = read(project / outcome.written)
    assert outcome.written == "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"
    front, body = text.split("\n---\n", 1)
    assert front == (
        "---\nnumber: 12/KH-PGDĐT\ndoc_type: Kế hoạch\ntitle: Thực hiện nhiệm vụ năm học 2023-2024\n"
        "issuer: Phòng Giáo dục và Đào tạo thành phố Uông Bí\nparent_issuer: Ủy ban nhân dân thành phố Uông Bí\n"
        "locality: quang-ninh/uong-bi\nplace: Uông Bí\ndate: \"2023-09-05\"\nsigner:\n  title: TRƯỞNG PHÒNG\n"
        "  name: Nguyễn Văn An\nrecipients: # Nơi nhận\n  - Sở GDĐT;\n  - \"Lưu: VT.\"")
    assert body == (
        "\nCăn cứ chủ đề năm học[^1] và Nghị quyết số 29-NQ/TW[^2] của Ban Chấp hành Trung ương\n\n"
        "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n"
        "- Nâng cao chất lượng giáo dục mầm non.\n- Tăng tỷ lệ huy động trẻ ra lớp.\n\n"
        "## II. CHƯƠNG TRÌNH CÔNG TÁC\n\n| TT | Nội dung | Chủ trì |\n| --- | --- | --- |\n"
        "| 1 | Sơ kết học kỳ I | Chuyên môn |\n| 2 | Tổng kết năm học | Thi đua, tổng hợp |\n\n"
        "[^1]: Chủ đề năm học 2023-2024 của ngành.\n\n"
        "[^2]: Nghị quyết về đổi mới căn bản, toàn diện giáo dục và đào tạo.\n")
    assert outcome.coverage.left_out == {"chữ viết tắt trong tên cơ quan, đã viết đầy đủ (UBND → Ủy ban nhân dân)": ["ubnd"],
                                         "dấu 'đã ký' của bản sao": ["đã", "ký"]}


def test_docx_import_passes_check(project, tmp_path):
    source = make_plan_docx(tmp_path / "ke-hoach.docx")
    assert run_build_py(project, "import", str(source)).returncode == 0
    check = run_build_py(project, "check")
    assert check.returncode == 0, check.stderr


def _repacked(source: Path, target: Path, replace: dict[str, bytes], extra_zeros: tuple[str, int] | None = None) -> Path:
    """A copy of a .docx with some parts replaced, and optionally a part of `size` zero bytes
    (written in chunks, so the test never holds it in memory)."""
    import zipfile
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, replace.get(item.filename, old.read(item.filename)))
        if extra_zeros:
            name, size = extra_zeros
            with new.open(name, "w", force_zip64=True) as part:
                chunk = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    part.write(chunk)
    return target


def test_a_docx_that_unpacks_to_hundreds_of_megabytes_is_refused_in_one_line(project, tmp_path):
    plain = make_plan_docx(tmp_path / "ke-hoach.docx")
    bomb = _repacked(plain, tmp_path / "bom.docx", {}, ("word/media/image1.png", 160 << 20))
    assert bomb.stat().st_size < 1 << 20  # small as received, huge unpacked
    result = run_build_py(project, "import", str(bomb))
    assert result.returncode == 1
    assert re.search(r"bom\.docx:1:1: không nhập tệp Word này: giải nén ra 16\d MB, quá giới hạn 64 MB", result.stderr)
    assert "Traceback" not in result.stderr and "không mong đợi" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) <= 2


def test_a_docx_with_millions_of_paragraphs_is_refused_in_one_line(project, tmp_path):
    plain = make_plan_docx(tmp_path / "ke-hoach.docx")
    body = (f'<w:document xmlns:w="{W}"><w:body>' + "<w:p/>" * 2_000_000 + "</w:body></w:document>").encode()
    bomb = _repacked(plain, tmp_path / "bom.docx", {"word/document.xml": body})
    result = run_build_py(project, "import", str(bomb))
    assert result.returncode == 1
    assert "bom.docx:1:1: không nhập tệp Word này: có hơn 50.000 đoạn văn" in result.stderr
    assert "Traceback" not in result.stderr


def test_control_characters_are_dropped_with_their_position_and_check_passes(project, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text("UBND QUẬN HÀ ĐÔNG\nSố: 12/KH-UBND\nHà Đông, ngày 02 tháng 3 năm 2023\n\nKẾ HOẠCH\n"
                      "Phát triển\x07 giáo dục\x0cI. MỤC ĐÍCH\n\nNâng cao \u202echất lượng\x7f.\n"
                      "\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n", encoding="utf-8")
    result = run_build_py(project, "import", str(source))
    assert result.returncode == 0, result.stderr
    assert "ke-hoach.txt:6:11: cảnh báo: đã bỏ ký tự điều khiển U+0007 (cả tệp có 3 ký tự như vậy)" in result.stdout
    written = read(project / "content/plans/ha-noi/ha-dong/2023-12-kh-ubnd.md")
    assert not any((ord(c) < 32 and c not in "\n") or 0x7f <= ord(c) <= 0x9f or c == "\u202e" for c in written)
    assert "## I. MỤC ĐÍCH" in written and "Phát triển giáo dục" in written
    check = run_build_py(project, "check")
    assert check.returncode == 0, check.stderr
    assert "Traceback" not in check.stderr
