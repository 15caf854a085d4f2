"""Comparing one indicator across plans: the rows of /chi-tieu/<slug>/ and its bar chart.

The chart is laid out here (plain numbers) and drawn by the template as inline SVG, so the
page needs no script. Only numeric targets get a bar; the table lists every target.
"""
from __future__ import annotations

from dataclasses import dataclass

from plansite.indicators import Indicator
from plansite.model import District, Plan, Province, SiteModel, Target
from plansite.vietnamese import format_number

TARGET_ROW_ANCHOR = "chi-tieu-{}"  # id of a target's row in the plan page's targets table


@dataclass(frozen=True)
class ComparedTarget:
    plan: Plan
    province: Province
    target: Target
    index: int  # position in the plan's targets (1-based): the row anchor

    @property
    def district(self) -> District:
        return self.plan.district

    @property
    def year(self) -> str:
        return self.target.year or str(self.plan.year)

    @property
    def anchor(self) -> str:
        return TARGET_ROW_ANCHOR.format(self.index)

    @property
    def number(self) -> float | None:
        value = self.target.value
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    @property
    def shown_value(self) -> str:
        unit = self.target.unit
        text = format_number(self.target.value) + ("%" if unit == "%" else f" {unit}" if unit else "")
        return f"{self.target.qualifier} {text}".strip()

    @property
    def label(self) -> str:
        level = f", {self.target.level}" if self.target.level else ""
        return f"{self.district.name} {self.year}{level}"


@dataclass(frozen=True)
class Bar:
    label: str  # written above the bar, so it reads at a phone's width
    value_text: str
    y: int  # top of the label line
    width: float

    @property
    def bar_y(self) -> int:
        return self.y + 6


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_height: int
    scale_max: float
    unit: str

    @property
    def plot_width(self) -> int:
        return self.width - 90  # room for the value after the longest bar


def used_indicators(model: SiteModel) -> list[tuple[Indicator, list[ComparedTarget]]]:
    """Indicators that at least one plan sets, with their rows, in the vocabulary's order.

    One pass over all targets (never one per indicator: that would cost indicators × targets).
    """
    if not model.indicators:
        return []
    rows: dict[str, list[ComparedTarget]] = {}
    for plan in model.plans:
        for index, target in enumerate(plan.targets, 1):
            found = model.indicators.of(target.indicator)
            if found is not None:
                rows.setdefault(found.slug, []).append(ComparedTarget(plan, model.province_of(plan.district), target, index))
    order = {d.key: i for i, d in enumerate(model.districts)}
    return [(indicator, sorted(rows[indicator.slug], key=lambda r: (order.get(r.district.key, 0), r.year, r.target.level)))
            for indicator in model.indicators.items if indicator.slug in rows]


def bar_chart(rows: list[ComparedTarget], unit: str, bar_height: int = 16, width: int = 360) -> Chart | None:
    """Horizontal bars, one per numeric target, each with its label above (viewBox units ≈ CSS px on a phone)."""
    numeric = [r for r in rows if r.number is not None]
    if not numeric:
        return None
    top = max(r.number for r in numeric)
    scale_max = 100.0 if unit == "%" and top <= 100 else top or 1.0
    step = bar_height + 26
    plot = width - 90
    bars = tuple(Bar(r.label, r.shown_value, 16 + i * step, round(plot * r.number / scale_max, 1))
                 for i, r in enumerate(numeric))
    return Chart(bars, width, bars[-1].bar_y + bar_height + 4, bar_height, scale_max, unit)


# --- pages --------------------------------------------------------------------------------------

ROWS_PER_PAGE = 300  # past this, an indicator gets one page per province (the scale issue's size limit)


@dataclass(frozen=True)
class IndicatorView:
    """One comparison page: the whole country, or one province when the country is too long."""

    indicator: Indicator
    rows: tuple[ComparedTarget, ...]
    chart: Chart | None
    url: str
    province: Province | None = None
    parts: tuple[tuple[Province, int, str], ...] = ()  # (province, rows, url) when split by province

    @property
    def title(self) -> str:
        return f"{self.indicator.name} – {self.province.full_name}" if self.province else self.indicator.name


def indicator_views(indicator: Indicator, rows: list[ComparedTarget], base_url: str,
                    limit: int | None = None) -> list[IndicatorView]:
    """The page of an indicator; past `limit` rows, a list of provinces and one page for each."""
    if len(rows) <= (ROWS_PER_PAGE if limit is None else limit):
        return [IndicatorView(indicator, tuple(rows), bar_chart(rows, indicator.unit), base_url)]
    by_province: dict[str, list[ComparedTarget]] = {}
    for row in rows:
        by_province.setdefault(row.province.slug, []).append(row)
    views = [IndicatorView(indicator, tuple(part), bar_chart(part, indicator.unit), f"{base_url}{slug}/", part[0].province)
             for slug, part in by_province.items()]
    parts = tuple((view.province, len(view.rows), view.url) for view in views)
    return [IndicatorView(indicator, (), None, base_url, parts=parts)] + views
