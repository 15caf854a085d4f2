"""Problems found in content, collected like a compiler's diagnostics.

Every check appends to a `Problems` list instead of raising, so one run reports every
problem at once. Each problem prints as `path:line:col: what is wrong — how to fix it`,
the form editors' tools and terminals understand.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Position:
    """A place in a source file; line and column are 1-based, as editors count."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    where: Position
    what: str
    fix: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return f"{self.where}: {prefix}{self.what} — {self.fix}"


class Problems:
    """An ordered collection of problems; errors stop the build, warnings do not."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def error(self, where: Position, what: str, fix: str) -> None:
        self._items.append(Problem(where, what, fix, Severity.ERROR))

    def warning(self, where: Position, what: str, fix: str) -> None:
        self._items.append(Problem(where, what, fix, Severity.WARNING))

    def extend(self, other: Problems) -> None:
        self._items.extend(other._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._items if p.severity is Severity.WARNING]

    def __iter__(self):
        return iter(sorted(self._items, key=_reading_order))

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


def print_problems(problems: Problems, stream=None) -> None:
    """One line per problem, in reading order (stderr unless told otherwise)."""
    for problem in problems:
        print(problem, file=stream or sys.stderr)


def _reading_order(problem: Problem) -> tuple:
    return (problem.where.path, problem.where.line, problem.where.col)


def display_path(path: Path, root: Path) -> str:
    """The path as the editor knows it: relative to the project when possible, with '/'."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.as_posix()
