#!/usr/bin/env python3
"""Add or refresh the sha256 hashes of every pin in requirements files (for --require-hashes).

    python3 scripts/hash-requirements.py requirements-pip.txt requirements.txt requirements-test.txt

Each `name==version` line gets the hashes of the files pip installs for CPython 3.11 on
Linux x86_64: the wheels chosen on Debian 12 (glibc 2.36) and on GitHub's Ubuntu runners
(glibc 2.39), downloaded from PyPI with pip itself. Comments and order are kept. Run it
after changing a pin, then review the diff.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

PYTHON_VERSION = "3.11.2"  # Debian 12's; some packages need a later 3.11.x
GLIBC_MINORS = (36, 39)  # Debian 12, Ubuntu 24.04
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s\\;#]+)")


def platforms(glibc_minor: int) -> list[str]:
    """pip --platform does not widen manylinux_2_X to older tags itself: list them, newest first."""
    tags = [f"manylinux_2_{minor}_x86_64" for minor in range(glibc_minor, 4, -1)]
    return tags + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]


def download(pins: list[str], glibc_minor: int, into: Path) -> None:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--index-url", "https://pypi.org/simple", "--python-version", PYTHON_VERSION,
               "--implementation", "cp", "--abi", "cp311", "--abi", "abi3", "--abi", "none", "--dest", str(into)]
    for tag in platforms(glibc_minor):
        command += ["--platform", tag]
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": "", "PIP_EXTRA_INDEX_URL": ""}
    subprocess.run(command + pins, check=True, env=env)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def hashes_by_package(pins: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for minor in GLIBC_MINORS:
            into = Path(tmp) / str(minor)
            download(pins, minor, into)
            for wheel in into.iterdir():
                name = canonical(wheel.name.split("-")[0])
                found.setdefault(name, set()).add(hashlib.sha256(wheel.read_bytes()).hexdigest())
    return found


def logical_lines(text: str) -> list[str]:
    """Lines with backslash continuations joined (old hashes are dropped with them)."""
    return re.sub(r"\\\n", " ", text).splitlines()


def rewrite(path: Path) -> None:
    lines = logical_lines(path.read_text(encoding="utf-8"))
    pins = [m.group(0) for line in lines if (m := PIN.match(line))]
    found = hashes_by_package(pins)
    out = []
    for line in lines:
        match = PIN.match(line)
        if not match:
            out.append(line)
            continue
        digests = sorted(found[canonical(match.group("name"))])
        out.append(" \\\n".join([match.group(0)] + [f"    --hash=sha256:{d}" for d in digests]))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        rewrite(Path(argument))
