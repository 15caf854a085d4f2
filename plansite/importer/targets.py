"""Targets (chỉ tiêu) and assignments (phân công) read out of an imported plan's Markdown body.

Both are written into the front matter with `review: true`: the importer proposes, an editor
checks against the original and removes the flag. Only the printed forms plans use are read:

- targets: a lead-in sentence that names 'chỉ tiêu' and ends with ':' followed by list items
  'Tỷ lệ trẻ SDD: dưới 01%', or a Markdown table with a 'Chỉ tiêu' column;
- baselines (the figure the target is measured against), where the plan prints one: after the
  value, '(năm học 2021-2022: 2394/2397 = 99,87%)', 'năm 2022 đạt 98%', '(tăng so với năm học
  trước)', or a table column 'Thực hiện năm học 2021-2022' / 'Kết quả năm trước' beside the
  'Chỉ tiêu năm học 2022-2023' column (whose period is then the target's year). A period is a
  baseline only when it ends before the target's own year: 'năm 2023 đạt 99%' in a 2023 plan
  is the target restated, not a baseline;
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
_UNIT = "%|trường|giáo viên|học sinh|thư viện|lớp|trẻ"  # the units targets are written in
_YEAR = re.compile(r"năm học (\d{4}\s*-\s*\d{4})|năm (\d{4})", re.I)
_VALUE = re.compile(r"^(?P<qualifier>dưới|trên|ít nhất|tối thiểu|tối đa|đạt|khoảng)?\s*"
                    rf"(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>{_UNIT})?", re.I)
_PERIOD = re.compile(r"năm(?: học)?\s+\d{4}(?:\s*-\s*\d{4})?|năm(?: học)? trước", re.I)
_FIGURE = (r"(?:\d+(?:[.,]\d+)?\s*/\s*\d+(?:[.,]\d+)?\s*=\s*)?\d+(?:[.,]\d+)?"
           rf"\s*(?:{_UNIT})?")
_BASELINE = re.compile(rf"(?P<period>{_PERIOD.pattern})\s*(?::|đạt(?: tỷ lệ)?|là)\s*(?P<figure>{_FIGURE})", re.I)
_COMPARED = re.compile(rf"so với\s+(?P<period>{_PERIOD.pattern})", re.I)
_BASE_HEADER = re.compile(r"thực hiện|kết quả|đã đạt|hiện trạng|ước đạt|năm(?: học)? trước", re.I)
_GOAL_HEADER = re.compile(r"chỉ tiêu|kế hoạch|mục tiêu|phấn đấu", re.I)
_UNIT_HEADER = re.compile(r"^(?:đơn vị tính|đvt|đơn vị)$", re.I)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")
_QUALIFIED = (r"(?P<qualifier>dưới|trên|ít nhất|tối thiểu|tối đa|khoảng)?\s*(?P<number>\d+(?:[.,]\d+)?)\s*"
              rf"(?P<unit>{_UNIT})")
_PROSE_VALUE = re.compile(rf"(?:\s|^)(?:đạt tỷ lệ|đạt|là|chiếm|:)?\s*{_QUALIFIED}$", re.I)
_VALUE_FIRST = re.compile(rf"^{_QUALIFIED}\s+", re.I)
_CHANGE = re.compile(r"^(?P<way>tăng|giảm|nâng)\s+(?P<label>.+?)\s+(?P<than>so với\s+.+)$", re.I)
_LEAD_WORDS = re.compile(r"^(?:(?:phần đầu|phấn đấu|duy trì|giữ vững|đảm bảo|bảo đảm)\s+(?:có\s+)?)+", re.I)
_CONNECTOR = re.compile(r"\s+(?:đạt tỷ lệ|đạt|là|chiếm)$", re.I)
_COMMON = {"tỷ", "tỉ", "lệ", "đạt", "là", "chiếm", "có", "được", "và", "các", "của", "trong", "đó", "ít", "nhất",
           "tối", "thiểu", "với", "so", "năm", "còn", "lại"}
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
    baseline: str = ""  # '2394/2397 = 99,87% (năm học 2021-2022)', as the model's Target.baseline
    line: int = 0  # in the Markdown body

    def as_yaml_data(self) -> dict:
        data = {"indicator": self.indicator, "level": self.level, "qualifier": self.qualifier,
                "value": self.value, "unit": self.unit, "baseline": self.baseline, "year": self.year,
                "review": True}
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
    plan_year = school_year(body, plan_year)
    targets: list[ExtractedTarget] = []
    headings: list[str] = []
    lead_in: str | None = None
    table: list[list[str]] = []
    notes = _footnotes(body)
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
            if lead_in is None and not heading and "chỉ tiêu" in " ".join(headings[-1:]).casefold():
                targets += _from_paragraph(stripped, " ".join(headings), plan_year, notes, number)
    if table:
        targets += _from_table(table, " ".join(headings), plan_year, 0)
    return targets


def school_year(body: str, year: str) -> str:
    """The school year a plan dated in `year` is for, when it names one ('năm học 2022-2023' in a
    plan of February 2023); else `year` itself."""
    if not re.fullmatch(r"\d{4}", year):
        return year
    named = [f"{a}-{b}" for a, b in re.findall(r"năm học\s+(\d{4})\s*-\s*(\d{4})", body, re.I)
             if int(b) == int(a) + 1 and int(a) in (int(year) - 1, int(year))]
    return max(set(named), key=named.count) if named else year


def _from_item(text: str, context: str, lead_in: str, plan_year: str, line: int) -> list[ExtractedTarget]:
    label, colon, rest = _plain(text).partition(":")
    if not colon:
        return []
    rest = rest.strip()
    value = _VALUE.match(rest)
    if not value:
        return []
    year = _YEAR.search(lead_in)
    found = (year.group(1) or year.group(2)).replace(" ", "") if year else plan_year
    return [ExtractedTarget(label.strip(), _number(value.group("number")), _level(context),
                            (value.group("qualifier") or "").lower(), value.group("unit") or "", found,
                            baseline_in(rest[value.end():], found), line)]


def _from_table(rows: list[list[str]], context: str, plan_year: str, line: int) -> list[ExtractedTarget]:
    header = [cell.casefold() for cell in rows[0]]
    name_col = next((i for i, cell in enumerate(header) if "chỉ tiêu" in cell or "nội dung" in cell), None)
    if name_col is None or not any("chỉ tiêu" in cell for cell in header):
        return []
    goals, base, unit_col, year = _columns(rows[0], name_col, plan_year)
    found = []
    for row in rows[1:]:
        if set("".join(row)) <= set("-: ") or not row[name_col]:
            continue
        for col in goals:
            value = _VALUE.match(_cell(row, col))
            if value:
                unit = value.group("unit") or _cell(row, unit_col)
                baseline = _baseline_cell(_cell(row, base), rows[0][base] if base is not None else "", unit)
                found.append(ExtractedTarget(_title(row[name_col]), _number(value.group("number")), _level(context),
                                             (value.group("qualifier") or "").lower(), unit, year, baseline, line))
                break
    return found


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""


def _columns(header: list[str], name_col: int, plan_year: str) -> tuple[list[int], int | None, int | None, str]:
    """The target columns, the baseline column, the unit column and the target's year.

    A column is the baseline when its header says so ('Thực hiện …', 'Kết quả năm trước') or
    names a period that ends before the target column's ('Năm học 2021-2022' beside 'Chỉ tiêu
    năm học 2022-2023').
    """
    after = [(i, _plain(cell)) for i, cell in enumerate(header) if i > name_col]
    unit_col = next((i for i, cell in after if _UNIT_HEADER.match(cell)), None)
    after = [(i, cell) for i, cell in after if i != unit_col]
    goal_periods = [_period(cell) for _, cell in after if _GOAL_HEADER.search(cell) and not _BASE_HEADER.search(cell)]
    year = next((p for p in goal_periods if p), "") or next(
        (p for _, cell in after if (p := _period(cell)) and not _BASE_HEADER.search(cell) and not _earlier(p, plan_year)),
        plan_year)
    base = next((i for i, cell in after if _BASE_HEADER.search(cell)
                 or ((p := _period(cell)) and p != year and _earlier(p, year))), None)
    goals = [i for i, cell in after if i != base and _GOAL_HEADER.search(cell)] or [i for i, _ in after if i != base]
    return goals, base, unit_col, re.sub(r"^năm(?: học)?\s*", "", year)


# --- targets written as sentences, their baselines in footnotes ---------------------------------

def _from_paragraph(text: str, context: str, plan_year: str, notes: dict[str, str],
                    line: int) -> list[ExtractedTarget]:
    """'Phần đầu học sinh … lên lớp thẳng đạt tỷ lệ ít nhất 98%. …[^6]': one target per clause.

    A footnote the paragraph calls that opens with an earlier period ('Năm học 2021-2022: …')
    gives the baselines: each of its clauses goes to the target whose wording it shares most.
    """
    refs = _FOOTNOTE_REF.findall(text)
    text = _plain(_FOOTNOTE_REF.sub("", text)).replace("\\.", ".")
    head, colon, rest = text.partition(":")
    if colon and len(head) < 60 and not _PROSE_VALUE.search(head):
        context, text = context + " " + head, rest
    targets = [t for clause in _clauses(text) if (t := _prose_target(clause, context, plan_year, line))]
    for ref in refs:
        _match_baselines(targets, notes.get(ref, ""), plan_year)
    return targets


def _clauses(text: str) -> list[str]:
    return [c.strip(" .;,:") for c in re.split(r";|\.\s+|,\s*trong đó:?|:\s+(?=[A-ZĐ])|,\s+(?![^()]*\))", text)
            if c.strip(" .;,:")]


def _prose_target(clause: str, context: str, plan_year: str, line: int) -> ExtractedTarget | None:
    clause = _LEAD_WORDS.sub("", clause).strip()
    found = _PROSE_VALUE.search(clause)
    if found and found.end() == len(clause) and found.start() > 0:
        label = clause[:found.start()]
    elif (found := _VALUE_FIRST.match(clause)) and found.end() < len(clause):
        label = clause[found.end():]
    else:
        changed = _CHANGE.match(clause)
        if not changed:
            return None
        label = changed.group("label")
        return ExtractedTarget(_label(label), f"{changed.group('way').lower()} {changed.group('than')}",
                               _level(context + " " + label), year=plan_year, line=line)
    label = _label(label)
    if len(label.split()) < 2:
        return None
    return ExtractedTarget(label, _number(found.group("number")), _level(context + " " + label),
                           (found.group("qualifier") or "").lower(), found.group("unit") or "", plan_year, line=line)


def _label(text: str) -> str:
    text = _CONNECTOR.sub("", text.strip(" ,:")).strip(" ,:")
    return text[:1].upper() + text[1:]


def _footnotes(body: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"^\[\^([^\]]+)\]:\s*(.*)$", body, re.M)}


def _match_baselines(targets: list[ExtractedTarget], note: str, target_year: str) -> None:
    opening = re.match(rf"\s*(?P<period>{_PERIOD.pattern})\s*:", _plain(note), re.I)
    if not opening or not _earlier(_clean_period(opening.group("period")), target_year):
        return
    period = _clean_period(opening.group("period"))
    clauses = [c for c in _clauses(_figure(_plain(note)[opening.end():])) if re.search(r"%|\d\s*/\s*\d", c)]
    pairs = sorted(((_likeness(t.indicator, c), i, j) for i, t in enumerate(targets) if not t.baseline
                    for j, c in enumerate(clauses)), reverse=True)
    used_targets, used_clauses = set(), set()
    for score, i, j in pairs:
        if score > 0 and i not in used_targets and j not in used_clauses:
            figures = re.findall(_FIGURE, clauses[j])
            targets[i].baseline = f"{_figure(figures[-1])} ({period})" if figures else ""
            used_targets.add(i)
            used_clauses.add(j)


def _likeness(indicator: str, clause: str) -> float:
    """Shared words over all words, 0 unless they share two words and half the indicator's."""
    mine, theirs = _words(indicator), _words(clause)
    shared = len(mine & theirs)
    if shared < 2 or shared * 2 < len(mine):
        return 0.0
    return shared / len(mine | theirs)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.casefold())) - _COMMON


# --- baselines ---------------------------------------------------------------------------------

def baseline_in(text: str, target_year: str) -> str:
    """The baseline printed after a target's value: '(năm học 2021-2022: 2394/2397 = 99,87%)'
    -> '2394/2397 = 99,87% (năm học 2021-2022)'; '(tăng so với năm học trước)' -> 'năm học trước'.

    '' when the text names no period before the target's year, so a second percentage
    ('trong đó thể thấp còi dưới 2%') or the target restated for its own year is no baseline.
    """
    text = _plain(text)
    for found in _BASELINE.finditer(text):
        period = _clean_period(found.group("period"))
        if _earlier(period, target_year):
            return f"{_figure(found.group('figure'))} ({period})"
    compared = _COMPARED.search(text)
    if compared and _earlier(_clean_period(compared.group("period")), target_year):
        return _clean_period(compared.group("period"))
    return ""


def _baseline_cell(cell: str, header: str, unit: str) -> str:
    """A baseline column's cell, with the unit a bare number leaves to the 'ĐVT' column."""
    if not re.search(r"\d", cell):
        return ""
    figure = _figure(cell) + ("%" if unit == "%" and re.fullmatch(r"[\d,]+", _figure(cell)) else "")
    period = _period(_plain(header))
    return f"{figure} ({period})" if period else figure


def _period(text: str) -> str:
    """'Chỉ tiêu năm học 2022 - 2023' -> 'năm học 2022-2023'; 'Kết quả năm trước' -> 'năm trước'."""
    found = _PERIOD.search(_plain(text))
    return _clean_period(found.group(0)) if found else ""


def _clean_period(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(text.split())).lower()


def _earlier(period: str, target_year: str) -> bool:
    """Whether `period` ends before `target_year` does ('năm học trước' always does)."""
    if not period:
        return False
    if "trước" in period:
        return True
    spans = [re.search(r"(\d{4})(?:-(\d{4}))?", _clean_period(t)) for t in (period, target_year)]
    if spans[0] is None:
        return False
    if spans[1] is None:
        return True
    (p_start, p_end), (t_start, t_end) = ((int(s[1]), int(s[2] or s[1])) for s in spans)
    return p_end < t_end and p_start <= t_start


def _figure(text: str) -> str:
    """Vietnamese decimals in a printed figure: '98.3%' -> '98,3%' (not '12.848', a thousands mark)."""
    text = " ".join(text.replace("\\%", "%").replace("$", "").split()).strip(" .;,")
    return re.sub(r"(?<=\d)\.(?=\d{1,2}(?!\d))", ",", text)


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
