"""A title printed in capitals, written in sentence case with proper names kept.

'TRIỂN KHAI THỰC HIỆN ĐỀ ÁN “DẠY VÀ HỌC NGOẠI NGỮ ...” TRÊN ĐỊA BÀN TỈNH THÁI NGUYÊN' becomes
'Triển khai thực hiện Đề án “Dạy và học ngoại ngữ ...” trên địa bàn tỉnh Thái Nguyên': the
first letter and the first after an opening quote, provinces and named districts, organs
('Thủ tướng Chính phủ', 'Sở Giáo dục và Đào tạo'), a document type named as the thing being
carried out ('thực hiện Đề án', 'Chỉ thị số ...'), numbers and symbols ('08/CT-TTg'),
acronyms and Roman numerals keep their capitals. What a rule cannot know (a programme's own
name) is left for the editor, and the importer flags the title for review.
"""
from __future__ import annotations

import re

from plansite.importer.provinces import CITIES, PROVINCES

_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_ROMAN = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3}|XIX|XX)$")
_ACRONYMS = {"HDI", "COVID", "ASEAN", "UNESCO", "UNICEF", "STEM", "STEAM", "ICT", "AI", "IOT", "GDP", "ODA", "ATTP"}
_MIXED_CODES = {"TTG": "TTg", "CTR": "CTr", "QH": "QH"}
_ORGANS = ("Phó Thủ tướng Thường trực", "Thường trực Tỉnh ủy", "Thường trực Thành ủy", "Thường trực Huyện ủy",
           "Thủ tướng Chính phủ", "Phó Thủ tướng", "Chính phủ", "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương",
           "Trung ương Đảng", "Ban Chấp hành Đảng bộ", "Đại hội Đảng bộ", "Đảng bộ tỉnh", "Nghị quyết Đại hội",
           "Quốc hội", "Việt Nam", "tiếng Việt", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân",
           "Ban Thường vụ", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Hội nghị", "Mặt trận Tổ quốc",
           "Hội Khuyến học", "Bộ Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo",
           "ngành Giáo dục và Đào tạo", "Hồ Chí Minh")
_TYPES = r"(?:đề án|chương trình|kế hoạch|chiến lược|nghị quyết|chỉ thị|quyết định|phong trào|thông tư|nghị định|kết luận|quy hoạch)"
_CARRIED_OUT = re.compile(r"\b((?:thực hiện|triển khai|phê duyệt|ban hành|thông qua|tổng kết|sơ kết) )?(" + _TYPES
                          + r")\b(?=( (?:\S+ ){0,2}số\b)?)", re.IGNORECASE)
_PLACE_UNITS = r"(?:huyện|quận|thị xã|thị trấn|thành phố|phường|xã)"
_NOT_NAMES = {"giai", "đoạn", "năm", "đến", "trong", "và", "của", "về", "trên", "tại", "thời", "kỳ", "nhiệm", "lần",
              "thứ", "hội", "giáo", "dục", "học", "các", "mới", "phát", "triển", "tầm", "nhìn", "định", "hướng", "theo"}


def sentence_case(title: str) -> str:
    words = [_word(token) for token in title.split()]
    text = " ".join(words)
    text = _CARRIED_OUT.sub(_named_type, text)
    for organ in _ORGANS:
        text = re.sub(rf"(?<!\w){re.escape(organ)}(?!\w)", organ, text, flags=re.IGNORECASE)
    text = _places(text)
    # A Party plenum's ordinal is capitalised by custom: 'Hội nghị lần thứ Tám Ban Chấp hành Trung ương'.
    text = re.sub(r"(Hội nghị (?:lần )?thứ) ([^\W\d_]+)", lambda m: f"{m.group(1)} {m.group(2).capitalize()}", text)
    text = re.sub(r"([“\"])(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    return text[:1].upper() + text[1:]


def _named_type(match: re.Match) -> str:
    """'thực hiện đề án' -> 'thực hiện Đề án'; 'chương trình hành động số' -> 'Chương trình ...'."""
    verb, kind = match.group(1) or "", match.group(2)
    if verb or match.group(3):
        kind = kind[:1].upper() + kind[1:]
    return verb + kind


def _word(token: str) -> str:
    """A token lower-cased unless it is a number, a symbol, an acronym or a Roman numeral."""
    core = token.strip("()“”\"',.;:")
    letters = [c for c in core if c.isalpha()]
    if any(c.isdigit() for c in core) or "/" in core:
        return _symbol(token)
    if _ROMAN.match(core) or core in _ACRONYMS or (token.startswith("(") and token.endswith(")") and len(core) <= 6):
        return token
    if len(letters) >= 2 and not (set("".join(letters).lower()) & _VOWELS):
        return token  # no vowel: not a Vietnamese syllable but an acronym (BCH, TW, HĐND)
    if "-" in core and all(part.isupper() and not (set(part.lower()) & _VOWELS) for part in core.split("-") if part):
        return token
    return token.lower()


def _symbol(token: str) -> str:
    """'08/CT-TTG' -> '08/CT-TTg' (the Prime Minister's code is written 'TTg')."""
    return re.sub(r"[A-ZĐ]+", lambda m: _MIXED_CODES.get(m.group(0), m.group(0)), token)


def _places(text: str) -> str:
    for name in sorted(CITIES + PROVINCES, key=len, reverse=True):
        pattern = r"\s*-\s*".join(re.escape(part.strip()) for part in name.split("-")).replace(r"\ ", r"\s+")
        text = re.sub(rf"(?<!\w){pattern}(?!\w)", name, text, flags=re.IGNORECASE)
    return re.sub(rf"(?<!\w)({_PLACE_UNITS}) ([^\W\d_]+)(?: ([^\W\d_]+))?", _named_place, text, flags=re.IGNORECASE)


def _named_place(match: re.Match) -> str:
    unit, first, second = match.group(1), match.group(2), match.group(3)
    if first.lower() in _NOT_NAMES or first[:1].isupper():
        return match.group(0)
    name = first.capitalize() + (f" {second.capitalize()}" if second and second.lower() not in _NOT_NAMES else "")
    rest = f" {second}" if second and second.lower() in _NOT_NAMES else ""
    return f"{unit} {name}{rest}"


_MIN_RUN = 3  # words of the title the body must repeat before its capitals are trusted
_TYPE_WORDS = re.compile(r"^(?:Đề án|Chương trình|Kế hoạch|Chiến lược|Phong trào|Cuộc vận động)$")


def as_the_body_writes(title: str, body: str) -> str:
    """Capitals the rules cannot know, copied from the body where it repeats a run of the
    title: a name after a document type ('Chương trình Sức khỏe học đường') and a person's or
    body's name written as a run of capitalised words ('Nguyễn Sinh Hùng'). Only capitals are
    taken, never taken away: the body may capitalise a word at the start of its sentence."""
    words = title.split()
    index = 0
    while index < len(words):
        for end in range(len(words), index + _MIN_RUN - 1, -1):
            phrase = r"\s+".join(re.escape(w) for w in words[index:end])
            found = re.search(rf"(?<=\S\s){phrase}(?!\w)", body, flags=re.IGNORECASE)
            if found:
                _take_capitals(words, index, found.group(0).split())
                index = end - 1
                break
        index += 1
    return _organs_as_written(" ".join(words), body)


def _organs_as_written(title: str, body: str) -> str:
    """An organ's name the rules capitalised ('ngành Giáo dục và Đào tạo') follows the body
    when the body only ever writes it otherwise ('ngành giáo dục và đào tạo')."""
    for organ in _ORGANS:
        if organ not in title:
            continue
        written = re.findall(rf"(?<!\w){re.escape(organ)}(?!\w)", body, flags=re.IGNORECASE)
        if written and organ not in written:
            title = title.replace(organ, max(set(written), key=written.count))
    return title


def _take_capitals(words: list[str], start: int, written: list[str]) -> None:
    capital = [w[:1].isupper() for w in written]
    for k, word in enumerate(written):
        at = start + k
        if not capital[k] or words[at][:1].isupper() or words[at].lower() != word.lower():
            continue
        after_type = at >= 2 and _TYPE_WORDS.match(f"{words[at - 2]} {words[at - 1]}")
        in_name = (k > 0 and capital[k - 1] and not _TYPE_WORDS.match(f"{written[k - 1]} {word}")) or \
            (k + 1 < len(written) and capital[k + 1])
        if after_type or in_name:
            words[at] = word
