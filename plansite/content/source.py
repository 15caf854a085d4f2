"""Reading content files: bytes to text, and a plan file to its front matter and body.

Nothing here raises on bad content: each function returns what it could read plus the
problems it found, with positions an editor can jump to.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from plansite.errors import Position, Problems

MAX_FILE_BYTES = 2_000_000  # a plan is ~30-70 KB; anything this large is a mistake


@dataclass(frozen=True)
class SourceText:
    path: str  # as shown to editors
    text: str


def decode(path: str, data: bytes, problems: Problems) -> SourceText | None:
    """UTF-8 text in NFC (so 'ế' typed two ways compares equal), or None with a problem."""
    if len(data) > MAX_FILE_BYTES:
        problems.error(Position(path), f"tệp quá lớn ({len(data):,} byte, tối đa {MAX_FILE_BYTES:,})",
                       "kiểm tra xem có dán nhầm nội dung không, hoặc tách thành nhiều tệp")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _line_col(data, err.start)
        problems.error(Position(path, line, col),
                       f"tệp không phải UTF-8 (byte 0x{data[err.start]:02x} không hợp lệ)",
                       "lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, unicodedata.normalize("NFC", text))


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, col


@dataclass(frozen=True)
class FrontMatterSplit:
    yaml_text: str
    yaml_first_line: int  # file line number of the first YAML line
    body: str
    body_first_line: int


def split_front_matter(source: SourceText, problems: Problems) -> FrontMatterSplit | None:
    """Separate the `---` delimited YAML block at the top of a plan file from its body."""
    lines = source.text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error(Position(source.path, 1, 1), "tệp không bắt đầu bằng dòng '---' của phần thông tin (YAML)",
                       "thêm dòng '---' ở đầu tệp, các khóa number, title, date..., rồi một dòng '---' nữa trước nội dung")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return FrontMatterSplit(
                yaml_text="\n".join(lines[1:index]) + "\n",
                yaml_first_line=2,
                body="\n".join(lines[index + 1:]),
                body_first_line=index + 2,
            )
    problems.error(Position(source.path, 1, 1), "phần thông tin (YAML) mở bằng '---' nhưng không có dòng '---' đóng lại",
                   "thêm một dòng chỉ có '---' sau khóa cuối cùng, trước nội dung kế hoạch")
    return None
