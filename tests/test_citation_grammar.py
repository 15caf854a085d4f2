"""The citation grammar is data with examples, tested both ways."""
from __future__ import annotations

import pytest

from plansite.citations import grammar as g
from plansite.citations.finder import find_mentions

PATTERN_EXAMPLES = [(p.name, text, expected) for p in g.NUMBER_PATTERNS for text, expected in p.examples]


def test_every_pattern_has_examples():
    assert all(len(pattern.examples) >= 3 for pattern in g.NUMBER_PATTERNS)
    assert g.NAMED_LAW_EXAMPLES and g.SHORT_FORM_EXAMPLES


@pytest.mark.parametrize("name, text, expected", PATTERN_EXAMPLES, ids=[f"{n}:{e}" for n, _, e in PATTERN_EXAMPLES])
def test_every_example_matches_its_pattern(name, text, expected):
    pattern = next(p for p in g.NUMBER_PATTERNS if p.name == name)
    assert pattern.regex.search(text), f"{name} does not match {text!r}"
    assert [m.number_symbol for m in find_mentions(text)] == [expected]


@pytest.mark.parametrize("text, title", g.NAMED_LAW_EXAMPLES)
def test_named_law_examples(text, title):
    assert g.NAMED_LAW.search(text)
    [mention] = find_mentions(text)
    assert mention.title == title and mention.doc_type == "Luật"


@pytest.mark.parametrize("text, surface", g.SHORT_FORM_EXAMPLES)
def test_short_form_examples(text, surface):
    assert g.SHORT_FORM.search(text).group(0) == surface


def test_longer_type_phrases_come_first():
    """The phrase alternation is tried in order, so 'Thông tư liên tịch' must precede 'Thông tư'."""
    for index, phrase in enumerate(g.TYPE_PHRASES):
        assert not any(later.startswith(phrase) for later in g.TYPE_PHRASES[index + 1:]), phrase


@pytest.mark.parametrize("text, iso", g.DATE_EXAMPLES)
def test_date_examples(text, iso):
    """Dates survive line breaks, capitals, glued words and a missing 'ngày'."""
    [mention] = find_mentions("Quyết định số 90/QĐ-TTg" + text)
    assert mention.date == iso


def test_capitals_and_line_breaks_keep_the_date_and_issuer():
    [mention] = find_mentions("TRIỂN KHAI NGHỊ QUYẾT SỐ 35/NQ-CP NGÀY 04/6/2019 CỦA CHÍNH PHỦ VỀ TĂNG CƯỜNG")
    assert (mention.number_symbol, mention.date, mention.issuer) == ("35/NQ-CP", "2019-06-04", "CHÍNH PHỦ")


def test_a_bare_organ_number_needs_a_type_word():
    assert [m.number_symbol for m in find_mentions("Xét Tờ trình số 126/SKHĐT ngày 23/01/2007")] == ["126/SKHĐT"]
    assert find_mentions("tỷ lệ 15/NTM đạt chuẩn, tổ 3/KP") == []


@pytest.mark.parametrize("text, issuer", g.ISSUER_EXAMPLES)
def test_issuer_phrases_end_at_their_natural_boundary(text, issuer):
    [mention] = find_mentions("Kế hoạch số 83/KH-UBND ngày 17/3/2023 " + text)
    assert mention.issuer == issuer


def test_a_pdf_blank_line_inside_a_number_or_date():
    text = "Nghị quyết số 128/NQ-\n\nHĐND ngày 09/12/2022 của HĐND tỉnh; Kế hoạch số 64/KH-UBND ngày \n\n06/3/2023 về"
    assert [(m.number_symbol, m.date) for m in find_mentions(text)] == [
        ("128/NQ-HĐND", "2022-12-09"), ("64/KH-UBND", "2023-03-06")]


@pytest.mark.parametrize("text, issuers", g.LIST_ISSUER_EXAMPLES)
def test_an_issuer_named_before_a_list_belongs_to_its_members(text, issuers):
    assert [m.issuer for m in find_mentions(text)] == issuers


def test_type_words_with_a_letter_missing():
    [tờ_trình] = find_mentions("Xét Ttrình số 12/TTr-UBND ngày 3/4/2021 của UBND huyện")
    assert (tờ_trình.doc_type, tờ_trình.surface) == ("Tờ trình", "Ttrình số 12/TTr-UBND")
    [quyết_định] = find_mentions("theo Quyết  định số 49/2008/QĐ-BGD&ĐT ngày 25/8/2008".replace("Quyết  ", ""))
    assert (quyết_định.doc_type, quyết_định.number_symbol, quyết_định.date) == (
        "Quyết định", "49/2008/QĐ-BGDĐT", "2008-08-25")


@pytest.mark.parametrize("text, doc_type", g.TYPE_BEFORE_EXAMPLES)
def test_the_type_word_survives_a_line_break(text, doc_type):
    [mention] = find_mentions(text)
    assert mention.doc_type == doc_type and mention.surface.startswith(doc_type.split()[0])
