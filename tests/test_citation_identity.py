"""One document, one identity: whatever the separators, wherever it is cited from."""
from __future__ import annotations

from plansite.citations.finder import find_mentions
from plansite.citations.identity import Locale
from plansite.citations.resolver import resolve_document
from plansite.content.localities import load_localities
from plansite.errors import Problems
from tests.helpers import REPO

PROVINCES = tuple(load_localities(REPO / "content" / "localities.yaml", REPO, Problems()))


def _locale(province: str, district: str) -> Locale:
    p = next(p for p in PROVINCES if p.slug == province)
    return Locale(PROVINCES, p, next(d for d in p.districts if d.slug == district))


def _ids(text: str, locale: Locale) -> list[str]:
    mentions, _ = resolve_document(find_mentions(text), locale)
    return [m.id for m in mentions]


def test_a_council_resolution_is_one_document_in_either_separator_style():
    cam_pha, uong_bi = _locale("quang-ninh", "cam-pha"), _locale("quang-ninh", "uong-bi")
    regular = "Nghị quyết số 128/NQ-\n\nHĐND ngày 09/12/2022 của HĐND tỉnh về nhiệm vụ năm 2023"
    party_style = "Nghị quyết số 128-NQ/HĐND ngày 09/12/2022 của HĐND tỉnh về nhiệm vụ năm 2023"
    assert _ids(regular, cam_pha) == _ids(party_style, uong_bi) == ["128-nq-hdnd-quang-ninh-2022"]


def test_the_irregular_form_is_reported_with_its_regular_one():
    mentions, findings = resolve_document(find_mentions("Nghị quyết số 128-NQ/HĐND ngày 09/12/2022"),
                                          _locale("quang-ninh", "uong-bi"))
    assert mentions[0].number_symbol == "128/NQ-HĐND"
    [finding] = findings
    assert "128-NQ/HĐND" in finding.what and "128/NQ-HĐND" in finding.what and finding.mention.start == 0
    mentions, findings = resolve_document(find_mentions("Nghị quyết số 29/NQ-TW ngày 04/11/2013"), Locale(PROVINCES))
    assert [m.id for m in mentions] == ["29-nq-tw"] and "29-NQ/TW" in findings[0].what


def test_a_provinces_own_legal_documents_are_scoped_to_it():
    text = "Nghị quyết số 63/2021/NQ-HĐND ngày 09/12/2021 của Hội đồng nhân dân tỉnh"
    assert _ids(text, _locale("quang-ninh", "cam-pha")) == ["63-2021-nq-hdnd-quang-ninh"]
    assert _ids(text, _locale("hai-duong", "hai-duong")) == ["63-2021-nq-hdnd-hai-duong"]
    assert _ids("Nghị định số 71/2020/NĐ-CP ngày 30/6/2020", _locale("quang-ninh", "cam-pha")) == ["71-2020-nd-cp"]


def test_ubnd_tinh_cited_from_two_districts_is_one_provincial_document():
    text = ("Thực hiện các văn bản của UBND tỉnh: Kế hoạch số 64/KH-UBND ngày 06/3/2023 về chủ đề công tác; "
            "Kế hoạch số 58/KH-UBND ngày 28/02/2023 triển khai. Triển khai Kế hoạch số 64/KH-UBND, "
            "Kế hoạch số 58/KH-UBND của tỉnh.")
    expected = ["64-kh-ubnd-quang-ninh-2023", "58-kh-ubnd-quang-ninh-2023"] * 2
    assert _ids(text, _locale("quang-ninh", "cam-pha")) == expected
    assert _ids(text, _locale("quang-ninh", "uong-bi")) == expected


def test_a_bare_repeat_takes_the_issuer_printed_later_in_the_same_plan():
    text = ("Triển khai Kế hoạch số 64/KH-UBND. … Căn cứ Kế hoạch số 64/KH-UBND ngày 06/3/2023 của \n\n"
            "Ủy ban nhân dân tỉnh về thực hiện chủ đề công tác năm 2023.")
    assert set(_ids(text, _locale("quang-ninh", "cam-pha"))) == {"64-kh-ubnd-quang-ninh-2023"}


def test_a_repeated_definition_keeps_the_date_of_the_first_citation():
    text = ("Thực hiện Quyết định số 522/QĐ-TTg ngày\n14/5/2018 của Thủ tướng Chính phủ phê duyệt Đề án (sau đây "
            "gọi chung là Quyết định số 522/QĐ-TTg), Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai Quyết định số "
            "522/QĐ-TTg.")
    mentions, _ = resolve_document(find_mentions(text), _locale("quang-ninh", "cam-pha"))
    assert [(m.id, m.date) for m in mentions] == [("522-qd-ttg-2018", "2018-05-14")] * 3
