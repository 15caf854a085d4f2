"""Turning mentions in a plan's Markdown into links to the cited documents' pages."""
from __future__ import annotations

from typing import Callable, Iterable

from plansite.citations.mention import Mention


def link_mentions(markdown: str, mentions: Iterable[Mention], href_for: Callable[[str], str | None],
                  anchor_for: Callable[[Mention], str | None] = lambda mention: None) -> str:
    """Wrap each resolvable mention as [surface](href), working from the end so spans stay valid.

    anchor_for gives the link an id ([surface](href){#id}), so other pages can point at the citing passage."""
    pieces: list[str] = []
    cursor = len(markdown)
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        href = href_for(mention.id) if mention.id else None
        if href is None or mention.end > cursor or not _linkable(markdown[mention.start:mention.end]):
            continue
        pieces.append(markdown[mention.end:cursor])
        anchor = anchor_for(mention)
        pieces.append(f"[{markdown[mention.start:mention.end]}]({href})" + (f"{{#{anchor}}}" if anchor else ""))
        cursor = mention.start
    pieces.append(markdown[:cursor])
    return "".join(reversed(pieces))


def _linkable(surface: str) -> bool:
    """A link cannot hold brackets or a paragraph break."""
    return not any(c in surface for c in "[]") and "\n\n" not in surface
