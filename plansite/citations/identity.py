"""One document, one identity.

Numbers that carry a year (71/2020/NĐ-CP) and central Party documents (29-NQ/TW) are unique
on their own. Other numbers repeat: every people's committee issues a 97/KH-UBND each year,
and every provincial Party committee writes its code 'TU'. Those are told apart by where
they were issued (the scope, read from the issuer phrase or, failing that, from the
citing plan's locality and the organ's level) and, for administrative documents, the year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from plansite.citations import grammar as g
from plansite.citations.mention import Mention
from plansite.citations.places import PlaceNames
from plansite.model import District, Province
from plansite.vietnamese import slugify

NATIONAL_WORDS = re.compile(r"Trung ương|Chính phủ|Thủ tướng|Quốc hội|\bBộ\b|Ban Bí thư")
PROVINCE_WORDS = re.compile(r"\btỉnh\b|Tỉnh ủy|\bSở\b", re.IGNORECASE)
DISTRICT_WORDS = re.compile(r"\bquận\b|\bhuyện\b|thị xã|Quận ủy|Huyện ủy|\bPhòng\b", re.IGNORECASE)
CITY_WORDS = re.compile(r"thành phố|Thành ủy|\bTP\b", re.IGNORECASE)


@dataclass(frozen=True)
class Scope:
    level: str  # national, province, district, unknown
    key: str = ""  # '', 'quang-ninh', 'quang-ninh/uong-bi'

    @property
    def slug(self) -> str:
        return self.key.replace("/", "-") or "chua-ro-dia-phuong"


NATIONAL = Scope("national")
UNKNOWN = Scope("unknown")


@dataclass(frozen=True)
class Locale:
    """Where the citing document was issued, and the registry to recognise place names."""

    provinces: tuple[Province, ...] = ()
    province: Province | None = None
    district: District | None = None
    known_places: PlaceNames | None = field(default=None, compare=False, repr=False)  # shared index, built once

    @cached_property
    def places(self) -> PlaceNames:
        return self.known_places or PlaceNames(self.provinces)


def scope_of(mention: Mention, locale: Locale) -> Scope:
    organ = mention.organ or ""
    if _is_national_organ(organ):
        return NATIONAL
    if mention.issuer:
        scope = _scope_from_issuer(mention.issuer, locale)
        if scope is not None:
            return scope
    if mention.form == "legal-with-year":
        return _province_scope(locale)  # local legal documents (63/2021/NQ-HĐND) are mostly provincial
    return _scope_from_organ_level(organ, locale)


def is_state_organ(organ: str) -> bool:
    """Councils, committees, government, ministries and departments: numbered 'số/TYPE-ORGAN'."""
    if organ in g.PARTY_ORGANS:
        return False
    return organ in g.STATE_ORGANS or bool(re.fullmatch(r"[BS][A-ZĐ]{2,}", organ))


def _is_national_organ(organ: str) -> bool:
    return (organ in g.NATIONAL_ORGANS or organ.startswith("QH") or organ == "UBTVQH"
            or bool(re.fullmatch(r"B[A-ZĐ]{2,}", organ)))


def _scope_from_issuer(issuer: str, locale: Locale) -> Scope | None:
    if NATIONAL_WORDS.search(issuer):
        return NATIONAL
    named = _named_place(issuer, locale)
    if named is not None:
        return named
    if PROVINCE_WORDS.search(issuer):
        return _province_scope(locale)
    if DISTRICT_WORDS.search(issuer):
        return _district_scope(locale)
    if CITY_WORDS.search(issuer):
        return _unnamed_city_scope(locale)
    return None


def _named_place(issuer: str, locale: Locale) -> Scope | None:
    """'UBND thành phố Hà Nội' -> ha-noi; 'Thành ủy Hải Dương' (a provincial city) -> hai-duong/hai-duong."""
    found = locale.places.scope_key(issuer)
    return Scope(*found) if found else None


def _province_scope(locale: Locale) -> Scope:
    return Scope("province", locale.province.slug) if locale.province else UNKNOWN


def _district_scope(locale: Locale) -> Scope:
    return Scope("district", locale.district.key) if locale.district else UNKNOWN


def _unnamed_city_scope(locale: Locale) -> Scope:
    """'UBND thành phố' in a plan of a provincial city is that city; in a district of Hà Nội, Hà Nội."""
    if locale.district and locale.district.type == "thành phố thuộc tỉnh":
        return _district_scope(locale)
    if locale.province and locale.province.type == "thành phố trực thuộc trung ương":
        return _province_scope(locale)
    return _district_scope(locale)


def _scope_from_organ_level(organ: str, locale: Locale) -> Scope:
    if organ in g.PROVINCIAL_ORGANS or re.fullmatch(r"S[A-ZĐ]{2,}", organ):
        return _province_scope(locale)
    return _district_scope(locale)


def document_id(mention: Mention, scope: Scope) -> str:
    """Stable slug naming the document; also its page address under /van-ban/."""
    if mention.form == "named-law" and not mention.number_symbol:
        return slugify(mention.title or mention.surface)
    symbol = slugify(mention.number_symbol or "")
    if mention.form == "named-law":
        return symbol
    if mention.form == "legal-with-year":
        # National laws, decrees and circulars are unique by number; a province's own legal
        # documents (63/2021/NQ-HĐND) repeat across provinces, so they carry their province.
        return symbol if scope.level in ("national", "unknown") else f"{symbol}-{scope.slug}"
    if mention.form == "party":
        return symbol if scope.level == "national" else f"{symbol}-{scope.slug}"
    parts = [symbol] + ([] if scope.level == "national" else [scope.slug]) + ([str(mention.year)] if mention.year else [])
    return "-".join(parts)


def plan_document_id(number: str, year: int, district: District, provinces: tuple[Province, ...],
                     places: PlaceNames | None = None) -> str | None:
    """The identity a citation of this plan would resolve to, so citing links go to its page."""
    from plansite.citations.finder import find_mentions  # the finder parses numbers; identity names them

    parsed = [m for m in find_mentions(number) if m.number_symbol] if number else []
    if not parsed:
        return None
    mention = replace(parsed[0], year=parsed[0].year or year)
    province = next((p for p in provinces if p.slug == district.province_slug), None)
    return document_id(mention, scope_of(mention, Locale(provinces, province, district, places)))
