"""Targets (chỉ tiêu) and assignments (phân công) read out of an imported plan's Markdown body.

Both are written into the front matter with `review: true`: the importer proposes, an editor
checks against the original and removes the flag. Only the printed forms plans use are read:

- targets: a lead-in sentence that names 'chỉ tiêu' and ends with ':' followed by list items
  'Tỷ lệ trẻ SDD: dưới 01%', or a Markdown table with a 'Chỉ tiêu' column;
- assignments: bullet lines 'Đơn vị chủ trì: …', 'Đơn vị phối hợp: …', 'Thời gian thực hiện: …'
  under a heading (or an 'a)' item), which names the task.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*[-+*]\s+(.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s+(.*)$")
_NUMBERING = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s+")
_EMPHASIS = re.compile(r"[*_]+")
_LEAD_IN = re.compile(r"chỉ tiêu.*:\s*$", re.I)
_YEAR = re.compile(r"năm học (\d{4}\s*-\s*\d{4})|năm (\d{4})", re.I)
_VALUE = re.compile(r"^(?P<qualifier>dưới|trên|ít nhất|tối thiểu|tối đa|đạt|khoảng)?\s*"
                    r"(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>%|trường|giáo viên|học sinh|thư viện|lớp|trẻ)?", re.I)
_LEVELS = (("mầm non", "MN"), ("tiểu học", "TH"), ("trung học cơ sở", "THCS"), ("thcs", "THCS"),
           ("thường xuyên", "GDTX"), ("thpt", "THPT"))
_LEAD = re.compile(r"^(?:đơn vị chủ trì|chủ trì|chịu trách nhiệm)$", re.I)
_HELPERS = re.compile(r"^(?:đơn vị phối hợp|phối hợp)$", re.I)
_WHEN = re.compile(r"^thời gian(?: thực hiện| hoàn thành)?$", re.I)
_MONTH = re.compile(r"(?:tháng\s*)?(\d{1,2})/(\d{4})", re.I)


@dataclass
class ExtractedTarget:
    indicator: str
    value: float | int | str
    level: str = ""
    qualifier: str = ""
    unit: str = ""
    year: str = ""
    line: int = 0  # in the Markdown body

    def as_yaml_data(self) -> dict:
        data = {"indicator": self.indicator, "level": self.level, "qualifier": self.qualifier,
                "value": self.value, "unit": self.unit, "year": self.year, "review": True}
        return {k: v for k, v in data.items() if v != ""}


@dataclass
class ExtractedAssignment:
    task: str
    lead: str = ""
    coordinating: list[str] = field(default_factory=list)
    deadline: str = ""
    start: str = ""
    end: str = ""
    section: str = ""

    def as_yaml_data(self) -> dict:
        data = {"task": self.task, "lead": self.lead, "coordinating": self.coordinating, "deadline": self.deadline,
                "start": self.start, "end": self.end, "section": self.section, "review": True}
        return {k: v for k, v in data.items() if v not in ("", [])}


def _plain(text: str) -> str:
    return " ".join(_EMPHASIS.sub("", text).split()).strip()


def _title(text: str) -> str:
    return _NUMBERING.sub("", _plain(text)).rstrip(".:;")


def _level(context: str) -> str:
    lowered = context.casefold()
    return next((code for words, code in _LEVELS if words in lowered), "")


def _number(text: str) -> float | int:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() and "." not in text and "," not in text else value


# --- targets -----------------------------------------------------------------------------------

def extract_targets(body: str, plan_year: str = "") -> list[ExtractedTarget]:
    targets: list[ExtractedTarget] = []
    headings: list[str] = []
    lead_in: str | None = None
    table: list[list[str]] = []
    for number, line in enumerate(body.split("\n"), 1):
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if heading:
            headings = headings[:len(heading.group(1)) - 1] + [heading.group(2)]
            lead_in = None
        item = _ITEM.match(line)
        if stripped.startswith("|"):
            table.append([_plain(c) for c in stripped.strip("|").split("|")])
            continue
        if table:
            targets += _from_table(table, " ".join(headings), plan_year, number)
            table = []
        if item and lead_in is not None:
            targets += _from_item(item.group(1), " ".join(headings + [lead_in]), lead_in, plan_year, number)
        elif stripped and not item:
            lead_in = stripped if _LEAD_IN.search(_plain(stripped)) else None
    if table:
        targets += _from_table(table, " ".join(headings), plan_year, 0)
    return targets


def _from_item(text: str, context: str, lead_in: str, plan_year: str, line: int) -> list[ExtractedTarget]:
    label, colon, rest = _plain(text).partition(":")
    if not colon:
        return []
    value = _VALUE.match(rest.strip())
    if not value:
        return []
    year = _YEAR.search(lead_in)
    found = (year.group(1) or year.group(2)).replace(" ", "") if year else plan_year
    return [ExtractedTarget(label.strip(), _number(value.group("number")), _level(context),
                            (value.group("qualifier") or "").lower(), value.group("unit") or "", found, line)]


def _from_table(rows: list[list[str]], context: str, plan_year: str, line: int) -> list[ExtractedTarget]:
    header = [cell.casefold() for cell in rows[0]]
    name_col = next((i for i, cell in enumerate(header) if "chỉ tiêu" in cell or "nội dung" in cell), None)
    if name_col is None or not any("chỉ tiêu" in cell for cell in header):
        return []
    found = []
    for row in rows[1:]:
        if set("".join(row)) <= set("-: "):
            continue
        for cell in row[name_col + 1:]:
            value = _VALUE.match(cell.strip())
            if value and row[name_col]:
                found.append(ExtractedTarget(_title(row[name_col]), _number(value.group("number")), _level(context),
                                             (value.group("qualifier") or "").lower(), value.group("unit") or "",
                                             plan_year, line))
                break
    return found


# --- assignments -------------------------------------------------------------------------------

def extract_assignments(body: str) -> list[ExtractedAssignment]:
    assignments: list[ExtractedAssignment] = []
    task, section = "", ""
    current: ExtractedAssignment | None = None
    for line in body.split("\n"):
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        letter = _LETTER.match(_plain(stripped))
        if heading or letter:
            task = _title(heading.group(2) if heading else stripped)
            section = task if heading and len(heading.group(1)) <= 3 else section
            current = None
            continue
        item = _ITEM.match(line)
        if not item or not task:
            continue
        label, colon, value = _plain(item.group(1)).partition(":")
        value = value.strip().rstrip(".;")
        if not colon or not value:
            continue
        if _LEAD.match(label.strip()):
            current = ExtractedAssignment(task, lead=value, section=section if section != task else "")
            assignments.append(current)
        elif _HELPERS.match(label.strip()):
            current = current or _pending(assignments, task, section)
            current.coordinating = _units(value)
        elif _WHEN.match(label.strip()) and current is not None:
            current.deadline = value
            current.start, current.end = deadline_months(value)
    return [a for a in assignments if a.lead]


def _units(text: str) -> list[str]:
    """'Phòng GDĐT, Trung tâm GDNN-GDTX và các phòng, ban, đơn vị có liên quan' -> two units.

    A fragment in lower case ('ban', 'đơn vị có liên quan') continues the unit before it,
    except 'các …', which names units of its own ('các trường mầm non').
    """
    units: list[str] = []
    for fragment in (f.strip() for f in re.split(r",\s*(?![^()]*\))", text)):
        if units and fragment[:1].islower() and not fragment.startswith("các "):
            units[-1] += ", " + fragment
        elif fragment:
            units.append(fragment)
    return units


def _pending(assignments: list[ExtractedAssignment], task: str, section: str) -> ExtractedAssignment:
    """A 'phối hợp' line before any 'chủ trì' line: kept only if a lead follows."""
    pending = ExtractedAssignment(task, section=section if section != task else "")
    assignments.append(pending)
    return pending


def deadline_months(text: str) -> tuple[str, str]:
    """'Từ tháng 01/2024 đến tháng 12/2024' -> ('2024-01', '2024-12'); 'Tháng 01/2024' -> ('2024-01', '')."""
    months = [f"{int(y):04d}-{int(m):02d}" for m, y in _MONTH.findall(text) if 1 <= int(m) <= 12]
    if not months:
        return "", ""
    if len(months) == 1:
        return months[0], ""
    return months[0], months[-1] if months[-1] != months[0] else ""


# --- front matter ------------------------------------------------------------------------------

def extracted_front_matter(body: str, plan_year: str, skip: set[str] = frozenset()) -> str:
    """YAML for the targets and assignments found in the body, each flagged `review: true`."""
    import yaml  # only the import command writes YAML

    blocks = {"targets": [t.as_yaml_data() for t in extract_targets(body, plan_year)],
              "assignments": [a.as_yaml_data() for a in extract_assignments(body)]}
    text = ""
    for key, items in blocks.items():
        if items and key not in skip:
            text += f"# {key}: trích tự động từ nội dung, mỗi mục có review: true — đối chiếu với bản gốc, sửa, rồi xóa dòng review\n"
            text += yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False, width=1000)
    return text


def source_front_matter(path) -> str:
    """Provenance: the received file's name, type and SHA-256, and the day it was imported."""
    import datetime
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    kind = path.suffix.lower().lstrip(".") or "txt"
    today = datetime.date.today().isoformat()  # the import's date, never the build's
    return (f"source: # tệp gốc đã nhập (build.py import ghi)\n  file: {json_string(path.name)}\n  type: {kind}\n"
            f"  sha256: {digest}\n  imported: \"{today}\"\n")


def json_string(text: str) -> str:
    import json
    return json.dumps(text, ensure_ascii=False)
