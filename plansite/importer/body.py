"""The body as Markdown: broken paragraphs joined, numbered sections as headings, lists, tables.

Text copied out of a PDF breaks lines anywhere: at the page width (hard-wrapped lines) and
at page breaks (a blank line in the middle of a sentence). A line is joined to the paragraph
before it when it continues a sentence: it starts in lower case, or the paragraph stopped
mid-sentence, or the line before it filled the page width. A numbered item ('1.', '1.2.',
'II.') becomes a heading when it introduces content (sub-items, lists, paragraphs) and reads
like a heading; one that is itself a whole statement stays a paragraph ('1\\. Phấn đấu ...').
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plansite.importer.document import Line
from plansite.importer.footnotes import Footnote
from plansite.importer.inline import clean_inline, escape_line_start
from plansite.importer.lines import (
    continues_sentence,
    ends_open,
    ends_sentence,
    fills_line,
    first_letter,
    is_caps,
    is_letter_item,
    join_lines,
    numbering,
    opens_clause,
    plain,
    sentence_count,
    starts_with_name,
    wrap_width,
)
from plansite.importer.reading import superscript
from plansite.importer.tables import TableSpan

_BULLET = re.compile(r"^([-–—•·+])(\s*)(?=\S)")
_RAW = re.compile(r"^(\[\^[^\]]+\]:|\[\[\w+\]\]$|#{1,6}\s|<)")  # Markdown an editor already wrote
_HEADING_MAX = 160  # a one-sentence numbered item up to this length can be a heading
_LONG_PARAGRAPH = 120  # a paragraph this long that stops mid-word was cut by a page break
_MAX_LEVEL = 6
_WRAPPED_SHARE = 0.7  # a line at least this share of the page width was wrapped, not ended


@dataclass
class Block:
    kind: str  # numbered, list, plain, table, raw
    text: str
    first_line: int
    last: str = ""  # the last source line, to judge whether the next one continues it
    rank: int = -1  # numbered items: outermost first (see lines.numbering)
    marker: str = ""  # list items: the printed bullet
    heading_level: int = 0


def body_markdown(lines: list[Line], tables: list[TableSpan], notes: list[Footnote], whole_paragraphs: bool) -> str:
    blocks = _blocks(lines, {span.start: span for span in tables}, whole_paragraphs)
    _decide_headings(blocks)
    parts = _rendered(blocks)
    parts += [_footnote(note) for note in notes]
    return "\n\n".join(part for part in parts if part.strip()) + "\n"


def _blocks(lines: list[Line], tables: dict[int, TableSpan], whole_paragraphs: bool) -> list[Block]:
    wrap = wrap_width(line.text for line in lines)
    blocks: list[Block] = []
    gap = True
    index = 0
    while index < len(lines):
        span = tables.get(index)
        if span:
            blocks.append(Block("table", span.markdown(), lines[index].number))
            index, gap = span.end, True
            continue
        text = lines[index].text.replace("\t", " ").strip()
        if not text:
            gap, index = True, index + 1
            continue
        previous = blocks[-1] if blocks else None
        if previous and previous.text.startswith("[^") and lines[index].text.startswith("    "):
            previous.text += f"\n\n    {text}"  # a further paragraph of a Markdown footnote
        elif previous and _joins(previous, text, gap, wrap, whole_paragraphs):
            previous.text = join_lines(previous.text, text)
            previous.last = text
        else:
            blocks.append(_new_block(text, lines[index].number))
        gap, index = False, index + 1
    return blocks


def _bullet(text: str) -> re.Match | None:
    """'- Text', '+ Text', '• Text'; also '-Text' (no space) but not '-5%'."""
    match = _BULLET.match(text)
    if match and (match.group(2) or first_letter(text[match.end():]).isupper()):
        return match
    return None


def _new_block(text: str, number: int) -> Block:
    if _RAW.match(text) and not numbering(text):
        return Block("raw", text, number, text)
    ranked = numbering(text)
    if ranked:
        return Block("numbered", text, number, text, rank=ranked[0])
    bullet = _bullet(text)
    if bullet:
        return Block("list", text[bullet.end():].strip(), number, text, marker=bullet.group(1))
    return Block("plain", text, number, text)


def _starts_block(text: str) -> bool:
    return bool(numbering(text) or _bullet(text) or is_letter_item(text) or _RAW.match(text))


def _joins(block: Block, text: str, gap: bool, wrap: int, whole_paragraphs: bool) -> bool:
    """Does `text` continue the paragraph of `block` (see the module docstring)?"""
    if block.kind in ("table", "raw") or _starts_block(text):
        return False
    if whole_paragraphs:
        return not gap  # a Word paragraph is whole; lines within it were soft line breaks
    if continues_sentence(text) or (re.search(r"\w[-–]$", block.last) and first_letter(text).isalpha()):
        return True  # a lower-case word, or the rest of a hyphenated compound ('Dân chủ-' 'Kỷ cương')
    if opens_clause(block.last, text):
        return False
    if not gap:
        return fills_line(block.last, wrap, text) or _wrapped_mid_sentence(block, text, wrap)
    if _unfinished(block) and starts_with_name(text):
        return True  # 'của Sở GD&ĐT' / 'Quảng Ninh về việc': a name does not start a sentence
    if first_letter(text).isdigit() and not ends_sentence(block.last) and block.kind != "numbered":
        return True
    return (block.kind in ("plain", "list") and ends_open(block.last) and len(block.text) >= _LONG_PARAGRAPH
            and not (len(text) < 60 and text.endswith(":")))


def _unfinished(block: Block) -> bool:
    """A paragraph (not a heading) whose last line stopped without punctuation, after a word."""
    last = block.last.rstrip()
    return (block.kind in ("plain", "list") and not ends_sentence(last) and not is_caps(last)
            and last[-1:].isalnum())


def _wrapped_mid_sentence(block: Block, text: str, wrap: int) -> bool:
    """In hard-wrapped text set in a proportional font, a line can stop well short of the
    page width; a long line of a paragraph that ends without punctuation goes on."""
    return (bool(wrap) and block.kind in ("plain", "list") and len(block.last.strip()) >= _WRAPPED_SHARE * wrap
            and not ends_sentence(block.last) and not is_caps(block.last))


def _decide_headings(blocks: list[Block]) -> None:
    numbered = [i for i, block in enumerate(blocks) if block.kind == "numbered"]
    headings = []
    for position, index in enumerate(numbered):
        block = blocks[index]
        following = blocks[numbered[position + 1]] if position + 1 < len(numbered) else None
        has_children = following is not None and following.rank > block.rank
        introduces = index + 1 < len(blocks) and blocks[index + 1].kind != "numbered"
        if has_children or (introduces and _reads_like_heading(block.text)):
            headings.append(block)
    _assign_levels(headings)


def _assign_levels(headings: list[Block]) -> None:
    """One level below the nearest heading of an outer rank: 'PHẦN I' ## > '1.' ###,
    'II.' ## > '1.' ### > '1.1.' ####, whatever ranks a plan uses."""
    outer: list[tuple[int, int]] = []  # (rank, level) of the open headings
    for block in headings:
        while outer and outer[-1][0] >= block.rank:
            outer.pop()
        level = outer[-1][1] + 1 if outer else 2
        block.heading_level = min(level, _MAX_LEVEL)
        outer.append((block.rank, level))


def _reads_like_heading(text: str) -> bool:
    text = plain(text)
    if text.endswith(":") or not ends_sentence(text):
        return True
    label = numbering(text)
    statement = text[len(label[1]):] if label else text
    return sentence_count(statement) == 1 and len(text) <= _HEADING_MAX


def _rendered(blocks: list[Block]) -> list[str]:
    parts: list[str] = []
    in_list_with_dash = False
    for index, block in enumerate(blocks):
        if block.kind == "list":
            item, in_list_with_dash = _list_item(block, in_list_with_dash)
            if index > 0 and blocks[index - 1].kind == "list":
                parts[-1] += "\n" + item  # items of one list stay together (a tight list)
            else:
                parts.append(item)
            continue
        in_list_with_dash = False
        parts.append(_render(block))
    return parts


def _list_item(block: Block, in_list_with_dash: bool) -> tuple[str, bool]:
    """'-' items are the outer list; '+' items nest under the '-' item before them."""
    text = clean_inline(block.text)
    if block.marker == "+" and in_list_with_dash:
        return f"    + {text}", True
    if block.marker == "+":
        return f"+ {text}", False
    return f"- {text}", True


def _render(block: Block) -> str:
    if block.kind in ("table", "raw"):
        return block.text
    text = clean_inline(block.text)
    if block.heading_level:
        return "#" * block.heading_level + " " + plain(text)
    return escape_line_start(text)


def _footnote(note: Footnote) -> str:
    paragraphs = [clean_inline(p) for p in note.paragraphs] or [""]
    if not note.referenced:  # no marker found in the text: keep the note as a paragraph
        return escape_line_start(f"{superscript(int(note.label.split('-')[0]))} {paragraphs[0]}") + "".join(
            f"\n\n{p}" for p in paragraphs[1:])
    return f"[^{note.label}]: {paragraphs[0]}" + "".join(f"\n\n    {p}" for p in paragraphs[1:])
