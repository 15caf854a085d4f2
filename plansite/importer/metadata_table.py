"""Details that web pages print above a document (Số hiệu, Loại văn bản, Người ký...).

Editors often copy a plan from a legal-documents website, and the page's details table comes
along before the text. Its values are used only where the document itself says nothing; the
table is left out of the body, and the words only it had are reported as removed on purpose.
"""
from __future__ import annotations

import re
import unicodedata

from plansite.importer.document import Line, Removed
from plansite.importer.lines import columns

REASON = "bảng thông tin của trang web (dán kèm trước văn bản)"

# Label (lower case, without ':') -> what it tells; None: a detail the plan file does not keep.
LABELS = {
    "số hiệu": "number", "số ký hiệu": "number", "ký hiệu": "number", "số văn bản": "number",
    "loại văn bản": "doc_type",
    "cơ quan ban hành": "issuer", "đơn vị ban hành": "issuer",
    "nơi ban hành": "place",
    "người ký": "signer_name",
    "ngày ban hành": "date",
    "trích yếu": "title", "trích yếu nội dung": "title", "tiêu đề": "title",
    **{label: None for label in (
        "ngày hiệu lực", "ngày có hiệu lực", "hiệu lực", "ngày công báo", "ngày đăng công báo", "số công báo",
        "tình trạng", "tình trạng hiệu lực", "hết hiệu lực", "ngày hết hiệu lực", "áp dụng", "lĩnh vực",
        "lĩnh vực, ngành", "ngành", "chức vụ", "chức danh", "nguồn", "nguồn thu thập", "ngày cập nhật")},
}
# Values sites show instead of the real one (to visitors who are not logged in).
_PLACEHOLDERS = {"đã biết", "đang cập nhật", "không có", "không xác định", "--", "..."}
_SEPARATOR_ROW = re.compile(r"^[\s|:\-–—=]+$")
_SEARCH_LINES = 12  # the table stands at the very top


def take_web_details(lines: list[Line]) -> tuple[dict[str, str], list[Line], list[Removed]]:
    """(details found, the lines without the details table, what was left out)."""
    start = _table_start(lines)
    if start is None:
        return {}, lines, []
    details: dict[str, str] = {}
    removed: list[Removed] = []
    index = start
    while index < len(lines):
        text = lines[index].text
        if text.strip() and not _SEPARATOR_ROW.match(text):
            pairs = _label_pairs(text)
            if pairs is None:
                break
            for key, value in pairs:
                if key and value:
                    details.setdefault(key, value)
            removed.append(Removed(text.strip(), REASON, lines[index].number))
        index += 1
    return details, lines[:start] + lines[index:], removed


def _table_start(lines: list[Line]) -> int | None:
    seen = 0
    for index, line in enumerate(lines):
        if not line.text.strip():
            continue
        if _label_pairs(line.text) is not None:
            return index
        seen += 1
        if seen >= _SEARCH_LINES:
            return None
    return None


def _label_pairs(text: str) -> list[tuple[str | None, str]] | None:
    """The (key, value) pairs of a details row, or None when the line is not one."""
    cells = columns(text)
    pairs: list[tuple[str | None, str]] = []
    index = 0
    while index < len(cells):
        label, _, inline_value = cells[index].partition(":")
        name = _label_name(label)
        if name not in LABELS:
            return None
        value = inline_value.strip()
        if not value and index + 1 < len(cells) and _label_name(cells[index + 1].partition(":")[0]) not in LABELS:
            value, index = cells[index + 1], index + 1
        pairs.append((LABELS[name], "" if value.lower() in _PLACEHOLDERS else value))
        index += 1
    return pairs or None


def _label_name(label: str) -> str:
    return " ".join(unicodedata.normalize("NFC", label).lower().replace("*", "").split())
