"""Citations as they stand in the real plans: text in, expected mentions out.

Fragments are copied from tests/fixtures/seeds (each test checks it still occurs there), so the
table documents the traps real text contains.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.citations.finder import find_mentions
from plansite.citations.identity import Locale
from plansite.citations.resolver import resolve_document
from plansite.content.localities import load_localities
from plansite.errors import Problems
from tests.helpers import REPO, SEEDS

PROVINCES = tuple(load_localities(REPO / "content/localities.yaml", REPO, Problems()))
SEED_TEXT = {p.name[:3]: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


def locale(key: str) -> Locale:
    province_slug, district_slug = key.split("/")
    province = next(p for p in PROVINCES if p.slug == province_slug)
    return Locale(PROVINCES, province, next(d for d in province.districts if d.slug == district_slug))


LOCALES = {"000": locale("quang-ninh/uong-bi"), "001": locale("ha-noi/ha-dong"), "002": locale("hai-duong/hai-duong")}

# (seed, fragment, [(surface, number_symbol, date, issuer, id), ...])
CASES = [
    ("000", "Căn cứ Nghị quyết số 06-NQ/TU ngày 02/12/2022 của Ban chấp hành Đảng bộ thành phố về phương hướng",
     [("Nghị quyết số 06-NQ/TU", "06-NQ/TU", "2022-12-02", "Ban chấp hành Đảng bộ thành phố", "06-nq-tu-quang-ninh-uong-bi")]),
    ("000", "Nghị quyết số 12-NQ/TU ngày 28/11/2022 của Tỉnh ủy",  # same code TU, provincial level
     [("Nghị quyết số 12-NQ/TU", "12-NQ/TU", "2022-11-28", "Tỉnh ủy", "12-nq-tu-quang-ninh")]),
    ("000", "Kế hoạch số 97/KH-UBND ngày 16/01/2023, Kế hoạch số 144/KH-UBND ngày 30/01/2023 và Kế hoạch số 150/KH-UBND "
            "ngày 31/01/2023 của Ủy ban nhân dân (UBND) thành phố về thực hiện",  # a list sharing one issuer
     [("Kế hoạch số 97/KH-UBND", "97/KH-UBND", "2023-01-16", "Ủy ban nhân dân thành phố", "97-kh-ubnd-quang-ninh-uong-bi-2023"),
      ("Kế hoạch số 144/KH-UBND", "144/KH-UBND", "2023-01-30", "Ủy ban nhân dân thành phố", "144-kh-ubnd-quang-ninh-uong-bi-2023"),
      ("Kế hoạch số 150/KH-UBND", "150/KH-UBND", "2023-01-31", "Ủy ban nhân dân thành phố", "150-kh-ubnd-quang-ninh-uong-bi-2023")]),
    ("000", "Kế hoạch số 179/KH-UBND ngày 22/9/2021 của Ủy ban nhân dân tỉnh về việc",  # 97/KH-UBND-style number, provincial
     [("Kế hoạch số 179/KH-UBND", "179/KH-UBND", "2021-09-22", "Ủy ban nhân dân tỉnh", "179-kh-ubnd-quang-ninh-2021")]),
    ("000", "Nghị quyết số 29- NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương về đổi mới",  # stray space
     [("Nghị quyết số 29- NQ/TW", "29-NQ/TW", "2013-11-04", "Ban Chấp hành Trung ương", "29-nq-tw")]),
    ("000", "Quyết định số 628/QĐ- TTg của Thủ tướng Chính phủ ban hành Kế hoạch thực hiện Kết luận số 51- KL/TW ngày 30/5/2019 "
            "của Ban Bí thư",
     [("Quyết định số 628/QĐ- TTg", "628/QĐ-TTg", None, "Thủ tướng Chính phủ", "628-qd-ttg"),
      ("Kết luận số 51- KL/TW", "51-KL/TW", "2019-05-30", "Ban Bí thư", "51-kl-tw")]),
    ("000", "Nghị quyết số 88/2014/QH13 và Nghị quyết số 51/2017/QH14 của Quốc hội",
     [("Nghị quyết số 88/2014/QH13", "88/2014/QH13", None, None, "88-2014-qh13"),
      ("Nghị quyết số 51/2017/QH14", "51/2017/QH14", None, "Quốc hội", "51-2017-qh14")]),
    ("000", "tỷ lệ trên chuẩn theo Luật giáo dục 2019 đạt tối thiểu 27%³",  # named law, footnote marker glued
     [("Luật giáo dục 2019", "43/2019/QH14", None, None, "43-2019-qh14")]),
    ("001", "Chương trình hành động số 27-CTr/TU 17/02/2014 của Thành ủy Hà Nội về",  # date without 'ngày'
     [("Chương trình hành động số 27-CTr/TU", "27-CTr/TU", "2014-02-17", "Thành ủy Hà Nội", "27-ctr-tu-ha-noi")]),
    ("001", "Thông tư số 15/2023/TT/BGDĐT ngày 09/8/2023 của Bộ GDĐT",  # '/' typed for '-'
     [("Thông tư số 15/2023/TT/BGDĐT", "15/2023/TT-BGDĐT", "2023-08-09", "Bộ GDĐT", "15-2023-tt-bgddt")]),
    ("001", "Thông tư số 17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT, 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ GDĐT ban hành",
     [("Thông tư số 17/2018/TT-BGDĐT", "17/2018/TT-BGDĐT", "2018-08-22", "Bộ GDĐT", "17-2018-tt-bgddt"),
      ("18/2018/TT-BGDĐT", "18/2018/TT-BGDĐT", "2018-08-22", "Bộ GDĐT", "18-2018-tt-bgddt"),
      ("19/2018/TT-BGDĐT", "19/2018/TT-BGDĐT", "2018-08-22", "Bộ GDĐT", "19-2018-tt-bgddt")]),
    ("001", "Thông tư liên tịch số 39/2015/TTLT-BLĐTBXH-BGDĐT-BNV ngày 19/10/2015 của Bộ Lao động - Thương binh và Xã hội",
     [("Thông tư liên tịch số 39/2015/TTLT-BLĐTBXH-BGDĐT-BNV", "39/2015/TTLT-BLĐTBXH-BGDĐT-BNV", "2015-10-19",
       "Bộ Lao động - Thương binh và Xã hội", "39-2015-ttlt-bldtbxh-bgddt-bnv")]),
    ("001", "Văn bản số 1515/SNV-TCBC ngày 31/5/2023 của Sở Nội vụ thành phố về việc",  # official letter: no type code
     [("Văn bản số 1515/SNV-TCBC", "1515/SNV-TCBC", "2023-05-31", "Sở Nội vụ thành phố", "1515-snv-tcbc-ha-noi-2023")]),
    ("001", "Quyết định số 2755/QĐ-UBND ngày 16/5/2023 của UBND thành phố Hà Nội ban hành",  # a named city = the province
     [("Quyết định số 2755/QĐ-UBND", "2755/QĐ-UBND", "2023-05-16", "UBND thành phố Hà Nội", "2755-qd-ubnd-ha-noi-2023")]),
    ("002", "Nghị quyết số 39-NQ/ThU ngày 09/9/2019 của Ban thường vụ Thành ủy Hải Dương về",  # ThU, a provincial city
     [("Nghị quyết số 39-NQ/ThU", "39-NQ/ThU", "2019-09-09", "Ban thường vụ Thành ủy Hải Dương", "39-nq-thu-hai-duong-hai-duong")]),
    ("002", "Chỉ thị số 16/CT-UBND ngày 14/9/2020 về nhiệm vụ trọng tâm năm học 2020-2021 của Ủy ban nhân dân (UBND) tỉnh Hải Dương.",
     [("Chỉ thị số 16/CT-UBND", "16/CT-UBND", "2020-09-14", "Ủy ban nhân dân tỉnh Hải Dương", "16-ct-ubnd-hai-duong-2020")]),
    ("002", "Công văn số 3280/BGDĐT-GDTrH ngày 27/8/2020 của Bộ GD&ĐT.",
     [("Công văn số 3280/BGDĐT-GDTrH", "3280/BGDĐT-GDTrH", "2020-08-27", "Bộ GD&ĐT", "3280-bgddt-gdtrh-2020")]),
]


@pytest.mark.parametrize("seed, fragment, expected", CASES, ids=[c[2][0][1] for c in CASES])
def test_real_citations(seed, fragment, expected):
    assert fragment in SEED_TEXT[seed], "the fragment must be real text"
    mentions, _ = resolve_document(find_mentions(fragment), LOCALES[seed])
    assert [(m.surface, m.number_symbol, m.date, m.issuer, m.id) for m in mentions] == expected


def test_citation_broken_across_a_page_break():
    fragment = "Nghị quyết số 39-NQ/ThU\n\ncủa Ban thường vụ Thành ủy Hải Dương về"
    assert fragment in SEED_TEXT["002"]
    [mention] = find_mentions(fragment)
    assert (mention.number_symbol, mention.issuer) == ("39-NQ/ThU", "Ban thường vụ Thành ủy Hải Dương")


@pytest.mark.parametrize("text, symbol, date", [
    ("Chương trình hành động số 26 -CTr/TUngày 17/02/2014 của Thành ủy", "26-CTr/TU", "2014-02-17"),
    ("theo Nghị quyết số 29-NQ/\nTW ngày 04/11/2013", "29-NQ/TW", "2013-11-04"),
    ("Nghị quyết số 29-NQ/TW ngày 24 tháng 01 năm 2018", "29-NQ/TW", "2018-01-24"),
    ("Nghị quyết số 29-NQ/TW7. Tiếp theo", "29-NQ/TW", None),
])
def test_typing_traps(text, symbol, date):
    [mention] = find_mentions(text)
    assert (mention.number_symbol, mention.date) == (symbol, date)
    assert text[mention.start:mention.end] == mention.surface


def test_own_number_is_not_a_citation():
    assert find_mentions("Số: 95 /KH-PGDĐT\n\nUông Bí, ngày 01 tháng 02 năm 2023") == []
    assert find_mentions("Số: /KH-UBND") == []


def test_short_form_resolves_to_earlier_full_citation():
    text = "Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013. Tổng kết 10 năm thực hiện Nghị quyết 29 của Đảng."
    mentions, findings = resolve_document(find_mentions(text), LOCALES["000"])
    assert [(m.surface, m.id, m.date) for m in mentions] == [
        ("Nghị quyết số 29-NQ/TW", "29-nq-tw", "2013-11-04"), ("Nghị quyết 29", "29-nq-tw", "2013-11-04")]
    assert findings == []


def test_unresolvable_short_form_is_reported_not_guessed():
    mentions, findings = resolve_document(find_mentions("Thực hiện Nghị quyết 29 của Đảng."), LOCALES["000"])
    assert [m.id for m in mentions] == [None]
    assert [f.what for f in findings] == ["không xác định được văn bản 'Nghị quyết 29'"]


def test_repeat_without_date_takes_the_earlier_details():
    text = SEED_TEXT["000"]
    mentions, _ = resolve_document(find_mentions(text), LOCALES["000"])
    repeats = [m for m in mentions if m.number_symbol == "06-NQ/TU"]
    assert len(repeats) == 3 and {m.id for m in repeats} == {"06-nq-tu-quang-ninh-uong-bi"}
    assert repeats[2].issuer == "Thành ủy" and repeats[2].date == "2022-12-02"


def test_same_yearly_number_of_different_committees_are_different_documents():
    provincial, _ = resolve_document(find_mentions("Kế hoạch số 97/KH-UBND ngày 16/01/2023 của UBND tỉnh"), LOCALES["000"])
    city, _ = resolve_document(find_mentions("Kế hoạch số 97/KH-UBND ngày 16/01/2023 của UBND thành phố"), LOCALES["000"])
    next_year, _ = resolve_document(find_mentions("Kế hoạch số 97/KH-UBND ngày 10/01/2024 của UBND thành phố"), LOCALES["000"])
    assert len({provincial[0].id, city[0].id, next_year[0].id}) == 3


def test_missing_year_is_reported():
    _, findings = resolve_document(find_mentions("Thông tư số 19/TT-BGDĐT ngày 30/10/2023 của Bộ GDĐT"), LOCALES["001"])
    assert [f.what for f in findings] == ["số hiệu '19/TT-BGDĐT' thiếu năm ban hành"]


@pytest.mark.parametrize("text", ["Trẻ học 2 buổi/ngày", "đạt tỷ lệ 26/39 = 66.6%", "lớp 4/lớp 8", "ngày 24/8/2020",
                                  "Quý I/2023", "năm học 2020-2021", "TH&THCS Nam Khê", "GDNN-GDTX"])
def test_not_citations(text):
    assert find_mentions(text) == []


@pytest.mark.parametrize("seed", sorted(SEED_TEXT))
def test_spans_slice_the_real_texts(seed):
    text = SEED_TEXT[seed]
    mentions = find_mentions(text)
    assert len(mentions) > 20
    assert all(text[m.start:m.end] == m.surface for m in mentions)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/- \nNQĐTWKHUBDCrgaàsố.,;()của ngày tháng năm Luật Giáo dục")),
               max_size=200))
def test_finder_never_crashes_and_spans_always_slice(text):
    for mention in find_mentions(text):
        assert text[mention.start:mention.end] == mention.surface
        assert mention.start < mention.end


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["\n", " ", "  ", "¹", "\n\n"]))
def test_real_text_with_an_inserted_break(position, insert):
    text = SEED_TEXT["001"]
    position %= len(text)
    mutated = text[:position] + insert + text[position:]
    for mention in find_mentions(mutated):
        assert mutated[mention.start:mention.end] == mention.surface
