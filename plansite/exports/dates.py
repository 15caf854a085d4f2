"""Dates in data files, all derived from content dates and git history (never the clock)."""
from __future__ import annotations

from datetime import UTC, datetime


def rfc3339(value: str) -> str:
    """'2023-12-25' / '2020-10' / '2023' / '2026-11-23T13:32:53+07:00' -> '2026-11-23T06:32:53Z' (UTC)."""
    return utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc(value: str) -> datetime:
    """A content date (year, year-month or day) or a git date with its offset, as a UTC moment."""
    if len(value) == 4:  # a document printed with its year only
        value += "-01-01"
    if len(value) == 7:
        value += "-01"
    if len(value) == 10:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    moment = datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
