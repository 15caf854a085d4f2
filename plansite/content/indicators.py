"""Loading content/indicators.yaml (the indicator vocabulary) and checking plans' targets against it."""
from __future__ import annotations

from pathlib import Path

from plansite.content.schema import _report as report_schema_error
from plansite.content.schema import validator
from plansite.content.source import decode
from plansite.content.yaml_positions import REGISTRY_LIMITS, load_yaml
from plansite.errors import Position, Problems, display_path
from plansite.indicators import Indicator, Indicators, wording_key


def load_indicators(path: Path, root: Path, problems: Problems) -> Indicators | None:
    """The vocabulary, or None for a project without one (then targets are simply not compared)."""
    if not path.is_file():
        return None
    shown = display_path(path, root)
    source = decode(shown, path.read_bytes(), problems)
    loaded = load_yaml(source.text, shown, 1, problems, REGISTRY_LIMITS) if source else None
    if loaded is None or loaded.data is None:
        return Indicators.build(())
    if not isinstance(loaded.data, list):
        problems.error(loaded.where(()), "content/indicators.yaml phải là một danh sách chỉ tiêu",
                       "mỗi chỉ tiêu bắt đầu bằng '- slug: ...' (xem schemas/indicators.schema.json)")
        return Indicators.build(())
    errors = list(validator("indicators.schema.json").iter_errors(loaded.data))
    for error in errors:
        report_schema_error(error, loaded, problems)
    if errors:
        return Indicators.build(())
    items = [Indicator(d["slug"], d["name"], d.get("unit", ""), tuple(d.get("aliases", ())), d.get("description", ""))
             for d in loaded.data]
    _check_unique(items, loaded, problems)
    return Indicators.build(items)


def _check_unique(items: list[Indicator], loaded, problems: Problems) -> None:
    slugs: dict[str, int] = {}
    wordings: dict[str, str] = {}
    for index, item in enumerate(items):
        if item.slug in slugs:
            problems.error(loaded.where((index, "slug")), f"slug '{item.slug}' trùng với chỉ tiêu thứ {slugs[item.slug] + 1}",
                           "mỗi chỉ tiêu một slug riêng; gộp hai mục nếu là cùng một chỉ tiêu")
        slugs.setdefault(item.slug, index)
        for wording in (item.name, *item.aliases):
            owner = wordings.setdefault(wording_key(wording), item.slug)
            if owner != item.slug:
                problems.error(loaded.where((index,)), f"cách gọi '{wording}' đã thuộc chỉ tiêu '{owner}'",
                               "một cách gọi chỉ thuộc một chỉ tiêu: xóa ở một trong hai mục")


def report_unmapped(plans, indicators: Indicators | None, problems: Problems) -> None:
    """`check` names every target whose wording is in no indicator's name or aliases."""
    if indicators is None:
        return
    for plan in plans:
        for target in plan.targets:
            if indicators.of(target.indicator) is None:
                problems.warning(Position(plan.source_path, target.line or 1, 5),
                                 f"chỉ tiêu '{target.indicator}' chưa có trong danh mục chỉ tiêu",
                                 "thêm cách gọi này vào 'aliases' của một chỉ tiêu trong content/indicators.yaml, "
                                 "hoặc thêm chỉ tiêu mới ở đó")



def report_unreviewed(plans, problems: Problems) -> None:
    """Targets and assignments the importer proposed and no editor has checked yet."""
    for plan in plans:
        flagged = sum(t.review for t in plan.targets) + sum(a.review for a in plan.assignments)
        if flagged:
            problems.warning(Position(plan.source_path, 1, 1),
                             f"{flagged} chỉ tiêu, phân công được trích tự động, chưa xem lại (review: true); "
                             "trang ghi “cần xem lại” bên cạnh",
                             "đối chiếu từng mục với bản gốc, sửa nếu cần, rồi xóa dòng 'review: true'")
