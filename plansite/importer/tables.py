"""Tables: tab-separated rows (copied from Word or a PDF) or '|' rows, as Markdown tables.

A table that runs over several pages reaches us in pieces, each piece starting with the
column headings again; the pieces are joined and the repeated headings dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite.importer.document import Line, Removed

REPEATED_HEADING_REASON = "dòng tiêu đề bảng in lại ở trang sau"
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass
class TableSpan:
    start: int  # index of the first line
    end: int  # index after the last line
    rows: list[list[str]]
    removed: list[Removed] = field(default_factory=list)

    def markdown(self) -> str:
        width = max(len(row) for row in self.rows)
        rows = [row + [""] * (width - len(row)) for row in self.rows]
        lines = [_row(rows[0]), _row(["---"] * width)] + [_row(row) for row in rows[1:]]
        return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") if cell != "---" else cell for cell in cells) + " |"


def find_tables(lines: list[Line]) -> list[TableSpan]:
    spans: list[TableSpan] = []
    index = 0
    while index < len(lines):
        end = _run_end(lines, index)
        span = _table(lines, index, end) if end > index else None
        if span and spans and _continues(spans[-1], span, lines):
            _join(spans[-1], span, lines)
        elif span:
            spans.append(span)
        index = max(end, index + 1)
    return spans


def _cells(text: str) -> list[str] | None:
    """The cells of a table row, or None when the line is not one."""
    if "\t" in text.strip("\n") and text.strip():
        return [" ".join(cell.split()) for cell in text.rstrip("\n").split("\t")]
    stripped = text.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        cells = [" ".join(c.replace("\\|", "|").split()) for c in _PIPE_SPLIT.split(stripped)]
        return cells[1:-1] if stripped.endswith("|") else cells[1:]
    return None


def _run_end(lines: list[Line], start: int) -> int:
    end = start
    while end < len(lines) and (_cells(lines[end].text) is not None or _PIPE_SEPARATOR.match(lines[end].text.strip())):
        if not lines[end].text.strip():
            break
        end += 1
    return end


def _table(lines: list[Line], start: int, end: int) -> TableSpan | None:
    rows = [_trimmed(_cells(line.text)) for line in lines[start:end] if not _PIPE_SEPARATOR.match(line.text.strip())]
    rows = [row for row in rows if any(row)]
    if len(rows) < 2 or not any(sum(1 for c in row if c) >= 2 for row in rows):
        return None
    span = TableSpan(start, end, rows[:1])
    for offset, row in enumerate(rows[1:], start=1):
        if row == rows[0]:  # the headings printed again at the top of the next page
            span.removed.append(Removed(" ".join(row), REPEATED_HEADING_REASON, lines[start + offset].number))
        else:
            span.rows.append(row)
    return span


def _trimmed(cells: list[str]) -> list[str]:
    """Drop trailing empty cells beyond the first: 'Quý II/2023<tab><tab>' has one cell of text."""
    while len(cells) > 1 and not cells[-1]:
        cells = cells[:-1]
    return cells


def _continues(previous: TableSpan, span: TableSpan, lines: list[Line]) -> bool:
    """A table piece continues the previous table when only blank lines stand between them."""
    if any(line.text.strip() for line in lines[previous.end:span.start]):
        return False
    return span.rows[0] == previous.rows[0] or _width(span.rows) == _width(previous.rows)


def _join(previous: TableSpan, span: TableSpan, lines: list[Line]) -> None:
    for row in span.rows:
        if row == previous.rows[0]:
            previous.removed.append(Removed(" ".join(row), REPEATED_HEADING_REASON, lines[span.start].number))
        else:
            previous.rows.append(row)
    previous.removed.extend(span.removed)
    previous.end = span.end


def _width(rows: list[list[str]]) -> int:
    return max(len(row) for row in rows)
