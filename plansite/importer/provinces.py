"""The 63 provinces and centrally-run cities as they were before the 2025 merger: a document's
province can be recognised even when content/localities.yaml (the districts we publish)
does not list it. Names as written in documents' headers."""
from __future__ import annotations

import re

from plansite.vietnamese import slugify

CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")  # thành phố trực thuộc trung ương
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
_SPELLINGS = {"Hoà": "Hòa", "Khánh Hoà": "Khánh Hòa", "Thanh Hoá": "Thanh Hóa", "Đắc Lắc": "Đắk Lắk",
              "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu", "Huế": "Thừa Thiên Huế"}


def _pattern(name: str) -> str:
    return r"\s*[-–]\s*".join(re.escape(part.strip()) for part in name.split("-")).replace(r"\ ", r"\s+")


_NAMES = sorted(CITIES + PROVINCES + tuple(_SPELLINGS), key=len, reverse=True)
_PROVINCE = re.compile(r"(?<!\w)(?:(tỉnh|thành phố|TP\.?)\s+)?(" + "|".join(_pattern(n) for n in _NAMES) + r")(?!\w)",
                       re.IGNORECASE)


def canonical(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"\s*[-–]\s*", " - ", name)
    for spelling, right in _SPELLINGS.items():
        if name.lower() == spelling.lower():
            return right
    return next((n for n in CITIES + PROVINCES if n.lower() == name.lower()), name)


def full_name(name: str) -> str:
    """'Khánh Hòa' -> 'tỉnh Khánh Hòa'; 'Hà Nội' -> 'thành phố Hà Nội'."""
    name = canonical(name)
    return f"thành phố {name}" if name in CITIES else f"tỉnh {name}"


def province_slug(name: str) -> str:
    return slugify(canonical(name))


def provinces_named(text: str, with_unit: bool = True) -> list[str]:
    """Province names in `text`, in order ('tỉnh Khánh Hòa' -> 'Khánh Hòa'); only those with
    their unit word when `with_unit`, since 'Quảng Ninh' alone may be a district or a street."""
    found = []
    for match in _PROVINCE.finditer(text):
        name = canonical(match.group(2))
        unit = (match.group(1) or "").lower()
        if with_unit and not unit:
            continue
        if unit.startswith(("thành phố", "tp")) and name not in CITIES:
            continue  # 'thành phố Hải Dương' is a district-level city
        found.append(name)
    return found


def canonical_places(text: str) -> str:
    """'tỉnh Bà Rịa – Vũng Tàu' -> 'tỉnh Bà Rịa - Vũng Tàu': province names as the list writes them."""
    return _PROVINCE.sub(lambda m: (f"{m.group(1)} " if m.group(1) else "") + canonical(m.group(2)), text)
