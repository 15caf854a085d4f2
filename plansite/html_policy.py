"""What HTML the published pages may contain: the plan-body allowlist and the page CSP.

Plan bodies are Markdown written (or pasted) by editors, and Markdown lets raw HTML
through. Whatever the editor wrote, the rendered body is cleaned with an allowlist (nh3,
the Ammonia sanitiser): only the tags and attributes Python-Markdown produces for prose,
tables and footnotes survive; scripts, styles, event handlers, forms, frames, images and
`javascript:` links do not. Ids and classes are limited to the forms our Markdown
extensions generate, so content cannot clobber the theme's own elements (`__config`).

The Content-Security-Policy is the second line: pages may load scripts, styles, fonts and
images from the site itself only. The search (assets/search.js over /tim-kiem/chi-muc/) is
plain JavaScript: no WebAssembly, no eval().
"""
from __future__ import annotations

import re

import nh3

BODY_TAGS = {
    "p", "br", "hr", "div", "span", "blockquote", "pre", "code",
    "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "small", "abbr", "q",
}
# Removed together with everything inside them (the rest lose the tag, keep the text).
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "select",
                        "svg", "math"}
BODY_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Ids: heading slugs from the toc extension, footnotes (fn:1, fnref:1, fnref2:1).
_ID = re.compile(r"[a-z0-9][a-z0-9-]*|fn(?:ref[0-9]*)?:[A-Za-z0-9_-]+")
_CLASSES = {"footnote", "footnote-ref", "footnote-backref", "headerlink",
            "plansite-align-left", "plansite-align-center", "plansite-align-right"}
# The tables extension aligns columns with a style attribute, which the CSP would block.
_TABLE_ALIGN = re.compile(r' style="text-align: (left|center|right);"')


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if _ID.fullmatch(value) else None
    if attribute == "class":
        kept = [name for name in value.split() if name in _CLASSES]
        return " ".join(kept) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=BODY_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=BODY_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def sanitize_body(html: str) -> str:
    """The rendered body of a plan with only allowlisted markup left; links out of the site marked."""
    return mark_external_links(_CLEANER.clean(_TABLE_ALIGN.sub(r' class="plansite-align-\1"', html)))


# A link to another host gets rel="noopener noreferrer" (the other site can neither script this
# tab nor learn the page it came from) and a visible mark, with its meaning in words for screen
# readers (the CSS arrow is silent). nh3's output is regular: attributes double-quoted, no '>' inside.
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_HREF = re.compile(r'\shref="((?:https?:)?//[^"]*)"')
_CLASS_OR_REL = re.compile(r'\s(?:class|rel)="[^"]*"')
EXTERNAL_MARK = '<span class="plansite-sr-only"> (trang ngoài)</span>'


def mark_external_links(html: str) -> str:
    def mark(link: re.Match) -> str:
        attributes, text = link.groups()
        href = _HREF.search(attributes)
        if href is None:
            return link.group(0)
        rest = _CLASS_OR_REL.sub("", _HREF.sub("", attributes, count=1))
        return (f'<a href="{href.group(1)}"{rest} class="plansite-external" rel="noopener noreferrer">'
                f"{text}{EXTERNAL_MARK}</a>")
    return _LINK.sub(mark, html)


_TEXT_CLEANER = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"}, attributes={}, link_rel=None)


def clean_text(html: str) -> str:
    """HTML that should be text (a table-of-contents title): tags removed, entities kept escaped."""
    return _TEXT_CLEANER.clean(html)


CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Material's icons are data: SVG masks in its own stylesheet
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])

# `make serve` only: MkDocs' live-reload server injects an inline <script> into every page it
# serves, which the published policy blocks. Preview builds are never published.
PREVIEW_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
