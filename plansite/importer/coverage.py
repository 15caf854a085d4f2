"""Proof that no text was lost: every word of the received document must be in the new file.

A word counts as kept when it is in the body, in a front-matter value, or among the labels
the plan page prints around those values ('Số:', 'Nơi nhận:', the national motto, 'ngày ...
tháng ... năm'). Words found only in text left out on purpose (page numbers, a web page's
details table) are listed with the reason; any other missing word is reported as lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite.importer.document import Removed
from plansite.words import missing_words, words

PRINTED_BY_SITE = "Số Nơi nhận CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc ngày tháng năm"
_GLUED_MARKER = re.compile(r"^(.*\D)(\d{1,2})$")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")  # '<br>', '<i>': markup, not words of the document


@dataclass
class Coverage:
    source_words: int
    lost: list[str] = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)  # reason -> words
    misplaced: list = field(default_factory=list)  # placement.Misplaced: words kept, but not where they belong


def check_coverage(source: str, kept: list[str], removed: list[Removed], footnote_labels: set[str]) -> Coverage:
    source = _TAG.sub(" ", source)
    published = _TAG.sub(" ", "\n".join(kept + [PRINTED_BY_SITE]))
    present = set(words(published))
    coverage = Coverage(len(words(source)))
    reasons = [(set(words(item.text)), item.reason) for item in removed]
    numbers = {int(w) for w in present if w.isdigit()}
    for word in missing_words(source, published):
        # 'tạo1' was kept as 'tạo[^1]'; 'tháng 9' as date '2023-09-05'
        if _split_marker(word, present, footnote_labels) or (word.isdigit() and int(word) in numbers):
            continue
        reason = next((why for vocabulary, why in reasons if word in vocabulary), None)
        if reason:
            coverage.left_out.setdefault(reason, []).append(word)
        else:
            coverage.lost.append(word)
    return coverage


def _split_marker(word: str, present: set[str], footnote_labels: set[str]) -> bool:
    """'tạo1' became 'tạo[^1]': the word is kept, the digit became a footnote marker."""
    match = _GLUED_MARKER.match(word)
    return bool(match) and match.group(2) in footnote_labels and match.group(1) in present
