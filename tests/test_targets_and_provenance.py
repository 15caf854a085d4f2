"""Targets and assignments read by the importer, the indicator vocabulary, provenance and git dates."""
from __future__ import annotations

import hashlib
import subprocess

import yaml

from plansite.build import ProjectPaths, build
from plansite.content.history import last_changed
from plansite.importer.targets import deadline_months, extract_assignments, extract_targets, extracted_front_matter
from tests.helpers import REPO, SEEDS, copy_project, run_build_py
from tests.importer_helpers import convert_text, read

HAI_DUONG_SEED = SEEDS / "002_19c27091dfac652a.txt"
HA_DONG_SEED = SEEDS / "001_ca75737cbe15344e.txt"


def test_targets_lists_become_targets_flagged_for_review():
    body = convert_text(read(HAI_DUONG_SEED)).body
    targets = {t.indicator: t for t in extract_targets(body, "2020")}
    sdd = targets["Tỷ lệ trẻ SDD"]
    assert (sdd.level, sdd.qualifier, sdd.value, sdd.unit, sdd.year) == ("MN", "dưới", 1, "%", "2020-2021")
    assert (targets["Kết quả xét tốt nghiệp THCS"].value, targets["Kết quả xét tốt nghiệp THCS"].level) == (99.8, "THCS")
    assert targets["Xét hoàn thành chương trình tiểu học"].level == "TH"
    data = yaml.safe_load(extracted_front_matter(body, "2020"))
    assert all(t["review"] is True for t in data["targets"])


def test_a_targets_table_is_read_from_its_indicator_column():
    body = ("## II. CHỈ TIÊU\n\n### 1. Giáo dục tiểu học\n\n| TT | Chỉ tiêu | Năm 2024 |\n| --- | --- | --- |\n"
            "| 1 | Học sinh hoàn thành chương trình tiểu học | ít nhất 99,5% |\n| 2 | Trường đạt chuẩn quốc gia | 3 trường |\n")
    targets = extract_targets(body, "2024")
    assert [(t.indicator, t.qualifier, t.value, t.unit, t.level) for t in targets] == [
        ("Học sinh hoàn thành chương trình tiểu học", "ít nhất", 99.5, "%", "TH"),
        ("Trường đạt chuẩn quốc gia", "", 3, "trường", "TH")]


def test_assignments_are_read_with_lead_coordinating_units_and_deadline():
    body = convert_text(read(HA_DONG_SEED)).body
    assignments = {a.task: a for a in extract_assignments(body)}
    network = assignments["Thực hiện Quy hoạch mạng lưới trường học quận đến năm 2030, tầm nhìn đến năm 2050"]
    assert network.lead == "Phòng GDĐT"
    assert network.coordinating == ["Quản lý đô thị", "Tài nguyên và Môi trường", "Tài chính-Kế hoạch",
                                    "Ban quản lý Dự án đầu tư xây dựng", "Trung tâm GDNN-GDTX"]
    assert (network.start, network.end) == ("2024-01", "2024-12")
    media = assignments["Tổ chức tuyên truyền qua các phương tiện thông tin đại chúng"]
    assert media.coordinating == ["Phòng GDĐT", "Trung tâm GDNN-GDTX và các phòng, ban, đơn vị có liên quan"]
    assert len(assignments) >= 10


def test_deadlines_as_printed_become_months():
    assert deadline_months("Tháng 01/2024") == ("2024-01", "")
    assert deadline_months("Thực hiện từ tháng 01/2024 đến tháng 12/2024.") == ("2024-01", "2024-12")
    assert deadline_months("Từ tháng 01/2024 đến 12/2024") == ("2024-01", "2024-12")
    assert deadline_months("Thường xuyên") == ("", "")


def test_import_records_provenance_and_proposes_targets_for_review(tmp_path):
    result = run_build_py(REPO, "import", str(HAI_DUONG_SEED), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    front = yaml.safe_load(written.split("\n---\n")[0].removeprefix("---\n"))
    assert front["source"]["file"] == HAI_DUONG_SEED.name and front["source"]["type"] == "txt"
    assert front["source"]["sha256"] == hashlib.sha256(HAI_DUONG_SEED.read_bytes()).hexdigest()
    assert len(front["source"]["imported"]) == 10
    assert front["targets"] and all(t["review"] for t in front["targets"])


def test_check_reports_wordings_missing_from_the_indicator_vocabulary(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    plan = project / "content/plans/quang-ninh/uong-bi/2023-95-kh-pgddt.md"
    text = plan.read_text(encoding="utf-8").replace("- indicator: Phổ cập THCS\n", "- indicator: Phổ cập trung học\n")
    plan.write_text(text, encoding="utf-8")
    line = text.split("\n").index("  - indicator: Phổ cập trung học") + 1
    result = run_build_py(project, "check")
    assert result.returncode == 0
    assert (f"content/plans/quang-ninh/uong-bi/2023-95-kh-pgddt.md:{line}:5: cảnh báo: chỉ tiêu 'Phổ cập trung học' "
            "chưa có trong danh mục chỉ tiêu") in result.stderr
    assert "Phổ cập GDTH' chưa có" not in result.stderr  # mapped wordings are quiet


def test_a_wording_claimed_by_two_indicators_is_an_error(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    vocabulary = project / "content/indicators.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8")
                          + "- slug: trung-lap\n  name: Trùng lặp\n  aliases: [Phổ cập THCS]\n", encoding="utf-8")
    result = run_build_py(project, "check")
    assert result.returncode == 1
    assert "cách gọi 'Phổ cập THCS' đã thuộc chỉ tiêu 'pho-cap-thcs'" in result.stderr


def test_last_changed_comes_from_one_git_log_and_is_empty_outside_git(tmp_path):
    assert last_changed(tmp_path) == {}
    repo = tmp_path / "repo"
    (repo / "content/plans").mkdir(parents=True)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e",
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def commit(name: str, when: str) -> None:
        (repo / "content/plans" / name).write_text(when, encoding="utf-8")
        subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", name], cwd=repo, check=True,
                       env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})

    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    commit("a.md", "2024-01-02T03:04:05+07:00")
    commit("b.md", "2024-02-01T00:00:00+00:00")
    commit("a.md", "2024-03-01T00:00:00+00:00")
    assert last_changed(repo) == {"content/plans/a.md": "2024-03-01T00:00:00+00:00",
                                  "content/plans/b.md": "2024-02-01T00:00:00+00:00"}


def test_check_names_plans_with_extracted_items_not_yet_reviewed(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    plan = project / "content/plans/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  - indicator: Tỷ lệ trẻ SDD\n", "  - indicator: Tỷ lệ trẻ SDD\n    review: true\n", 1),
                    encoding="utf-8")
    result = run_build_py(project, "check")
    assert result.returncode == 0
    assert ("content/plans/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021.md:1:1: cảnh báo: 1 chỉ tiêu, "
            "phân công được trích tự động, chưa xem lại (review: true)") in result.stderr
    assert build(ProjectPaths(project), tmp_path / "site").ok
    page = (tmp_path / "site/dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/index.html")
    assert page.read_text(encoding="utf-8").count("(cần xem lại)") == 1
