"""Resolving the mentions of one document: short forms, repeated citations, identities.

A short form ('Nghị quyết 29') or a repeat without date ('Nghị quyết số 06-NQ/TU của Thành
ủy') takes its details from the full citation earlier in the same document. What cannot be
resolved is kept (id None) and reported, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plansite.citations.identity import Locale, document_id, scope_of
from plansite.citations.mention import Mention

# Types that must print their year in the number since 2016 (Law 80/2015/QH13).
TYPES_WITH_YEAR = frozenset({"Thông tư", "Thông tư liên tịch", "Nghị định", "Luật"})


@dataclass(frozen=True)
class Finding:
    """Something `check` warns about; `mention` locates it."""

    mention: Mention
    what: str
    fix: str


def resolve_document(mentions: list[Mention], locale: Locale, own_id: str | None = None
                     ) -> tuple[list[Mention], list[Finding]]:
    resolved: list[Mention] = []
    findings: list[Finding] = []
    by_symbol: dict[str, Mention] = {}
    by_short: dict[tuple[str | None, int], Mention] = {}  # (type, number) -> latest full citation
    for mention in mentions:
        if mention.form == "short":
            mention = _resolve_short_form(mention, by_short)
            if mention.id is None:
                findings.append(Finding(mention, f"không xác định được văn bản '{mention.surface}'",
                                        "ghi đầy đủ số, ký hiệu ở lần nhắc đầu tiên, ví dụ 'Nghị quyết số 29-NQ/TW'"))
                resolved.append(mention)
                continue
        else:
            mention = _complete_from_earlier(mention, by_symbol)
            mention = replace(mention, id=document_id(mention, scope_of(mention, locale)))
            by_symbol.setdefault(mention.number_symbol or mention.id, mention)
            leading = re.match(r"\d+", mention.number_symbol or "")
            if mention.id and leading and mention.id != own_id:
                by_short[(mention.doc_type, int(leading.group(0)))] = mention
            findings.extend(_missing_year(mention))
        if own_id is None or mention.id != own_id:
            resolved.append(mention)
    return resolved, findings


def _resolve_short_form(mention: Mention, by_short: dict[tuple[str | None, int], Mention]) -> Mention:
    """'Nghị quyết 29' is the latest earlier full citation of that type whose number is 29 (or 029)."""
    candidate = by_short.get((mention.doc_type, int(mention.title)))
    if candidate is None:
        return mention
    return replace(mention, id=candidate.id, number_symbol=candidate.number_symbol, date=candidate.date,
                   issuer=candidate.issuer, organ=candidate.organ, year=candidate.year, title=None)


def _complete_from_earlier(mention: Mention, by_symbol: dict[str, Mention]) -> Mention:
    earlier = by_symbol.get(mention.number_symbol or "")
    if earlier is None:
        return mention
    return replace(mention, date=mention.date or earlier.date, issuer=mention.issuer or earlier.issuer,
                   year=mention.year or earlier.year)


def _missing_year(mention: Mention) -> list[Finding]:
    if mention.doc_type in TYPES_WITH_YEAR and mention.form in ("administrative", "letter"):
        return [Finding(mention, f"số hiệu '{mention.number_symbol}' thiếu năm ban hành",
                        "văn bản quy phạm pháp luật từ năm 2016 ghi năm trong số hiệu, ví dụ 19/2023/TT-BGDĐT; "
                        "kiểm tra lại bản gốc")]
    return []
