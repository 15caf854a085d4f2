"""What the finder reports: one mention of a document, with its exact span in the text."""
from __future__ import annotations

import sys
from dataclasses import dataclass

# Fields whose values repeat across a corpus (a national document is cited by every plan, with
# the same number, issuer and identity): one string each in memory, not one per mention.
_SHARED_FIELDS = frozenset({"surface", "form", "doc_type", "number_symbol", "date", "issuer", "organ", "title", "id"})


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

    def __setstate__(self, state: dict) -> None:
        """Unpickling (the plan cache, the workers' results): repeated strings are shared, which
        at 10,000 plans keeps about 200 MB of copies of the same few thousand strings out of memory."""
        for name in _SHARED_FIELDS:
            value = state.get(name)
            if value.__class__ is str:
                state[name] = sys.intern(value)
        self.__dict__.update(state)  # what unpickling does without this method (the dataclass is frozen)

    @property
    def label(self) -> str:
        """'Nghị quyết số 29-NQ/TW', 'Luật Giáo dục 2019'."""
        if self.number_symbol and self.doc_type:
            return f"{self.doc_type} số {self.number_symbol}"
        return self.title or self.number_symbol or self.surface
