"""The citation grammar, kept as data: document types, issuing organs and number forms.

Every pattern carries examples (text → the normalised number it must yield); tests check
both ways: each pattern has examples and each example matches its pattern. The finder
(`finder.py`) reads only what is declared here, so extending the grammar means adding a
row and its examples, not code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Type codes in the symbol (ký hiệu) and the document type they name.
TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết", "NĐ": "Nghị định", "QĐ": "Quyết định", "CT": "Chỉ thị", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "KH": "Kế hoạch", "CTr": "Chương trình", "ĐA": "Đề án", "KL": "Kết luận",
    "TB": "Thông báo", "HD": "Hướng dẫn", "VBHN": "Văn bản hợp nhất", "BC": "Báo cáo", "QC": "Quy chế",
    "QyĐ": "Quy định", "CV": "Công văn", "TTr": "Tờ trình", "QĐi": "Quy định", "HĐ": "Hợp đồng",
}

# How people type codes without Vietnamese letters; normalised back to the official form.
ASCII_CODE_ALIASES: dict[str, str] = {
    "ND": "NĐ", "QD": "QĐ", "DA": "ĐA", "BGDDT": "BGDĐT", "SGDDT": "SGDĐT", "PGDDT": "PGDĐT",
    "HDND": "HĐND", "BLDTBXH": "BLĐTBXH", "TTG": "TTg", "THU": "ThU",
}

# Phrases before a number that name the document type ("Thông tư số 26/2020/TT-BGDĐT").
# Longest first, so "Thông tư liên tịch" wins over "Thông tư".
TYPE_PHRASES: tuple[str, ...] = (
    "Thông tư liên tịch", "Chương trình hành động", "Nghị quyết", "Nghị định", "Quyết định", "Thông tư",
    "Chỉ thị", "Kế hoạch", "Chương trình", "Đề án", "Kết luận", "Công văn", "Văn bản", "Hướng dẫn",
    "Thông báo", "Luật", "Báo cáo", "Quy định", "Quy chế", "Pháp lệnh", "Tờ trình", "Ttrình",
)
PHRASE_TYPES: dict[str, str] = {"Chương trình hành động": "Chương trình", "Văn bản": "Công văn", "Ttrình": "Tờ trình"}

# Organs whose documents are national. Ministries (Bộ) are codes starting with B.
NATIONAL_ORGANS = frozenset({"TW", "BCT", "BBT", "CP", "TTg", "VPCP", "UBTVQH", "TANDTC", "VKSNDTC"})
PROVINCIAL_ORGANS = frozenset({"TU", "SGDĐT", "SNV", "STC", "SYT", "SKHĐT", "SLĐTBXH", "SVHTTDL"})
DISTRICT_ORGANS = frozenset({"QU", "HU", "ThU", "PGDĐT", "TXU"})
# Codes with lower-case letters, listed so that a word glued after a code ("TUngày") can be cut off.
MIXED_CASE_CODES = ("GDTrH", "CTr", "ThU", "TTg", "QyĐ", "QĐi", "TTr", "TXU")

# State organs whose numbers are 'số/TYPE-ORGAN' (besides ministries B… and departments S…).
STATE_ORGANS = frozenset({"UBND", "HĐND", "CP", "TTg", "VPCP", "UBTVQH", "PGDĐT", "QH"})
PARTY_ORGANS = frozenset({"TW", "TU", "ThU", "QU", "HU", "TXU", "BCT", "BBT", "ĐU", "ĐUK"})

# A citation may break across a line, or across a blank line where a PDF's text was extracted
# with empty lines between its lines ('Nghị quyết số 128/NQ-' / '' / 'HĐND ngày 09/12/2022').
_WS = r"[ \t]*(?:\n[ \t]*){0,2}"
_DASH = r"[-–]"  # PDFs and typists print the hyphen of a symbol as an en dash: '70/2021/NQ – HĐND'
_SEP = r"[-–/]"
_CODE = r"[A-ZĐ][A-ZĐa-zđ&]*\d{0,2}"
_NUM = r"(?P<num>\d{1,5})"


@dataclass(frozen=True)
class NumberPattern:
    """One form of document number, with examples (text, expected normalised number)."""

    name: str
    regex: re.Pattern
    examples: tuple[tuple[str, str], ...]


NUMBER_PATTERNS: tuple[NumberPattern, ...] = (
    NumberPattern(
        "legal-with-year",  # number/year/TYPE-ORGAN, legal documents since 2016 and laws/resolutions of QH
        re.compile(rf"(?<![\d/])\b{_NUM}{_WS}/{_WS}(?P<year>(?:19|20)\d\d){_WS}/{_WS}(?P<first>{_CODE})"
                   rf"(?:{_WS}{_SEP}{_WS}(?P<rest>{_CODE}(?:{_WS}{_DASH}{_WS}{_CODE})*))?"),
        (("Nghị định số 71/2020/NĐ-CP ngày 30/6/2020", "71/2020/NĐ-CP"),
         ("Thông tư 26/2020/TT-BGDĐT", "26/2020/TT-BGDĐT"),
         ("Thông tư liên tịch số 39/2015/TTLT-BLĐTBXH-BGDĐT-BNV", "39/2015/TTLT-BLĐTBXH-BGDĐT-BNV"),
         ("Nghị quyết số 88/2014/QH13", "88/2014/QH13"),
         ("Thông tư số 15/2023/TT/BGDĐT ngày 09/8/2023", "15/2023/TT-BGDĐT"),
         ("nghi dinh 71/2020/ND-CP", "71/2020/NĐ-CP"),
         ("Nghị quyết số 70/2021/NQ – HĐND ngày 09/12/2021", "70/2021/NQ-HĐND"),
         ("Quyết định số 49/2008/QĐ-BGD&ĐT", "49/2008/QĐ-BGDĐT")),
    ),
    NumberPattern(
        "party",  # number-TYPE/ORGAN: Party documents (and some councils): 29-NQ/TW, 03-ĐA/QU
        re.compile(rf"(?<![\d/])\b{_NUM}{_WS}{_DASH}{_WS}(?P<first>{_CODE}){_WS}/{_WS}(?P<rest>{_CODE})"),
        (("Nghị quyết số 29-NQ/TW ngày 04/11/2013", "29-NQ/TW"), ("Đề án 03-ĐA/QU", "03-ĐA/QU"),
         ("Nghị quyết số 39-NQ/ThU ngày 09/9/2019", "39-NQ/ThU"), ("Kết luận số 51- KL/TW", "51-KL/TW"),
         ("Chương trình hành động số 26 -CTr/TUngày 17/02/2014", "26-CTr/TU"),
         ("Nghị quyết số 128-NQ/HĐND ngày 09/12/2022", "128-NQ/HĐND"), ("Nghị quyết số 30- NQ/TW", "30-NQ/TW"),
         ("Kế hoạch số 200-KH/TU ngày 12/5/2021", "200-KH/TU"), ("Kết luận số 01 – KL/TW", "01-KL/TW")),
    ),
    NumberPattern(
        "administrative-or-letter",  # number/TYPE-ORGAN (2457/QĐ-BGDĐT) or number/ORGAN-UNIT (3280/BGDĐT-GDTrH)
        re.compile(rf"(?<![\d/])\b{_NUM}{_WS}/{_WS}(?P<first>{_CODE}){_WS}{_DASH}{_WS}(?P<rest>{_CODE}(?:{_WS}{_DASH}{_WS}{_CODE})*)"),
        (("Quyết định số 2457/QĐ-BGDĐT ngày 23/8/2023", "2457/QĐ-BGDĐT"), ("Kế hoạch số 97/KH-UBND", "97/KH-UBND"),
         ("Chương trình hành động số 141/CTr-SGDĐT", "141/CTr-SGDĐT"), ("Quyết định số 628/QĐ- TTg", "628/QĐ-TTg"),
         ("Công văn số 3280/BGDĐT-GDTrH ngày 27/8/2020", "3280/BGDĐT-GDTrH"),
         ("Văn bản số 1515/SNV-TCBC ngày 31/5/2023", "1515/SNV-TCBC"),
         ("Thông tư số 19/TT-BGDĐT ngày 30/10/2023", "19/TT-BGDĐT"), ("Kế hoạch số 83/KH-\nUBND", "83/KH-UBND"),
         ("Quyết định số 1813/QĐ – TTg", "1813/QĐ-TTg"), ("tờ trình số 1365/TT-SGD&ĐT", "1365/TT-SGDĐT")),
    ),
    NumberPattern(
        "letter-single",  # number/ORGAN with no type code, only after a type word: 'Tờ trình số 126/SKHĐT'
        re.compile(rf"(?<![\d/])\b{_NUM}{_WS}/{_WS}(?P<first>[A-ZĐ][A-ZĐa-z&]{{2,}})(?![\w/&]|{_WS}{_DASH}{_WS}[A-ZĐ])"),
        (("Tờ trình số 126/SKHĐT ngày 23/01/2007", "126/SKHĐT"), ("Xét Tờ trình số 39/THKHVL, ngày 14/5/2014", "39/THKHVL"),
         ("Công văn số 822/BGDĐT ngày 30/01/2013", "822/BGDĐT")),
    ),
)

# Where a number pattern above can start: every one begins with a number, spaces and a separator.
# The finder tries the patterns only there (finder._matches_at), so this must match wherever they do.
NUMBER_START = re.compile(rf"\d{{1,5}}{_WS}[-–/]")

NAMED_LAW = re.compile(r"\bLuật(?P<name>(?: (?!số\b|năm\b)[^\W\d_]+){1,6}?)(?: năm)? (?P<year>(?:19|20)\d\d)\b")
NAMED_LAW_EXAMPLES = (("theo Luật Giáo dục 2019.", "Luật Giáo dục 2019"), ("Luật giáo dục 2019 đạt", "Luật Giáo dục 2019"))
# Named laws whose number is known, so both ways of citing them are one document.
KNOWN_LAW_NUMBERS: dict[str, str] = {"luật giáo dục 2019": "43/2019/QH14", "luật giáo dục 2005": "38/2005/QH11"}

# "Nghị quyết 29", "Đề án 03": a type and a bare number, resolved against earlier full citations.
_SHORT_PHRASES = "Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Kế hoạch|Đề án|Kết luận|Chương trình"
SHORT_FORM = re.compile(
    rf"\b(?P<phrase>{_SHORT_PHRASES})"
    r"(?: số)? (?P<num>\d{1,5})(?![\d/\-–]|[ \t]*[/\-–][ \t]*[A-ZĐ\d])")
SHORT_FORM_EXAMPLES = (("thực hiện Nghị quyết 29 của Đảng", "Nghị quyết 29"), ("theo Đề án 03 của Quận ủy", "Đề án 03"))

_PHRASE_ALTERNATION = "|".join(re.escape(p) for p in TYPE_PHRASES)
# The type before a number, also when a line breaks inside it ('Nghị' / 'quyết số 19-NQ/TW') or before 'số'.
_BROKEN_PHRASES = "|".join(r"[ \t]*\n?[ \t]*".join(map(re.escape, p.split(" "))) for p in TYPE_PHRASES)
TYPE_BEFORE = re.compile(rf"(?P<phrase>{_BROKEN_PHRASES})(?:{_WS}số)?[ \t:]*(?:\n[ \t]*){{0,2}}$", re.IGNORECASE)
TYPE_BEFORE_EXAMPLES = (("Căn cứ Nghị\nquyết số 19-NQ/TW ngày 25/10/2017", "Nghị quyết"),
                        ("(Nghị quyết\nsố 09-NQ/TU)", "Nghị quyết"), ("Kế hoạch số\n\n77/KH-UBND", "Kế hoạch"))
# A date after the number, as printed: 'ngày 04/6/2019', 'NGÀY 04/6/2019', ', ngày' / '18/01/2022' (broken
# across a line), 'ngày 24' / 'tháng 01 năm 2018', 'ngày22/5/2013' (glued), '18/01/2022' ('ngày' left out).
DATE_AFTER = re.compile(
    rf"^[ \t]*,?{_WS}(?:ban hành[ \t]+)?(?:ngày{_WS})?"
    rf"(?:(?P<d>\d{{1,2}}){_WS}(?P<sep>[/.-]){_WS}(?P<m>\d{{1,2}}){_WS}(?P=sep){_WS}(?P<y>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}}){_WS}tháng{_WS}(?P<m2>\d{{1,2}}){_WS}năm{_WS}(?P<y2>(?:19|20)\d\d))", re.IGNORECASE)
DATE_EXAMPLES = (("ngày 04/6/2019", "2019-06-04"), (" NGÀY 04/6/2019", "2019-06-04"), (" ngày\n18/01/2022", "2022-01-18"),
                 (" ngày 24\ntháng 01 năm 2018", "2018-01-24"), (" , ngày 04 tháng 5 năm 2013", "2013-05-04"),
                 (" ngày22/5/2013", "2013-05-22"), (" ngày 12-5-2020", "2020-05-12"), (" ngày 12.5.2020", "2020-05-12"),
                 (" ngày 04tháng 5 năm 2013", "2013-05-04"), (" 18/01/2022", "2022-01-18"))
_ABBREVIATION = r"\([A-ZĐa-z&]{1,10}\)"  # '(UBND)' inside 'Ủy ban nhân dân (UBND) thành phố'
ISSUER_AFTER = re.compile(
    rf"^[ \t]*(?:\n[ \t]*)*(?:\((?:[^()\n]{{1,12}})\)[ \t]*)?(?i:của)[ \t]+"
    rf"(?P<issuer>(?:[^;,.:\n\t()“”\"]|{_ABBREVIATION})+?)"
    rf"(?=[ ]+(?:về|ban hành|Ban hành|hướng dẫn|Hướng dẫn|quy định|thực hiện|triển khai|nhằm|trong|tại|đối với|gồm)\b"
    rf"|[ ]+(?:và[ ]+)?(?:{_PHRASE_ALTERNATION})[ ]+(?:số[ ]+)?\d"
    rf"|[ ]+và[ ]+(?i:{_PHRASE_ALTERNATION})\b"
    rf"|[ ]*(?:[;,.:\n\t“”\")]|\((?!{_ABBREVIATION[2:]}))|$)")
# Lower-case words that occur inside organ names ('Ban chấp hành Đảng bộ thành phố',
# 'Bộ Giáo dục và Đào tạo'); any other lower-case word after 'của' ends the issuer.
ISSUER_WORDS = frozenset(
    "ban chấp hành thường vụ bí thư trung ương đảng bộ chính trị trưởng phủ thủ tướng quốc hội ủy nhân dân "
    "đồng tỉnh thành phố quận huyện thị xã phường sở phòng giáo dục và đào tạo khóa cấp các lao động "
    "thương binh vụ chủ tịch trực văn chức tuyên kiểm tra vận mặt trận tổ quốc "
    "hoạch đầu tư tài nguyên môi trường y tế nông nghiệp phát triển thôn hóa thể thao du lịch khoa học công nghệ "
    "truyền tin ngoại đốc nghị".split())
# A capitalised word followed by a lower-case one is a common word starting the clause, not part of a
# name ('của UBND thành phố Thực hiện chủ đề', 'của Văn phòng Tỉnh ủy Thông báo ý kiến'): the issuer ends there.
ISSUER_FALSE_STARTS = frozenset({"thực hiện", "thông báo", "triển khai", "ban hành", "hướng dẫn", "về việc",
                                 "phê duyệt", "tăng cường", "nâng cao", "đẩy mạnh", "quy định", "kết luận"})
# Words before a type phrase that make it part of an organ's name: 'Sở Kế hoạch và Đầu tư'.
UNIT_WORDS = frozenset({"Sở", "Bộ", "Phòng", "Vụ", "Ban", "Cục", "Viện", "Trung tâm"})
# A line break inside a sentence (one, or a PDF's blank line), not one before a heading or list item.
SOFT_LINE_BREAK = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?!\n|(?:[IVXLC]+|\d+|[a-zđ])[.)][ \t]|[-+*•#>|])")
ISSUER_EXAMPLES = (("của UBND thành phố Thực hiện chủ đề", "UBND thành phố"),
                   ("của Văn phòng Tỉnh ủy Thông báo ý kiến chỉ đạo", "Văn phòng Tỉnh ủy"),
                   ("của Thường trực Tỉnh ủy về xây dựng", "Thường trực Tỉnh ủy"),
                   ("của Ban Tổ chức Tỉnh ủy về", "Ban Tổ chức Tỉnh ủy"),
                   ("của UBND tỉnh Quảng Ninh Ban hành Kế hoạch", "UBND tỉnh Quảng Ninh"),
                   ("của \n\nỦy ban nhân dân tỉnh về thực hiện", "Ủy ban nhân dân tỉnh"),
                   ("của Hội đồng nhân \ndân tỉnh quy định", "Hội đồng nhân dân tỉnh"),
                   ("của Sở Kế hoạch và Đầu tư về", "Sở Kế hoạch và Đầu tư"),
                   ("của UBND tỉnh và các Kế hoạch của UBND thành phố", "UBND tỉnh"),
                   ("CỦA CHÍNH PHỦ\nVỀ TĂNG CƯỜNG HUY ĐỘNG\nCăn cứ Nghị quyết", "CHÍNH PHỦ"),
                   ("của Giám đốc Sở Giáo dục và Đào tạo tại Tờ trình", "Giám đốc Sở Giáo dục và Đào tạo"))
# Words that end an issuer printed in capitals (titles): the subject or purpose starts there.
ISSUER_END_WORDS = frozenset("về hướng quy thực triển nhằm trong tại đối gồm phê việc giai đến năm".split())
ISSUER_TRAILING_CONNECTORS = frozenset({"và", "các", "cấp"})
# 'của Ban hành khung kế hoạch' (issuer left out by the typist) names no organ.
NOT_ISSUERS = frozenset({"ban hành", "ban"})
# An issuer after the subject of the citation, within the clause (no other number before it).
CLAUSE = re.compile(r"[^;.\n\t]*?(?=[;.\n\t]|\d+[ \t]*[-/][ \t]*[A-ZĐ]|$)")
ISSUER_LATER = re.compile(r"(?<!\w)của[ ]+(?=(?:Ủy ban|UBND|HĐND|Hội đồng|Bộ|Sở|Thủ tướng|Chính phủ|Ban|"
                          r"Tỉnh ủy|Thành ủy|Quận ủy|Huyện ủy|Quốc hội|Phòng)\b)")
LIST_SEPARATOR = re.compile(rf"^[ \t]*(?:,|và)[ \t]*(?:(?:{_PHRASE_ALTERNATION})(?:[ \t]+số)?[ \t]*)?$", re.IGNORECASE)
# 'các văn bản của UBND tỉnh: Kế hoạch số …; Kế hoạch số …' — an issuer named once before a list.
LIST_ISSUER = re.compile(r"(?<!\w)(?i:của)[ \t]+(?P<issuer>[^:;.\n“”\"()]{2,80}?)[ \t]*:(?!\d)")
LIST_ISSUER_EXAMPLES = (
    ("Thực hiện các văn bản của UBND tỉnh: Kế hoạch số 64/KH-UBND ngày 06/3/2023 về chủ đề; "
     "Kế hoạch số 58/KH-UBND ngày 28/02/2023 triển khai", ["UBND tỉnh", "UBND tỉnh"]),
    ("Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1400/QĐ-TTg ngày 30/9/2008; Quyết định số "
     "2080/QĐ-TTg ngày 22/12/2017. Kế hoạch số 77/KH-UBND ngày 08/5/2017", ["Thủ tướng Chính phủ", "Thủ tướng Chính phủ", None]),
)
# Where LIST_ISSUER, NAMED_LAW and SHORT_FORM can start, for the finder to try them only there
# (finder._finditer): a pattern that begins with an assertion ('(?<!\w)', '\b') makes Python's
# regex engine try every position of a plan, where a plain word lets it jump ahead. Each must
# match wherever its pattern can start, and no start may lie inside another's match.
STARTS = {
    LIST_ISSUER: re.compile(r"(?i:của)"),
    NAMED_LAW: re.compile(r"Luật"),
    SHORT_FORM: re.compile(_SHORT_PHRASES),
}
SENTENCE_END = re.compile(r"[.!?](?=\s)")
LIST_REACH = 1500  # characters a list may run before its sentence ends
OWN_NUMBER_LINE = re.compile(r"^[ \t]*Số[ \t]*:", re.MULTILINE)
