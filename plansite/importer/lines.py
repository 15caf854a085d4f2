"""What a line of a Vietnamese administrative document looks like: shared, small predicates.

Every step asks the same questions of lines (does it start a numbered item or a list item,
does it end a sentence, is it in capitals); they are answered here once.
"""
from __future__ import annotations

import re
import statistics
from itertools import pairwise
from typing import Iterable

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKUP_EDGES = re.compile(r"^(?:#{1,6}\s+|[*_]{2,3}(?=\S))|(?<=\S)[*_]{2,3}$")
_TAGS = re.compile(r"</?(?:i|b|u|em|strong|sup|sub|span|br|p|div)\b[^>]*>", re.I)
_TRAILING_REF = re.compile(r"(?:\[\^[^\]]+\]|[" + SUPERSCRIPT_DIGITS + r"]+)+$")
_CLOSERS = "”\"’')*_ \t"

# Numbered items, from the outermost: PHẦN I / CHƯƠNG I, A., I., 1., 1.1., 1.1.1. ...
_PART = re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[IVXLC]+|[A-Z]|\d{1,2}|THỨ\s+\S+|thứ\s+\S+)\b[.:]?\s*")
_CAPITAL_LETTER = re.compile(r"^([A-HJ-UWYZ])\.\s+(?=\S)")  # not I, V, X: those are Roman
_ROMAN = re.compile(r"^((?:X{0,3})(?:IX|IV|V?I{0,3}))\.\s*(?=\S)")
_ARABIC = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})(\.?)\s+(?=[^\s])")
_LETTER_ITEM = re.compile(r"^[a-zđ]\)\s+(?=\S)")

RANK_PART, RANK_LETTER, RANK_ROMAN, RANK_ARABIC = 0, 1, 2, 3  # arabic depth d has rank 3 + d - 1


def plain(text: str) -> str:
    """The text without Markdown emphasis at its edges, inline HTML tags or heading hashes."""
    text = _TAGS.sub("", text.strip())
    previous = None
    while previous != text:
        previous, text = text, _MARKUP_EDGES.sub("", text).strip()
    return text


def is_caps(text: str) -> bool:
    """In capitals: at least two letters and none in lower case ('KẾ HOẠCH', 'TM. ỦY BAN')."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def first_letter(text: str) -> str:
    """The first letter or digit, skipping opening quotes, brackets and emphasis."""
    for char in text.lstrip():
        if char.isalnum():
            return char
        if char not in "“\"'‘(*_[":
            return ""
    return ""


def continues_sentence(text: str) -> bool:
    """Starts like the rest of a sentence: a lower-case word or trailing punctuation."""
    stripped = text.lstrip()
    if stripped[:1] in (",", ";", ")", ".", ":", "…"):
        return True
    letter = first_letter(stripped)
    return bool(letter) and letter.islower()


def _without_closers(text: str) -> str:
    text = text.rstrip(_CLOSERS)
    while True:
        trimmed = _TRAILING_REF.sub("", text).rstrip(_CLOSERS)
        if trimmed == text:
            return text
        text = trimmed


def ends_sentence(text: str) -> bool:
    """Ends like a finished sentence or label: '.', ';', ':', '!', '?' before quotes and notes."""
    return _without_closers(text)[-1:] in (".", ";", ":", "!", "?", "…")


def ends_open(text: str) -> bool:
    """Clearly unfinished: ends with a lower-case word, a comma or a hyphen."""
    last = _without_closers(text)[-1:]
    return last in (",", "-", "–") or (last.isalpha() and last.islower())


def numbering(text: str) -> tuple[int, str] | None:
    """(rank, label) of a numbered heading or item at the start of `text`, else None.

    Items must start with a capital, a quote or emphasis after the number, so amounts such
    as '2.5 triệu' or '12.848 học sinh' are not mistaken for items.
    """
    text = plain(text)
    part = _PART.match(text)
    if part:
        return RANK_PART, part.group(0).strip()
    for pattern, rank in ((_ROMAN, RANK_ROMAN), (_CAPITAL_LETTER, RANK_LETTER)):
        match = pattern.match(text)
        if match and match.group(1) and _starts_item(text[match.end():]):
            if rank == RANK_LETTER and not is_caps(text[match.end():]):
                continue  # 'A. Nguyễn' is a name, 'A. NHIỆM VỤ' a section
            return rank, match.group(0).strip()
    arabic = _ARABIC.match(text)
    if arabic and _starts_item(text[arabic.end():]):
        depth = arabic.group(1).count(".") + 1
        if depth == 1 and not arabic.group(2):
            return None  # '1 Chủ đề ...' is a footnote whose superscript was lost, not an item
        return RANK_ARABIC + depth - 1, arabic.group(0).strip()
    return None


def _starts_item(rest: str) -> bool:
    letter = first_letter(rest)
    return bool(letter) and not letter.islower()


def is_letter_item(text: str) -> bool:
    """'a) ...', 'đ) ...': lettered items, kept as paragraphs."""
    return bool(_LETTER_ITEM.match(plain(text)))


def sentence_count(text: str) -> int:
    """Rough number of sentences: a full stop followed by a capital starts a new one."""
    body = _without_closers(text)[:-1]
    return 1 + sum(1 for m in re.finditer(r"[.!?]\s+(\S)", body) if m.group(1).isupper())


_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")


def unmarked(text: str) -> str:
    """Text for a front-matter field: no Markdown emphasis, tags or stray asterisks."""
    text = _TAGS.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.replace("**", "").split())


def wrap_width(texts: Iterable[str]) -> int:
    """The page width of hard-wrapped text (most lines about as long), else 0."""
    lengths = sorted(len(text.strip()) for text in texts if text.strip())
    if len(lengths) < 10:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    return width if width <= 130 and statistics.median(lengths) >= 0.5 * width else 0


def fills_line(text: str, width: int, following: str) -> bool:
    """In hard-wrapped text: was `text` broken by the page width? Yes when the first word of
    the following line would not have fitted after it (an author's break leaves room)."""
    words = following.split()
    return bool(width) and bool(words) and len(text.rstrip()) + 1 + len(words[0]) > width


_CLAUSE_OPENERS = re.compile(r"^[\s“\"]*(?:Căn cứ|Thực hiện|Xét|Theo đề nghị|Triển khai|Quán triệt)\s", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[“\"(]*(?:[A-ZĐ][A-ZĐ&\-]+\b|[^\W\d_][\w&\-]*)")


def starts_with_name(text: str) -> bool:
    """Starts with a proper name, which does not begin a sentence by itself: 'Quảng Ninh về
    việc', 'Sở GD&ĐT', 'UBND tỉnh' (two capitalised words, or an acronym)."""
    words = text.split()
    if not words or not first_letter(words[0]).isupper():
        return False
    head = words[0].strip("“\"(")
    letters = [c for c in head if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True  # an acronym: UBND, GD&ĐT, THCS
    return len(words) > 1 and first_letter(words[1]).isupper() and first_letter(words[1]).isalpha()


def opens_clause(previous: str, text: str) -> bool:
    """'..., tầm nhìn đến năm 2045,' / 'Thực hiện kế hoạch ...': a preamble's next ground
    starts its own paragraph even when the one before ends with a comma."""
    return _without_closers(previous)[-1:] in (",", ";", ".") and bool(_CLAUSE_OPENERS.match(text))


def join_lines(first: str, second: str) -> str:
    """Join two pieces of one sentence: with a space, or none after a hyphenated compound's
    first half ('Dân chủ-' + 'Kỷ cương', 'KH-' + 'UBND')."""
    glue = "" if re.search(r"\w[-–]$", first) else " "
    return f"{first}{glue}{second.strip()}"


_COLUMNS = re.compile(r"\t+|\s*\|\s*|\s{3,}")


def columns(text: str) -> list[str]:
    """The pieces of a line whose printed columns or table cells were run together:
    separated by tabs, '|' or a wide gap of spaces."""
    return [piece.strip() for piece in _COLUMNS.split(text.strip()) if piece.strip()]


_DOUBLE_SPACED = 0.8  # share of lines followed by exactly one blank line


def undouble(lines: list) -> list:
    """A hard-wrapped copy pasted with a blank line after every printed line carries no
    paragraph breaks in its blank lines: drop single blank lines there, keep longer gaps as
    one. A copy with one paragraph per line (a Word paste) is left alone: its blank lines
    are real, and its lines are too uneven to have a page width."""
    texts = [line.text for line in lines]
    filled = [i for i, text in enumerate(texts) if text.strip()]
    if len(filled) < 10 or not wrap_width(texts):
        return lines
    single = sum(1 for a, b in pairwise(filled) if b == a + 2)
    if single < _DOUBLE_SPACED * (len(filled) - 1):
        return lines
    kept = []
    for index, line in enumerate(lines):
        if line.text.strip() or (index and not lines[index - 1].text.strip() and kept and kept[-1].text.strip()):
            kept.append(line)
    return kept
