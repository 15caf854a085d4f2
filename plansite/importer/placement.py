"""Proof that every word landed where it belongs, in order, not merely somewhere in the file.

The words of the source lines that stay in the body must appear in the body in the same
order; the words of a footnote's source lines must appear, in order, inside that footnote's
definition. Lines the importer moved on purpose (header and closing into front matter, page
furniture and a website's details left out) are checked as a bag by `coverage`. A failure
names the source line and the line of the new file after which its words should stand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from plansite.importer.document import Line, SourceDoc
from plansite.words import words

_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:[ \t]?")
_REFERENCE = re.compile(r"\[\^[^\]]+\]")
_GLUED_MARKER = re.compile(r"^(.*[^\W\d_])(\d{1,2})$")
_SHOWN = 5


@dataclass(frozen=True)
class Misplaced:
    source_line: int
    output_line: int  # 1-based line of the body after which the words belong (0: its start)
    words: tuple[str, ...]
    footnote: str = ""  # the footnote whose definition should hold them
    excerpt: str = ""  # the source line as received

    def message(self, offset: int = 0) -> str:
        text = self.excerpt or " ".join(self.words)
        text = text if len(text) <= 60 else text[:60].rsplit(" ", 1)[0] + " …"
        where = f"định nghĩa chú thích [^{self.footnote}]" if self.footnote else "nội dung"
        return (f"dòng {self.source_line} của văn bản gốc ('{text}') không nằm đúng thứ tự trong {where} "
                f"(phải đứng sau dòng {self.output_line + offset} của tệp mới)")


def check_placement(source: SourceDoc, draft, excused: set[str]) -> list[Misplaced]:
    """Misplaced runs of words of `draft` (a pipeline.Draft), in source order (a few per stream).
    The words are taken from the received lines as they were, not as the importer changed them."""
    received = {line.number: line for line in source.lines}
    body_lines = [received[line.number] for line in draft.body_lines]
    footnote_lines = {label: [received[line.number] for line in lines] for label, lines in draft.footnote_lines.items()}
    return placement_problems(body_lines, footnote_lines, draft.body, excused)


def placement_problems(body_lines: list[Line], footnote_lines: dict[str, list[Line]], body: str,
                       excused: set[str]) -> list[Misplaced]:
    labels = set(footnote_lines)
    text, definitions = _split_body(body)
    problems = _aligned(_source_words(body_lines, labels), _output_words(text), excused, "")
    for label, lines in footnote_lines.items():
        first = lines[0].number if lines else 0
        source = [(n, w) for n, w in _source_words(lines, labels) if not (n == first and w == label.split("-")[0])]
        problems += _aligned(source, _output_words(definitions.get(label, [])), excused, label)
    texts = {line.number: " ".join(line.text.split()) for line in body_lines}
    texts.update((line.number, " ".join(line.text.split())) for lines in footnote_lines.values() for line in lines)
    return [replace(p, excerpt=texts.get(p.source_line, "")) for p in problems]


def _split_body(body: str) -> tuple[list[tuple[int, str]], dict[str, list[tuple[int, str]]]]:
    """(body lines without footnote definitions, each definition's lines), with body line numbers."""
    text: list[tuple[int, str]] = []
    definitions: dict[str, list[tuple[int, str]]] = {}
    current = None
    for number, line in enumerate(body.split("\n"), start=1):
        match = _DEFINITION.match(line)
        if match:
            current = match.group(1)
            definitions[current] = [(number, line[match.end():])]
        elif current is not None and (line.startswith("    ") or not line.strip()):
            definitions[current].append((number, line))
        else:
            current = None
            text.append((number, line))
    return text, definitions


def _source_words(lines: list[Line], labels: set[str]) -> list[tuple[int, str]]:
    out = []
    for line in lines:
        for word in words(line.text):
            glued = _GLUED_MARKER.match(word)
            if glued and glued.group(2) in labels:
                word = glued.group(1)  # 'tạo1': the marker became '[^1]'
            out.append((line.number, word))
    return out


def _output_words(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(number, word) for number, line in lines for word in words(_REFERENCE.sub(" ", line))]


def _aligned(source: list[tuple[int, str]], output: list[tuple[int, str]], excused: set[str],
             footnote: str) -> list[Misplaced]:
    matcher = SequenceMatcher(None, [w for _, w in source], [w for _, w in output], autojunk=False)
    placed = [False] * len(source)
    after = [0] * len(source)  # output line of the last placed word before each source word
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            placed[block.a + k] = True
    last = 0
    blocks = iter(matcher.get_matching_blocks())
    block = next(blocks, None)
    for index in range(len(source)):
        while block is not None and block.size and index >= block.a + block.size:
            last = output[block.b + block.size - 1][0]
            block = next(blocks, None)
        if block is not None and block.size and block.a <= index:
            last = output[block.b + index - block.a][0]
        after[index] = last
    return _runs(source, placed, after, excused, footnote)


def _runs(source, placed, after, excused, footnote) -> list[Misplaced]:
    runs: list[Misplaced] = []
    index = 0
    while index < len(source) and len(runs) < _SHOWN:
        if placed[index] or source[index][1] in excused:
            index += 1
            continue
        line = source[index][0]
        found = []
        start = index
        while index < len(source) and source[index][0] == line and not placed[index]:
            found.append(source[index][1])
            index += 1
        if any(word not in excused for word in found):
            runs.append(Misplaced(line, after[start], tuple(found), footnote))
    return runs
