"""Helpers for the importer tests: convert a fragment of text as the importer would."""
from __future__ import annotations

import re
from pathlib import Path

from plansite.content.localities import load_localities
from plansite.errors import Problems
from plansite.importer.coverage import check_coverage
from plansite.importer.document import Line, SourceDoc
from plansite.importer.pipeline import Draft, convert
from tests.helpers import REPO, article_html, text_of

PROVINCES = load_localities(REPO / "content" / "localities.yaml", REPO, Problems())
# A closing so that header and body cases are not about missing signatures.
CLOSING = "\n\nNơi nhận:\n- Sở GDĐT;\n- Lưu: VT.\n\nTRƯỞNG PHÒNG\n\nNguyễn Văn An\n"


def source(text: str, whole_paragraphs: bool = False, name: str = "van-ban.txt") -> SourceDoc:
    lines = tuple(Line(number, line) for number, line in enumerate(text.split("\n"), start=1))
    return SourceDoc(name, lines, whole_paragraphs)


def convert_text(text: str, provinces=None, locality: str = "", whole_paragraphs: bool = False) -> Draft:
    return convert(source(text, whole_paragraphs), PROVINCES if provinces is None else provinces, locality)


def lost_words(text: str, draft: Draft) -> list[str]:
    return check_coverage(text, draft.kept_texts(), draft.removed, draft.footnote_labels).lost


def body_of(text: str, **kwargs) -> str:
    """The Markdown body the importer makes of a fragment (with a closing added)."""
    return convert_text(text + CLOSING, **kwargs).body


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


_INLINE_TAGS = re.compile(r"</?(?:a|sup|sub|span|em|strong|b|i|code|time|abbr|mark)\b[^>]*>")


def page_text(html: str) -> str:
    """The article's text as a reader sees it: inline tags join their neighbours without a
    space ('đào tạo<sup>1</sup>' reads 'đào tạo1', '<a>26-CTr/TU</a>ngày' reads '26-CTr/TUngày')."""
    return inline_text(article_html(html))


def inline_text(fragment: str) -> str:
    return " ".join(text_of("<article>" + _INLINE_TAGS.sub("", fragment) + "</article>").split())
