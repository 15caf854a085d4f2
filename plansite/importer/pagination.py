"""What printing added to the text: page numbers, running page headers, decorative rules.

Dropped lines become blank lines, so the paragraph that a page break cut in two is joined
again by the body step like any other broken paragraph.
"""
from __future__ import annotations

import re
from collections import Counter

from plansite.importer.document import Line, Removed
from plansite.importer.lines import numbering, plain

PAGE_NUMBER_REASON = "số trang"
RUNNING_HEADER_REASON = "tiêu đề trang in lặp lại ở mỗi trang"
RULE_REASON = "dòng kẻ trang trí"

_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}|(?:Trang|trang|Page)\s+\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?)$")
_RULE = re.compile(r"^[\s\-_=*~.·•—–]{3,}$")
_LIST_START = re.compile(r"^[-–—+•·*]\s")
_MIN_REPEATS = 3
_MAX_HEADER_LENGTH = 100


def drop_page_furniture(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    running = _running_headers(lines)
    kept: list[Line] = []
    removed: list[Removed] = []
    for line in lines:
        reason = _furniture(line.text, running)
        if reason:
            removed.append(Removed(line.text.strip(), reason, line.number))
            kept.append(Line(line.number, ""))
        else:
            kept.append(line)
    return kept, removed


def _furniture(text: str, running: set[str]) -> str:
    stripped = text.strip()
    if not stripped:
        return ""
    if _PAGE_NUMBER.match(stripped):
        return PAGE_NUMBER_REASON
    if is_rule(stripped):
        return RULE_REASON
    if _shape(stripped) in running:
        return RUNNING_HEADER_REASON
    return ""


def is_rule(text: str) -> bool:
    """A line of dashes, underscores or stars printed under a header or title."""
    return bool(_RULE.match(text))


def _running_headers(lines: list[Line]) -> set[str]:
    """Short lines printed again and again (a page header or footer), not lists or labels."""
    counts = Counter(_shape(line.text.strip()) for line in lines if _header_candidate(line.text))
    return {shape for shape, count in counts.items() if count >= _MIN_REPEATS}


def _header_candidate(text: str) -> bool:
    stripped = text.strip()
    return (0 < len(stripped) <= _MAX_HEADER_LENGTH and "\t" not in stripped and "|" not in stripped
            and not _LIST_START.match(stripped) and not numbering(stripped) and not stripped.endswith((":", ";", "."))
            and any(c.isalpha() for c in stripped))


def _shape(text: str) -> str:
    """Page headers differ only in their page number: compare them with digits blanked out."""
    return re.sub(r"\d+", "#", " ".join(plain(text).split()).lower())
