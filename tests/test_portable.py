"""The repository stands alone and installs anywhere editors work.

Nothing refers outside the repository; empty parameter sets are errors; the package installs
as a `plansite` command; the locks pin every package with hashes, the same in the build and
test locks; CI tests the oldest and newest supported CPython with actions pinned at their
Node 24 majors; Dependabot watches every ecosystem we pin.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from tests.helpers import REPO

LOCKS = ("requirements.txt", "requirements-test.txt", "requirements-pip.txt", "requirements-uv.txt")
# The first major of each action that runs on Node 24 (GitHub forces Node 24 since June 2026).
NODE24_MAJORS = {"actions/checkout": 5, "actions/setup-python": 6, "actions/configure-pages": 6,
                 "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}
MARKDOWN_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [REPO / name for name in listed.decode().split("\0") if name]


def test_no_file_refers_outside_the_repository():
    outside = []
    for path in tracked_files():
        if path.suffix in {".py", ".md", ".yml", ".yaml", ".toml", ".ini", ".sh", ".json", ".txt", ""} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            outside += [f"{path.relative_to(REPO)}: {m}" for m in re.findall(r"\.\./shared\b|\bshared/(?:seeds|DESIGN)", text)]
    assert outside == []


def test_every_relative_link_in_the_documentation_resolves():
    documents = [REPO / "README.md", REPO / "CONTRIBUTING.md", REPO / "SECURITY.md", *sorted((REPO / "docs").glob("*.md"))]
    broken = [f"{doc.relative_to(REPO)} → {target}" for doc in documents
              for target in MARKDOWN_LINK.findall(doc.read_text(encoding="utf-8"))
              if "://" not in target and not target.startswith("mailto:") and not (doc.parent / target).exists()]
    assert broken == []
    assert (REPO / "docs/ARCHITECTURE.md").is_file() and (REPO / "docs/DESIGN.md").is_file()


def test_an_empty_parameter_set_fails_at_collection(tmp_path):
    (tmp_path / "pytest.ini").write_text((REPO / "pytest.ini").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_empty.py").write_text(
        "import pytest\n\n@pytest.mark.parametrize('seed', [])\ndef test_seed(seed):\n    assert seed\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_empty.py"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout
    assert "Empty parameter set in 'test_seed'" in result.stdout


def test_the_package_installs_as_the_plansite_command(tmp_path):
    """`pip install .` (a wheel built here, offline), then `plansite check` on the repository's content."""
    source = tmp_path / "source"  # setuptools writes build/ and *.egg-info beside the sources: not in the repository
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, source / name)
    for folder in ("plansite", "schemas"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(tmp_path / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("plansite-*.whl")
    target = tmp_path / "installed"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                                "--target", str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    assert (target / "plansite/schemas/plan.schema.json").is_file()  # the schemas travel with the package
    command = target / "bin" / "plansite"
    checked = subprocess.run([str(command), "--root", str(REPO), "check"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=300, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("Nội dung hợp lệ: ")
    assert "usage: plansite" in subprocess.run([str(command), "--help"], capture_output=True, text=True, timeout=60,
                                               env={"PYTHONPATH": str(target)}).stdout


def test_pyproject_declares_the_command_and_the_supported_pythons():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"plansite": "plansite.cli:main"}
    assert project["requires-python"] == ">=3.11,<3.14"
    assert project["license"] == "MIT" and (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def lock_pins(name: str) -> dict[str, str]:
    """{package: 'version + hashes'} of a lock file, failing on any unhashed or unpinned line."""
    pins, current = {}, None
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("    --hash=sha256:"):
            pins[current] += line.strip(" \\")
            continue
        requirement = re.fullmatch(r"([a-z0-9][a-z0-9._-]*)==([^\s;\\]+)(?: ; [^\\]+)? \\", line)
        assert requirement, f"{name}: not an exact, hashed pin: {line!r}"
        current = requirement[1]
        pins[current] = requirement[2] + " "
    assert pins and all("--hash=sha256:" in entry for entry in pins.values()), name
    return pins


def test_locks_pin_every_package_with_hashes_and_agree():
    build, tests = lock_pins("requirements.txt"), lock_pins("requirements-test.txt")
    assert {name: tests.get(name) for name in build} == build  # the tests run exactly what `make site` installs
    assert {"mkdocs", "mkdocs-material", "pagefind-bin"} <= build.keys()
    assert {"pytest", "playwright", "import-linter", "ruff"} <= tests.keys()
    for name in LOCKS:
        assert "autogenerated by uv" in (REPO / name).read_text(encoding="utf-8").splitlines()[0], name
        lock_pins(name)
    assert not (REPO / "scripts/hash-requirements.py").exists()


def test_makefile_accepts_python_311_to_313_and_installs_only_locked_hashes():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    check = re.search(r"@\$\(PYTHON\) -c '([^']+)'", makefile)[1]
    accepted = {version: subprocess.run([sys.executable, "-c", check.replace("sys.version_info[:2]", repr(version))],
                                        timeout=30).returncode == 0
                for version in [(3, 10), (3, 11), (3, 12), (3, 13), (3, 14)]}
    assert accepted == {(3, 10): False, (3, 11): True, (3, 12): True, (3, 13): True, (3, 14): False}
    installs = re.findall(r"pip\) install (.*)", makefile.replace("$(PIP)", "pip)"))
    assert installs and all("--require-hashes" in line for line in installs)
    assert re.search(r"^test: lint ", makefile, re.M) and "$(VENV)/bin/ruff check" in makefile


def workflows() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (REPO / ".github/workflows").glob("*.yml")}


def test_ci_tests_the_oldest_and_newest_supported_python():
    job = workflows()["test.yml"]["jobs"]["test"]
    assert job["strategy"]["matrix"]["python"] == ["3.11", "3.13"]
    setup = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    editors = workflows()["editors.yml"]["jobs"]["check-and-build"]["strategy"]["matrix"]
    assert editors["os"] == ["macos-latest", "windows-latest"]


def test_actions_run_on_node_24():
    uses = [step["uses"] for flow in workflows().values() for job in flow["jobs"].values()
            for step in job.get("steps", []) if "uses" in step]
    texts = "".join(path.read_text(encoding="utf-8") for path in (REPO / ".github/workflows").glob("*.yml"))
    assert {use.split("@")[0] for use in uses} == set(NODE24_MAJORS)
    for action, major in re.findall(r"uses: ([\w/-]+)@[0-9a-f]{40} # v(\d+)\.", texts):
        assert int(major) >= NODE24_MAJORS[action], action


def test_dependabot_watches_python_npm_and_actions():
    config = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "npm", "github-actions"}
