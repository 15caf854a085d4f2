"""Inline leftovers of conversion tools, and Markdown that the printed text would trigger.

PDF-to-text tools write simple formulas as LaTeX ('$26/39 = 66.6\\%$'); a line that starts
with '* ' or '1. ' would become a Markdown list although the document printed a star or a
number. Both are fixed here, without changing a word.
"""
from __future__ import annotations

import re

_SIMPLE_FORMULA = re.compile(r"\$([0-9\s.,/=+\-×x*()%\\]+)\$")
_STARRED_BOLD = re.compile(r"^\*\*\*\s+(.+?)\*\*$")  # '*** Các nhiệm vụ:**' is a bold line with a '*' marker


def clean_inline(text: str) -> str:
    return _SIMPLE_FORMULA.sub(lambda m: m.group(1).replace("\\%", "%").strip(), text)


def escape_line_start(text: str) -> str:
    """Keep a printed '*', '+', '#', '>' or '1.' at the start of a paragraph as text."""
    starred = _STARRED_BOLD.match(text)
    if starred:
        return f"**\\* {starred.group(1)}**"
    if re.match(r"^[*+]\s", text):
        return "\\" + text
    if re.match(r"^[#>]", text):
        return "\\" + text
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
