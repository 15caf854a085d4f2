"""The importer's body: fragments in the forms received text takes, and the Markdown they become.

Each case is the body of a plan as copied out of a PDF or Word (hard-wrapped lines, page
breaks in the middle of a sentence, footnotes printed at the foot of a page, page numbers,
running headers, tables split over pages) and the exact Markdown an editor should get.
"""
from __future__ import annotations

import pytest

from tests.importer_helpers import CLOSING, body_of, convert_text, lost_words

HEAD = "Số: 1/KH-UBND\nHà Đông, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\nPhát triển giáo dục\n\n"

WRAPPED = """Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương về đổi
mới căn bản, toàn diện giáo dục và đào tạo. Ủy ban nhân dân quận xây dựng kế hoạch như
sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Tiếp tục nâng cao nhận thức của các cấp, các ngành và nhân dân về đổi mới, nâng cao chất
lượng giáo dục đào tạo trong giai đoạn hiện nay. Huy động mọi nguồn lực cho sự phát triển
sự nghiệp giáo dục và đào tạo quận.
Duy trì, nâng cao chất lượng giáo dục đại trà, chất lượng giáo dục mũi nhọn; phổ cập giáo
dục mầm non cho trẻ mẫu giáo.
2. Yêu cầu
- Bám sát các nhiệm vụ theo chỉ đạo; đưa ra các giải pháp thiết thực, phù hợp, gắn với
tình hình thực tế của đơn vị.
- Phân công rõ nhiệm vụ, trách nhiệm tổ chức thực hiện."""

BODIES = [
    ("hard-wrapped lines joined into paragraphs, numbered headings, list items", WRAPPED,
     "Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương về đổi mới căn bản, toàn diện giáo "
     "dục và đào tạo. Ủy ban nhân dân quận xây dựng kế hoạch như sau:\n\n"
     "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n"
     "Tiếp tục nâng cao nhận thức của các cấp, các ngành và nhân dân về đổi mới, nâng cao chất lượng giáo dục đào tạo "
     "trong giai đoạn hiện nay. Huy động mọi nguồn lực cho sự phát triển sự nghiệp giáo dục và đào tạo quận.\n\n"
     "Duy trì, nâng cao chất lượng giáo dục đại trà, chất lượng giáo dục mũi nhọn; phổ cập giáo dục mầm non cho trẻ "
     "mẫu giáo.\n\n### 2. Yêu cầu\n\n"
     "- Bám sát các nhiệm vụ theo chỉ đạo; đưa ra các giải pháp thiết thực, phù hợp, gắn với tình hình thực tế của "
     "đơn vị.\n- Phân công rõ nhiệm vụ, trách nhiệm tổ chức thực hiện.\n"),
    ("a page break in mid-sentence, with the page number and a running header",
     "I. NHIỆM VỤ\n\n- Phân công rõ nhiệm vụ, trách nhiệm tổ chức thực hiện. Thường xuyên kiểm\n\n2\n\n"
     "Kế hoạch số 1/KH-UBND\n\ntra, đôn đốc, báo cáo định kỳ.\n\n- Tổ chức sơ kết.\n\n- 3 -\n\nKế hoạch số 1/KH-UBND\n\n"
     "- Tổ chức tổng kết\n\nKế hoạch số 1/KH-UBND\n\nnăm học.",
     "## I. NHIỆM VỤ\n\n- Phân công rõ nhiệm vụ, trách nhiệm tổ chức thực hiện. Thường xuyên kiểm tra, đôn đốc, báo "
     "cáo định kỳ.\n- Tổ chức sơ kết.\n- Tổ chức tổng kết năm học.\n"),
    ("seed 000: footnotes at the foot of a page cut a paragraph; a footnote of two paragraphs",
     "I. CHỈ TIÊU\n\n1. Phấn đấu công nhận lại 06 trường chuẩn quốc gia².\n\n2. Phấn đấu có 76 giáo viên đạt chuẩn³.\n\n"
     "II. NHIỆM VỤ\n\n1. Chỉ đạo thực hiện tốt nhiệm vụ đổi mới giáo dục -\n\n"
     "²Năm 2023, dự kiến công nhận lại 06 trường.\n\nHiện nay tỷ lệ trường chuẩn quốc gia là $26/39 = 66.6\\%$.\n\n"
     "³ Chỉ tiêu đến năm 2025: 100% giáo viên đạt chuẩn.\n\nđào tạo trong tình hình mới\n\n"
     "Tiếp tục triển khai các văn bản chỉ đạo.",
     "## I. CHỈ TIÊU\n\n1\\. Phấn đấu công nhận lại 06 trường chuẩn quốc gia[^2].\n\n"
     "2\\. Phấn đấu có 76 giáo viên đạt chuẩn[^3].\n\n## II. NHIỆM VỤ\n\n"
     "### 1. Chỉ đạo thực hiện tốt nhiệm vụ đổi mới giáo dục - đào tạo trong tình hình mới\n\n"
     "Tiếp tục triển khai các văn bản chỉ đạo.\n\n"
     "[^2]: Năm 2023, dự kiến công nhận lại 06 trường.\n\n    Hiện nay tỷ lệ trường chuẩn quốc gia là 26/39 = 66.6%.\n\n"
     "[^3]: Chỉ tiêu đến năm 2025: 100% giáo viên đạt chuẩn.\n"),
    ("a superscript lost by the PDF: the digit is glued to the word",
     "Phấn đấu hoàn thành các nhiệm vụ giáo dục và đào tạo1. Phòng chống dịch bệnh Covid19 hiệu quả.\n\n"
     "1 Chủ đề năm học 2022-2023 của ngành.\n\nTiếp tục triển khai.",
     "Phấn đấu hoàn thành các nhiệm vụ giáo dục và đào tạo[^1]. Phòng chống dịch bệnh Covid19 hiệu quả.\n\n"
     "Tiếp tục triển khai.\n\n[^1]: Chủ đề năm học 2022-2023 của ngành.\n"),
    ("numbering without Roman sections; statements stay numbered paragraphs; lettered items",
     "1. Mục tiêu chung\n\nNâng cao chất lượng.\n\n2. Chỉ tiêu\n\n2.1. Tỷ lệ trẻ đến trường đạt 99%.\n\n"
     "2.2. Tỷ lệ học sinh lên lớp đạt 98%.\n\n3. Giải pháp\n\na) Hội nghị cán bộ chủ chốt:\n\n- Chủ trì: Hiệu trưởng.",
     "## 1. Mục tiêu chung\n\nNâng cao chất lượng.\n\n## 2. Chỉ tiêu\n\n2.1. Tỷ lệ trẻ đến trường đạt 99%.\n\n"
     "2.2. Tỷ lệ học sinh lên lớp đạt 98%.\n\n## 3. Giải pháp\n\na) Hội nghị cán bộ chủ chốt:\n\n- Chủ trì: Hiệu trưởng.\n"),
    ("PHẦN parts above Roman sections: each heading one level below its parent",
     "PHẦN I. ĐÁNH GIÁ KẾT QUẢ\n1. Kết quả đạt được\nTỷ lệ hoàn thành chương trình đạt 99,5%.\nPHẦN II. NHIỆM VỤ\n"
     "I. NHIỆM VỤ CHUNG\nTiếp tục đổi mới.\nII. NHIỆM VỤ CỤ THỂ\n1. Giáo dục mầm non\na) Nâng cao chất lượng chăm sóc.",
     "## PHẦN I. ĐÁNH GIÁ KẾT QUẢ\n\n### 1. Kết quả đạt được\n\nTỷ lệ hoàn thành chương trình đạt 99,5%.\n\n"
     "## PHẦN II. NHIỆM VỤ\n\n### I. NHIỆM VỤ CHUNG\n\nTiếp tục đổi mới.\n\n### II. NHIỆM VỤ CỤ THỂ\n\n"
     "#### 1. Giáo dục mầm non\n\na) Nâng cao chất lượng chăm sóc.\n"),
    ("'+' items nest under the '-' item before them; without one they are a list of their own",
     "- *Nội dung:*\n\n+ Quán triệt Đề án 03-ĐA/QU.\n\n+ Triển khai kế hoạch năm 2024.\n\n- *Thành phần:* Lãnh đạo quận.\n\n"
     "Một số chỉ tiêu:\n\n+ Tỷ lệ huy động: nhà trẻ 43%.\n+ Trẻ ăn bán trú: 99%.",
     "- *Nội dung:*\n    + Quán triệt Đề án 03-ĐA/QU.\n    + Triển khai kế hoạch năm 2024.\n- *Thành phần:* Lãnh đạo quận.\n\n"
     "Một số chỉ tiêu:\n\n+ Tỷ lệ huy động: nhà trẻ 43%.\n+ Trẻ ăn bán trú: 99%.\n"),
    ("a tab-separated table over two pages, its heading row printed again",
     "IV. CHƯƠNG TRÌNH CÔNG TÁC\n\nTT\tNội dung công việc\tChủ trì tham mưu\n\tQuý I/2023\t\n1\tSơ kết học kỳ I\tChuyên môn\n\n"
     "TT\tNội dung công việc\tChủ trì tham mưu\n2\tTổng kết năm học | toàn ngành\tThi đua, tổng hợp\nQuý II/2023\t\t\n"
     "1\tTuyển sinh lớp 1\tChuyên môn\n\n* Các nhiệm vụ thường xuyên:",
     "## IV. CHƯƠNG TRÌNH CÔNG TÁC\n\n| TT | Nội dung công việc | Chủ trì tham mưu |\n| --- | --- | --- |\n"
     "|  | Quý I/2023 |  |\n| 1 | Sơ kết học kỳ I | Chuyên môn |\n| 2 | Tổng kết năm học \\| toàn ngành | Thi đua, tổng hợp |\n"
     "| Quý II/2023 |  |  |\n| 1 | Tuyển sinh lớp 1 | Chuyên môn |\n\n\\* Các nhiệm vụ thường xuyên:\n"),
    ("a '|' table without its separator row",
     "Bảng phân công:\n\n| Nhiệm vụ | Đơn vị |\n| Tuyển sinh | Phòng GDĐT |\n| Kiểm tra | Thanh tra |",
     "Bảng phân công:\n\n| Nhiệm vụ | Đơn vị |\n| --- | --- |\n| Tuyển sinh | Phòng GDĐT |\n| Kiểm tra | Thanh tra |\n"),
    ("square metres are not footnotes; a starred bold line keeps its star",
     "Xây dựng 3 phòng học, tổng diện tích 500m² tại trường².\n\n*** Các nhiệm vụ thường xuyên hàng tháng:**\n\n"
     "² Trường Tiểu học Vạn Bảo.",
     "Xây dựng 3 phòng học, tổng diện tích 500m² tại trường[^2].\n\n**\\* Các nhiệm vụ thường xuyên hàng tháng:**\n\n"
     "[^2]: Trường Tiểu học Vạn Bảo.\n"),
]


@pytest.mark.parametrize("case, text, expected", BODIES, ids=[c[0] for c in BODIES])
def test_body_markdown(case, text, expected):
    draft = convert_text(HEAD + text + CLOSING)
    assert draft.body == expected
    assert lost_words(HEAD + text + CLOSING, draft) == []


def test_word_paragraphs_are_never_joined():
    """A .docx paragraph is whole, even when it stops without a full stop."""
    text = HEAD + "- Tổ chức các phong trào văn hóa, văn nghệ trong\n\nhọc sinh các trường\n\nYêu cầu chung"
    assert convert_text(text + CLOSING, whole_paragraphs=True).body == (
        "- Tổ chức các phong trào văn hóa, văn nghệ trong\n\nhọc sinh các trường\n\nYêu cầu chung\n")


def test_a_footnote_without_marker_is_kept_as_a_paragraph_and_noted():
    draft = convert_text(HEAD + "Nội dung chính.\n\n¹ Ghi chú không có dấu trong văn bản." + CLOSING)
    assert draft.body == "Nội dung chính.\n\n¹ Ghi chú không có dấu trong văn bản.\n"
    assert any("chú thích 1" in note.message for note in draft.notes)


def test_a_short_line_repeated_in_the_text_is_not_a_page_header():
    text = HEAD + "Yêu cầu:\n\n- Một.\n\nYêu cầu:\n\n- Hai.\n\nYêu cầu:\n\n- Ba."
    assert body_of(text).count("Yêu cầu:") == 3


def test_a_footnote_cut_by_a_page_break_is_followed_to_the_next_page_foot():
    """The PDF prints the rest of a long footnote at the foot of the next page, in the middle
    of a body sentence; the rest goes into the footnote, the sentence is joined again."""
    from tests.importer_helpers import convert_text
    text = ("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2023\n\nI. NHIỆM VỤ\n\n"
            "- Triển khai các nội dung chỉ đạo của Chính phủ về thực hiện nhiệm vụ giáo dục\nvà đào tạo1.\n"
            "1 Chỉ thị số 14/CT-TTg ngày 31/8/2022 của Thủ tướng Chính phủ; Nghị quyết số 30-NQ/TW ngày\n"
            "- Rà soát mạng lưới cơ sở giáo dục mầm non, phổ thông; tiếp tục tham\n"
            "23/11/2022 của Bộ Chính trị về phát triển kinh tế - xã hội vùng đồng bằng Sông Hồng; …\n"
            " mưu phát triển các cơ sở giáo dục tư thục.\n" + CLOSING)
    draft = convert_text(text, locality="ha-noi/ha-dong")
    assert "[^1]: Chỉ thị số 14/CT-TTg ngày 31/8/2022 của Thủ tướng Chính phủ; Nghị quyết số 30-NQ/TW ngày " \
           "23/11/2022 của Bộ Chính trị về phát triển kinh tế - xã hội vùng đồng bằng Sông Hồng; …" in draft.body
    assert "- Rà soát mạng lưới cơ sở giáo dục mầm non, phổ thông; tiếp tục tham mưu phát triển các cơ sở giáo dục " \
           "tư thục." in draft.body
    assert not any("dừng giữa câu" in note.message for note in draft.notes)


def test_a_footnote_left_unfinished_is_flagged():
    from tests.importer_helpers import convert_text
    text = ("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2023\n\nI. NHIỆM VỤ\n\n- Triển khai nhiệm vụ giáo dục và đào tạo1.\n"
            "1 Chỉ thị số 14/CT-TTg ngày 31/8/2022 của Thủ tướng Chính phủ về tăng cường các điều kiện\n\n"
            "- Rà soát mạng lưới trường lớp.\n" + CLOSING)
    draft = convert_text(text, locality="ha-noi/ha-dong")
    assert any(note.message.startswith("chú thích 1 dừng giữa câu ('… cường các điều kiện')")
               for note in draft.notes)
