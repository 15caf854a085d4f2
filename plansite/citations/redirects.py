"""Old document addresses keep working: /van-ban/<old-id>/ redirects to the document's new page.

Identities get better (a separator style no longer splits a document, a province's resolution
carries its province), and every such change moves a page. content/published-ids.txt lists the
ids the portal has published; an id that no longer exists maps to the one current id that names
the same number with more or less scope ('128-nq-hdnd-quang-ninh' -> '128-nq-hdnd-quang-ninh-2022',
'58-kh-ubnd-quang-ninh-cam-pha-2023' -> '58-kh-ubnd-quang-ninh-2023'). Where two current ids would
fit ('63-2021-nq-hdnd' -> which province?), none is guessed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

PUBLISHED_IDS_FILE = "published-ids.txt"


def load_published_ids(content_dir: Path) -> tuple[str, ...]:
    """Ids listed one a line in content/published-ids.txt ('#' starts a comment); none if absent."""
    path = content_dir / PUBLISHED_IDS_FILE
    if not path.is_file():
        return ()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


def redirect_map(published: Iterable[str], current: Iterable[str]) -> dict[str, str]:
    """{old id: current id} for each published id that is gone and has exactly one successor."""
    current = set(current)
    by_number: dict[str, list[str]] = {}
    for doc_id in current:
        by_number.setdefault(doc_id.split("-", 1)[0], []).append(doc_id)
    moved: dict[str, str] = {}
    for old in published:
        if old in current:
            continue
        successors = [new for new in by_number.get(old.split("-", 1)[0], ()) if _same_number(old, new)]
        if len(successors) == 1:
            moved[old] = successors[0]
    return moved


def _same_number(old: str, new: str) -> bool:
    """The same number and symbol, scope or year added or dropped: one id's words are the other's
    first words (number, type, organ) followed by a selection of the rest."""
    a, b = old.split("-"), new.split("-")
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    head = _symbol_length(shorter)
    return shorter[:head] == longer[:head] and _is_subsequence(shorter[head:], longer[head:])


def _symbol_length(words: list[str]) -> int:
    """Words of the number and symbol: the number, a year if any, the type and organ codes."""
    return min(len(words), 4 if len(words) > 1 and len(words[1]) == 4 and words[1].isdigit() else 3)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)
