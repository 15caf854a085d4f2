"""The end of a plan: 'Nơi nhận' (recipients) and the signature block.

Printed in two columns (recipients left, signature right), they reach us one after the other,
interleaved on the same lines ('Nơi nhận:<tab>KT. CHỦ TỊCH'), with side notes next to the
recipients ('| để báo cáo'), or with the signature first. Each piece of each line is
classified on its own. What follows the signer's name (an appendix) goes back to the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite.importer.document import Line, Removed
from plansite.importer.lines import columns, is_caps, numbering, plain, unmarked

_LABEL = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—+•·]\s*(?=\S)")
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*\S")
_MARK = re.compile(r"^[\[(]?\s*(đã\s+k[ýí]|k[ýí](\s+tên)?(,?\s*(và\s+)?đóng\s+dấu)?|k[ýí]\s+và\s+ghi\s+rõ\s+họ\s+tên|daky|"
                   r"chữ\s+ký\s+số)\s*[\])]?$", re.IGNORECASE)
_NOT_TITLES = re.compile(r"^(PHỤ LỤC|BIỂU|BẢNG|DANH SÁCH|MẪU)\b")
_TITLE_WORDS = ("CHỦ TỊCH", "TRƯỞNG", "GIÁM ĐỐC", "BÍ THƯ", "THỦ TRƯỞNG", "CHÁNH", "HIỆU TRƯỞNG")
SIGNATURE_MARK_REASON = "dấu 'đã ký' của bản sao"


@dataclass
class Closing:
    authority: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    name: str = ""
    recipients: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # printed beside the recipients
    unplaced: list[Line] = field(default_factory=list)  # pieces we could not place: back to the body
    removed: list[Removed] = field(default_factory=list)

    @property
    def title(self) -> str:
        return " ".join(self.titles)


def split_closing(lines: list[Line]) -> tuple[list[Line], Closing, list[Line]]:
    """(body lines, the closing, lines after the closing such as an appendix)."""
    label = _label_index(lines)
    start = _signature_start(lines, label if label is not None else len(lines))
    if label is None and not _has_signature(lines[start:]):
        return lines, Closing(), []
    end = _closing_end(lines, start)
    closing = Closing()
    for line in lines[start:end]:
        _read_line(line, closing)
    return lines[:start], closing, lines[end:]


def _label_index(lines: list[Line]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if _LABEL.match(plain(_pieces(lines[index].text)[0] if lines[index].text.strip() else "")):
            return index
    return None


def _pieces(text: str) -> list[str]:
    return columns(text) or [""]


def _kind(piece: str) -> str:
    text = unmarked(plain(piece))
    if _LABEL.match(text):
        return "label"
    if _BULLET.match(text):
        return "recipient"
    if _AUTHORITY.match(text):
        return "authority"
    if _MARK.match(text):
        return "mark"
    if _is_title(text):
        return "title"
    if _is_name(text):
        return "name"
    return "other"


def _is_title(text: str) -> bool:
    if not is_caps(text) or any(c.isdigit() for c in text) or _NOT_TITLES.match(text) or numbering(text):
        return False
    return len(text.split()) >= 2 or any(word in text for word in _TITLE_WORDS)


def _is_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


def _signature_line(line: Line) -> bool:
    return all(_kind(piece) in ("authority", "title", "name", "mark") for piece in _pieces(line.text))


def _signature_start(lines: list[Line], before: int) -> int:
    """Signature lines may stand just before 'Nơi nhận' (or end the text when it is missing)."""
    start = before
    index = before - 1
    while index >= 0 and (not lines[index].text.strip() or _signature_line(lines[index])):
        if lines[index].text.strip():
            start = index
        index -= 1
    return start


def _has_signature(lines: list[Line]) -> bool:
    kinds = {_kind(p) for line in lines if line.text.strip() for p in _pieces(line.text)}
    return "name" in kinds and ("title" in kinds or "authority" in kinds)


def _closing_end(lines: list[Line], start: int) -> int:
    """The closing ends at the first line that is none of its parts (an appendix, say)."""
    for index in range(start, len(lines)):
        text = lines[index].text
        if text.strip() and not _closing_line(text):
            return index
    return len(lines)


def _closing_line(text: str) -> bool:
    pieces = _pieces(text)
    if _kind(pieces[0]) == "other":
        first = unmarked(plain(pieces[0]))
        return len(first) <= 60 and not numbering(first) and not _NOT_TITLES.match(first)
    return True


def _read_line(line: Line, closing: Closing) -> None:
    for position, piece in enumerate(_pieces(line.text)):
        if piece:
            _read_piece(piece, position, line, closing)


def _read_piece(piece: str, position: int, line: Line, closing: Closing) -> None:
    kind = _kind(piece)
    text = unmarked(plain(piece))
    if kind == "label":
        rest = _LABEL.sub("", text)
        if rest:
            _read_piece(rest, position, line, closing)
    elif kind == "recipient":
        closing.recipients.append(_BULLET.sub("", text))
    elif kind == "authority":
        closing.authority.append(text)
    elif kind == "title":
        closing.titles.append(text)
    elif kind == "name":
        closing.name = text
    elif kind == "mark":
        closing.removed.append(Removed(text, SIGNATURE_MARK_REASON, line.number))
    elif position == 0 and closing.recipients and not closing.name and text[:1].islower():
        closing.recipients[-1] = f"{closing.recipients[-1]} {text}"  # a recipient wrapped onto two lines
    elif closing.recipients and not closing.name:
        closing.notes.append(text)
    else:
        closing.unplaced.append(Line(line.number, text))
