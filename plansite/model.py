"""The site model: localities, plans and curated documents, built once from content and then only read.

Entities only: plain frozen dataclasses and tuples; no MkDocs, no file system, and no
analysis. The citation graph over these entities is built by the build step (`portal`),
which sits above both the model and the citation analysis.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from plansite.vietnamese import sort_key

if TYPE_CHECKING:
    from plansite.indicators import Indicators

PROVINCE_UNIT_WORD = {"tỉnh": "tỉnh", "thành phố trực thuộc trung ương": "thành phố"}


@dataclass(frozen=True)
class District:
    slug: str
    name: str
    type: str  # quận, huyện, thị xã, thành phố thuộc tỉnh
    code: str
    since_2025: str
    province_slug: str

    @property
    def key(self) -> str:
        return f"{self.province_slug}/{self.slug}"

    @property
    def full_name(self) -> str:
        """'thành phố Uông Bí', 'quận Hà Đông'."""
        unit = "thành phố" if self.type == "thành phố thuộc tỉnh" else self.type
        return f"{unit} {self.name}"


@dataclass(frozen=True)
class Province:
    slug: str
    name: str
    type: str  # tỉnh, thành phố trực thuộc trung ương
    code: str
    since_2025: str
    districts: tuple[District, ...]

    @property
    def full_name(self) -> str:
        """'tỉnh Quảng Ninh', 'thành phố Hà Nội'."""
        return f"{PROVINCE_UNIT_WORD.get(self.type, self.type)} {self.name}"


@dataclass(frozen=True)
class Signer:
    title: str
    name: str
    authority: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    indicator: str
    value: float | int | str
    level: str = ""
    qualifier: str = ""
    unit: str = ""
    baseline: str = ""
    note: str = ""
    year: str = ""  # the year or school year the target is for ('2024', '2020-2021'); '' = the plan's
    review: bool = False  # extracted by the importer and not yet checked by an editor
    line: int = field(default=0, compare=False)  # where the indicator is written, for messages


@dataclass(frozen=True)
class Assignment:
    """A task given to a lead unit ('Đơn vị chủ trì'), with helpers and a deadline as printed."""

    task: str
    lead: str
    coordinating: tuple[str, ...] = ()
    deadline: str = ""  # as printed: 'Từ tháng 01/2024 đến tháng 12/2024'
    start: str = ""  # ISO month or day the work starts (or is due, when there is no range)
    end: str = ""  # ISO month or day it ends; '' for a single date
    section: str = ""  # the heading of the part of the plan that sets the task
    review: bool = False


@dataclass(frozen=True)
class SourceFile:
    """Where the text came from: the file the importer read (recorded by `build.py import`)."""

    file: str
    type: str  # docx, txt, md
    sha256: str
    imported: str  # ISO date of the import


@dataclass(frozen=True)
class ProgrammeItem:
    quarter: int
    year: int
    task: str
    lead: str


@dataclass(frozen=True)
class Plan:
    source_path: str  # as shown to editors, e.g. content/plans/ha-noi/ha-dong/2023-333-kh-ubnd.md
    slug: str  # file name without .md: '<year>-<number-slug>'
    district: District
    number: str
    doc_type: str
    title: str
    issuer: str
    place: str
    date: str  # ISO, possibly month-only ('2020-10')
    signer: Signer
    recipients: tuple[str, ...]
    body: str  # Markdown
    body_first_line: int
    title_line: int = 1
    symbol: str = ""
    parent_issuer: str = ""
    status: str = "ban hành"
    levels: tuple[str, ...] = ()
    recipients_note: str = ""
    targets: tuple[Target, ...] = ()
    programme: tuple[ProgrammeItem, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    source: SourceFile | None = None
    original: str = ""  # file name of the original committed beside the content file, if any
    not_in_copy: tuple[str, ...] = ()  # header parts our copy does not print: not a draft
    number_at: tuple[int, int] = (2, 1)  # line, column of 'number', for identity errors

    def __hash__(self) -> int:
        # Plans are dictionary keys all over the citation graph; the generated hash would walk every
        # field (signer, targets, programme...) on each lookup. The file path identifies a plan.
        return hash(self.source_path)

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def has_day(self) -> bool:
        """False for documents printed without a day ('ngày   tháng 10 năm 2020')."""
        return len(self.date) == 10

    @property
    def is_draft(self) -> bool:
        return self.status == "dự thảo"

    @property
    def number_display(self) -> str:
        """The 'Số:' line as printed: '95/KH-PGDĐT', or ' /KH-UBND' for an unnumbered draft."""
        if self.number:
            return self.number
        return f"/{self.symbol}" if self.symbol else ""

    @property
    def heading(self) -> str:
        """'Kế hoạch số 95/KH-PGDĐT' or 'Kế hoạch (dự thảo, chưa có số)'."""
        if self.number:
            return f"{self.doc_type} số {self.number}"
        if "number" in self.not_in_copy:
            return f"{self.doc_type} (bản sao không in số)"
        return f"{self.doc_type} (dự thảo, chưa có số)"

    def programme_by_quarter(self) -> list[tuple[str, list[ProgrammeItem]]]:
        """[('Quý I/2023', [items...]), ...] in printed order."""
        groups: dict[str, list[ProgrammeItem]] = {}
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        for item in self.programme:
            groups.setdefault(f"Quý {roman[item.quarter]}/{item.year}", []).append(item)
        return list(groups.items())


@dataclass(frozen=True)
class CuratedDocument:
    """What an editor wrote in content/documents/<id>.yaml."""

    id: str
    source_path: str
    doc_type: str = ""
    number_symbol: str = ""
    title: str = ""
    issuer: str = ""
    date: str = ""
    link: str = ""
    summary: str = ""
    aliases: tuple[str, ...] = ()
    alias_at: tuple[tuple[int, int], ...] = ()  # line, column of each alias, for identity errors


def ordered(provinces) -> tuple[Province, ...]:
    """Provinces and each one's districts in Vietnamese alphabetical order, as the model holds them."""
    return tuple(sorted(
        (Province(p.slug, p.name, p.type, p.code, p.since_2025, tuple(sorted(p.districts, key=lambda d: sort_key(d.name))))
         for p in provinces),
        key=lambda p: sort_key(p.name)))


def newest_first(plans) -> tuple[Plan, ...]:
    return tuple(sorted(plans, key=lambda p: (p.date, p.number), reverse=True))


@dataclass(frozen=True)
class SiteModel:
    provinces: tuple[Province, ...]  # Vietnamese alphabetical order
    plans: tuple[Plan, ...]  # newest first
    _plans_by_district: Mapping[str, tuple[Plan, ...]] = field(repr=False, default_factory=dict)
    documents: tuple[CuratedDocument, ...] = ()  # content/documents/, in file name order
    reading_order: tuple[Plan, ...] = field(repr=False, default=())  # as read, in file path order: the
    # citation graph is built in this order, so its 'first cited' tie-breaks stay what editors saw
    indicators: Indicators = None  # the shared vocabulary of targets (content/indicators.yaml)
    last_changed: Mapping[str, str] = field(repr=False, default_factory=dict)  # source_path -> ISO date (git)

    @classmethod
    def build(cls, provinces, plans, documents=(), indicators: Indicators | None = None,
              last_changed: Mapping[str, str] | None = None) -> SiteModel:
        ordered_provinces = ordered(provinces)
        ordered_plans = newest_first(plans)
        by_district: dict[str, list[Plan]] = {}
        for plan in ordered_plans:
            by_district.setdefault(plan.district.key, []).append(plan)
        frozen = MappingProxyType({k: tuple(v) for k, v in by_district.items()})
        return cls(ordered_provinces, ordered_plans, frozen, tuple(documents), tuple(plans), indicators,
                   MappingProxyType(dict(last_changed or {})))

    def changed_on(self, plan: Plan) -> str:
        """ISO date the plan's file last changed (git history); its own date when there is no history."""
        return self.last_changed.get(plan.source_path) or plan.date

    def plans_in(self, district: District) -> tuple[Plan, ...]:
        return self._plans_by_district.get(district.key, ())

    def plans_in_province(self, province: Province) -> tuple[Plan, ...]:
        return newest_first(p for d in province.districts for p in self.plans_in(d))

    def province_of(self, district: District) -> Province:
        return next(p for p in self.provinces if p.slug == district.province_slug)

    @property
    def districts(self) -> tuple[District, ...]:
        return tuple(d for p in self.provinces for d in p.districts)

    @cached_property
    def _district_order(self) -> Mapping[str, int]:
        """Registry position of each district, computed once (document pages group by it)."""
        return MappingProxyType({d.key: i for i, d in enumerate(self.districts)})

    def group_by_locality(self, items, district_of) -> list[tuple[Province, list[tuple[District, list]]]]:
        """Items grouped by province, then district, in the registry's Vietnamese order."""
        order = self._district_order
        grouped: dict[str, list] = {}
        for item in items:
            grouped.setdefault(district_of(item).key, []).append(item)
        result: list[tuple[Province, list[tuple[District, list]]]] = []
        for key in sorted(grouped, key=lambda k: order.get(k, len(order))):
            district = district_of(grouped[key][0])
            province = self.province_of(district)
            if not result or result[-1][0] is not province:
                result.append((province, []))
            result[-1][1].append((district, grouped[key]))
        return result
