"""The header block: issuing body, national motto, number, place and date, type and title.

Layouts seen in received text: each item on its own line (a PDF copied line by line), the
two columns of the printed header run together on one line ('UBND THÀNH PHỐ UÔNG BÍ CỘNG HÒA
XÃ HỘI CHỦ NGHĨA VIỆT NAM'), cells separated by tabs or '|' (Word or web tables), or no
header at all (only 'Số:', the date and the title survived the copy).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite.importer.document import Fields, Line, Removed
from plansite.importer.lines import columns, continues_sentence, ends_sentence, first_letter, is_caps, numbering, plain
from plansite.importer.pagination import RULE_REASON, is_rule

DOC_TYPES = {"KẾ HOẠCH": "Kế hoạch", "CHƯƠNG TRÌNH HÀNH ĐỘNG": "Chương trình", "CHƯƠNG TRÌNH": "Chương trình",
             "ĐỀ ÁN": "Đề án", "NGHỊ QUYẾT": "Nghị quyết",
             "QUYẾT ĐỊNH": "Quyết định", "CHỈ THỊ": "Chỉ thị", "HƯỚNG DẪN": "Hướng dẫn", "BÁO CÁO": "Báo cáo",
             "THÔNG BÁO": "Thông báo"}
TYPE_CODES = {"KH": "Kế hoạch", "CTR": "Chương trình", "ĐA": "Đề án", "NQ": "Nghị quyết", "QĐ": "Quyết định",
              "CT": "Chỉ thị", "HD": "Hướng dẫn", "BC": "Báo cáo", "TB": "Thông báo"}
DRAFT = "dự thảo"
MOTTO_REASON = "quốc hiệu và tiêu ngữ (trang kế hoạch tự in)"

_TYPE_LINE = re.compile(r"^(" + "|".join(DOC_TYPES) + r")(?:\s+|\s*[:\-–]\s*|$)(.*)$")
_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc",
                    re.IGNORECASE)
_SYMBOL = r"[A-Za-zĐđ&][\wĐđ&]*(?:\s?[-/]\s?[A-Za-zĐđ&][\wĐđ&]*)*"
_NUMBER = re.compile(r"\bSố\s*[:.]?\s*(?P<num>\d+[A-Za-z]?(?:/\d{4}(?=\s*/))?)?[\s._…]*(?P<sep>[/-])\s*(?P<sym>" + _SYMBOL + ")")
_DATE = re.compile(r",?\s*ngày\s*(?P<day>\d{1,2})?[\s._…]*tháng\s*(?P<month>\d{1,2})?[\s._…]*năm\s*(?P<year>\d{4})",
                   re.IGNORECASE)
_PLACE_PREFIXES = ("thành", "phố", "thị", "xã", "quận", "huyện", "tp.", "tx.")
_DRAFT = re.compile(r"^\(?\s*dự\s+thảo\s*\)?$", re.IGNORECASE)
_BODY_OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Thi hành|Trên cơ sở|Nhằm|Để|Năm học|Theo|Sau khi|Xét)\b")
_ORGAN_START = re.compile(r"^(Ủy ban|Uỷ ban|UBND|Hội đồng|HĐND|Phòng|Sở|Trường|Ban|Trung tâm|Văn phòng|Bộ|"
                          r"Huyện ủy|Quận ủy|Thành ủy|Tỉnh ủy|Thị ủy|Đảng ủy)\b")
_UNIT_START = re.compile(r"^(quận|huyện|thành phố|thị xã|tỉnh|xã|phường|thị trấn)\b", re.IGNORECASE)
_HEADER_SEARCH = 40  # non-blank lines in which the header must stand


@dataclass
class Header:
    fields: Fields = field(default_factory=Fields)  # number, symbol, type, title, place, date, status
    organ_lines: list[str] = field(default_factory=list)
    leftovers: list[Line] = field(default_factory=list)  # header text we could not place: kept in the body
    removed: list[Removed] = field(default_factory=list)
    body_start: int = 0  # index of the first body line
    open_symbol: bool = False  # 'Số: 255 / BC-BCĐPCGD-': the rest of the symbol is printed further down
    month_missing: bool = False  # 'ngày 03 tháng năm 2015'


def parse_header(lines: list[Line]) -> Header:
    header = Header()
    type_index = _type_line_index(lines)
    region_end = type_index if type_index is not None else _last_anchor_end(lines)
    for line in lines[:region_end]:
        _read_header_line(line, header)
    if type_index is None:
        header.body_start = _read_untyped_title(lines, region_end, header)
    else:
        header.body_start = _read_title(lines, type_index, header)
    coded = header.fields.symbol or re.sub(r"^\d+[A-Za-z]?/(?:\d{4}/)?", "", header.fields.number)
    if not header.fields.doc_type and coded:
        header.fields.doc_type = TYPE_CODES.get(_type_code(coded), "")
    return header


def _type_line_index(lines: list[Line]) -> int | None:
    seen = 0
    for index, line in enumerate(lines):
        text = plain(line.text)
        if not text:
            continue
        match = _TYPE_LINE.match(text)
        if match and is_caps(match.group(1)) and (not match.group(2) or is_caps(match.group(2))) \
                and not text.endswith(":"):  # 'QUYẾT ĐỊNH:' opens the articles, it is not the type line
            return index
        seen += 1
        if seen >= _HEADER_SEARCH:
            return None
    return None


def _last_anchor_end(lines: list[Line]) -> int:
    """Without a type line, the header ends after the last 'Số:', date or motto near the top."""
    end, seen = 0, 0
    for index, line in enumerate(lines):
        if not line.text.strip():
            continue
        if _BODY_OPENERS.match(plain(line.text)) or numbering(line.text):
            break  # 'Căn cứ Luật ... ngày 26 tháng 11 năm 2003' is the body, not the header's date
        if _NUMBER.search(line.text) or _DATE.search(line.text) or _MOTTO.search(line.text):
            end = index + 1
        seen += 1
        if seen >= _HEADER_SEARCH // 2:
            break
    return end


def _read_header_line(line: Line, header: Header) -> None:
    for piece in columns(line.text):
        _read_piece(piece, line, header)


def _read_piece(piece: str, line: Line, header: Header) -> None:
    text = plain(piece)
    for motto in _MOTTO.findall(text):
        header.removed.append(Removed(motto, MOTTO_REASON, line.number))
    text = _MOTTO.sub(" ", text).strip()
    number = _NUMBER.search(text) if not header.fields.number and not header.fields.symbol else None
    if number:
        _take_number(number, header)
        rest = text[number.end():]
        if re.match(r"\s*[-–]\s*$|\s*[-–]\s+\S", rest) or re.match(r"^\s*[-–]$", rest):
            header.open_symbol, rest = True, re.sub(r"^\s*[-–]", "", rest)
        text = (text[:number.start()] + " " + rest).strip()
    date = _DATE.search(text) if not header.fields.date else None
    if date:
        before, header.fields.place = _split_place(text[:date.start()])
        header.fields.date = _iso_date(date)
        if not date.group("month"):
            header.removed.append(Removed(date.group(0).strip(" ,"), "ngày in thiếu tháng (date chỉ ghi năm, có TODO)",
                                          line.number))
        text = f"{before} {text[date.end():]}"
    _classify_rest(text.strip(" .,;-"), line, header)


def _take_number(match: re.Match, header: Header) -> None:
    symbol = re.sub(r"\s+", "", match.group("sym"))
    if match.group("num"):
        header.fields.number = f"{match.group('num')}{match.group('sep')}{symbol}"
    else:
        header.fields.symbol = symbol
        header.fields.status = DRAFT  # 'Số: /KH-UBND': printed before a number was given


def _split_place(text: str) -> tuple[str, str]:
    """'Số: 95/KH-PGDĐT Uông Bí' -> ('Số: 95/KH-PGDĐT', 'Uông Bí'): the place is the
    capitalised words just before ', ngày', up to a word in capitals (the issuer's column)."""
    words = text.split()
    count = 0
    for word in reversed(words):
        capitalised = word[:1].isupper() or word.lower() in _PLACE_PREFIXES
        if not capitalised or (is_caps(word) and len(word) > 3 and not word.endswith(".")):
            break
        count += 1
    kept = words[:len(words) - count]
    return " ".join(kept), " ".join(words[len(words) - count:]).strip(" ,")


def _iso_date(match: re.Match) -> str:
    if not match.group("month"):
        return match.group("year")  # 'ngày 03 tháng năm 2015': the month was never filled in
    year, month = match.group("year"), int(match.group("month"))
    if match.group("day"):
        return f"{year}-{month:02d}-{int(match.group('day')):02d}"
    return f"{year}-{month:02d}"


def _classify_rest(text: str, line: Line, header: Header) -> None:
    if header.open_symbol and re.fullmatch(r"[A-ZĐ&]{2,12}", text):
        header.fields.number += f"-{text}"  # 'Số: 255 / BC-BCĐPCGD-' ... 'XMC' (the other column between)
        header.open_symbol = False
        return
    if not text or not any(c.isalnum() for c in text):
        if text and is_rule(text):
            header.removed.append(Removed(text, RULE_REASON, line.number))
        return
    if _DRAFT.match(text):
        header.fields.status = DRAFT
        header.removed.append(Removed(text, "dấu 'dự thảo' (ghi vào status)", line.number))
    elif _AUTHORITY.match(text) and not _ORGAN_HEAD_ONLY.match(text):
        header.leftovers.append(Line(line.number, text))  # 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...': the enacting line
    elif is_caps(text) or _ORGAN_START.match(text) or (header.organ_lines and _UNIT_START.match(text)):
        header.organ_lines.append(text)
    else:
        header.leftovers.append(Line(line.number, text))


def _read_title(lines: list[Line], type_index: int, header: Header) -> int:
    """Read the type line and the title (trích yếu) after it; return where the body starts."""
    match = _TYPE_LINE.match(plain(lines[type_index].text))
    header.fields.doc_type = DOC_TYPES[match.group(1)]
    if match.group(1).lower() != header.fields.doc_type.lower():  # 'CHƯƠNG TRÌNH HÀNH ĐỘNG' is a Chương trình
        header.removed.append(Removed(match.group(1), "loại văn bản in đầy đủ (ghi gọn trong doc_type)",
                                      lines[type_index].number))
    parts = [match.group(2).strip()] if match.group(2).strip() else []
    index = type_index + 1
    gap = False
    while index < len(lines):
        text = plain(lines[index].text)
        if not text:
            gap, index = True, index + 1
            continue
        if is_rule(text):
            header.removed.append(Removed(text, RULE_REASON, lines[index].number))
            index += 1
            break
        if not _continues_title(parts, text, gap):
            break
        parts.append(text)
        gap, index = False, index + 1
    header.fields.title = " ".join(" ".join(parts).split())
    return _skip_rules(lines, index, header)


def _read_untyped_title(lines: list[Line], index: int, header: Header) -> int:
    """Without a type line ('KẾ HOẠCH'), a title in capitals may still follow the number and
    date ('VỀ VIỆC THỰC HIỆN ...'); the type then comes from the symbol."""
    start = _skip_rules(lines, index, header)
    if not header.fields.date or start >= len(lines) or not is_caps(plain(lines[start].text)) \
            or _AUTHORITY.match(plain(lines[start].text)):
        return index
    parts: list[str] = []
    end = start
    while end < len(lines) and plain(lines[end].text) and is_caps(plain(lines[end].text)) \
            and not _AUTHORITY.match(plain(lines[end].text)) and not numbering(lines[end].text):
        parts.append(plain(lines[end].text))
        end += 1
    header.fields.title = " ".join(" ".join(parts).split())
    return _skip_rules(lines, end, header)


_ORGAN_HEAD_ONLY = re.compile(r"^(?:ỦY|UỶ)\s+BAN|^HỘI\s+ĐỒNG")  # the issuer's own column starts like this too

# The enacting authority printed under a decision's or resolution's title: not the title.
_AUTHORITY = re.compile(r"^(?:CHỦ\s+TỊCH|ỦY\s+BAN|UỶ\s+BAN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC|"
                        r"THỦ\s+TƯỚNG|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH)\b")


def _continues_title(parts: list[str], text: str, gap: bool) -> bool:
    """A title runs on over several lines; the body starts with 'Căn cứ', a number or a new case."""
    if numbering(text) or (parts and _AUTHORITY.match(text)):
        return False
    if not parts:
        return not text.startswith("Căn cứ")
    if continues_sentence(text):
        return True
    if ends_sentence(parts[-1]) or _BODY_OPENERS.match(text):
        return False
    if first_letter(text).isdigit():
        return True
    if is_caps(parts[-1]) != is_caps(text):
        return False
    return is_caps(text) or not gap


def _skip_rules(lines: list[Line], index: int, header: Header) -> int:
    while index < len(lines) and (not lines[index].text.strip() or is_rule(lines[index].text.strip())):
        if lines[index].text.strip():
            header.removed.append(Removed(lines[index].text.strip(), RULE_REASON, lines[index].number))
        index += 1
    return index


def _type_code(symbol: str) -> str:
    """The type code of a symbol: 'KH-PGDĐT' -> 'KH'; Party form 'KH/HU' -> 'KH'."""
    return re.split(r"[-/]", symbol)[0].upper()
