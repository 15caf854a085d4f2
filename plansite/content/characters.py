"""Characters no editor means to type: controls, invisible marks, direction overrides, look-alikes.

They arrive by pasting from Word, PDFs and web pages. In front matter they break more than
they show: DEL in a title makes MkDocs fall back to its default template, U+202E reverses
how a title reads, and a zero-width space or a Cyrillic 'А' in a number makes two equal
numbers differ, so the duplicate check and citation links miss them. Each is reported
with its position and its Unicode name, so the editor can find what cannot be seen.
"""
from __future__ import annotations

import unicodedata

from plansite.errors import Position, Problems

# Explicit direction formatting (Unicode bidi embeddings, overrides, isolates, marks).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_C0_NAMES = {0: "NULL", 8: "BACKSPACE", 0x1b: "ESCAPE", 0x7f: "DELETE"}
_ALLOWED_CONTROLS = frozenset("\t\n")


def unwanted(char: str, in_body: bool = False) -> str:
    """What kind of unwanted character this is ('' when it is fine)."""
    if char in _ALLOWED_CONTROLS or (char.isprintable() and char not in BIDI_CONTROLS and char != "\xad"):
        return ""
    category = unicodedata.category(char)
    if char in BIDI_CONTROLS:
        return "ký tự đảo chiều văn bản"
    if category == "Cc":
        return "ký tự điều khiển"
    if category == "Cs":
        return "nửa cặp UTF-16 (không phải một ký tự)"
    if category == "Cf" or char == "\xad":
        return "" if in_body else "ký tự vô hình"
    return ""  # other non-printables (spaces like U+00A0, line separators) are handled by YAML or Markdown


def describe(char: str) -> str:
    code = ord(char)
    name = unicodedata.name(char, "") or _C0_NAMES.get(code, "")
    return f"U+{code:04X}" + (f" {name}" if name else "")


_FIX = ("xóa ký tự này (thường dính vào khi dán từ Word, PDF hoặc trang web; nó không hiện ra nhưng làm sai "
        "tiêu đề, số hiệu, việc kiểm tra trùng và tìm kiếm)")


def report_unwanted_characters(text: str, path: str, first_line: int, problems: Problems, part: str,
                               in_body: bool = False, limit: int = 5) -> bool:
    """Report (up to `limit`) unwanted characters in text with their line and column; True if any."""
    found = 0
    line, line_start = first_line, 0
    for offset, char in enumerate(text):
        if char == "\n":
            line, line_start = line + 1, offset + 1
            continue
        kind = unwanted(char, in_body)
        if kind:
            found += 1
            if found <= limit:
                problems.error(Position(path, line, offset - line_start + 1),
                               f"{kind} {describe(char)} trong {part}", _FIX)
    return bool(found)


def report_characters_in_values(loaded, problems: Problems) -> bool:  # loaded: a yaml_positions.LoadedYaml
    """Unwanted characters written as escapes ("\\ud800", "\\x7f") in quoted YAML values."""
    found = False
    for key_path, value in _strings(loaded.data, ()):
        char = next((c for c in value if unwanted(c)), None)
        if char is not None:
            problems.error(loaded.where(key_path), f"{unwanted(char)} {describe(char)} trong giá trị "
                           "(viết bằng mã thoát '\\…' trong ngoặc kép)", _FIX)
            found = True
    return found


def _strings(data, key_path: tuple):
    if isinstance(data, str):
        yield key_path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key, key_path)
            yield from _strings(value, key_path + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strings(item, key_path + (index,))


def foreign_look_alike(value: str) -> str | None:
    """The first letter of a number or symbol that is not Latin script (Cyrillic 'А', Greek 'Ο'...)."""
    for char in value:
        if ord(char) < 128:
            continue
        if unicodedata.category(char).startswith("L") and not unicodedata.name(char, "").startswith("LATIN"):
            return char
        if not unicodedata.category(char).startswith(("L", "M")):
            return char  # a symbol or space from another block ('∕', '‐', NBSP) where '/' or '-' belongs
    return None


def report_look_alike(value: str, where: Position, key: str, problems: Problems) -> None:
    char = foreign_look_alike(value)
    if char is not None:
        problems.error(where, f"'{key}' có ký tự '{char}' ({describe(char)}), không phải chữ Latin hay dấu của "
                       "bàn phím dù trông giống",
                       f"gõ lại '{key}' bằng bàn phím tiếng Việt: chữ trông giống nhưng khác mã làm hỏng việc kiểm tra "
                       "trùng và liên kết trích dẫn")
