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
        return _plain(self.text[begin:stop], start - begin)


def _plain(sentence: str, focus: int) -> str:
    if len(sentence) > MAX_CHARS:
        left = max(0, min(focus - MAX_CHARS // 3, len(sentence) - MAX_CHARS))
        sentence = ("…" if left else "") + sentence[left:left + MAX_CHARS] + "…"
    for pattern, replacement in _MARKUP:
        sentence = pattern.sub(replacement, sentence)
    return sentence.strip()
