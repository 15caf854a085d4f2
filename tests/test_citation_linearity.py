"""The finder's work grows with the text, not with its square (issue 12: a 209 KB plan with a
10,000-item citation list took 167 s). Measured by counting work, never by timing: the Python
lines executed in plansite.citations, and the characters its string operations touch."""
from __future__ import annotations

import sys

from plansite.citations.context import Lines, Sentences
from plansite.citations.finder import find_mentions
from plansite.citations.identity import Locale
from plansite.citations.resolver import resolve_document


class CountingText(str):
    """A str that counts the characters sliced, searched or counted through its methods."""

    touched = 0

    def __getitem__(self, key):
        result = str.__getitem__(self, key)
        CountingText.touched += len(result) if isinstance(key, slice) else 1
        return result

    def _span(self, start=None, end=None):
        start = 0 if start is None else start
        end = len(self) if end is None else end
        CountingText.touched += max(0, end - start)

    def rfind(self, sub, start=None, end=None):
        self._span(start, end)
        return str.rfind(self, sub, *(a for a in (start, end) if a is not None))

    def find(self, sub, start=None, end=None):
        self._span(start, end)
        return str.find(self, sub, *(a for a in (start, end) if a is not None))

    def count(self, sub, start=None, end=None):
        self._span(start, end)
        return str.count(self, sub, *(a for a in (start, end) if a is not None))


def _plan_text(items: int) -> str:
    """One long line listing `items` decisions, a shared date and issuer, then short forms."""
    numbers = ", ".join(f"{n}/QĐ-UBND" for n in range(1, items + 1))
    shorts = " ".join(f"Theo Quyết định {n}, " for n in range(1, items + 1, 10))
    return (f"Căn cứ các Quyết định số {numbers} ngày 01/02/2023 của UBND tỉnh Quảng Ninh; "
            f"Kế hoạch số 12-KH/TU ngày 3/4/2021 của Tỉnh ủy. {shorts}hoàn thành.\n")


def _work(items: int) -> tuple[int, int, int]:
    text = CountingText(_plan_text(items))
    CountingText.touched = 0
    lines_run = 0

    def tracer(frame, event, arg):
        nonlocal lines_run
        if not frame.f_code.co_filename.replace("\\", "/").count("/plansite/citations/"):
            return None
        if event == "line":
            lines_run += 1
        return tracer

    sys.settrace(tracer)
    try:
        mentions, _ = resolve_document(find_mentions(text), Locale())
        sentences, lines = Sentences(text), Lines(text)
        for mention in mentions:
            sentences.around(mention.start, mention.end)
            lines.line_col(mention.start)
    finally:
        sys.settrace(None)
    return len(mentions), lines_run, CountingText.touched


def test_finding_and_placing_citations_is_linear_in_the_list_length():
    found_n, lines_n, chars_n = _work(400)
    found_2n, lines_2n, chars_2n = _work(800)
    assert found_n == 400 + 1 + 40 and found_2n == 800 + 1 + 80  # every item, the plan, the short forms
    # Twice the items: about twice the work (a quadratic step would make it four times).
    assert lines_2n / lines_n < 2.5, (lines_n, lines_2n)
    assert chars_2n / chars_n < 2.5, (chars_n, chars_2n)


def test_every_list_member_shares_the_date_printed_after_the_list():
    mentions = find_mentions(_plan_text(50))
    decisions = [m for m in mentions if m.number_symbol and m.number_symbol.endswith("/QĐ-UBND")]
    assert len(decisions) == 50
    assert {m.date for m in decisions} == {"2023-02-01"}
