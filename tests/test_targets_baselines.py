"""Baselines (the figure a target is measured against) and target years read by the importer."""
from __future__ import annotations

import re

import pytest
import yaml

from plansite.importer.targets import baseline_in, extract_targets, extracted_front_matter
from tests.helpers import REPO, SEEDS, run_build_py
from tests.importer_helpers import read

UONG_BI = SEEDS / "000_be8e16e102238b16.txt"
HA_DONG = SEEDS / "001_ca75737cbe15344e.txt"
HAI_DUONG = SEEDS / "002_19c27091dfac652a.txt"

# (source, fragment printed there after a target's value, the target's year, the baseline expected)
REAL_FRAGMENTS = [
    (UONG_BI, "tăng tỷ lệ huy động trẻ ra lớp so với năm học trước", "2022-2023", "năm học trước"),
    # a second percentage in parentheses is a part of the target, not a baseline
    (HAI_DUONG, "99% (riêng trẻ 5 tuổi đạt 100%).", "2020-2021", ""),
    (HAI_DUONG, "nhà trẻ 43%, mẫu giáo 96%, riêng trẻ 5 tuổi 100%.", "2020-2021", ""),
    # later years the plan also aims at are targets, not baselines
    (HA_DONG, "có trên 92%, năm 2025 100% giáo viên các cấp học đạt chuẩn trình độ đào tạo", "2024", ""),
    (HA_DONG, "100% giáo viên dạy lớp 5, lớp 9 năm học 2024-2025 được nghiên cứu", "2024-2025", ""),
    # a count of what the figure is made of, with no period, is no baseline either
    (HA_DONG, "đạt 80,4% (78/97 trường công lập chuẩn quốc gia)", "2024", ""),
]


@pytest.mark.parametrize(("source", "fragment", "year", "expected"), REAL_FRAGMENTS)
def test_baselines_in_real_fragments(source, fragment, year, expected):
    assert fragment in " ".join(read(source).split())
    assert baseline_in(fragment, year) == expected


# Forms the bundled texts do not print after a list value, written the way plans print them.
WRITTEN_FORMS = [
    (" (năm học 2021-2022: 2394/2397 = 99,87%)", "2022-2023", "2394/2397 = 99,87% (năm học 2021-2022)"),
    (" (năm học 2021 - 2022: 98.3%)", "2022-2023", "98,3% (năm học 2021-2022)"),
    ("; năm 2022 đạt 98%", "2023", "98% (năm 2022)"),
    (", năm trước là 12 trường", "2024", "12 trường (năm trước)"),
    # the target restated for its own year
    (" (năm 2023 đạt 98%)", "2023", ""),
    (" (năm học 2022-2023: 98%)", "2022-2023", ""),
    # a later year
    (", năm 2025 đạt 100%", "2024", ""),
]


@pytest.mark.parametrize(("text", "year", "expected"), WRITTEN_FORMS)
def test_baseline_forms(text, year, expected):
    assert baseline_in(text, year) == expected


def test_a_list_item_keeps_its_value_and_gains_its_baseline():
    body = ("## II. CHỈ TIÊU\n\n### 2. Giáo dục tiểu học\n\nCác chỉ tiêu năm học 2022-2023:\n\n"
            "- Tỷ lệ học sinh hoàn thành chương trình tiểu học: ít nhất 99,5% (năm học 2021-2022: 2394/2397 = 99,87%)\n"
            "- Trẻ ăn bán trú: 99% (riêng trẻ 5 tuổi đạt 100%)\n")
    first, second = extract_targets(body, "2023")
    assert (first.qualifier, first.value, first.unit, first.level, first.year) == ("ít nhất", 99.5, "%", "TH", "2022-2023")
    assert first.baseline == "2394/2397 = 99,87% (năm học 2021-2022)"
    assert (second.value, second.baseline) == (99, "")
    data = yaml.safe_load(extracted_front_matter(body, "2023"))["targets"]
    assert data[0]["baseline"] == first.baseline and "baseline" not in data[1]
    assert all(item["review"] is True for item in data)


TABLES = [
    # a 'Thực hiện' column beside the 'Chỉ tiêu' column of the new school year
    ("| TT | Nội dung | ĐVT | Thực hiện năm học 2021-2022 | Chỉ tiêu năm học 2022-2023 |\n"
     "| --- | --- | --- | --- | --- |\n| 1 | Học sinh THCS lên lớp thẳng | % | 98.3 | ít nhất 98 |\n",
     "2023", ("Học sinh THCS lên lớp thẳng", 98, "%", "2022-2023", "98,3% (năm học 2021-2022)")),
    # 'Kết quả năm trước' before a year column
    ("| TT | Chỉ tiêu | Kết quả năm trước | Năm 2024 |\n| --- | --- | --- | --- |\n"
     "| 1 | Trường đạt chuẩn quốc gia | 2 trường | 3 trường |\n",
     "2024", ("Trường đạt chuẩn quốc gia", 3, "trường", "2024", "2 trường (năm trước)")),
    # two period columns: the earlier one is the baseline, even when it is printed last
    ("| Chỉ tiêu | Năm học 2023-2024 | Năm học 2022-2023 |\n| --- | --- | --- |\n"
     "| Trẻ 5 tuổi hoàn thành chương trình | 100% | 99,2% |\n",
     "2023", ("Trẻ 5 tuổi hoàn thành chương trình", 100, "%", "2023-2024", "99,2% (năm học 2022-2023)")),
    # no baseline column: no baseline
    ("| TT | Chỉ tiêu | Năm 2024 |\n| --- | --- | --- |\n| 1 | Học sinh hoàn thành chương trình tiểu học | ít nhất 99,5% |\n",
     "2024", ("Học sinh hoàn thành chương trình tiểu học", 99.5, "%", "2024", "")),
]


@pytest.mark.parametrize(("table", "plan_year", "expected"), TABLES)
def test_targets_tables_read_baseline_and_year_columns(table, plan_year, expected):
    (target,) = extract_targets("## II. CHỈ TIÊU\n\n" + table, plan_year)
    assert (target.indicator, target.value, target.unit, target.year, target.baseline) == expected


def _figures(baseline: str) -> set[str]:
    return set(re.findall(r"\d+(?:,\d+)?%", baseline))


def test_importing_uong_bi_proposes_the_baselines_its_reviewed_file_has(tmp_path):
    """Seed 000 writes its targets as sentences and last year's figures in footnotes."""
    result = run_build_py(REPO, "import", str(UONG_BI), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    proposed = _front(next(tmp_path.glob("*.md")))["targets"]
    reviewed = _front(REPO / "content/plans/quang-ninh/uong-bi/2023-95-kh-pgddt.md")["targets"]
    reviewed_baselines = [t["baseline"] for t in reviewed if "baseline" in t]
    proposed_baselines = [t["baseline"] for t in proposed if "baseline" in t]
    assert all(t["review"] is True for t in proposed)
    # every proposed baseline is a figure and period the editor kept
    for baseline in proposed_baselines:
        assert baseline.endswith("(năm học 2021-2022)")
        assert any(_figures(baseline) <= _figures(kept) for kept in reviewed_baselines), baseline
    # and all but one of the editor's baselines were proposed ('còn lại ở nhà … 0,8%' is not)
    found = [kept for kept in reviewed_baselines if any(_figures(b) & _figures(kept) for b in proposed_baselines)]
    assert len(reviewed_baselines) == 7 and len(found) == 6
    by_name = {t["indicator"]: t for t in proposed}
    primary = by_name["Tỷ lệ học sinh hoàn thành chương trình tiểu học"]
    assert (primary["value"], primary["year"], primary["baseline"]) == (99.5, "2022-2023",
                                                                       "2394/2397 = 99,87% (năm học 2021-2022)")
    # the same wording in the sentence before, with no footnote figure of its own, gets none
    assert "baseline" not in by_name["Học sinh tiểu học hoàn thành chương trình lớp học"]


def _front(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
