"""Reading content files: bytes to text, and a plan file to its front matter and body.

Nothing here raises on bad content: each function returns what it could read plus the
problems it found, with positions an editor can jump to.
"""
from __future__ import annotations

import errno
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from plansite.errors import Position, Problems

MAX_FILE_BYTES = 2_000_000  # a plan is ~30-70 KB; anything this large is a mistake


@dataclass(frozen=True)
class SourceText:
    path: str  # as shown to editors
    text: str


def read_file(path: Path, shown: str, problems: Problems) -> bytes | None:
    """The file's bytes, or None with a message (a dangling or looping link, a folder, no permission)."""
    try:
        if path.is_dir():
            problems.error(Position(shown), f"'{path.name}' là một thư mục, không phải tệp",
                           "đổi tên hoặc chuyển thư mục này ra chỗ khác; ở đây chỉ đặt tệp")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # before reading it all into memory
            _too_large(shown, size, problems)
            return None
        return path.read_bytes()
    except OSError as err:
        problems.error(Position(shown), _unreadable(path, err), "sửa hoặc xóa liên kết, hoặc đặt chính tệp vào đây")
        return None
    except RuntimeError:  # Path.resolve's "Symlink loop" (Python < 3.13)
        problems.error(Position(shown), "liên kết tượng trưng tạo thành vòng lặp", "xóa liên kết hoặc đặt chính tệp vào đây")
        return None


def _unreadable(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "liên kết tượng trưng tạo thành vòng lặp"
    if err.errno == errno.ENOENT and path.is_symlink():
        return "liên kết tượng trưng trỏ tới tệp không tồn tại"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp"
    return f"không đọc được tệp ({err.strerror or err})"


def safe_resolve(path: Path) -> Path | None:
    """Where a path really is, or None when its links loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def decode(path: str, data: bytes, problems: Problems) -> SourceText | None:
    """UTF-8 text in NFC (so 'ế' typed two ways compares equal), or None with a problem."""
    if len(data) > MAX_FILE_BYTES:
        _too_large(path, len(data), problems)
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


def _too_large(shown: str, size: int, problems: Problems) -> None:
    problems.error(Position(shown), f"tệp quá lớn ({size:,} byte, tối đa {MAX_FILE_BYTES:,})",
                   "kiểm tra xem có dán nhầm nội dung không, hoặc tách thành nhiều tệp")


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
