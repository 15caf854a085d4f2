"""Finding citations in real text: numbers, the type before them, the date and issuer after.

Works on raw text and on Markdown alike, keeping character spans from start to finish.
Copes with what PDFs and typists produce: a citation broken across a line, stray spaces
('26 -CTr/TU'), a following word glued on ('CTr/TUngày'), lists that share one type and
date ('Thông tư số 17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT ... ngày 22/8/2018').
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from plansite.citations import grammar as g
from plansite.citations.mention import Mention

_LETTER_SINGLE = next(p.regex for p in g.NUMBER_PATTERNS if p.name == "letter-single")
_LOOKBEHIND = 60
_LOOKAHEAD = 200


def find_mentions(text: str) -> list[Mention]:
    """All citations in text, in reading order (short forms not yet resolved)."""
    numbered = _numbered_mentions(text)
    numbered = _share_within_lists(text, numbered)
    numbered = _issuer_before_list(text, numbered)
    taken = _Spans()
    for mention in numbered:
        taken.add(mention.start, mention.end)
    laws = [m for m in _named_laws(text) if taken.add(m.start, m.end)]
    shorts = [m for m in _short_forms(text) if taken.add(m.start, m.end)]
    return sorted(numbered + laws + shorts, key=lambda m: m.start)


class _Spans:
    """Non-overlapping character spans, kept sorted so an overlap test looks at two neighbours only
    (a 10,000-item citation list must not compare every span with every other)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, start)
        return (index > 0 and self.ends[index - 1] > start) or (index < len(self.starts) and self.starts[index] < end)

    def add(self, start: int, end: int) -> bool:
        """Take the span unless it overlaps one already taken; True if taken."""
        if self.overlaps(start, end):
            return False
        index = bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)
        return True


# ---- numbered documents -------------------------------------------------------------------

def _numbered_mentions(text: str) -> list[Mention]:
    mentions: list[Mention] = []
    taken = _Spans()
    starts = [m.start() for m in g.NUMBER_START.finditer(text)]
    for pattern in g.NUMBER_PATTERNS:
        for match in _matches_at(pattern.regex, text, starts):
            if taken.overlaps(match.start(), match.end()) or _is_own_number(text, match.start()):
                continue
            mention = _mention_from_match(text, pattern.name, match)
            if mention is not None:
                mentions.append(mention)
                taken.add(match.start(), match.end())
    return sorted(mentions, key=lambda m: m.start)


def _matches_at(regex: re.Pattern, text: str, starts: list[int]):
    """What regex.finditer(text) yields, trying only the given start positions. Every number
    pattern begins with a lookbehind, which stops Python's regex engine from skipping ahead to
    a digit: scanning each plan four times character by character was most of the finder's time.
    NUMBER_START finds every place a number pattern can begin (a superset), once per text."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = regex.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def _finditer(regex: re.Pattern, text: str):
    """regex.finditer(text), tried only where g.STARTS says it can start."""
    return _matches_at(regex, text, [m.start() for m in g.STARTS[regex].finditer(text)])


def _is_own_number(text: str, position: int) -> bool:
    """The document's own 'Số: 95 /KH-PGDĐT' line is not a citation. Looks back a bounded
    distance only: a long line of citations must not be rescanned for each of them."""
    line_start = text.rfind("\n", max(0, position - _LOOKBEHIND), position) + 1
    if line_start == 0 and position > _LOOKBEHIND:
        return False
    return bool(g.OWN_NUMBER_LINE.match(text, line_start)) and not text[line_start:position].count(" số ")


def _mention_from_match(text: str, form: str, match: re.Match) -> Mention | None:
    rest = match.groupdict().get("rest")
    raw_codes = [match.group("first")] + (re.split(r"\s*[-–]\s*", rest) if rest else [])
    glued = len(raw_codes[-1]) - len(_cut_glued_word(raw_codes[-1]))
    raw_codes[-1] = _cut_glued_word(raw_codes[-1])
    end = match.end() - glued
    first, *codes = [normalise_code(code) for code in raw_codes]
    number = match.group("num")
    parsed = _symbol(form, match, number, first, codes)
    if parsed is None:
        return None
    form, symbol, type_code, organ = parsed
    start, phrase_type = _type_phrase_before(text, match.start())
    if match.re is _LETTER_SINGLE and phrase_type is None:
        return None  # '126/SKHĐT' is a citation only after a type word ('Tờ trình số')
    doc_type = phrase_type or g.TYPE_CODES.get(type_code or "") or ("Công văn" if form == "letter" else None)
    year = int(match.group("year")) if "year" in match.groupdict() and match.group("year") else None
    mention = Mention(start=start, end=end, surface=text[start:end], form=form, doc_type=doc_type,
                      number_symbol=symbol, organ=organ, year=year)
    return _with_date_and_issuer(text, mention)


def _symbol(form: str, match: re.Match, number: str, first: str, codes: list[str]):
    """(form, normalised number-symbol, type code, organ code), or None if it is not a citation."""
    if form == "legal-with-year":
        year = match.group("year")
        if first in g.TYPE_CODES:
            organ = codes[0] if codes else None
            return form, f"{number}/{year}/{'-'.join([first] + codes)}", first, organ
        if re.fullmatch(r"QH\d{2}", first) or first.startswith("UBTVQH"):
            return form, f"{number}/{year}/{first}", None, first
        return None
    if form == "party":
        if first not in g.TYPE_CODES:
            return None
        return form, f"{number}-{first}/{codes[0]}", first, codes[0]
    if form == "letter-single":
        return None if first in g.TYPE_CODES else ("letter", f"{number}/{first}", None, first)
    if first in g.TYPE_CODES:
        return "administrative", f"{number}/{'-'.join([first] + codes)}", first, codes[0]
    if not re.fullmatch(r"[A-ZĐ][A-ZĐa-z]+", first):
        return None
    return "letter", f"{number}/{'-'.join([first] + codes)}", None, first


def normalise_code(code: str) -> str:
    code = re.sub(r"\s+|&", "", code)  # 'BGD&ĐT' is written 'BGDĐT' in the official form
    if re.fullmatch(r"[A-ZĐ&]*\d{1,2}", code) and not code.startswith("QH"):
        code = code.rstrip("0123456789")  # a footnote digit glued to the code: 'TW7'
    return g.ASCII_CODE_ALIASES.get(code, code)


def _cut_glued_word(code: str) -> str:
    """'TUngày' -> 'TU'. Codes have single lower-case letters (ThU, TTg); words have runs."""
    for known in sorted(g.MIXED_CASE_CODES, key=len, reverse=True):
        if code.startswith(known):
            return known if code[len(known):].islower() or len(code) == len(known) else code
    run = re.search(r"[a-zđ][a-zđà-ỹ]", code)
    return code[:run.start()] if run else code


def _type_phrase_before(text: str, start: int) -> tuple[int, str | None]:
    window_start = max(0, start - _LOOKBEHIND)
    match = g.TYPE_BEFORE.search(text, window_start, start)
    if not match:
        return start, None
    printed = re.sub(r"\s+", " ", match.group("phrase")).lower()
    phrase = next(p for p in g.TYPE_PHRASES if p.lower() == printed)
    return match.start(), g.PHRASE_TYPES.get(phrase, phrase)


def _with_date_and_issuer(text: str, mention: Mention) -> Mention:
    tail = mention.end
    found_date = g.DATE_AFTER.match(text[tail:tail + _LOOKAHEAD])
    iso = None
    if found_date:
        iso = _iso_date(found_date)
        tail += found_date.end()
    window, offsets = _joined_lines(text, tail, tail + _LOOKAHEAD)
    issuer_match = g.ISSUER_AFTER.match(window)
    issuer = None
    if issuer_match:
        issuer = clean_issuer(issuer_match.group("issuer"))
        tail = offsets[issuer_match.end()]
    else:
        issuer = _issuer_later_in_clause(text, tail)
    year = mention.year or (int(iso[:4]) if iso else None)
    return replace(mention, date=iso, issuer=issuer or None, year=year, tail_end=tail)


def _joined_lines(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """text[start:end] with line breaks inside a sentence read as spaces ('của' / '' / 'Ủy ban nhân dân
    tỉnh'), except before a heading or list item; with each character's offset in text (plus the end)."""
    window = text[start:end]
    pieces, offsets, cursor = [], [], 0
    for brk in g.SOFT_LINE_BREAK.finditer(window):
        pieces.append(window[cursor:brk.start()] + " ")
        offsets.extend(range(start + cursor, start + brk.start() + 1))
        cursor = brk.end()
    pieces.append(window[cursor:])
    offsets.extend(range(start + cursor, start + len(window) + 1))
    return "".join(pieces), offsets


def _issuer_later_in_clause(text: str, position: int) -> str | None:
    """'Chỉ thị số 16/CT-UBND ngày 14/9/2020 về nhiệm vụ ... của UBND tỉnh Hải Dương': the issuer
    may follow the subject, as long as it is in the same clause and no other number intervenes."""
    clause = g.CLAUSE.match(text, position, min(len(text), position + _LOOKAHEAD))
    later = g.ISSUER_LATER.search(clause.group(0)) if clause else None
    if later is None:
        return None
    found = g.ISSUER_AFTER.match(clause.group(0)[later.start():])
    return clean_issuer(found.group("issuer")) or None if found else None


def _iso_date(match: re.Match) -> str | None:
    day, month, year = (match.group("d") or match.group("d2"), match.group("m") or match.group("m2"),
                        match.group("y") or match.group("y2"))
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def clean_issuer(phrase: str) -> str:
    """The organ's name only: 'Ủy ban nhân dân (UBND) thành phố' -> 'Ủy ban nhân dân thành phố',
    'Chính phủ theo đúng quy định' -> 'Chính phủ'. Organ names are capitalised words plus a
    small vocabulary of lower-case ones (g.ISSUER_WORDS); the first other word ends the name."""
    without_abbreviations = re.sub(r"\s*\([^()]{1,10}\)", "", phrase)
    in_capitals = not any(ch.islower() for ch in without_abbreviations)
    kept: list[str] = []
    words = without_abbreviations.split()
    for index, word in enumerate(words):
        if word[:1].isupper() and " ".join(words[index:index + 2]).lower() in g.ISSUER_FALSE_STARTS:
            break
        if index and word[:1].isupper() and words[index - 1] not in g.UNIT_WORDS and any(
                " ".join(words[index:index + n]) in g.TYPE_PHRASES for n in (1, 2, 3)):
            break  # 'của tỉnh và các Kế hoạch': another citation starts ('Sở Kế hoạch' is a name)
        if (in_capitals or word.isupper()) and word.lower() in g.ISSUER_END_WORDS:
            break  # 'CỦA CHÍNH PHỦ VỀ TĂNG CƯỜNG': a title in capitals has no case to go by
        if word[:1].islower() and word not in g.ISSUER_WORDS:
            break
        kept.append(word)
    while kept and kept[-1] in g.ISSUER_TRAILING_CONNECTORS:
        kept.pop()
    issuer = " ".join(kept)
    if issuer.lower() in g.NOT_ISSUERS or not any(word[:1].isupper() for word in kept):
        return ""  # 'của tỉnh' names no organ; the organ code still tells the level
    return issuer


def _share_within_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """In 'A, B và C ngày ... của X', every member gets the list's type, date and issuer."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        previous = groups[-1][-1] if groups else None
        if previous and g.LIST_SEPARATOR.match(text[previous.tail_end:mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    shared: list[Mention] = []
    for group in groups:
        shared.extend(_share(group))
    return shared


def _share(group: list[Mention]) -> list[Mention]:
    """Members of one family (same type and organ: '17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT') share
    the date and issuer printed after the last of them; a list mixing families shares nothing."""
    later_date: dict[str, str] = {}  # family -> the date printed after the nearest later member
    later_issuer: dict[str, str] = {}
    result = []
    for mention in reversed(group):  # one pass from the end, not a scan of the rest per member
        family = _family(mention)
        if mention.date:
            later_date[family] = mention.date
        if mention.issuer:
            later_issuer[family] = mention.issuer
        date_ = later_date.get(family)
        year = mention.year or (int(date_[:4]) if date_ else None)
        result.append(replace(mention, date=date_, issuer=later_issuer.get(family), year=year))
    return result[::-1]


def _issuer_before_list(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Thực hiện các văn bản của UBND tỉnh: Kế hoạch số 64/KH-UBND …; Kế hoạch số 58/KH-UBND …': the
    issuer named before the colon is the issuer of every citation in the list, up to the sentence's
    end, that names none itself. Mentions and list heads are both in reading order: one merge pass."""
    heads = [(m.end(), _list_end(text, m.end()), clean_issuer(m.group("issuer"))) for m in _finditer(g.LIST_ISSUER, text)]
    result, index = [], 0
    for mention in mentions:
        while index < len(heads) and heads[index][1] <= mention.start:
            index += 1
        if mention.issuer is None and index < len(heads) and heads[index][0] <= mention.start and heads[index][2]:
            mention = replace(mention, issuer=heads[index][2])
        result.append(mention)
    return result


def _list_end(text: str, start: int) -> int:
    end = g.SENTENCE_END.search(text, start, min(len(text), start + g.LIST_REACH))
    return end.start() if end else min(len(text), start + g.LIST_REACH)


def _family(mention: Mention) -> str:
    """'17/2018/TT-BGDĐT' -> '2018/TT-BGDĐT'; '97/KH-UBND' -> 'KH-UBND'."""
    return re.sub(r"^\d+[-/]", "", mention.number_symbol or "")


# ---- named laws and short forms -----------------------------------------------------------

def _named_laws(text: str) -> list[Mention]:
    mentions = []
    for match in _finditer(g.NAMED_LAW, text):
        name = re.sub(r"\s+", " ", match.group("name")).strip()
        title = f"Luật {name[:1].upper()}{name[1:]} {match.group('year')}"
        number = g.KNOWN_LAW_NUMBERS.get(title.lower())
        mentions.append(Mention(start=match.start(), end=match.end(), surface=match.group(0), form="named-law",
                                doc_type="Luật", number_symbol=number, year=int(match.group("year")), title=title,
                                organ="QH" if number else None, tail_end=match.end()))
    return mentions


def _short_forms(text: str) -> list[Mention]:
    mentions = []
    for match in _finditer(g.SHORT_FORM, text):
        phrase = match.group("phrase")
        mentions.append(Mention(start=match.start(), end=match.end(), surface=match.group(0), form="short",
                                doc_type=g.PHRASE_TYPES.get(phrase, phrase), number_symbol=None,
                                title=match.group("num"), tail_end=match.end()))
    return mentions
