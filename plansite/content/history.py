"""When each content file last changed, from the repository's git history.

One `git log` call for the whole content folder (never one per file: at 10,000 plans that
would be 10,000 processes). No network is involved. Outside a git checkout, or when git is
missing, the answer is empty and callers fall back on the content's own dates, so a
build never depends on the clock of the machine that runs it.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

_DATE_MARK = "\x01"


def last_changed(root: Path, folder: str = "content") -> dict[str, str]:
    """{'content/plans/…/x.md': '2026-11-23T13:32:53+00:00'} for every file git knows under folder."""
    command = ["git", "-c", "core.quotepath=off", "log", "--relative", "--no-renames", "--name-only",
               f"--format=format:{_DATE_MARK}%cI", "--", folder]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return _newest_per_file(result.stdout)


def _newest_per_file(log: str) -> dict[str, str]:
    changed: dict[str, str] = {}
    when = ""
    for line in log.splitlines():
        if line.startswith(_DATE_MARK):
            when = line[1:].strip()
        elif line and when:
            changed.setdefault(line, when)  # git log lists newest commits first
    return changed
