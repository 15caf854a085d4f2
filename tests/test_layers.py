"""Import contracts (pyproject.toml, [tool.importlinter]) checked with import-linter.

The domain (plansite.content, plansite.citations, plansite.model) imports neither MkDocs
nor anything above it; each layer imports only the layers below; no import cycles. Each
contract is also shown to break when a forbidden import is added to a copy of the package,
so a contract that silently checks nothing fails here.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = {
    "layers": "Each layer imports only the layers below it",
    "domain": "The domain (content, citations, model) knows neither the host nor the build",
    "cycles": "No import cycles between plansite's modules and packages",
}


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Check the contracts of the repository's pyproject.toml against the package under root."""
    return subprocess.run([str(LINT_IMPORTS), str(REPO / "pyproject.toml"), "--no-cache"], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in result.stdout


@pytest.mark.parametrize("module, added_import, broken", [
    ("model.py", "import mkdocs.livereload", {"domain"}),
    ("content/plans.py", "from jinja2 import Template", {"domain"}),
    ("content/__init__.py", "from plansite.citations.corpus import build_index", {"layers", "cycles"}),
    ("citations/corpus.py", "from plansite.portal import Portal", {"layers", "domain", "cycles"}),
    ("model.py", "from plansite.citations.corpus import CitationIndex", {"layers", "cycles"}),
    ("serve.py", "from plansite.cli import main", {"layers", "cycles"}),
])
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, added_import, broken):
    shutil.copytree(REPO / "plansite", tmp_path / "plansite", ignore=shutil.ignore_patterns("__pycache__"))
    with open(tmp_path / "plansite" / module, "a", encoding="utf-8") as source:
        source.write(f"\n{added_import}  # added by the test\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    for key, name in CONTRACTS.items():
        assert f"{name} {'BROKEN' if key in broken else 'KEPT'}" in result.stdout, (key, result.stdout)
