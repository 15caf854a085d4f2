"""Fuzzing: whatever bytes arrive, the loader and the importer answer with a result or a
Problem (`path:line:col: what — how to fix`), never a traceback.

Inputs are real files mutated with the fragments hostile content is made of (YAML
anchors, tags and brackets, control, invisible and direction characters, look-alike
letters, broken UTF-8), and plain random bytes. `make test` runs a small budget;
`make fuzz` a large one (PLANSITE_FUZZ_EXAMPLES).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansite.build import ProjectPaths, load_project
from plansite.content.localities import load_localities
from plansite.content.plans import load_plan
from plansite.content.yaml_positions import load_yaml
from plansite.errors import Problems
from plansite.importer import ImportRequest, import_plan
from tests.helpers import FIXTURES, SEEDS, copy_project

EXAMPLES = int(os.environ.get("PLANSITE_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
PROBLEM = re.compile(r"[^\n]+:\d+:\d+: [^\n]+ — [^\n]+")

FRAGMENTS = [
    "[", "]", "{", "}", "[" * 60, "{a: " * 30, "- " * 40, "&a ", "*a", "&a [1, 2]\nb: *a\n", "<<: *a\n",
    "!!python/object/apply:os.system ['true']", "!!binary aGk=", "!!timestamp 2023-02-30", "? ", ": ", ":", "\n",
    "\n- ", "\n  ", "\t", "---\n", "...\n", "%YAML 1.1\n", "|\n", ">-\n", "#", " # TODO: x", '"', "'", "\\",
    '"\\ud800"', '"\\x00"', '"\\u202e"', "\x00", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u200b", "\ufeff",
    "\u00ad", "\r", "\r\n", "К", "Ο", "Đ", "đ", "ễ", "e\u0301", "29-NQ/TW", "71/2020/NĐ-CP", "number: ", "title: ",
    "date: 2023-02-30", "locality: ", "[x](phu-luc.md)", "[x](http://a.b/)", "<https://evil.example/>",
    '<a href="//evil.example/">', "{: #chu-thich }", "[^1]", "[^1]: ", "\n---\n", "\U0001F600", "🙂" * 10,
]
INSERTIONS = st.lists(st.tuples(st.floats(0, 1), st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))),
                      max_size=8)
CUTS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40)), max_size=3)


def mutated(text: str, insertions, cuts) -> str:
    for where, length in cuts:
        at = int(where * len(text))
        text = text[:at] + text[at + length:]
    for where, fragment in insertions:
        at = int(where * len(text))
        text = text[:at] + fragment + text[at:]
    return text


def hostile_bytes(base: str):
    as_text = st.builds(mutated, st.just(base), INSERTIONS, CUTS)
    return st.one_of(
        as_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        as_text.map(lambda t: t.encode("utf-8", "surrogatepass")[: len(t) // 2]),  # cut inside a character
        st.tuples(as_text, st.binary(max_size=6)).map(lambda p: p[0].encode("utf-8", "surrogatepass") + p[1]),
        st.binary(max_size=2000),
    )


def assert_answered(problems: Problems, result) -> None:
    """Either a result, or at least one error; every problem in the editor's form."""
    if result is None:
        assert problems.errors
    for problem in problems:
        assert PROBLEM.fullmatch(str(problem)), str(problem)


# --- The loader ---------------------------------------------------------------------------

TARGETS = {
    "plan": "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md",
    "curated document": "content/documents/29-nq-tw.yaml",
    "registry": "content/localities.yaml",
    "site settings": "site_config.yaml",
}
MINI = {name: (FIXTURES / "mini" / relative).read_text(encoding="utf-8") for name, relative in TARGETS.items()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("fuzz") / "project")


@pytest.mark.parametrize("target", TARGETS)
def test_loader_answers_any_bytes(project, target):
    path = project / TARGETS[target]

    @FUZZ
    @given(hostile_bytes(MINI[target]))
    def loads(data: bytes) -> None:
        path.write_bytes(data)
        loaded = load_project(ProjectPaths(project))
        assert_answered(loaded.problems, loaded.portal)

    try:
        loads()
    finally:
        path.write_text(MINI[target], encoding="utf-8")


@FUZZ
@given(st.one_of(st.text(max_size=300), st.builds(mutated, st.just(MINI["plan"].split("---")[1]), INSERTIONS, CUTS)))
def test_yaml_loader_answers_any_text(text):
    problems = Problems()
    loaded = load_yaml(text, "x.yaml", 1, problems)
    assert_answered(problems, loaded)


# --- The importer (its public entry point, then our loader on what it wrote) --------------

SEED_TEXT = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")[:4000]


@pytest.fixture(scope="module")
def import_project(tmp_path_factory) -> Path:
    return copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("fuzz-import") / "project")


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_importer_answers_any_bytes(import_project, tmp_path_factory, suffix):
    received = tmp_path_factory.mktemp("received") / f"van-ban{suffix}"
    out_dir = import_project / "content/plans/quang-ninh/uong-bi"
    problems = Problems()
    districts = {d.key: d for p in load_localities(import_project / "content/localities.yaml", import_project, problems)
                 for d in p.districts}

    @FUZZ
    @given(hostile_bytes(SEED_TEXT))
    def imports(data: bytes) -> None:
        received.write_bytes(data)
        outcome = import_plan(ImportRequest(received, import_project, out_dir, "quang-ninh/uong-bi", force=True))
        assert_answered(outcome.problems, outcome.written or None)
        if outcome.written:  # what the importer wrote, `check` reads without a traceback
            written = import_project / outcome.written
            file_problems = Problems()
            plan = load_plan(written, import_project / "content/plans", import_project, districts, file_problems)
            assert_answered(file_problems, plan)
            written.unlink()

    imports()
