"""`python build.py import`: the real seed texts round trip, files are never clobbered, errors
are one line each for editors, Word files are read, and a file with TODOs is never published."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from plansite.content.localities import load_localities
from plansite.content.plans import load_plan
from plansite.errors import Problems
from plansite.importer import ImportRequest, import_plan
from plansite.importer.coverage import PRINTED_BY_SITE
from plansite.words import missing_words
from tests.helpers import REPO, SEEDS, copy_project, read_page, run_build_py
from tests.importer_helpers import page_text, read

SEED_FILES = {
    "000_be8e16e102238b16.txt": "content/plans/quang-ninh/uong-bi/2023-95-kh-pgddt.md",
    "001_ca75737cbe15344e.txt": "content/plans/ha-noi/ha-dong/2023-333-kh-ubnd.md",
    "002_19c27091dfac652a.txt": "content/plans/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021.md",
    "004_7891d22168044d73.txt": "content/plans/quang-ninh/cam-pha/2023-ke-hoach-thuc-hien-chu-de-cong-tac.md",
}


def empty_project(tmp_path: Path) -> Path:
    """The real registry and templates, no plans."""
    project = copy_project(REPO, tmp_path / "project")
    shutil.rmtree(project / "content" / "plans")
    (project / "content" / "plans").mkdir()
    return project


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """The seed texts imported into an empty project and built."""
    project = empty_project(tmp_path_factory.mktemp("imported"))
    for seed in SEED_FILES:
        result = run_build_py(project, "import", str(SEEDS / seed))
        assert result.returncode == 0, result.stderr
        assert f"Đã tạo {SEED_FILES[seed]}" in result.stdout
        assert "Không mất chữ nào" in result.stdout
    build = run_build_py(project, "build", "--out", str(project / "site"))
    assert build.returncode == 0, build.stderr
    return project


@pytest.mark.parametrize("seed, relative", SEED_FILES.items())
def test_imported_seed_builds_with_every_word_on_its_page(imported, seed, relative):
    url = "dia-phuong/" + relative.removeprefix("content/plans/").removesuffix(".md")
    assert missing_words(read(SEEDS / seed), page_text(read_page(imported / "site", url))) == []


@pytest.mark.parametrize("seed, relative", SEED_FILES.items())
def test_imported_seed_keeps_every_word_in_its_fields_and_body(imported, seed, relative):
    """Checked here without the importer's own check: the file as the site loads it."""
    districts = {d.key: d for p in load_localities(imported / "content" / "localities.yaml", imported, Problems())
                 for d in p.districts}
    problems = Problems()
    plan = load_plan(imported / relative, imported / "content" / "plans", imported, districts, problems)
    assert not problems.errors, [str(p) for p in problems]
    fields = [plan.number, plan.symbol, plan.doc_type, plan.title, plan.issuer, plan.parent_issuer, plan.place,
              plan.date, plan.signer.title, plan.signer.name, plan.recipients_note, *plan.signer.authority,
              *plan.recipients]
    body = re.sub(r"\[\^([^\]]+)\]", r"\1", plan.body)  # 'tạo[^1]' reads 'tạo1', as printed
    assert missing_words(read(SEEDS / seed), "\n".join(fields + [body, PRINTED_BY_SITE])) == []


def test_imported_seed_structure(imported):
    uong_bi = read(imported / SEED_FILES["000_be8e16e102238b16.txt"])
    assert re.findall(r"^\[\^(\d+)\]:", uong_bi, flags=re.M) == [str(n) for n in range(1, 8)]
    assert len(re.findall(r"^\| \d+ \|", uong_bi, flags=re.M)) == 35  # the work programme, one table
    assert "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n- Quán triệt" in uong_bi
    ha_dong = read(imported / SEED_FILES["001_ca75737cbe15344e.txt"])
    assert len(re.findall(r"^##### ", ha_dong, flags=re.M)) == 11  # 1.2.1. ... 7.2.3.
    assert "recipients_note: ĐỀ báo cáo" in ha_dong
    hai_duong = read(imported / SEED_FILES["002_19c27091dfac652a.txt"])
    assert 'number: ""\nsymbol: KH-UBND' in hai_duong and "status: dự thảo" in hai_duong
    cam_pha = read(imported / SEED_FILES["004_7891d22168044d73.txt"])
    assert "issuer: Phòng Giáo dục và Đào tạo thành phố Cẩm Phả  # " in cam_pha
    assert "locality: quang-ninh/cam-pha  # " in cam_pha
    assert 'date: "2023"\nnot_in_copy: [number, date, place]  # ' in cam_pha and "dự thảo" not in cam_pha
    assert re.findall(r"^\[\^(\d+)\]:", cam_pha, flags=re.M) == ["1"]
    assert len(re.search(r"^\[\^1\]:.*$", cam_pha, flags=re.M).group(0).split()) >= 660
    # Lines broken before a name are one sentence; the preamble's grounds stay apart.
    assert "của Sở GD&ĐT Quảng Ninh về việc" in cam_pha and "của UBND tỉnh Quảng Ninh về việc" in cam_pha
    assert "năm 2045,\n\nThực hiện kế hoạch số 716/KH-SGD&ĐT" in cam_pha


def test_check_accepts_the_imported_seeds(imported):
    result = run_build_py(imported, "check")
    assert result.returncode == 0 and f"{len(SEED_FILES)} kế hoạch" in result.stdout


def test_never_overwrites_without_force(tmp_path):
    project = empty_project(tmp_path)
    seed = SEEDS / "001_ca75737cbe15344e.txt"
    assert run_build_py(project, "import", str(seed)).returncode == 0
    target = project / SEED_FILES[seed.name]
    target.write_text(read(target) + "\nGhi chú của biên tập viên.\n", encoding="utf-8")
    edited = target.read_bytes()
    again = run_build_py(project, "import", str(seed))
    assert again.returncode == 1
    assert f"{SEED_FILES[seed.name]}:1:1: tệp này đã có; lệnh nhập không ghi đè — " in again.stderr
    assert target.read_bytes() == edited
    forced = run_build_py(project, "import", str(seed), "--force")
    assert forced.returncode == 0 and "Ghi chú của biên tập viên." not in read(target)


def test_never_writes_through_a_link_out_of_the_folder(tmp_path):
    project = empty_project(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("không được ghi vào đây", encoding="utf-8")
    folder = project / "content" / "plans" / "ha-noi" / "ha-dong"
    folder.mkdir(parents=True)
    (folder / "2023-333-kh-ubnd.md").symlink_to(outside)
    result = run_build_py(project, "import", str(SEEDS / "001_ca75737cbe15344e.txt"), "--force")
    assert result.returncode == 1 and "liên kết" in result.stderr
    assert read(outside) == "không được ghi vào đây"


def test_out_folder(tmp_path):
    project = empty_project(tmp_path)
    result = run_build_py(project, "import", str(SEEDS / "000_be8e16e102238b16.txt"), "--out", str(tmp_path / "ra"))
    assert result.returncode == 0
    assert (tmp_path / "ra" / "2023-95-kh-pgddt.md").is_file()
    assert not any((project / "content" / "plans").iterdir())


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


ERRORS = [
    ("PDF", "ke-hoach.pdf", b"%PDF-1.7", "ke-hoach.pdf:1:1: không nhập được tệp '.pdf'; chỉ nhận .txt, .md, .docx — mở PDF"),
    ("old Word", "ke-hoach.doc", b"\xd0\xcf\x11\xe0",
     "ke-hoach.doc:1:1: không nhập được tệp '.doc'; chỉ nhận .txt, .md, .docx — mở tệp bằng Word"),
    ("not UTF-8 (a legacy Vietnamese code page)", "ke-hoach.txt", "Số: 1/KH-UBND\n".encode() + b"K\xca HO\xa0CH\n",
     "ke-hoach.txt:2:2: tệp không phải UTF-8 (byte 0xca không hợp lệ) — lưu lại tệp với bảng mã UTF-8"),
    ("broken Word file", "ke-hoach.docx", b"PK\x03\x04 not really a zip",
     "ke-hoach.docx:1:1: không đọc được tệp Word (tệp hỏng, hoặc không phải .docx) — mở tệp bằng Word hoặc LibreOffice"),
    ("empty file", "ke-hoach.txt", b"\n\n  \n", "ke-hoach.txt:1:1: tệp không có chữ nào — kiểm tra lại tệp"),
    ("no locality found", "ke-hoach.txt", "KẾ HOẠCH\nPhát triển giáo dục\n\nNội dung.".encode(),
     "ke-hoach.txt:1:1: không xác định được văn bản thuộc địa phương nào nên chưa biết ghi vào đâu — nhập lại với --locality"),
]


@pytest.mark.parametrize("case, name, data, expected", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_are_one_line_for_editors(tmp_path, case, name, data, expected):
    project = empty_project(tmp_path)
    source = _write(project / name, data)
    result = run_build_py(project, "import", str(source))
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_file_and_unknown_locality(tmp_path):
    project = empty_project(tmp_path)
    missing = run_build_py(project, "import", str(project / "khong-co.txt"))
    assert missing.returncode == 1 and "khong-co.txt:1:1: không tìm thấy tệp cần nhập" in missing.stderr
    unknown = run_build_py(project, "import", str(SEEDS / "000_be8e16e102238b16.txt"), "--locality", "quang-ninh/ha-long")
    assert unknown.returncode == 1
    assert "content/localities.yaml:1:1: địa phương 'quang-ninh/ha-long' (--locality) không có trong danh mục" in unknown.stderr


def test_a_file_with_todos_fails_check_with_a_clear_message(tmp_path):
    project = empty_project(tmp_path)
    source = _write(project / "khong-dau.txt", "I. MỤC ĐÍCH\n\nNâng cao chất lượng giáo dục.\n".encode())
    result = run_build_py(project, "import", str(source), "--locality", "ha-noi/ha-dong")
    assert result.returncode == 0
    written = project / "content/plans/ha-noi/ha-dong/0000-ke-hoach.md"
    assert "cảnh báo: chưa điền 'issuer': không tìm thấy cơ quan ban hành" in result.stdout
    check = run_build_py(project, "check")
    assert check.returncode == 1
    line = next(n for n, text in enumerate(read(written).split("\n"), 1) if text.startswith("issuer:"))
    assert (f"content/plans/ha-noi/ha-dong/0000-ke-hoach.md:{line}:13: chưa xong (TODO): không tìm thấy cơ quan "
            "ban hành — ghi tên cơ quan in ở góc trên bên trái") in check.stderr


def test_lost_words_are_reported_and_block_publishing(tmp_path, monkeypatch):
    """If a step dropped text, the importer says which words and marks the file TODO."""
    import plansite.importer.pipeline as pipeline

    real = pipeline.body_markdown
    monkeypatch.setattr(pipeline, "body_markdown", lambda *args: real(*args).replace("giáo dục mầm non.", "giáo dục."))
    project = empty_project(tmp_path)
    source = _write(project / "mat-chu.txt", ("Số: 2/KH-UBND\nHà Đông, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\n"
                                              "Phát triển giáo dục\n\nI. MỤC ĐÍCH\n\nNâng cao chất lượng giáo dục mầm non.\n\n"
                                              "II. NHIỆM VỤ\n\nNội dung.").encode())
    outcome = import_plan(ImportRequest(source, project))
    assert outcome.coverage.lost == ["mầm", "non"]
    text = read(project / outcome.written)
    assert text.startswith("---\n# TODO: 2 chữ của văn bản gốc không có trong tệp này: mầm, non")
    assert run_build_py(project, "check").returncode == 1


def test_reimport_with_force_keeps_what_only_an_editor_adds(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    target = project / SEED_FILES["000_be8e16e102238b16.txt"]
    before = read(target)
    result = run_build_py(project, "import", str(SEEDS / "000_be8e16e102238b16.txt"), "--force")
    assert result.returncode == 0 and "Giữ lại từ tệp cũ: levels, targets, programme." in result.stdout
    after = read(target)
    old, new = yaml.safe_load(before.split("---")[1]), yaml.safe_load(after.split("---")[1])
    assert {k: new[k] for k in ("levels", "targets", "programme")} == {k: old[k] for k in ("levels", "targets", "programme")}
    assert "# Quý III/2023" in after  # kept as the editor wrote it, comments included
    section_two = after.split("## II. CÁC CHỈ TIÊU CỤ THỂ", 1)[1].split("## III.", 1)[0]
    assert section_two.rstrip().endswith("[[targets]]")
    assert after.split("## IV. CHƯƠNG TRÌNH CÔNG TÁC\n\n", 1)[1].startswith("[[programme]]")
    assert run_build_py(project, "check").returncode == 0


def test_a_year_alone_is_a_date_only_for_a_copy_that_prints_none(tmp_path):
    """'not_in_copy' is what lets 'date: "2023"' through; without it check says how to fix it."""
    project = copy_project(REPO, tmp_path / "project")
    plan = project / SEED_FILES["004_7891d22168044d73.txt"]
    text = read(plan)
    plan.write_text(text.replace("not_in_copy: [number, date, place]\n", ""), encoding="utf-8")
    result = run_build_py(project, "check")
    assert result.returncode == 1
    shown = SEED_FILES["004_7891d22168044d73.txt"]
    assert f"{shown}:8:7: ngày '2023' chỉ có năm — ghi năm-tháng-ngày như in; nếu bản sao không in ngày" in result.stderr
    assert "văn bản chưa có số nhưng cũng không có ký hiệu" in result.stderr
    assert "Traceback" not in result.stderr
