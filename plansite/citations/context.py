"""The sentence a citation stands in, as plain text for document pages."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n[ \t]*\n")
_MARKUP = [(re.compile(r"^\s*\[\^\d+\]:\s*"), ""), (re.compile(r"\[\^\d+\]"), ""), (re.compile(r"\*\*|__|(?<!\w)\*|\*(?!\w)"), ""),
           (re.compile(r"^[ \t]*(?:[-+*]|#{1,6}|\d+\\?\.)[ \t]+", re.MULTILINE), ""), (re.compile(r"\\"), ""),
           (re.compile(r"\s+"), " ")]
MAX_CHARS = 320


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence containing text[start:end], without Markdown markup, at most MAX_CHARS long."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.end() if after else len(text)
    sentence = text[begin:stop]
    if len(sentence) > MAX_CHARS:
        focus = start - begin
        left = max(0, min(focus - MAX_CHARS // 3, len(sentence) - MAX_CHARS))
        sentence = ("…" if left else "") + sentence[left:left + MAX_CHARS] + "…"
    for pattern, replacement in _MARKUP:
        sentence = pattern.sub(replacement, sentence)
    return sentence.strip()
