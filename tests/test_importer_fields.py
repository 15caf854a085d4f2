"""The importer's front matter: header blocks and closings in the forms received documents take.

Each case is a fragment shaped like a real plan (the seeds, and the same items laid out as
other copies deliver them: one item per line, two columns run together, tab or '|' cells,
a web page's details table first, no header at all) and the fields an editor must get.
"""
from __future__ import annotations

import pytest

from plansite.model import District, Province
from tests.importer_helpers import CLOSING, convert_text, lost_words

BODY = "\n\nCăn cứ Luật Giáo dục 2019.\n\nI. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao chất lượng giáo dục./."

HEADERS = [
    ("seed 000: no issuer block, space before the slash",
     "\n\nSố: 95 /KH-PGDĐT\n\nUông Bí, ngày 01 tháng 02 năm 2023\n\nKẾ HOẠCH\n\nThực hiện Nghị quyết số 06-NQ/TU "
     "ngày 02/12/2022 của Ban chấp hành Đảng bộ thành phố về phương hướng - nhiệm vụ năm 2023\n\n"
     "Căn cứ Nghị quyết số 06-NQ/TU ngày 02/12/2022.\n\nPhòng Giáo dục và Đào tạo (GDĐT) thành phố xây dựng kế "
     "hoạch thực hiện như sau:\n\nI. MỤC ĐÍCH\n\nNội dung./.",
     dict(number="95/KH-PGDĐT", doc_type="Kế hoạch", place="Uông Bí", date="2023-02-01", locality="quang-ninh/uong-bi",
          issuer="Phòng Giáo dục và Đào tạo thành phố Uông Bí", parent_issuer="",
          title="Thực hiện Nghị quyết số 06-NQ/TU ngày 02/12/2022 của Ban chấp hành Đảng bộ thành phố về phương "
                "hướng - nhiệm vụ năm 2023")),
    ("one item per line, title hard-wrapped",
     "UBND THÀNH PHỐ UÔNG BÍ\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 12/KH-PGDĐT\nUông Bí, ngày 05 tháng 9 năm 2023\nKẾ HOẠCH\nThực hiện nhiệm vụ năm học 2023-2024\n"
     "của ngành giáo dục thành phố\nCăn cứ Luật Giáo dục 2019.\nI. MỤC ĐÍCH\nNội dung./.",
     dict(number="12/KH-PGDĐT", issuer="Phòng Giáo dục và Đào tạo thành phố Uông Bí",
          parent_issuer="Ủy ban nhân dân thành phố Uông Bí", date="2023-09-05", place="Uông Bí",
          title="Thực hiện nhiệm vụ năm học 2023-2024 của ngành giáo dục thành phố")),
    ("two printed columns run together on one line (PDF copy)",
     "UBND THÀNH PHỐ UÔNG BÍ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc\n"
     "Số: 95 /KH-PGDĐT Uông Bí, ngày 01 tháng 02 năm 2023\n\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2023" + BODY,
     dict(number="95/KH-PGDĐT", issuer="Phòng Giáo dục và Đào tạo thành phố Uông Bí",
          parent_issuer="Ủy ban nhân dân thành phố Uông Bí", place="Uông Bí", date="2023-02-01",
          title="Thực hiện nhiệm vụ năm 2023")),
    ("columns as tab-separated cells, issuer on two lines, rules under the header and the title",
     "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUẬN HÀ ĐÔNG\tĐộc lập - Tự do - Hạnh phúc\n_______\t_____________\n"
     "Số: 333/KH-UBND\tHà Đông, ngày 25 tháng 12 năm 2023\n\nKẾ HOẠCH\nThực hiện Đề án 03-ĐA/QU năm 2024\n___________" + BODY,
     dict(number="333/KH-UBND", issuer="Ủy ban nhân dân quận Hà Đông", parent_issuer="", place="Hà Đông",
          date="2023-12-25", locality="ha-noi/ha-dong", title="Thực hiện Đề án 03-ĐA/QU năm 2024")),
    ("Markdown table from a web page, bold type and title",
     "| ỦY BAN NHÂN DÂN QUẬN HÀ ĐÔNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |\n|---|---|\n"
     "| Số: 333/KH-UBND | Hà Đông, ngày 25 tháng 12 năm 2023 |\n\n**KẾ HOẠCH**\n\n**Thực hiện Đề án 03-ĐA/QU năm 2024**" + BODY,
     dict(number="333/KH-UBND", issuer="Ủy ban nhân dân quận Hà Đông", date="2023-12-25",
          title="Thực hiện Đề án 03-ĐA/QU năm 2024")),
    ("seed 002: unnumbered draft, no day, type and title on one all-caps line",
     "\n\nSố: /KH-UBND\n\nTP. Hải Dương, ngày tháng 10 năm 2020\n\nKẾ HOẠCH NHIỆM VỤ NĂM HỌC 2020-2021\n\n"
     "Trên cơ sở kết quả đạt được, thành phố Hải Dương xây dựng kế hoạch như sau:" + BODY,
     dict(number="", symbol="KH-UBND", status="dự thảo", date="2020-10", place="TP. Hải Dương",
          title="Nhiệm vụ năm học 2020-2021", locality="hai-duong/hai-duong",
          issuer="Ủy ban nhân dân thành phố Hải Dương")),
    ("website table flattened: '|' cells, words and numbers broken across lines, place broken before its date",
     "ỦY\nBAN NHÂN DÂN\nTỈNH THÁI NGUYÊN\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "---------------\n|\nSố:\n29/KH-UBND\n|\nThái\nNguyên, ngày 22 tháng 3 năm 2018\n|\nKẾ HOẠCH\n"
     "TRIỂN KHAI THỰC HIỆN ĐỀ ÁN “DẠY VÀ HỌC NGOẠI NGỮ TRONG HỆ THỐNG GIÁO DỤC\nQUỐC DÂN GIAI ĐOẠN 2018 - 2025” "
     "TRÊN ĐỊA BÀN TỈNH THÁI NGUYÊN\nCăn cứ Quyết định số 2080/QĐ-TTg ngày 22/12/2017.\nI. MỤC TIÊU\nNội dung./.",
     dict(number="29/KH-UBND", issuer="Ủy ban nhân dân tỉnh Thái Nguyên", place="Thái Nguyên", date="2018-03-22",
          title="Triển khai thực hiện Đề án “Dạy và học ngoại ngữ trong hệ thống giáo dục quốc dân giai đoạn "
                "2018 - 2025” trên địa bàn tỉnh Thái Nguyên")),
    ("a syllable cut at the cell's edge ('TỈNH KHÁNH H' / 'ÒA'), site material above the header",
     "Từ khoá: Số Hiệu, Tiêu đề hoặc Nội dung ngắn gọn của Văn Bản...\n\nĐăng nhập\n\n"
     "- 1 Chỉ thị 08/CT-TTg năm 2022 về tăng cường triển khai công tác xây dựng văn hóa học đường\n"
     "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH H\nÒA\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 4341/KH-UBND\nKhánh Hòa, ngày 16 tháng 5 năm 2022\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH HỌC TẬP "
     "SUỐT ĐỜI TRÊN ĐỊA BÀN TỈNH KHÁNH HÒA" + BODY,
     dict(number="4341/KH-UBND", issuer="Ủy ban nhân dân tỉnh Khánh Hòa", date="2022-05-16",
          title="Triển khai thực hiện Chương trình học tập suốt đời trên địa bàn tỉnh Khánh Hòa")),
    ("no province line under ỦY BAN NHÂN DÂN, no type line: the place names the province",
     "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 11/CT-UBND | An Giang, ngày 11 tháng 9 năm 2023 |\n"
     "VỀ VIỆC THỰC HIỆN NHIỆM VỤ TRỌNG TÂM NĂM HỌC 2023-2024 TRÊN ĐỊA BÀN TỈNH AN GIANG" + BODY,
     dict(number="11/CT-UBND", doc_type="Chỉ thị", issuer="Ủy ban nhân dân tỉnh An Giang", date="2023-09-11",
          title="Về việc thực hiện nhiệm vụ trọng tâm năm học 2023-2024 trên địa bàn tỉnh An Giang")),
    ("a resolution: yearly number, enacting line under the title completes the bare issuer",
     "HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 34/2018/NQ-HĐND | Quảng Trị, ngày 08 tháng 12 năm 2018 |\n"
     "VỀ VIỆC THÔNG QUA ĐỀ ÁN XÓA PHÒNG HỌC TẠM GIAI ĐOẠN 2019-2021\nHỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG TRỊ\n"
     "KHÓA VII, KỲ HỌP THỨ 9\nCăn cứ Luật tổ chức chính quyền địa phương ngày 19/6/2015;\nQUYẾT NGHỊ:\n"
     "Điều 1. Thông qua Đề án./.",
     dict(number="34/2018/NQ-HĐND", doc_type="Nghị quyết", issuer="Hội đồng nhân dân tỉnh Quảng Trị",
          date="2018-12-08", title="Về việc thông qua Đề án xóa phòng học tạm giai đoạn 2019-2021")),
    ("a number split around the date line, the month left blank",
     "ỦY BAN NHÂN DÂN\nHUYỆN ĐỊNH HÓA\nBAN CHỈ ĐẠO PCGD-XMC\n\nSố: 255 / BC-BCĐPCGD-\n\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐịnh Hóa, ngày 03 tháng năm 2015\nXMC\n\n"
     "BÁO CÁO\nKết quả phổ cập giáo dục năm 2015" + BODY,
     dict(number="255/BC-BCĐPCGD-XMC", doc_type="Báo cáo", date="2015", place="Định Hóa",
          issuer="Ban Chỉ đạo PCGD-XMC huyện Định Hóa", parent_issuer="Ủy ban nhân dân huyện Định Hóa")),
    ("all-caps title over three lines",
     "Số: 7/KH-UBND\n\nHà Đông, ngày 10 tháng 01 năm 2024\n\nKẾ HOẠCH\nTRIỂN KHAI NHIỆM VỤ NĂM HỌC\n2023-2024 TRÊN ĐỊA BÀN QUẬN"
     + BODY,
     dict(title="Triển khai nhiệm vụ năm học 2023-2024 trên địa bàn quận", date="2024-01-10", number="7/KH-UBND")),
    ("a web page's details table pasted before a text without header",
     "Số hiệu:\t95/KH-PGDĐT\tLoại văn bản:\tKế hoạch\nNơi ban hành:\tThành phố Uông Bí\tNgười ký:\tTrần Nam Hải\n"
     "Ngày ban hành:\t01/02/2023\tNgày hiệu lực:\tĐã biết\nNgày công báo:\tĐang cập nhật\tSố công báo:\tĐang cập nhật\n"
     "Tình trạng:\tĐã biết\n\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2023" + BODY,
     dict(number="95/KH-PGDĐT", doc_type="Kế hoạch", date="2023-02-01", locality="quang-ninh/uong-bi",
          issuer="Phòng Giáo dục và Đào tạo thành phố Uông Bí", title="Thực hiện nhiệm vụ năm 2023")),
    ("the document wins over the web page's details",
     "Cơ quan ban hành: Ủy ban nhân dân quận Hà Đông\nSố hiệu: 1/KH-UBND\nNgày ban hành: 02/01/2024\n\n"
     "Số: 333/KH-UBND\nHà Đông, ngày 25 tháng 12 năm 2023\nKẾ HOẠCH\nThực hiện Đề án 03-ĐA/QU" + BODY,
     dict(number="333/KH-UBND", date="2023-12-25", issuer="Ủy ban nhân dân quận Hà Đông")),
    ("Party form of number, provincial department",
     "UBND TỈNH QUẢNG NINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố 12-KH/SGDĐT\nQuảng Ninh, ngày 3 tháng 3 năm 2023\n"
     "KẾ HOẠCH\nTổ chức hội thi giáo viên dạy giỏi" + BODY,
     dict(number="12-KH/SGDĐT", issuer="Sở Giáo dục và Đào tạo tỉnh Quảng Ninh",
          parent_issuer="Ủy ban nhân dân tỉnh Quảng Ninh", date="2023-03-03", locality="")),
    ("a 'DỰ THẢO' stamp marks a draft",
     "UBND QUẬN HÀ ĐÔNG\nDỰ THẢO\nSố: 15/KH-UBND\nHà Đông, ngày 02 tháng 02 năm 2024\nKẾ HOẠCH\nPhát triển giáo dục"
     + BODY,
     dict(status="dự thảo", number="15/KH-UBND", issuer="Ủy ban nhân dân quận Hà Đông")),
]


@pytest.mark.parametrize("case, text, expected", HEADERS, ids=[c[0] for c in HEADERS])
def test_header_fields(case, text, expected):
    draft = convert_text(text + CLOSING)
    found = {key: getattr(draft.fields, key) for key in expected}
    assert found == expected
    assert lost_words(text, draft) == []


def test_header_block_stays_out_of_the_body():
    draft = convert_text(HEADERS[2][1] + CLOSING)
    assert draft.body.startswith("Căn cứ Luật Giáo dục 2019.")
    assert "CỘNG HÒA" not in draft.body and "Số:" not in draft.body


def test_missing_header_leaves_todo_notes():
    draft = convert_text("I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao chất lượng giáo dục.", locality="ha-noi/ha-dong")
    todos = {note.key for note in draft.notes if note.todo}
    assert todos == {"number", "doc_type", "title", "issuer", "date", "signer.title", "signer.name", "recipients"}
    assert draft.fields.place == "Hà Đông"  # from --locality, noted for review
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in draft.body


CLOSINGS = [
    ("seed 000: title, blank lines, name",
     "Nơi nhận:\n\n- Văn phòng Sở GDĐT;\n- Văn phòng HĐND&UBND TP;\n- Lưu: VT, TĐ-TH.\n\nTRƯỞNG PHÒNG\n\n\n\nTrần Nam Hải",
     dict(signer_authority=[], signer_title="TRƯỞNG PHÒNG", signer_name="Trần Nam Hải",
          recipients=["Văn phòng Sở GDĐT;", "Văn phòng HĐND&UBND TP;", "Lưu: VT, TĐ-TH."], recipients_note="")),
    ("seed 001: side notes beside the recipients, TM. and KT. lines",
     "Nơi nhận:\n\n- TT QU, HĐND quận ;\n- Đ/c Chủ tịch, các PCT UBND quận; | ĐỀ\n- Văn phòng, các Ban xây dựng Đảng QU; | báo cáo\n"
     "- Lưu: VT. *vt*\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nPhạm Văn Chiến",
     dict(signer_authority=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], signer_title="PHÓ CHỦ TỊCH",
          signer_name="Phạm Văn Chiến", recipients_note="ĐỀ báo cáo",
          recipients=["TT QU, HĐND quận ;", "Đ/c Chủ tịch, các PCT UBND quận;", "Văn phòng, các Ban xây dựng Đảng QU;",
                      "Lưu: VT. vt"])),
    ("seed 002: bold signature lines",
     "Nơi nhận:\n\n- Sở GD&ĐT HD;\n- Lưu: VP, GDĐT.\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nĐặng Thu Hà",
     dict(signer_authority=["KT. CHỦ TỊCH"], signer_title="PHÓ CHỦ TỊCH", signer_name="Đặng Thu Hà",
          recipients=["Sở GD&ĐT HD;", "Lưu: VP, GDĐT."])),
    ("two columns run together, with the signed mark of a copy",
     "Nơi nhận:\tKT. CHỦ TỊCH\n- Sở GDĐT;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\n\t(Đã ký)\n\n\tNguyễn Văn An",
     dict(signer_authority=["KT. CHỦ TỊCH"], signer_title="PHÓ CHỦ TỊCH", signer_name="Nguyễn Văn An",
          recipients=["Sở GDĐT;", "Lưu: VT."])),
    ("a recipient wrapped onto two lines, en-dash bullets",
     "Nơi nhận:\n– Các phòng, ban, ngành,\n  đoàn thể thành phố;\n– Lưu: VT.\n\nGIÁM ĐỐC\n\nLê Thị Hoa",
     dict(recipients=["Các phòng, ban, ngành, đoàn thể thành phố;", "Lưu: VT."], signer_title="GIÁM ĐỐC",
          signer_name="Lê Thị Hoa")),
]


@pytest.mark.parametrize("case, closing, expected", CLOSINGS, ids=[c[0] for c in CLOSINGS])
def test_closing_fields(case, closing, expected):
    text = "Số: 1/KH-UBND\nHà Đông, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\nPhát triển giáo dục" + BODY + "\n\n" + closing
    draft = convert_text(text)
    assert {key: getattr(draft.fields, key) for key in expected} == expected
    assert draft.body.rstrip().endswith("Nâng cao chất lượng giáo dục./.")
    assert lost_words(text, draft) == []


def test_signature_before_recipients_and_an_appendix_after_them():
    text = ("Số: 1/KH-UBND\nHà Đông, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\nPhát triển giáo dục" + BODY +
            "\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n\nNơi nhận:\n- Sở GDĐT;\n- Lưu: VT.\n\n"
            "PHỤ LỤC\n\nDanh sách các trường đạt chuẩn quốc gia năm 2024 trên địa bàn quận Hà Đông.")
    draft = convert_text(text)
    assert (draft.fields.signer_authority, draft.fields.signer_title, draft.fields.signer_name) == (
        ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Nguyễn Văn An")
    assert draft.fields.recipients == ["Sở GDĐT;", "Lưu: VT."]
    assert draft.body.rstrip().endswith("PHỤ LỤC\n\nDanh sách các trường đạt chuẩn quốc gia năm 2024 trên địa bàn quận Hà Đông.")
    assert lost_words(text, draft) == []


def _district(province: str, slug: str, name: str) -> District:
    return District(slug, name, "huyện", "1", "", province)


SHARED_NAME = [
    Province("tien-giang", "Tiền Giang", "tỉnh", "82", "", (_district("tien-giang", "chau-thanh", "Châu Thành"),)),
    Province("ben-tre", "Bến Tre", "tỉnh", "83", "", (_district("ben-tre", "chau-thanh", "Châu Thành"),)),
]


def test_a_district_name_shared_by_two_provinces_is_settled_by_the_province_named():
    text = ("UBND HUYỆN CHÂU THÀNH\nSố: 5/KH-UBND\nChâu Thành, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\nPhát triển giáo dục"
            "\n\nCăn cứ Kế hoạch của Ủy ban nhân dân tỉnh Bến Tre.\n\nI. MỤC ĐÍCH\n\nNội dung." + CLOSING)
    assert convert_text(text, provinces=SHARED_NAME).fields.locality == "ben-tre/chau-thanh"


def test_an_unsettled_district_name_is_left_for_the_editor():
    text = "Số: 5/KH-UBND\nChâu Thành, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\nPhát triển giáo dục" + BODY + CLOSING
    draft = convert_text(text, provinces=SHARED_NAME)
    assert draft.fields.locality == ""
    note = next(n for n in draft.notes if n.key == "locality")
    assert note.todo and "tien-giang/chau-thanh, ben-tre/chau-thanh" in note.message
