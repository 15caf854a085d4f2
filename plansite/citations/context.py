"""The sentence a citation stands in, as plain text for document pages."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n[ \t]*\n")
_MARKUP = [(re.compile(r"^\s*\[\^\d+\]:\s*"), ""), (re.compile(r"\[\^\d+\]"), ""), (re.compile(r"\*\*|__|(?<!\w)\*|\*(?!\w)"), ""),
           (re.compile(r"^[ \t]*(?:[-+*]|#{1,6}|\d+\\?\.)[ \t]+", re.MULTILINE), ""), (re.compile(r"\\"), ""),
           (re.compile(r"\s+"), " ")]
MAX_CHARS = 320


class Sentences:
    """Sentence boundaries of one text, found once, so each citation's sentence is a lookup."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def around(self, start: int, end: int) -> str:
        """The sentence containing text[start:end], without Markdown markup, at most MAX_CHARS long."""
        index = bisect_right(self.ends, start)
        begin = self.ends[index - 1] if index else 0
        after = bisect_left(self.ends, end + 1)
        stop = self.ends[after] if after < len(self.ends) else len(self.text)
        # A 'sentence' can be a whole 10,000-item list: only a window around the citation is
        # ever shown, so only that window is copied and cleaned (same result, bounded work).
        low, high = max(begin, start - MAX_CHARS), min(stop, end + MAX_CHARS)
        return _plain(self.text[low:high], start - low)


def _plain(sentence: str, focus: int) -> str:
    if len(sentence) > MAX_CHARS:
        left = max(0, min(focus - MAX_CHARS // 3, len(sentence) - MAX_CHARS))
        sentence = ("…" if left else "") + sentence[left:left + MAX_CHARS] + "…"
    for pattern, replacement in _MARKUP:
        sentence = pattern.sub(replacement, sentence)
    return sentence.strip()


class Lines:
    """Line and column of offsets into one text, from line starts found once (not a count of
    newlines from the top for each citation)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """0-based line, 1-based column."""
        index = bisect_right(self.starts, offset) - 1
        return index, offset - self.starts[index] + 1
