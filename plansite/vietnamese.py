"""Vietnamese text conventions: ASCII slugs, alphabetical order, dates and numbers."""
from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

# The alphabet in dictionary order. Letters with a breve, circumflex or horn (ă â ê ô ơ ư)
# and đ are letters of their own, sorted right after their base letter; tone marks only
# break ties (secondary order), as in Vietnamese dictionaries.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_VOWEL_MODIFIERS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_MODIFIED = {("a", "breve"): "ă", ("a", "circumflex"): "â", ("e", "circumflex"): "ê",
             ("o", "circumflex"): "ô", ("o", "horn"): "ơ", ("u", "horn"): "ư"}


def _letters_and_tones(text: str) -> list[tuple[str, int]]:
    """Split text into (letter, tone) pairs, keeping ă â ê ô ơ ư đ as letters."""
    pairs: list[tuple[str, int]] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _VOWEL_MODIFIERS and pairs:
            base, tone = pairs[-1]
            pairs[-1] = (_MODIFIED.get((base, _VOWEL_MODIFIERS[char]), base), tone)
        elif char in _TONES and pairs:
            base, _ = pairs[-1]
            pairs[-1] = (base, _TONES[char])
        elif unicodedata.combining(char):
            continue
        else:
            pairs.append((char, 0))
    return pairs


def _primary_rank(char: str) -> int:
    """Spaces first (so 'Hà Đông' precedes 'Hải Dương'), then digits, then letters."""
    if char.isspace():
        return 0
    if char.isdigit():
        return 2 + int(char) if char in "0123456789" else 12
    if char in _LETTER_RANK:
        return 20 + _LETTER_RANK[char]
    return 1 if not char.isalpha() else 100 + ord(char)


@functools.lru_cache(maxsize=65536)  # names and labels repeat across pages and preview reloads
def sort_key(text: str) -> tuple:
    """Key for Vietnamese alphabetical order: 'Đà Nẵng' after 'Dương', 'Ă' after 'A'."""
    pairs = _letters_and_tones(text)
    primary = tuple(_primary_rank(letter) for letter, _ in pairs)
    secondary = tuple(tone for _, tone in pairs)
    return (primary, secondary, text)


def fold(text: str) -> str:
    """Remove tone marks and vowel modifiers and turn đ into d: 'Đào tạo' -> 'Dao tao'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug for URLs and heading anchors: 'KẾ HOẠCH số 95/KH-PGDĐT' -> 'ke-hoach-so-95-kh-pgddt'."""
    ascii_text = fold(text).lower()
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator)


# Anchors our plan page template sets itself: a heading of the body ("## Chú thích") must not
# copy one (a duplicate id, and the table of contents would jump to the template's section).
# (tests/test_hostile_content.py checks this list against the templates' ids.)
PAGE_ANCHORS = frozenset({"bang-chi-tieu", "bang-chuong-trinh", "cac-chi-tieu", "chu-thich", "chuong-trinh-cong-tac",
                          "duoc-trich-dan", "tien-do-thuc-hien", "tieu-de-van-ban"})
_NUMBERED_PAGE_ANCHOR = re.compile(r"chi-tieu-[0-9]+")  # one per target row


# A heading's anchor is written three times per page (its id, its ¶ link, the table of
# contents), and plan headings are often whole sentences: the anchor keeps the words that fit.
SLUG_MAX = 40


def toc_slugify(value: str, separator: str) -> str:
    """Python-Markdown `toc` slugify hook (same signature as markdown.extensions.toc.slugify).

    At most SLUG_MAX characters, cut between words ('1-chi-dao-thuc-hien-tot-nhiem-vu-doi-moi'
    for a 100-character heading): deterministic, so the anchor only changes with the heading's
    own words, as before; the toc extension adds '_1' to a repeated one."""
    slug = _shorten(slugify(value, separator) or "muc", separator)
    taken = slug in PAGE_ANCHORS or _NUMBERED_PAGE_ANCHOR.fullmatch(slug)
    return f"{slug}{separator}muc" if taken else slug


def _shorten(slug: str, separator: str) -> str:
    if len(slug) <= SLUG_MAX:
        return slug
    cut = slug.rfind(separator, 0, SLUG_MAX + 1)
    return slug[:cut] if cut > 0 else slug.split(separator, 1)[0]


def upper_first(text: str) -> str:
    """'thành phố Uông Bí' -> 'Thành phố Uông Bí' (Jinja's capitalize would lower 'Uông Bí')."""
    return text[:1].upper() + text[1:]


def format_date(iso: str) -> str:
    """'2023-02-01' -> 'ngày 01 tháng 02 năm 2023'; '2020-10' -> 'tháng 10 năm 2020'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return f"năm {parts[0]}"
    if len(parts) == 2:
        return f"tháng {parts[1]} năm {parts[0]}"
    return f"ngày {parts[2]} tháng {parts[1]} năm {parts[0]}"


def format_short_date(iso: str) -> str:
    """'2023-02-01' -> '01/02/2023'; '2020-10' -> '10/2020'."""
    return "/".join(reversed(iso.split("-")))


def format_number(value: float | int | str) -> str:
    """Numbers with the Vietnamese decimal comma: 99.5 -> '99,5'; strings pass through."""
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


def parse_partial_date(iso: str) -> date | None:
    """The date an ISO string names (the 1st for a month-only date), or None if impossible."""
    parts = iso.split("-")
    try:
        year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) == 3 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None
