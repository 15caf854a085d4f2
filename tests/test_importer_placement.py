"""The placement proof: the source's words stand in the new file in order, and a footnote's
text inside its definition; a bag of words is not enough. Each failure names the source line
and the line of the new file."""
from __future__ import annotations

import pytest

from plansite.importer import ImportRequest, import_plan
from plansite.importer.document import Line
from plansite.importer.placement import placement_problems
from tests.helpers import SEEDS, run_build_py
from tests.importer_helpers import read
from tests.test_importer_command import empty_project

SOURCE = ["Nâng cao chất lượng giáo dục mầm non.", "Phát triển đội ngũ giáo viên1.",
          "1 Chỉ thị số 14/CT-TTg ngày 31/8/2022 của Thủ tướng Chính phủ.", "Tăng cường cơ sở vật chất."]


def lines(numbers):
    return [Line(n, SOURCE[n - 1]) for n in numbers]


def test_body_in_source_order_with_the_footnote_in_its_definition_passes():
    body = ("Nâng cao chất lượng giáo dục mầm non.\n\nPhát triển đội ngũ giáo viên[^1].\n\n"
            "Tăng cường cơ sở vật chất.\n\n[^1]: Chỉ thị số 14/CT-TTg ngày 31/8/2022 của Thủ tướng Chính phủ.\n")
    assert placement_problems(lines([1, 2, 4]), {"1": lines([3])}, body, set()) == []


def test_paragraphs_out_of_order_fail_with_both_line_numbers():
    body = ("Tăng cường cơ sở vật chất.\n\nNâng cao chất lượng giáo dục mầm non.\n\nPhát triển đội ngũ giáo viên[^1].\n\n"
            "[^1]: Chỉ thị số 14/CT-TTg ngày 31/8/2022 của Thủ tướng Chính phủ.\n")
    problems = placement_problems(lines([1, 2, 4]), {"1": lines([3])}, body, set())
    assert [(p.source_line, p.output_line, p.footnote) for p in problems] == [(4, 5, "")]
    assert problems[0].message(10) == ("dòng 4 của văn bản gốc ('Tăng cường cơ sở vật chất.') không nằm đúng thứ tự "
                                       "trong nội dung (phải đứng sau dòng 15 của tệp mới)")


def test_a_footnote_left_in_the_body_fails_although_every_word_is_in_the_file():
    """The bag of words is complete; the footnote's text is just not in its definition."""
    body = ("Nâng cao chất lượng giáo dục mầm non.\n\nPhát triển đội ngũ giáo viên[^1]. Chỉ thị số 14/CT-TTg ngày "
            "31/8/2022 của Thủ tướng Chính phủ.\n\nTăng cường cơ sở vật chất.\n\n[^1]: Chỉ thị.\n")
    problems = placement_problems(lines([1, 2, 4]), {"1": lines([3])}, body, set())
    assert [(p.source_line, p.footnote) for p in problems] == [(3, "1")]
    assert "định nghĩa chú thích [^1]" in problems[0].message()


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_seed_imports_in_place(seed, tmp_path):
    project = empty_project(tmp_path)
    outcome = import_plan(ImportRequest(SEEDS / seed, project))
    assert outcome.coverage.lost == [] and outcome.coverage.misplaced == []


def test_a_step_that_moves_text_is_caught_and_blocks_publishing(tmp_path, monkeypatch):
    import plansite.importer.pipeline as pipeline

    real = pipeline.body_markdown

    def swapped(*args):  # a faulty step: the first two sections change places
        body = real(*args)
        first, second, rest = body.split("\n## ", 2)
        return f"## {second}\n\n{first.removeprefix('## ').join(['## ', ''])}\n## {rest}"

    monkeypatch.setattr(pipeline, "body_markdown", swapped)
    project = empty_project(tmp_path)
    text = ("Số: 2/KH-UBND\nHà Đông, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\nPhát triển giáo dục\n\n"
            "I. MỤC ĐÍCH\n\nNâng cao chất lượng giáo dục mầm non.\n\nII. NHIỆM VỤ\n\nTăng cường cơ sở vật chất.\n\n"
            "III. TỔ CHỨC\n\nCác trường thực hiện.")
    path = project / "thu-tu.txt"
    path.write_text(text, encoding="utf-8")
    outcome = import_plan(ImportRequest(path, project))
    assert outcome.coverage.lost == []
    first = outcome.coverage.misplaced[0]
    assert (first.source_line, first.words) == (10, ("ii", "nhiệm", "vụ"))  # section I stayed; II moved before it
    written = read(project / outcome.written)
    assert written.startswith("---\n# TODO: dòng 10 của văn bản gốc ('II. NHIỆM VỤ') không nằm đúng thứ tự trong nội dung")
    assert run_build_py(project, "check").returncode == 1
    body_line = first.output_line + outcome.body_offset
    assert written.split("\n")[body_line - 1].strip()  # names a real line of the new file
