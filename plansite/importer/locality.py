"""Which district of the registry (content/localities.yaml) a plan belongs to.

The place before the date ('Uông Bí', 'TP. Hải Dương') and the issuer ('... quận Hà Đông')
name the district. A name that several provinces share ('Châu Thành') is settled by the
province named in the text; when it cannot be, the editor chooses.
"""
from __future__ import annotations

import re

from plansite.model import District, Province


def match_locality(provinces: list[Province], hints: list[str], text: str) -> tuple[District | None, list[District]]:
    """(the district, or None; the candidates when there was more than one)."""
    candidates = _named(provinces, [h for h in hints if h])
    if len(candidates) <= 1:
        return (candidates[0] if candidates else None), candidates
    by_province = [d for d in candidates if _mentions(text + " " + " ".join(hints), _province(provinces, d).name)]
    if len(by_province) == 1:
        return by_province[0], candidates
    return None, candidates


_UNIT_BEFORE = r"(?:thành phố|thị xã|quận|huyện|TP\.?|TX\.?)\s+"


def mentioned_district(provinces: list[Province], text: str) -> District | None:
    """The district the body names most often with its unit word ('thành phố Cẩm Phả'),
    if one clearly leads; None when none is named or two tie."""
    counts = []
    for province in provinces:
        for district in province.districts:
            pattern = rf"(?<!\w){_UNIT_BEFORE}{re.escape(district.name)}(?!\w)"
            found = len(re.findall(pattern, text, flags=re.IGNORECASE))
            if found:
                counts.append((found, district))
    counts.sort(key=lambda item: -item[0])
    if not counts or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return counts[0][1]


def _named(provinces: list[Province], hints: list[str]) -> list[District]:
    """Districts named in the hints, the most telling hint (the place) first."""
    for hint in hints:
        found = [d for p in provinces for d in p.districts if _mentions(hint, d.name)]
        if found:
            return found
    return []


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text.lower()) is not None


def _province(provinces: list[Province], district: District) -> Province:
    return next(p for p in provinces if p.slug == district.province_slug)


def find_district(provinces: list[Province], key: str) -> District | None:
    return next((d for p in provinces for d in p.districts if d.key == key), None)
