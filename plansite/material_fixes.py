"""Small corrections to the HTML Material 9.8 writes, so every page passes the Nu HTML Checker.

Material marks its two menu toggles `<input type="checkbox" autocomplete="off">`
(`autocomplete` is not allowed on checkboxes), and its table-of-contents title is a
`<label for="__toc">` even on pages where no `__toc` checkbox exists (pages kept out of the
navigation, such as plans). Both are fixed in the written HTML; nothing else is touched.
"""
from __future__ import annotations

_CHECKBOX_AUTOCOMPLETE = ('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__search" autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def apply(html: str) -> str:
    for toggle in _CHECKBOX_AUTOCOMPLETE:
        html = html.replace(toggle, toggle.removesuffix(' autocomplete="off"'))
    html = _skip_to_title(html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html


_TITLE_ID = 'id="tieu-de-van-ban"'


def _skip_to_title(html: str) -> str:
    """'Bỏ qua' lands on a document's title, not on its first section past the title and details."""
    if _TITLE_ID not in html:
        return html
    start = html.find('class="md-skip"')
    link = html.rfind('<a href="', 0, start)
    if start < 0 or link < 0:
        return html
    return html[:link] + '<a href="#tieu-de-van-ban" ' + html[start:]
