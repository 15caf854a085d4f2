"""What the search index holds for each page besides its text: metadata, filters and sort keys.

Host-independent: given a planned page, `search_entry` says whether the page is searchable
and what to attach to it. One template partial (partials/search-entry.html) turns an entry
into data-pagefind-* elements (the attribute names Pagefind defined, kept as the markup's
contract), which plansite/search_index.py reads when it indexes the built page. A new page
kind becomes searchable by adding its case to `_ENTRY_BUILDERS` (and `_FILTER_BUILDERS` for
its filters).

Diacritics: the index folds every syllable (tone marks dropped, đ to d) and also keeps each
exact spelling, so 'dao tao' finds 'đào tạo' and a query typed with diacritics finds the
exact spelling first. The keys field adds the folded form of its đ-words ('71/2020/nd-cp'),
so a number typed without diacritics is matched as a whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from plansite.model import District, Plan, SiteModel
from plansite.pages import Page
from plansite.vietnamese import fold, format_short_date, sort_key, upper_first

# Metadata fields, read by plansite/search_index.py. The fields shown in result entries are
# title, label, place and date; KEYS holds the same text (type and number, place, title; a
# plan's signer) plus its đ-words folded, in one field, so a query that names a plan
# ("ke hoach 95 uong bi") is matched, and boosted, as a whole. The body text is indexed from
# the page itself, folded by the index.
TITLE, LABEL, PLACE, DATE = "title", "label", "place", "date"
KEYS = "keys"
# On a locality's own page: the filter ("district", "province") whose value is this locality.
# A query that is just a place name lists the pages of every place so named (several provinces
# have a huyện Châu Thành) before their plans.
OWN = "own"

# Filters, in the order the search page shows them, with their Vietnamese labels.
FILTER_LABELS = {
    "province": "Tỉnh, thành phố",
    "district": "Quận, huyện, thị xã, thành phố",
    "year": "Năm ban hành",
    "doc_type": "Loại văn bản",
    "level": "Cấp học",
}
SORT_DATE = "date"

EDUCATION_LEVELS = {
    "MN": "Mầm non", "TH": "Tiểu học", "THCS": "Trung học cơ sở", "THPT": "Trung học phổ thông",
    "GDTX": "Giáo dục thường xuyên", "GDNN": "Giáo dục nghề nghiệp",
}

_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")


@dataclass(frozen=True)
class SearchEntry:
    """Pagefind data of one searchable page, as (key, value) pairs; a filter key may repeat."""

    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, str], ...]
    sort: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FacetOption:
    value: str  # the filter value stored in the index
    label: str  # what the search page shows
    group: str = ""  # optgroup: the province of a district


def folded_d_words(*texts: str) -> str:
    """The distinct words containing đ/Đ, folded to ASCII: 'Đào tạo, 71/2020/NĐ-CP' -> 'dao 71/2020/nd-cp'."""
    words = dict.fromkeys(word for text in texts for word in text.split() if "đ" in word or "Đ" in word)
    folded = (fold(_EDGE_PUNCTUATION.sub("", _FOOTNOTE_REF.sub("", word))).lower() for word in words)
    return " ".join(dict.fromkeys(word for word in folded if word))


def is_searchable(page: Page) -> bool:
    return page.kind in _ENTRY_BUILDERS


def search_entry(page: Page, model: SiteModel) -> SearchEntry | None:
    """What to index for `page` besides its main content; None if the page is not searchable."""
    builder = _ENTRY_BUILDERS.get(page.kind)
    return builder(page, model) if builder else None


def search_filters(page: Page, model: SiteModel) -> tuple[tuple[str, str], ...]:
    builder = _FILTER_BUILDERS.get(page.kind)
    return tuple(builder(page.subject, model)) if builder else ()


# --- plans ---------------------------------------------------------------------------

def _plan_entry(page: Page, model: SiteModel) -> SearchEntry:
    plan: Plan = page.subject
    place = _place(plan.district, model)
    meta = _meta(plan.title, plan.heading, place, format_short_date(plan.date),
                 also_keys=" ".join((plan.signer.name, *_places_since_2025(plan.district, model))))
    return SearchEntry(meta, search_filters(page, model), ((SORT_DATE, plan.date),))


def _plan_filters(plan: Plan, model: SiteModel) -> Iterable[tuple[str, str]]:
    yield from _locality_filters(plan.district, model)
    yield "year", str(plan.year)
    yield "doc_type", plan.doc_type
    for level in plan.levels:
        yield "level", EDUCATION_LEVELS.get(level, level)


# --- cited documents (pages from the citations work: the subject has doc_type, number_symbol,
# issuer and date, any of them possibly empty, and maybe a title) ---------------------------

def _document_entry(page: Page, model: SiteModel) -> SearchEntry:
    doc = page.subject
    label = f"{doc.doc_type} số {doc.number_symbol}" if doc.doc_type and doc.number_symbol else page.title
    title = getattr(doc, "title", None) or page.title  # the trích yếu, when the document has one
    meta = _meta(title, label, doc.issuer or "", format_short_date(doc.date) if doc.date else "")
    return SearchEntry(meta, search_filters(page, model), ((SORT_DATE, doc.date),) if doc.date else ())


def _document_filters(doc: Any, model: SiteModel) -> Iterable[tuple[str, str]]:
    if doc.doc_type:
        yield "doc_type", doc.doc_type
    if doc.date:
        yield "year", doc.date[:4]


# --- localities ----------------------------------------------------------------------

def _district_entry(page: Page, model: SiteModel) -> SearchEntry:
    district: District = page.subject
    province = model.province_of(district)
    meta = _meta(upper_first(district.full_name), upper_first(district.type), province.full_name, "")
    return SearchEntry(meta + ((OWN, "district"),), search_filters(page, model))


def _province_entry(page: Page, model: SiteModel) -> SearchEntry:
    province = page.subject
    meta = _meta(upper_first(province.full_name), upper_first(province.type), "", "")
    return SearchEntry(meta + ((OWN, "province"),), search_filters(page, model))


def _locality_filters(district: District, model: SiteModel) -> Iterable[tuple[str, str]]:
    province = model.province_of(district)
    yield "province", province.name
    yield "district", district_filter_value(district, province.name)


def district_filter_value(district: District, province_name: str) -> str:
    """Unique across provinces (several provinces have a 'huyện Châu Thành')."""
    return f"{upper_first(district.full_name)} ({province_name})"


_NAMED_UNIT = re.compile(r"\b(?:thành phố|tỉnh) (?:[A-ZĐ]\w*)(?: [A-ZĐ]\w*)*")


def _places_since_2025(district: District, model: SiteModel) -> list[str]:
    """The localities a district's area belongs to since the 2025 reorganisation ('thành phố
    Hải Phòng' for Hải Dương): a citizen searching today's name finds the older plans."""
    texts = (district.since_2025, model.province_of(district).since_2025)
    return list(dict.fromkeys(match for text in texts for match in _NAMED_UNIT.findall(text or "")))


def _place(district: District, model: SiteModel) -> str:
    return f"{upper_first(district.full_name)}, {model.province_of(district).full_name}"


def _meta(title: str, label: str, place: str, date: str, also_keys: str = "") -> tuple[tuple[str, str], ...]:
    keys = " ".join(part for part in (label, place, title, also_keys) if part)
    fields = {TITLE: title, LABEL: label, PLACE: place, DATE: date,
              KEYS: f"{keys} {folded_d_words(keys)}".strip()}
    return tuple((key, value) for key, value in fields.items() if value)


_ENTRY_BUILDERS: dict[str, Callable[[Page, SiteModel], SearchEntry]] = {
    "plan": _plan_entry,
    "document": _document_entry,
    "district": _district_entry,
    "province": _province_entry,
}
_FILTER_BUILDERS: dict[str, Callable[[Any, SiteModel], Iterable[tuple[str, str]]]] = {
    "plan": _plan_filters,
    "document": _document_filters,
    "district": lambda district, model: _locality_filters(district, model),
    "province": lambda province, model: [("province", province.name)],
}


# --- the search page's filter controls -----------------------------------------------

def facets(pages: Iterable[Page], model: SiteModel) -> dict[str, list[FacetOption]]:
    """Every filter value in the index, ordered for people: places as on the localities page
    (Vietnamese alphabetical order, districts grouped by province), newest year first,
    education levels in school order, other values alphabetically."""
    values: dict[str, set[str]] = {key: set() for key in FILTER_LABELS}
    for page in pages:
        for key, value in search_filters(page, model):
            values[key].add(value)
    return {key: _ordered_options(key, found, model) for key, found in values.items()}


def _ordered_options(key: str, found: set[str], model: SiteModel) -> list[FacetOption]:
    if key == "district":
        return [FacetOption(value, upper_first(d.full_name), p.name) for p in model.provinces for d in p.districts
                if (value := district_filter_value(d, p.name)) in found]
    if key == "province":
        return [FacetOption(p.name, p.name) for p in model.provinces if p.name in found]
    if key == "year":
        return [FacetOption(v, v) for v in sorted(found, reverse=True)]
    if key == "level":
        order = list(EDUCATION_LEVELS.values())
        return [FacetOption(v, v) for v in sorted(found, key=lambda v: (order.index(v) if v in order else 99, v))]
    return [FacetOption(v, v) for v in sorted(found, key=sort_key)]
