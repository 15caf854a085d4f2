"""The shared vocabulary of targets (chỉ tiêu): one indicator, however each plan words it.

Plans name the same measure differently ('Tỷ lệ huy động mẫu giáo', 'Huy động trẻ mẫu giáo
ra lớp'); content/indicators.yaml gives each measure a slug, a name, a unit and the wordings
seen in plans (aliases). Matching ignores case and spacing, nothing more: a new wording is
reported by `check` and added by an editor, never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


def wording_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Indicator:
    slug: str
    name: str
    unit: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Indicators:
    items: tuple[Indicator, ...] = ()  # in the file's order
    _by_wording: Mapping[str, Indicator] = field(repr=False, default_factory=dict)

    @classmethod
    def build(cls, items) -> Indicators:
        by_wording: dict[str, Indicator] = {}
        for item in items:
            for wording in (item.name, *item.aliases):
                by_wording.setdefault(wording_key(wording), item)
        return cls(tuple(items), MappingProxyType(by_wording))

    def of(self, wording: str) -> Indicator | None:
        return self._by_wording.get(wording_key(wording))

    def get(self, slug: str) -> Indicator | None:
        return next((item for item in self.items if item.slug == slug), None)
