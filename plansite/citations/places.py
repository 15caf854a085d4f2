"""Place names of the registry, indexed once: which province or district an issuer phrase names.

Looking names up one regex at a time costs citations × localities (over 1,100 names at national
scale, more than Python's regex cache holds). This index is built once per registry and reads
an issuer phrase word by word: each word start is looked up in a table of the names that begin
with that word, so the cost grows with the phrase, not with the registry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plansite.model import District, Province

_WORD = re.compile(r"\w+")
_SAYS_PROVINCE = re.compile(r"\btỉnh\b|Tỉnh ủy", re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    rank: tuple[int, int]  # registry order: (province index, 0 for the province, 1 + district index)
    province: Province
    district: District | None


class PlaceNames:
    """Every province and district name of a registry, by first word."""

    def __init__(self, provinces: tuple[Province, ...]):
        self._by_first_word: dict[str, list[tuple[str, _Entry]]] = {}
        for p_index, province in enumerate(provinces):
            self._add(province.name, _Entry((p_index, 0), province, None))
            for d_index, district in enumerate(province.districts):
                self._add(district.name, _Entry((p_index, 1 + d_index), province, district))

    def _add(self, name: str, entry: _Entry) -> None:
        first = _WORD.match(name)
        if first:
            self._by_first_word.setdefault(first.group(), []).append((name, entry))

    def first_named(self, text: str) -> _Entry | None:
        """The named place that comes first in the registry (as a scan of provinces, then their districts, would find)."""
        best: _Entry | None = None
        for word in _WORD.finditer(text):
            if word.start() > 0 and (text[word.start() - 1].isalnum() or text[word.start() - 1] == "_"):
                continue
            for name, entry in self._by_first_word.get(word.group(), ()):
                end = word.start() + len(name)
                if text.startswith(name, word.start()) and not _continues_word(text, end):
                    if best is None or entry.rank < best.rank:
                        best = entry
        return best

    def scope_key(self, issuer: str) -> tuple[str, str] | None:
        """('province', 'ha-noi') for 'UBND thành phố Hà Nội'; ('district', 'hai-duong/hai-duong') for
        'Thành ủy Hải Dương', a provincial city that shares its province's name."""
        entry = self.first_named(issuer)
        if entry is None:
            return None
        if entry.district is not None:
            return "district", entry.district.key
        province = entry.province
        city_district = next((d for d in province.districts if d.name == province.name), None)
        if _SAYS_PROVINCE.search(issuer) or province.type != "tỉnh" or city_district is None:
            return "province", province.slug
        return "district", city_district.key


def _continues_word(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] == "_")
