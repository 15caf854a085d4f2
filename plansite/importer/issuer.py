"""The issuing body: from the capitals of the header block, or inferred when there is none.

'UBND THÀNH PHỐ UÔNG BÍ' / 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO' becomes parent 'Ủy ban nhân dân thành
phố Uông Bí' and issuer 'Phòng Giáo dục và Đào tạo thành phố Uông Bí' (a district office is
named with its district). Without a header, the organ code of the number ('KH-PGDĐT') or the
plan's own words ('Phòng Giáo dục và Đào tạo (GDĐT) thành phố xây dựng kế hoạch') name the
organ, and the matched district completes it.
"""
from __future__ import annotations

import re

from plansite.importer.lines import plain

_EXPANSIONS = (
    (re.compile(r"\bUBND\b"), "ỦY BAN NHÂN DÂN"),
    (re.compile(r"\bHĐND\b"), "HỘI ĐỒNG NHÂN DÂN"),
    (re.compile(r"\bGD\s*&\s*ĐT\b|\bGD\s*-\s*ĐT\b|\bGDĐT\b"), "GIÁO DỤC VÀ ĐÀO TẠO"),
    (re.compile(r"\bP\.\s*GD\s*&\s*ĐT\b|\bPGD\s*&\s*ĐT\b|\bPGDĐT\b"), "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"),
    (re.compile(r"\bTP\.\s*|\bTP\s+"), "THÀNH PHỐ "),
    (re.compile(r"\bTX\.\s*"), "THỊ XÃ "),
    (re.compile(r"UỶ"), "ỦY"),
)
UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "quận", "huyện", "tỉnh", "phường", "xã")
_UNIT = re.compile(r"(?<!\w)(" + "|".join(UNIT_WORDS) + r")(?!\w)", re.IGNORECASE)
_BARE_HEADS = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
_FUNCTION_AFTER = ("phòng", "sở", "bộ", "ban", "trung tâm", "văn phòng", "cục", "chi cục")
_SCHOOL_LEVELS = ("mầm non", "tiểu học", "trung học cơ sở", "trung học phổ thông", "phổ thông", "liên cấp")
_NAMED_WITH_DISTRICT = ("Phòng ", "Sở ", "Ban ", "Văn phòng ", "Thanh tra ", "Trung tâm ")
ACRONYMS = {"THCS", "THPT", "TH", "MN", "GDTX", "GDNN", "GDNN-GDTX", "TTGDTX", "PTDTBT", "PTDTNT", "TH&THCS",
            "THCS&THPT", "MTTQ", "CNTT"}

# Organ codes after the type in a number ('KH-PGDĐT', '12-KH/HU') -> the organ's name.
ORGAN_CODES = {
    "PGDĐT": "Phòng Giáo dục và Đào tạo", "PGD&ĐT": "Phòng Giáo dục và Đào tạo", "PGD": "Phòng Giáo dục và Đào tạo",
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "SGDĐT": "Sở Giáo dục và Đào tạo",
    "SGD&ĐT": "Sở Giáo dục và Đào tạo", "QU": "Quận ủy", "HU": "Huyện ủy",
}
_SELF_REFERENCE = re.compile(
    r"(?<![-/\w])(?P<organ>Phòng Giáo dục và Đào tạo|Phòng GD&ĐT|Phòng GDĐT|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Sở Giáo dục và Đào tạo"
    r"|Hội đồng nhân dân|Quận ủy|Huyện ủy|Thị ủy|Thành ủy)\s*(?:\([^)]{1,12}\)\s*)?"
    r"(?P<unit>thành phố|quận|huyện|thị xã|tỉnh)?[^.;:]{0,60}?\s(?:xây dựng|ban hành|triển khai)",
    re.IGNORECASE)


def organs_from_lines(caps_lines: list[str]) -> tuple[str, str, list[str]]:
    """(parent issuer, issuer, abbreviations written out) from the header's capital lines."""
    expanded = [a for line in caps_lines for pattern, _ in _EXPANSIONS for a in pattern.findall(plain(line))]
    units = _merged_units([_expand(plain(line)) for line in caps_lines if plain(line)])
    if not units:
        return "", "", []
    issuer = proper_case(units[-1])
    parent = proper_case(" ".join(units[:-1])) if len(units) > 1 else ""  # three levels are rare; keep every word
    if parent and issuer.startswith(_NAMED_WITH_DISTRICT) and not _UNIT.search(issuer):
        unit = _UNIT.search(parent)
        if unit:
            issuer = f"{issuer} {parent[unit.start():]}"
    return parent, issuer, expanded


def _expand(text: str) -> str:
    text = " ".join(text.split()).strip(" .,;:-_")
    for pattern, replacement in _EXPANSIONS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _merged_units(lines: list[str]) -> list[str]:
    """'ỦY BAN NHÂN DÂN' + 'QUẬN HÀ ĐÔNG' is one name printed on two lines."""
    units: list[str] = []
    for line in lines:
        if units and (units[-1] in _BARE_HEADS or _UNIT.match(line)):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    return units


def proper_case(caps: str) -> str:
    """'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ UÔNG BÍ' -> 'Phòng Giáo dục và Đào tạo thành phố Uông Bí'."""
    words = caps.split()
    out: list[str] = []
    place_name = False
    index = 0
    while index < len(words):
        word, lower = words[index], words[index].lower()
        pair = " ".join(w.lower() for w in words[index:index + 2])
        if word.upper() in ACRONYMS or "&" in word or _acronym(word):
            out.append(word)
        elif place_name:
            out.append(lower.capitalize())
        elif pair in UNIT_WORDS or lower in UNIT_WORDS:
            unit_words = pair.split() if pair in UNIT_WORDS else [lower]
            if index + len(unit_words) < len(words) and words[index + len(unit_words)].lower() == "ủy":
                out.extend([unit_words[0].capitalize(), *unit_words[1:], "ủy"])
                index += len(unit_words) + 1
                place_name = True
                continue
            out.extend(unit_words)
            index += len(unit_words)
            place_name = True
            continue
        else:
            out.append(lower)
        index += 1
    return _capitalise_functions(" ".join(out))


_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _acronym(word: str) -> bool:
    """'PCGD-XMC', 'BCH': letters with no vowel are initials, not a Vietnamese syllable."""
    parts = [p for p in re.split(r"[-/]", word.strip("(),.;:")) if p]
    return bool(parts) and all(len(p) >= 2 and p.isupper() and not (set(p.lower()) & _VOWELS) for p in parts)


def _capitalise_functions(name: str) -> str:
    name = re.sub(r"giáo dục và đào tạo", "Giáo dục và Đào tạo", name, flags=re.IGNORECASE)
    for organ in _FUNCTION_AFTER:
        # 'Ban Tuyên giáo', but not the 'ban' of 'Ủy ban nhân dân'
        name = re.sub(rf"(?<![Ủủ]y )(?<!\w)({organ}) (\w)", lambda m: f"{m.group(1)} {m.group(2).upper()}", name)
    if name.lower().startswith("trường "):
        name = _school_name(name)
    return name[:1].upper() + name[1:]


def _school_name(name: str) -> str:
    """'trường tiểu học kim đồng' -> 'Trường Tiểu học Kim Đồng'."""
    rest = name[len("trường "):]
    for level in _SCHOOL_LEVELS:
        if rest.lower().startswith(level):
            title = " ".join(w.capitalize() if w.upper() not in ACRONYMS else w for w in rest[len(level):].split())
            return f"Trường {level.capitalize()} {title}".strip()
    words = rest.split()
    return "Trường " + " ".join(w if w.upper() in ACRONYMS else w.capitalize() for w in words)


def organ_from_symbol(symbol: str) -> str:
    """'95/KH-PGDĐT', 'KH-PGDĐT' -> 'Phòng Giáo dục và Đào tạo'; '12-KH/HU' -> 'Huyện ủy'; '' if unknown."""
    parts = re.split(r"[-/]", symbol.replace(" ", ""))
    return ORGAN_CODES.get(parts[-1].upper(), "") if len(parts) > 1 else ""


def organ_from_text(text: str) -> tuple[str, str]:
    """(organ, unit word) from the plan's words about itself, for example
    'Phòng Giáo dục và Đào tạo (GDĐT) thành phố xây dựng kế hoạch'."""
    matches = list(_SELF_REFERENCE.finditer(text))
    if not matches:
        return "", ""
    match = matches[-1]  # the subject of the closing 'xây dựng Kế hoạch ... như sau', not a cited body
    organ = _expand(match.group("organ").upper())
    return proper_case(organ), (match.group("unit") or "").lower()


# The signer's title names the kind of organ that signs: 'TRƯỞNG PHÒNG' signs for a Phòng.
_SIGNER_ORGANS = (("TRƯỞNG PHÒNG", "Phòng"), ("CHỦ TỊCH", "Ủy ban nhân dân"), ("GIÁM ĐỐC", "Sở"),
                  ("HIỆU TRƯỞNG", "Trường"), ("BÍ THƯ", "ủy"))


def organ_kind_of_signer(title: str, authority: list[str]) -> str:
    """'Phòng' for 'TRƯỞNG PHÒNG' / 'PHÓ TRƯỞNG PHÒNG', 'Ủy ban nhân dân' for 'TM. ỦY BAN NHÂN DÂN'
    and a 'CHỦ TỊCH'; '' when the title says nothing about the organ."""
    for line in authority:
        organ = _expand(plain(line).upper().removeprefix("TM.").removeprefix("KT.").strip())
        if organ.startswith("ỦY BAN NHÂN DÂN"):
            return "Ủy ban nhân dân"
        if organ.startswith("HỘI ĐỒNG NHÂN DÂN"):
            return "Hội đồng nhân dân"
    upper = title.upper()
    return next((organ for word, organ in _SIGNER_ORGANS if word in upper), "")


def agrees_with_signer(organ: str, kind: str) -> bool:
    return not kind or organ.startswith(kind) or (kind == "ủy" and organ.endswith("ủy"))
