"""What the search index holds for each page: metadata, filters and sort keys for Pagefind.

Host-independent: given a planned page, `search_entry` says whether the page is searchable
and what to attach to it. One template partial (partials/search-entry.html) turns an entry
into data-pagefind-* elements; the browser script (assets/search.js) reads the same field
names and applies `META_WEIGHTS` when ranking. A new page kind becomes searchable by adding
its case to `_ENTRY_BUILDERS` (and `_FILTER_BUILDERS` for its filters).

Diacritics: Pagefind 1.5.2 folds tone marks ('giao duc' finds 'giáo dục') but not đ/Đ
('dao tao' would not find 'đào tạo'). So every word of a page that contains đ is also stored
folded ('dao', '71/2020/nd-cp') in a searchable metadata field. Only those words, each once:
the rest of the page is already matched by Pagefind's own folding, and doubling whole bodies
would double what every query has to score. A query typed with diacritics still finds the
exact spelling first: Pagefind gives exact diacritics a bonus, and the results page puts the
pages that match every word exactly in front (assets/search.js).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from plansite.model import District, Plan, SiteModel
from plansite.pages import Page
from plansite.vietnamese import fold, format_short_date, sort_key, upper_first

# Metadata fields. Every field is searchable; the browser applies META_WEIGHTS when ranking
# (Pagefind's ranking.metaWeights: weight x matched share of the query, squared, is added to
# the page's score). The fields shown in result entries weigh nothing themselves: KEYS holds
# the same text (type and number, place, title; a plan's signer) plus its đ-words folded, in
# one field, so a query that names a plan ("ke hoach 95 uong bi") is matched, and boosted, as
# a whole.
TITLE, LABEL, PLACE, DATE = "title", "label", "place", "date"
KEYS, FOLDED_TEXT = "keys", "folded_text"
META_WEIGHTS = {TITLE: 0.0, LABEL: 0.0, PLACE: 0.0, DATE: 0.0, KEYS: 20.0, FOLDED_TEXT: 0.5}

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
    meta = _meta(plan.title, plan.heading, place, format_short_date(plan.date), folded_d_words(*_plan_texts(plan)),
                 also_keys=" ".join((plan.signer.name, *_places_since_2025(plan.district, model))))
    return SearchEntry(meta, search_filters(page, model), ((SORT_DATE, plan.date),))


def _plan_filters(plan: Plan, model: SiteModel) -> Iterable[tuple[str, str]]:
    yield from _locality_filters(plan.district, model)
    yield "year", str(plan.year)
    yield "doc_type", plan.doc_type
    for level in plan.levels:
        yield "level", EDUCATION_LEVELS.get(level, level)


def _plan_texts(plan: Plan) -> Iterable[str]:
    """Everything a plan page indexes besides title and number (see the ignored parts of plan.html)."""
    yield from (plan.issuer, plan.parent_issuer, plan.body, plan.signer.name)
    for target in plan.targets:
        yield from (target.indicator, str(target.value), target.baseline, target.note)
    for item in plan.programme:
        yield from (item.task, item.lead)


# --- cited documents (pages from the citations work: the subject has doc_type, number_symbol,
# issuer and date, any of them possibly empty, and maybe a title) ---------------------------

def _document_entry(page: Page, model: SiteModel) -> SearchEntry:
    doc = page.subject
    label = f"{doc.doc_type} số {doc.number_symbol}" if doc.doc_type and doc.number_symbol else page.title
    title = getattr(doc, "title", None) or page.title  # the trích yếu, when the document has one
    meta = _meta(title, label, doc.issuer or "", format_short_date(doc.date) if doc.date else "",
                 folded_d_words(page.markdown))
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
    meta = _meta(upper_first(district.full_name), upper_first(district.type), province.full_name, "",
                 folded_d_words(district.since_2025))
    return SearchEntry(meta, search_filters(page, model))


def _province_entry(page: Page, model: SiteModel) -> SearchEntry:
    province = page.subject
    meta = _meta(upper_first(province.full_name), upper_first(province.type), "", "",
                 folded_d_words(province.since_2025, *(d.name for d in province.districts)))
    return SearchEntry(meta, search_filters(page, model))


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


def _meta(title: str, label: str, place: str, date: str, folded_text: str,
          also_keys: str = "") -> tuple[tuple[str, str], ...]:
    keys = " ".join(part for part in (label, place, title, also_keys) if part)
    fields = {TITLE: title, LABEL: label, PLACE: place, DATE: date,
              KEYS: f"{keys} {folded_d_words(keys)}".strip(), FOLDED_TEXT: folded_text}
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
