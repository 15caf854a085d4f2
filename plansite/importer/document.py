"""Plain data passed between the importer's steps."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of the received document; `number` is 1-based, as editors count."""

    number: int
    text: str


@dataclass(frozen=True)
class SourceDoc:
    path: str  # as shown to editors
    lines: tuple[Line, ...]
    # Word paragraphs are whole; lines copied out of a PDF may be broken anywhere.
    whole_paragraphs: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Removed:
    """Text the importer left out on purpose (a page number, a repeated page header...)."""

    text: str
    reason: str
    line: int = 0


@dataclass
class Fields:
    """Front-matter values found in the document; empty strings and lists mean 'not found'."""

    number: str = ""
    symbol: str = ""
    doc_type: str = ""
    title: str = ""
    issuer: str = ""
    parent_issuer: str = ""
    locality: str = ""
    place: str = ""
    date: str = ""
    status: str = ""
    signer_authority: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    recipients_note: str = ""
    not_in_copy: list[str] = field(default_factory=list)  # header parts the copy does not print

    def strings(self) -> list[str]:
        """Every value, for the word inventory of what the importer kept."""
        scalars = [self.number, self.symbol, self.doc_type, self.title, self.issuer, self.parent_issuer,
                   self.place, self.date, self.signer_title, self.signer_name, self.recipients_note]
        return scalars + self.signer_authority + self.recipients


@dataclass(frozen=True)
class Note:
    """Something the editor must look at: a field left empty (todo) or guessed (inferred)."""

    key: str  # front-matter key, dotted ('signer.name'), or '' for the body
    message: str
    fix: str
    todo: bool = False
