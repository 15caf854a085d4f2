"""Header blocks as websites and PDF copies flatten them, put back into one item per line.

A legal website prints the two-column header as a table: copied out, its cells become lines
separated by '|' lines, and words break where the cell was narrow ('ỦY' / 'BAN NHÂN DÂN',
'Số:' / '29/KH-UBND', 'Thái' / 'Nguyên, ngày ...', 'TỈNH KHÁNH H' / 'ÒA'). Above the header
the page may print its own material: a login notice, the related documents' list, a
copyright line. This step runs before the header is read: it drops what the website added
above the header (reported as left out on purpose) and joins the broken pieces.
"""
from __future__ import annotations

import re

from plansite.importer.document import Line, Removed
from plansite.importer.lines import is_caps, plain

SITE_REASON = "phần của trang web in phía trên văn bản (đăng nhập, văn bản liên quan, bản quyền...)"
_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–—]\s*Tự\s+do", re.IGNORECASE)
_ORGAN_HEAD = re.compile(r"^(?:ỦY|UỶ|UBND|HỘI\s+ĐỒNG|HĐND|SỞ|PHÒNG|BỘ|BAN|TỈNH\s+ỦY|HUYỆN\s+ỦY|THÀNH\s+ỦY|"
                         r"QUẬN\s+ỦY|VĂN\s+PHÒNG|TRƯỜNG|TRUNG\s+TÂM|CHÍNH\s+PHỦ|THỦ\s+TƯỚNG)\b")
_ORGAN_PHRASE = re.compile(r"(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN")
_BODY_START = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Thi hành|Xét|Theo|Năm học|Điều\s+\d|I\.\s|1\.\s)")
_SCAN = 60  # lines in which a header must begin
_MOTTO_NEAR = 14  # the motto stands within this many lines of the header's first line
_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_LONE_HEAD_WORDS = {"ỦY", "UỶ", "ỦY BAN", "UỶ BAN", "HỘI", "HỘI ĐỒNG", "CỘNG", "CỘNG HÒA", "CỘNG HOÀ", "SỞ",
                    "PHÒNG", "BAN", "TỈNH", "THÀNH", "THÀNH PHỐ"}


def reflow_header(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """(lines with the site's material above the header dropped and broken header items joined,
    what was dropped)."""
    start = _header_start(lines)
    removed = [Removed(line.text.strip(), SITE_REASON, line.number) for line in lines[:start] if line.text.strip()]
    kept = [Line(line.number, "") for line in lines[:start]]
    end = _header_end(lines, start)
    joined, cut = _joined(lines[start:end])
    return kept + joined + lines[end:], removed + cut


def _header_start(lines: list[Line]) -> int:
    """The first line of the issuer's column (or the motto, or 'Số:') when the motto follows
    close below it; 0 when the copy starts with its header or has none."""
    for index, line in enumerate(lines[:_SCAN]):
        text = plain(line.text).lstrip("| ")
        if not text:
            continue
        head = (_ORGAN_HEAD.match(text) and is_caps(text.split("|")[0])) or _MOTTO.search(text)
        if head and _MOTTO.search(_joined_text(lines[index:index + _MOTTO_NEAR])):
            return index if _has_site_material(lines[:index]) else 0
    return 0


def _has_site_material(lines: list[Line]) -> bool:
    return any(line.text.strip() for line in lines)


def _joined_text(lines: list[Line]) -> str:
    return " ".join(line.text.strip() for line in lines)


def _header_end(lines: list[Line], start: int) -> int:
    for index in range(start, min(len(lines), start + _SCAN)):
        if _BODY_START.match(plain(lines[index].text)):
            return index
    return min(len(lines), start + _SCAN)


CUT_REASON = "chữ bị cắt đôi ở phần đầu văn bản, đã nối lại"


def _joined(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """(the lines with broken items joined, the syllables joined without a space)."""
    out: list[Line] = []
    cut: list[Removed] = []
    for line in lines:
        text = line.text.strip()
        if text == "|":
            out.append(Line(line.number, ""))  # a table cell border of the website
            continue
        previous = _last_text(out)
        if previous is not None and text:
            glue = _glue(out[previous].text.strip(), text)
            if glue is not None:
                if not glue:
                    cut.append(Removed(f"{out[previous].text.split()[-1]} {text.split()[0]}", CUT_REASON, line.number))
                out[previous] = Line(out[previous].number, f"{out[previous].text.rstrip()}{glue}{text}")
                out.extend(Line(n, "") for n in [line.number])
                continue
        out.append(line)
    return out, cut


def _last_text(lines: list[Line]) -> int | None:
    """The last non-blank line, if only blank or '|' lines follow it."""
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].text.strip():
            return index
    return None


def _glue(previous: str, text: str) -> str | None:
    """What joins `previous` and `text` when they are one item broken in two, else None."""
    last = previous.split()[-1] if previous.split() else ""
    if is_caps(previous) and is_caps(text.split("|")[0]) and last.isalpha() and not (set(last.lower()) & _VOWELS) \
            and not (set(text.split()[0][:1].lower()) - _VOWELS):
        return ""  # 'TỈNH KHÁNH H' + 'ÒA': a syllable cut in two
    if previous.upper() in _LONE_HEAD_WORDS and is_caps(text):
        return " "  # 'ỦY' + 'BAN NHÂN DÂN', 'CỘNG' + 'HÒA XÃ HỘI ...'
    for phrase in (_MOTTO, _ORGAN_PHRASE):
        if phrase.search(f"{previous} {text}") and not phrase.search(previous) and not phrase.search(text):
            return " "  # 'CỘNG HÒA XÃ HỘI' + 'CHỦ NGHĨA VIỆT NAM', 'ỦY BAN NHÂN' + 'DÂN'
    if re.fullmatch(r"Số\s*[:.]?", previous):
        return " "  # 'Số:' + '29/KH-UBND'
    if re.fullmatch(r"[A-ZĐÀ-Ỹ][^\s,]*", previous) and not is_caps(previous) and re.match(r"^\S+,\s*ngày\b", text):
        return " "  # 'Thái' + 'Nguyên, ngày 22 tháng 3 năm 2018'
    if re.search(r",\s*ngày\b", previous) and not re.search(r"năm\s*\d{4}", previous) \
            and re.match(r"^(?:\d|tháng\b|năm\b)", text):
        return " "  # 'Kon Tum, ngày 17' + 'tháng 5 năm 2022', 'Vĩnh Phúc, ngày' + '21 tháng 8 năm 2019'
    return None


_PAGE_TITLE = re.compile(r"^(?:Nội dung toàn văn\s+)?(?:Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Chương trình|Hướng dẫn|"
                         r"Thông báo|Đề án|Báo cáo)\s+(?:số\s+)?\d+[^\s]*(?:\s+(?:năm\s+)?\d{4})?\s+"
                         r"(?:(?:về\s+việc|về|do)\s+)?(?P<title>\S.{10,})$")


def site_title(removed: list[Removed]) -> str:
    """The document's title as a website's page heading gives it ('Kế hoạch 328/KH-UBND về duy
    trì, nâng cao ...'), for a copy whose own header lost it; '' if none."""
    for item in removed:
        if item.reason != SITE_REASON:
            continue
        match = _PAGE_TITLE.match(item.text.strip())
        if match and not match.group("title").endswith("..."):
            title = match.group("title").strip()
            return title[:1].upper() + title[1:]
    return ""
