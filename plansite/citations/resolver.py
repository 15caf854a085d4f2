"""Resolving the mentions of one document: short forms, repeated citations, identities.

A short form ('Nghị quyết 29') or a repeat without date ('Nghị quyết số 06-NQ/TU của Thành
ủy') takes its details from the full citation earlier in the same document. What cannot be
resolved is kept (id None) and reported, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plansite.citations import grammar as g
from plansite.citations.identity import Locale, document_id, is_state_organ, scope_of
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
    regular = [_regular_form(mention) for mention in mentions]
    findings.extend(finding for _, finding in regular if finding)
    mentions = [mention for mention, _ in regular]
    details = _details_by_symbol(mentions)
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
            mention = _complete(mention, details)
            mention = replace(mention, id=document_id(mention, scope_of(mention, locale)))
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


def _details_by_symbol(mentions: list[Mention]) -> dict[str, tuple[str | None, str | None, int | None]]:
    """Per number: the first date, issuer and year printed with any of its mentions in this document.
    A plan cites 'Kế hoạch số 64/KH-UBND' bare in one place and '… ngày 06/3/2023 của UBND tỉnh' in
    another, before or after: one number in one document is one document."""
    details: dict[str, tuple[str | None, str | None, int | None]] = {}
    for mention in mentions:
        if not mention.number_symbol:
            continue
        date_, issuer, year = details.get(mention.number_symbol, (None, None, None))
        details[mention.number_symbol] = (date_ or mention.date, issuer or mention.issuer, year or mention.year)
    return details


def _complete(mention: Mention, details: dict[str, tuple[str | None, str | None, int | None]]) -> Mention:
    found = details.get(mention.number_symbol or "")
    if found is None:
        return mention
    date_, issuer, year = found
    completed = (mention.date or date_, mention.issuer or issuer, mention.year or year)
    if completed == (mention.date, mention.issuer, mention.year):  # the usual case: nothing to add
        return mention
    return replace(mention, date=completed[0], issuer=completed[1], year=completed[2])


def _regular_form(mention: Mention) -> tuple[Mention, Finding | None]:
    """One document, one number, whatever the separators: a state organ's resolution printed Party-style
    ('128-NQ/HĐND') is '128/NQ-HĐND', and a Party document printed '29/NQ-TW' is '29-NQ/TW'. The
    irregular form is reported so the text can be corrected."""
    symbol, organ = mention.number_symbol or "", mention.organ or ""
    party = re.fullmatch(r"(\d+)-([^/]+)/([^/-]+)", symbol)
    state = re.fullmatch(r"(\d+)/([^/-]+)-([^/-]+)", symbol)
    if mention.form == "party" and party and is_state_organ(organ):
        regular = f"{party.group(1)}/{party.group(2)}-{party.group(3)}"
        form, kind = "administrative", "văn bản của Đảng"
    elif mention.form == "administrative" and state and organ in g.PARTY_ORGANS:
        regular = f"{state.group(1)}-{state.group(2)}/{state.group(3)}"
        form, kind = "party", "văn bản của cơ quan nhà nước"
    else:
        return mention, None
    finding = Finding(mention, f"số hiệu '{symbol}' ghi theo kiểu {kind}; văn bản của {organ} ghi '{regular}'",
                      f"sửa thành {regular} (hai cách ghi vẫn được coi là một văn bản)")
    return replace(mention, form=form, number_symbol=regular), finding


def _missing_year(mention: Mention) -> list[Finding]:
    if mention.doc_type in TYPES_WITH_YEAR and mention.form in ("administrative", "letter"):
        return [Finding(mention, f"số hiệu '{mention.number_symbol}' thiếu năm ban hành",
                        "văn bản quy phạm pháp luật từ năm 2016 ghi năm trong số hiệu, ví dụ 19/2023/TT-BGDĐT; "
                        "kiểm tra lại bản gốc")]
    return []
