"""Footnotes: markers in the text ('năm 2023¹', or 'đào tạo1.' where a PDF lost the
superscript) and their texts, which a PDF prints at the foot of each page, in the middle of
the running text.

The texts are lifted out of the body (a paragraph cut by them is joined again later) and
become Markdown footnotes: 'năm 2023[^1]' in the text, '[^1]: ...' at the end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite.importer.document import Line
from plansite.importer.lines import (
    SUPERSCRIPT_DIGITS,
    ends_open,
    ends_sentence,
    fills_line,
    first_letter,
    join_lines,
    numbering,
    wrap_width,
)

_TO_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_SUPER_START = re.compile(r"^([" + SUPERSCRIPT_DIGITS + r"]+)\s*(?=\S)")
_PLAIN_START = re.compile(r"^(\d{1,2})\s?(?=\S)")
_STRUCTURE = re.compile(r"^([-–—+•·*]\s|\||.*\t)")
_LOOKAHEAD = 2  # paragraphs of a footnote text that a page break may separate from its first


def _glued(number: str) -> re.Pattern:
    """A plain digit stuck to the end of a word: 'đào tạo1.', '27%3;'."""
    return re.compile(rf"(?<=[^\W\d_]|[%”\")]){number}(?=[\s.,;:)”\"]|$)")


@dataclass
class Footnote:
    label: str
    paragraphs: list[str] = field(default_factory=list)
    referenced: bool = False
    marker_at: tuple[int, int] = (1 << 30, 0)  # (line index, column) of its marker in the body
    source: list[Line] = field(default_factory=list)  # the lines its text was lifted from


def extract_footnotes(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """(body lines with footnote texts blanked and markers as '[^n]', the footnotes)."""
    starts = _definition_starts(lines)
    if not starts:
        return lines, []
    notes, owner = _collect(lines, starts, wrap_width(line.text for line in lines))
    body = [Line(line.number, "") if index in owner else line for index, line in enumerate(lines)]
    _link_references(body, notes)
    return body, sorted(notes, key=lambda note: note.marker_at)  # in reading order, as the page numbers them


def _definition_starts(lines: list[Line]) -> dict[int, str]:
    """Line index -> printed number, for lines that begin a footnote text."""
    starts: dict[int, str] = {}
    expected_plain = 1
    text_so_far = ""
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        superscript = _SUPER_START.match(stripped)
        plain_number = _PLAIN_START.match(stripped)
        if superscript:
            starts[index] = superscript.group(1).translate(_TO_DIGITS)
        elif plain_number and _plain_definition(stripped, plain_number, expected_plain, text_so_far):
            starts[index] = plain_number.group(1)
            expected_plain += 1
        else:
            text_so_far += "\n" + line.text
    return starts


def _plain_definition(text: str, match: re.Match, expected: int, before: str) -> bool:
    """'1 Chủ đề ...' is a footnote only if it is the next number and the text cites it."""
    number = match.group(1)
    if int(number) != expected or numbering(text) or "\t" in text:
        return False
    letter = first_letter(text[match.end():])
    cited = _glued(number).search(before) or number.translate(_TO_SUPERSCRIPT) in before
    return bool(letter) and letter.isupper() and bool(cited)


def _collect(lines: list[Line], starts: dict[int, str], wrap: int) -> tuple[list[Footnote], set[int]]:
    notes: list[Footnote] = []
    owner: set[int] = set()
    labels: set[str] = set()
    for index, number in starts.items():
        label = _unique(number, labels)
        note = Footnote(label)
        paragraphs = _note_paragraphs(lines, index, starts, wrap)
        continued = _continuation(lines, paragraphs[-1], starts, owner)
        if continued:
            paragraphs[-1] = paragraphs[-1] + continued
        note.paragraphs = [_paragraph_text(lines, indexes, first=(n == 0)) for n, indexes in enumerate(paragraphs)]
        owner.update(i for indexes in paragraphs for i in indexes)
        note.source = [lines[i] for indexes in paragraphs for i in indexes]
        notes.append(note)
    return notes, owner


def _unique(number: str, labels: set[str]) -> str:
    label, suffix = number, 2
    while label in labels:  # numbering restarted (a new chapter): keep labels apart
        label, suffix = f"{number}-{suffix}", suffix + 1
    labels.add(label)
    return label


def _note_paragraphs(lines: list[Line], start: int, starts: dict[int, str], wrap: int) -> list[list[int]]:
    """The footnote's first paragraph, plus paragraphs between it and the next footnote."""
    first = _paragraph_at(lines, start, starts, wrap)
    following = _next_paragraphs(lines, first[-1] + 1, _LOOKAHEAD + 1, starts, wrap)
    for count, paragraph in enumerate(following):
        if paragraph[0] in starts:
            return [first] + following[:count]
        if not _could_continue(lines[paragraph[0]].text):
            break
    return [first]


def _paragraph_at(lines: list[Line], start: int, starts: dict[int, str], wrap: int) -> list[int]:
    """A footnote paragraph goes on over the next line only where the page width broke it:
    the body text resumes right after a footnote when a copy has no blank lines."""
    end = start + 1
    while (end < len(lines) and lines[end].text.strip() and end not in starts
           and not _STRUCTURE.match(lines[end].text.strip()) and not numbering(lines[end].text)
           and (fills_line(lines[end - 1].text, wrap, lines[end].text) or _unfinished(lines[end - 1].text))):
        end += 1
    return list(range(start, end))


# What the last word of an unfinished footnote calls for next: 'ngày' a date, 'số' a number.
_EXPECTS = ((re.compile(r"\bngày$", re.IGNORECASE), re.compile(r"^\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{4}\b")),
            (re.compile(r"\bsố$", re.IGNORECASE), re.compile(r"^\d+")))
_CONTINUATION_REACH = 80  # lines: the foot of the next page
_CONTINUATION_MAX = 40  # lines of one page's footnote area


def _continuation(lines: list[Line], paragraph: list[int], starts: dict[int, str], owner: set[int]) -> list[int]:
    """A footnote that stops mid-phrase ('... Nghị quyết số 30-NQ/TW ngày') goes on at the
    foot of the next page, which a PDF copy pastes into the middle of a body sentence. It is
    found where a line begins as the footnote's last word requires (a date after 'ngày')
    while the body line before it does not, and it ends with a finished sentence after
    which the body resumes in lower case."""
    tail = lines[paragraph[-1]].text.strip()
    wanted = next((shape for ending, shape in _EXPECTS if ending.search(_last_words(tail))), None)
    if wanted is None:
        return []
    first = paragraph[-1] + 1
    for index in range(first, min(len(lines), first + _CONTINUATION_REACH)):
        if index in starts or index in owner:
            return []
        before = _previous_text(lines, index)
        if wanted.match(lines[index].text.strip()) and before and ends_open(before) and not any(
                ending.search(_last_words(before)) for ending, _ in _EXPECTS):
            return _run_to_resumption(lines, index, starts)
    return []


def _last_words(text: str) -> str:
    return text.rstrip(" ,")


def _previous_text(lines: list[Line], index: int) -> str:
    for line in reversed(lines[:index]):
        if line.text.strip():
            return line.text.strip()
    return ""


def _run_to_resumption(lines: list[Line], start: int, starts: dict[int, str]) -> list[int]:
    run: list[int] = []
    for index in range(start, min(len(lines), start + _CONTINUATION_MAX)):
        if index in starts:
            return []
        if not lines[index].text.strip():
            continue
        run.append(index)
        following = lines[index + 1:index + 3]
        resumes = next((line.text for line in following if line.text.strip()), "")
        if ends_sentence(lines[index].text) and resumes and first_letter(resumes).islower():
            return run
    return []


def _unfinished(text: str) -> bool:
    """A footnote line that stops on an open word ('... của Bộ', '26-', 'ngày') goes on."""
    return not ends_sentence(text) and bool(text.strip())


def _next_paragraphs(lines: list[Line], index: int, count: int, starts: dict[int, str],
                     wrap: int) -> list[list[int]]:
    paragraphs: list[list[int]] = []
    while index < len(lines) and len(paragraphs) < count:
        if lines[index].text.strip():
            paragraphs.append(_paragraph_at(lines, index, starts, wrap))
            index = paragraphs[-1][-1] + 1
        else:
            index += 1
    return paragraphs


def _could_continue(text: str) -> bool:
    """A footnote's second paragraph starts with a capital; lists and numbered items are body."""
    letter = first_letter(text)
    return bool(letter) and not letter.islower() and not numbering(text) and not _STRUCTURE.match(text.strip())


def _paragraph_text(lines: list[Line], indexes: list[int], first: bool) -> str:
    text = lines[indexes[0]].text.strip()
    for index in indexes[1:]:
        text = join_lines(text, lines[index].text)
    if first:  # without its printed number
        text = _SUPER_START.sub("", text, count=1) if _SUPER_START.match(text) else _PLAIN_START.sub("", text, count=1)
    return " ".join(text.split())


def _link_references(body: list[Line], notes: list[Footnote]) -> None:
    """Turn the first unused marker of each footnote, in reading order, into '[^label]'."""
    used: set[tuple[int, int]] = set()  # a numbering that restarts reuses '¹': each marker serves once
    for note in notes:
        found = _find_marker(body, note.label.split("-")[0], used)
        if found is None:
            continue
        index, start, end = found
        text = body[index].text
        body[index] = Line(body[index].number, f"{text[:start]}[^{note.label}]{text[end:]}")
        used.add((index, start))
        note.referenced, note.marker_at = True, (index, start)


def _find_marker(body: list[Line], number: str, used: set[tuple[int, int]]) -> tuple[int, int, int] | None:
    printed = re.compile(rf"(?<![{SUPERSCRIPT_DIGITS}]){number.translate(_TO_SUPERSCRIPT)}(?![{SUPERSCRIPT_DIGITS}])")
    for pattern in (printed, _glued(number)):
        for index, line in enumerate(body):
            for match in pattern.finditer(line.text):
                if (index, match.start()) in used or (pattern is printed and _unit_power(line.text, match.start())):
                    continue
                return index, match.start(), match.end()
    return None


def _unit_power(text: str, start: int) -> bool:
    """'500m²' is square metres, not footnote 2."""
    return bool(re.search(r"\d\s?(m|km|cm|dm)$", text[:start]))
