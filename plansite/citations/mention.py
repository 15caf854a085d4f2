"""What the finder reports: one mention of a document, with its exact span in the text."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into the text searched; text[start:end] == surface
    end: int
    surface: str
    form: str  # legal-with-year, party, administrative, letter, named-law, short
    doc_type: str | None  # 'Nghị quyết', 'Thông tư', ...
    number_symbol: str | None  # normalised: '71/2020/NĐ-CP'; None for a named law or an unresolved short form
    date: str | None = None  # ISO
    issuer: str | None = None  # the phrase after 'của', as written
    organ: str | None = None  # the issuing organ's code: 'TW', 'BGDĐT', 'UBND'
    year: int | None = None  # year printed in the number, or of the date
    title: str | None = None  # for named laws: 'Luật Giáo dục 2019'
    id: str | None = None  # document identity, set by the resolver
    tail_end: int | None = None  # end of the date/issuer that follow the number (for lists and context)

    @property
    def label(self) -> str:
        """'Nghị quyết số 29-NQ/TW', 'Luật Giáo dục 2019'."""
        if self.number_symbol and self.doc_type:
            return f"{self.doc_type} số {self.number_symbol}"
        return self.title or self.number_symbol or self.surface
