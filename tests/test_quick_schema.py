"""The compiled schema check says "valid" only where jsonschema finds nothing wrong.

Front matter it accepts skips jsonschema, so a yes for invalid data would publish a bad plan
silently. Each real plan's front matter, and many broken variants of it (every key removed,
every value replaced by values of the wrong kind), is checked both ways.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from plansite.content.schema import valid_at_once, validator
from plansite.content.source import SourceText, split_front_matter
from plansite.content.yaml_positions import load_yaml
from plansite.errors import Problems
from tests.helpers import REPO

PLANS = sorted((REPO / "content/plans").rglob("*.md")) + sorted((REPO / "tests/fixtures/mini/content/plans").rglob("*.md"))
ODD_VALUES = [None, True, 1, 1.0, 0, -5, 2.5, float("nan"), "", " ", "x", "2023-13-45", [], [""], ["MN", "MN"], [1],
              {}, {"a": 1}, [{}], [{"quarter": True}]]


def front_matter(path: Path):
    split = split_front_matter(SourceText(str(path), path.read_text(encoding="utf-8")), Problems())
    return load_yaml(split.yaml_text, str(path), 2, Problems()).data


def variants(data, depth: int = 0):
    """data with one thing changed: a key dropped, a key added, a value replaced, recursively."""
    if isinstance(data, dict):
        for key in data:
            yield {k: v for k, v in data.items() if k != key}
            for odd in ODD_VALUES:
                yield {**data, key: odd}
            if depth < 3:
                for inner in variants(data[key], depth + 1):
                    yield {**data, key: inner}
        yield {**data, "khoa_la": "x"}
    elif isinstance(data, list):
        for index, item in enumerate(data):
            for odd in ODD_VALUES:
                changed = copy.copy(data)
                changed[index] = odd
                yield changed
            if depth < 3:
                for inner in variants(item, depth + 1):
                    changed = copy.copy(data)
                    changed[index] = inner
                    yield changed
        yield data + data[:1]


@pytest.mark.parametrize("path", PLANS, ids=[p.name for p in PLANS])
def test_the_quick_check_never_accepts_what_jsonschema_refuses(path):
    quick, full = valid_at_once("plan.schema.json"), validator("plan.schema.json")
    data = front_matter(path)
    assert quick(data) and full.is_valid(data), "a published plan is valid both ways"
    checked = accepted = 0
    for variant in variants(data):
        checked += 1
        if quick(variant):
            accepted += 1
            assert full.is_valid(variant), f"the quick check accepted invalid front matter: {variant}"
    assert checked > 300 and 0 < accepted < checked  # both answers were exercised
