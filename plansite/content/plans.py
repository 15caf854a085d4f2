"""Loading plan files (content/plans/<province>/<district>/<year>-<number-slug>.md)."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from plansite.content.characters import report_look_alike, report_unwanted_characters
from plansite.content.markup import check_body
from plansite.content.schema import validate_front_matter
from plansite.content.source import decode, read_file, safe_resolve, split_front_matter
from plansite.content.yaml_positions import LoadedYaml, load_yaml
from plansite.errors import Position, Problems, display_path
from plansite.model import Assignment, District, Plan, ProgrammeItem, Signer, SourceFile, Target
from plansite.vietnamese import parse_partial_date

FILE_NAME = re.compile(r"(?P<year>[0-9]{4})-[a-z0-9]+(-[a-z0-9]+)*\.md")
# Received originals (source.file of a plan) may be committed beside the plan file.
ORIGINAL_SUFFIXES = (".docx", ".txt", ".pdf", ".doc", ".odt")


def plan_files(plans_dir: Path) -> list[Path]:
    return sorted(p for p in plans_dir.rglob("*") if p.is_file() or p.is_symlink())


def _is_original(path: Path, plans_dir: Path, plans: list[Plan]) -> bool:
    """A received file committed beside the plan that names it in `source.file` (a regular file)."""
    if path.suffix.lower() not in ORIGINAL_SUFFIXES or path.is_symlink() or not path.is_file():
        return False
    folder = "/".join(path.relative_to(plans_dir).parts[:-1])
    return any(p.source and p.source.file == path.name and p.district.key == folder for p in plans)


def _with_originals(plans: list[Plan], originals: set[Path], plans_dir: Path) -> list[Plan]:
    names = {("/".join(p.relative_to(plans_dir).parts[:-1]), p.name) for p in originals}
    return [replace(plan, original=plan.source.file)
            if plan.source and (plan.district.key, plan.source.file) in names else plan for plan in plans]


def load_plans(plans_dir: Path, root: Path, districts: dict[str, District], problems: Problems,
               allowed_hosts: tuple[str, ...] = (), load=None) -> list[Plan]:
    """All plans; `load` (same signature as load_plan) lets the preview reuse files it read before."""
    load = load or load_plan
    plans: list[Plan] = []
    first_with_number: dict[tuple[str, str], Plan] = {}
    files = plan_files(plans_dir)
    others = [p for p in files if p.suffix.lower() in ORIGINAL_SUFFIXES]
    for path in (p for p in files if p.suffix.lower() not in ORIGINAL_SUFFIXES):
        plan = load(path, plans_dir, root, districts, problems, allowed_hosts)
        if plan is None:
            continue
        identity = (plan.district.key, plan.number)
        if plan.number and identity in first_with_number:
            other = first_with_number[identity]
            problems.error(Position(plan.source_path, 2, 1),
                           f"trùng kế hoạch: {plan.district.full_name} đã có văn bản số {plan.number} ({other.source_path})",
                           "xóa một trong hai tệp, hoặc sửa lại 'number' nếu nhập nhầm số")
            continue
        first_with_number[identity] = plan
        plans.append(plan)
    originals = {p for p in others if _is_original(p, plans_dir, plans)}
    for path in others:
        if path not in originals:  # not an original any plan names: report it as a stray file
            load_plan(path, plans_dir, root, districts, problems)
    return _with_originals(plans, originals, plans_dir)


def load_plan(path: Path, plans_dir: Path, root: Path, districts: dict[str, District],
              problems: Problems, allowed_hosts: tuple[str, ...] = ()) -> Plan | None:
    shown = display_path(path, root)
    if not _safe_location(path, plans_dir, shown, problems):
        return None
    file_problems = Problems()
    data = read_file(path, shown, file_problems)
    source = decode(shown, data, file_problems) if data is not None else None
    split = split_front_matter(source, file_problems) if source else None
    if split:
        _report_todos(split, shown, file_problems)
        check_body(split.body, shown, split.body_first_line, allowed_hosts, file_problems)
    loaded = load_yaml(split.yaml_text, shown, split.yaml_first_line, file_problems) if split else None
    plan = None
    if loaded is not None and validate_front_matter(loaded, file_problems):
        plan = _semantic_checks(path, plans_dir, shown, loaded, split, districts, file_problems)
    problems.extend(file_problems)
    return plan if not file_problems.errors else None


_TODO = re.compile(r"(?:^|\s)(#\s*TODO\b[:\s]*)(.*)$")


def _report_todos(split, shown: str, problems: Problems) -> None:
    """`build.py import` marks what it could not fill with '# TODO': such a file is not ready."""
    for offset, line in enumerate(split.yaml_text.split("\n")):
        todo = _TODO.search(line)
        if todo:
            what, _, how = todo.group(2).partition(" — ")
            fix = f"{how.strip()}; rồi xóa chú thích '# TODO'" if how.strip() else "điền theo văn bản gốc rồi xóa chú thích '# TODO'"
            problems.error(Position(shown, split.yaml_first_line + offset, todo.start(1) + 1),
                           f"chưa xong (TODO): {what.strip() or 'một mục chưa điền'}", fix)


def plan_body(plan: Plan) -> str:
    """The plan's Markdown body, read back from where it was set aside if the plan is held without it."""
    if not plan.body_file:
        return plan.body
    return Path(plan.body_file).read_text(encoding="utf-8")


def _safe_location(path: Path, plans_dir: Path, shown: str, problems: Problems) -> bool:
    """Plan files are regular .md files inside content/plans/<province>/<district>/."""
    where = Position(shown)
    real = safe_resolve(path)
    if real is None:
        problems.error(where, "liên kết tượng trưng tạo thành vòng lặp", "xóa liên kết hoặc đặt chính tệp vào đây")
        return False
    if not real.is_relative_to(plans_dir.resolve()):
        problems.error(where, "tệp trỏ ra ngoài thư mục content/plans (liên kết tượng trưng)",
                       "thay liên kết bằng chính tệp kế hoạch, đặt trong content/plans/<tỉnh>/<huyện>/")
        return False
    relative = path.relative_to(plans_dir)
    if path.suffix != ".md":
        problems.error(where, "tệp không phải kế hoạch (.md) nằm trong content/plans",
                       "đổi đuôi tệp thành .md hoặc chuyển tệp ra khỏi content/plans")
        return False
    if len(relative.parts) != 3:
        problems.error(where, "kế hoạch phải nằm đúng trong content/plans/<tỉnh>/<huyện>/",
                       "chuyển tệp vào thư mục của huyện, ví dụ content/plans/quang-ninh/uong-bi/")
        return False
    if not FILE_NAME.fullmatch(path.name):
        problems.error(where, f"tên tệp '{path.name}' chưa đúng dạng <năm>-<số-ký-hiệu>.md",
                       "đặt tên bằng chữ thường không dấu, ví dụ 2023-95-kh-pgddt.md")
        return False
    return True


def _semantic_checks(path: Path, plans_dir: Path, shown: str, loaded: LoadedYaml, split, districts,
                     problems: Problems) -> Plan | None:
    data = loaded.data
    district = districts.get(data["locality"])
    if district is None:
        problems.error(loaded.where(("locality",)), f"địa phương '{data['locality']}' không có trong danh mục",
                       "dùng một khóa có trong content/localities.yaml (ví dụ quang-ninh/uong-bi) hoặc thêm địa phương vào đó")
    folder = "/".join(path.relative_to(plans_dir).parts[:2])
    if district is not None and folder != data["locality"]:
        problems.error(loaded.where(("locality",)), f"locality là '{data['locality']}' nhưng tệp nằm trong thư mục '{folder}'",
                       f"chuyển tệp vào content/plans/{data['locality']}/ hoặc sửa locality cho đúng")
    issued = parse_partial_date(data["date"])
    if issued is None:
        problems.error(loaded.where(("date",)), f"ngày '{data['date']}' không tồn tại",
                       "kiểm tra lại ngày, tháng trên văn bản (tháng 1-12, ngày có trong tháng)")
    elif path.name[:4] != data["date"][:4]:
        problems.error(loaded.where(("date",)), f"năm ban hành {data['date'][:4]} khác năm ở đầu tên tệp ({path.name[:4]})",
                       f"đổi tên tệp thành {data['date'][:4]}{path.name[4:]} hoặc sửa lại 'date'")
    unprinted = data.get("not_in_copy", ())
    if len(data["date"]) == 4 and "date" not in unprinted:
        problems.error(loaded.where(("date",)), f"ngày '{data['date']}' chỉ có năm",
                       "ghi năm-tháng-ngày như in; nếu bản sao không in ngày thì thêm dòng 'not_in_copy: [date]'")
    if not data["number"] and not data.get("symbol") and "number" not in unprinted:
        problems.error(loaded.where(("number",)), "văn bản chưa có số nhưng cũng không có ký hiệu",
                       "thêm dòng 'symbol: KH-UBND' (phần in sau dấu '/' trên dòng 'Số:')")
    if data["number"] and data.get("status") == "dự thảo":
        problems.warning(loaded.where(("status",)), "văn bản có số nhưng được đánh dấu là dự thảo",
                         "bỏ dòng 'status: dự thảo' nếu văn bản đã ban hành")
    if not split.body.strip():
        problems.error(Position(shown, split.body_first_line, 1), "kế hoạch chưa có nội dung",
                       "dán toàn văn kế hoạch (dạng Markdown) sau dòng '---' thứ hai")
    for key in ("number", "symbol"):
        report_look_alike(data.get(key) or "", loaded.where((key,)), key, problems)
    report_unwanted_characters(split.body, shown, split.body_first_line, problems, "nội dung", in_body=True)
    if problems.errors or district is None:
        return None
    number_at = loaded.where(("number",))
    lines = {i: loaded.where(("targets", i, "indicator")).line for i in range(len(data.get("targets", ())))}
    return _plan_from(shown, path, district, data, split, loaded.where(("title",)).line, (number_at.line, number_at.col),
                      lines)


def _plan_from(shown: str, path: Path, district: District, data: dict, split, title_line: int,
               number_at: tuple[int, int], target_lines: dict[int, int]) -> Plan:
    signer = data["signer"]
    year = int(data["date"][:4])
    return Plan(
        source_path=shown,
        slug=path.stem,
        district=district,
        number=data["number"],
        symbol=data.get("symbol", ""),
        doc_type=data["doc_type"],
        title=data["title"].strip(),
        issuer=data["issuer"],
        parent_issuer=data.get("parent_issuer", ""),
        place=data["place"],
        date=data["date"],
        status=data.get("status", "ban hành"),
        levels=tuple(data.get("levels", ())),
        signer=Signer(signer["title"], signer["name"], tuple(signer.get("authority", ()))),
        recipients=tuple(data["recipients"]),
        recipients_note=data.get("recipients_note", ""),
        targets=tuple(Target(**{**t, "year": str(t.get("year", ""))}, line=target_lines.get(i, 0))
                      for i, t in enumerate(data.get("targets", ()))),
        not_in_copy=tuple(data.get("not_in_copy", ())),
        programme=tuple(ProgrammeItem(i["quarter"], i.get("year", year), i["task"], i["lead"])
                        for i in data.get("programme", ())),
        assignments=tuple(Assignment(**{**a, "coordinating": tuple(a.get("coordinating", ()))})
                          for a in data.get("assignments", ())),
        source=SourceFile(**data["source"]) if "source" in data else None,
        body=split.body,
        body_first_line=split.body_first_line,
        title_line=title_line,
        number_at=number_at,
    )
