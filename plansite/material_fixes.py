"""Small corrections to the HTML Material 9.8 writes, so every page passes the Nu HTML Checker.

Also `compact`: Material's templates indent every line and leave runs of blank lines, about a
third of a page's chrome; no one reads those bytes.

Material marks its two menu toggles `<input type="checkbox" autocomplete="off">`
(`autocomplete` is not allowed on checkboxes), and its table-of-contents title is a
`<label for="__toc">` even on pages where no `__toc` checkbox exists (pages kept out of the
navigation, such as plans). Both are fixed in the written HTML; nothing else is touched.
"""
from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = ('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__search" autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def apply(html: str) -> str:
    for toggle in _CHECKBOX_AUTOCOMPLETE:
        html = html.replace(toggle, toggle.removesuffix(' autocomplete="off"'))
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html


_PRESERVED = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S)  # whitespace there is content
_LINE_BREAK_RUN = re.compile(r"\n\s+")


def compact(html: str) -> str:
    """Each run of whitespace that starts with a line break becomes one line break.

    Rendering is unchanged: outside <pre> and <textarea>, a line break followed by spaces and
    blank lines is collapsible white space, exactly like a single line break."""
    parts = _PRESERVED.split(html)
    # split() yields text, then (whole match, tag name) pairs: keep matches, compact the text between.
    out = []
    for index in range(0, len(parts), 3):
        out.append(_LINE_BREAK_RUN.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
