"""Vietnamese conventions: alphabetical order, ASCII slugs, dates, numbers, word inventories."""
from __future__ import annotations

import pytest

from plansite.vietnamese import fold, format_date, format_number, format_short_date, parse_partial_date, slugify, sort_key
from plansite.words import missing_words, words


def test_alphabetical_order_puts_modified_letters_after_their_base():
    names = ["Ưng Hòa", "Đông Triều", "Uông Bí", "Dương Kinh", "Hà Đông", "Hải Dương", "Ân Thi", "An Lão", "Ba Vì",
             "Hạ Long", "Cẩm Phả"]
    assert sorted(names, key=sort_key) == ["An Lão", "Ân Thi", "Ba Vì", "Cẩm Phả", "Dương Kinh", "Đông Triều",
                                           "Hà Đông", "Hạ Long", "Hải Dương", "Uông Bí", "Ưng Hòa"]


def test_tone_marks_only_break_ties():
    assert sorted(["má", "mà", "ma", "mạ", "mả", "mã"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


@pytest.mark.parametrize("text, slug", [
    ("Uông Bí", "uong-bi"), ("Hà Đông", "ha-dong"), ("Quảng Ninh", "quang-ninh"),
    ("95/KH-PGDĐT", "95-kh-pgddt"), ("Nhiệm vụ năm học 2020-2021", "nhiem-vu-nam-hoc-2020-2021"),
    ("II. CÁC CHỈ TIÊU CỤ THỂ", "ii-cac-chi-tieu-cu-the"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_fold_removes_marks_and_dd():
    assert fold("Đào tạo, bồi dưỡng") == "Dao tao, boi duong"


def test_dates():
    assert format_date("2023-02-01") == "ngày 01 tháng 02 năm 2023"
    assert format_date("2020-10") == "tháng 10 năm 2020"
    assert format_short_date("2023-12-25") == "25/12/2023"
    assert parse_partial_date("2023-02-29") is None
    assert parse_partial_date("2024-02-29") is not None
    assert parse_partial_date("2020-13") is None


def test_numbers_use_the_decimal_comma():
    assert (format_number(99.5), format_number(100), format_number(0.5), format_number("dưới 1")) == ("99,5", "100", "0,5", "dưới 1")


def test_words_ignore_case_and_footnote_markers():
    assert words("năm 2023¹. KẾ HOẠCH") == ["năm", "2023", "kế", "hoạch"]
    assert missing_words("Phòng GDĐT thành phố", "phòng gdđt") == ["thành", "phố"]
