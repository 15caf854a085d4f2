"""Word inventories of Vietnamese text, used to prove that no text was lost.

A "word" is a maximal run of letters and digits (Vietnamese syllables, numbers, codes such
as KH or PGDĐT). Comparison is case-insensitive and ignores superscript footnote markers,
so "năm 2023¹" and "năm 2023" hold the same words.
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUPERSCRIPTS = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def words(text: str) -> list[str]:
    """The words of `text`, NFC-normalised and lower-cased, in reading order."""
    text = unicodedata.normalize("NFC", text).translate(_SUPERSCRIPTS)
    return [w.lower() for w in _WORD.findall(text)]


def missing_words(source: str, published: str) -> list[str]:
    """Distinct words of `source` that never occur in `published`, in source order."""
    present = set(words(published))
    seen: set[str] = set()
    missing = []
    for word in words(source):
        if word not in present and word not in seen:
            seen.add(word)
            missing.append(word)
    return missing
