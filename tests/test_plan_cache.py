"""The per-plan cache and the worker pool give exactly what reading every plan in one process gives.

Correctness only: a warm load (every plan from .cache/plansite/plans/) equals a cold one, field
by field, problem by problem and citation by citation; an edit invalidates the plans whose
results depend on it and no others; a damaged entry is recomputed, never a traceback.
"""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from plansite.build import ProjectPaths, load_project
from plansite.content.documents import load_curated_documents
from plansite.content.localities import load_localities
from plansite.content.plans import plan_body
from plansite.errors import Problems
from plansite.plan_reading import PlanReader
from tests.helpers import REPO, copy_project

PLAN = "content/plans/quang-ninh/uong-bi/2023-95-kh-pgddt.md"


@pytest.fixture
def project(tmp_path) -> Path:
    """The repository's own content: four real plans, their citations and curated documents."""
    return copy_project(REPO, tmp_path / "project")


def snapshot(root: Path) -> list[str]:
    """Everything load_project gives, as text: problems, plans, citations, documents and page Markdown."""
    loaded = load_project(ProjectPaths(root))
    out = [str(problem) for problem in loaded.problems]
    if loaded.portal is None:
        return out
    index = loaded.portal.citations
    for plan in loaded.model.plans:
        out.append(repr(replace(plan, body=plan_body(plan))))  # a cached plan keeps its body on disk
        out.extend(repr((c.mention, c.in_title, c.line, c.col, c.sentence)) for c in index.citations_in(plan))
    out.extend(repr((d.id, d.label, d.issuer, d.date, [c.plan.source_path for c in d.citations], d.curated))
               for d in index.documents)
    out.extend(str(problem) for problem in index.warnings + index.errors)
    out.extend(f"{page.output_path} {hashlib.sha256(getattr(page, 'markdown', '').encode()).hexdigest()}"
               for page in loaded.pages)
    return out


def entries(root: Path) -> list[Path]:
    return sorted((root / ".cache/plansite/plans").rglob("*.pickle"))


def reader(root: Path) -> PlanReader:
    """The plans read up front, as load_project does, to count what came from the cache."""
    problems = Problems()
    provinces = load_localities(root / "content/localities.yaml", root, problems)
    curated = load_curated_documents(root / "content/documents", root, problems)
    return PlanReader(root / "content/plans", root, provinces, curated, cache_root=root)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_warm_load_equals_a_cold_one(project, monkeypatch, workers):
    monkeypatch.setenv("PLANSITE_WORKERS", workers)
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")
    uncached = snapshot(project)
    assert not entries(project)
    monkeypatch.delenv("PLANSITE_NO_CACHE")
    cold = snapshot(project)
    assert len(entries(project)) == 4
    warm = snapshot(project)
    assert uncached == cold == warm
    assert any("29-nq-tw" in line for line in warm), "the snapshot holds citations"


def test_problems_are_cached_with_their_positions(project):
    path = project / PLAN
    path.write_text(path.read_text(encoding="utf-8").replace("doc_type:", "# TODO: kiểm tra\ndoc_type:", 1),
                    encoding="utf-8")
    cold = snapshot(project)
    assert any("2023-95-kh-pgddt.md:" in line and "TODO" in line for line in cold)
    assert snapshot(project) == cold


def test_an_edit_recomputes_what_depends_on_it(project):
    assert reader(project).cache.misses == 4  # nothing cached yet
    assert reader(project).cache.hits == 4
    path = project / PLAN
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu thêm vào cuối.\n", encoding="utf-8")
    edited = reader(project)
    assert (edited.cache.hits, edited.cache.misses) == (3, 1), "a plan edit recomputes that plan only"
    assert "Một câu thêm vào cuối." in plan_body(edited.results[project / PLAN].plan)

    localities = project / "content/localities.yaml"
    localities.write_text(localities.read_text(encoding="utf-8").replace("Uông Bí", "Uông Bý", 1), encoding="utf-8")
    assert reader(project).cache.misses == 4, "plans are read against the registry: all recomputed"

    document = project / "content/documents/29-nq-tw.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("Về đổi mới căn bản", "Về việc đổi mới căn bản", 1), encoding="utf-8")
    assert reader(project).cache.misses == 0, "a curated title is not part of any plan's result"
    assert "aliases:" not in text
    document.write_text(text + "aliases:\n  - 29-nq-tw-sai-nam\n", encoding="utf-8")
    assert reader(project).cache.misses == 4, "citations use the curated aliases: all recomputed"

    indicators = project / "content/indicators.yaml"
    indicators.write_text(indicators.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert reader(project).cache.misses == 0, "per-plan results do not depend on the indicator vocabulary"


def test_the_edits_show_in_the_warm_load_as_in_a_cold_one(project, tmp_path, monkeypatch):
    snapshot(project)
    path = project / PLAN
    path.write_text(path.read_text(encoding="utf-8") + "\nThực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013.\n",
                    encoding="utf-8")
    localities = project / "content/localities.yaml"
    localities.write_text(localities.read_text(encoding="utf-8").replace("Uông Bí", "Uông Bý"), encoding="utf-8")
    warm = snapshot(project)
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")
    assert warm == snapshot(project)
    assert any("Uông Bý" in line for line in warm)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01.", None])
def test_a_damaged_entry_is_recomputed_not_a_traceback(project, damage):
    cold = snapshot(project)
    for entry in entries(project):
        if damage is None:  # an entry from older code: a valid pickle of something else
            shutil.copy(Path(__file__).parent / "fixtures/mini/site_config.yaml", entry)
        else:
            entry.write_bytes(damage)
    again = reader(project)
    assert again.cache.misses == 4
    assert snapshot(project) == cold
    assert reader(project).cache.hits == 4, "the damaged entries were written again"


def test_bodies_are_kept_on_disk_and_read_back_the_same(project, monkeypatch):
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")
    uncached = {path: result.plan.body for path, result in reader(project).results.items()}
    monkeypatch.delenv("PLANSITE_NO_CACHE")
    for cached in (reader(project), reader(project)):  # computed, then from the cache
        for path, result in cached.results.items():
            assert result.plan.body == "" and Path(result.plan.body_file).is_file()
            assert plan_body(result.plan) == uncached[path]
    for body in (project / ".cache/plansite/plans").rglob("*.md"):
        body.unlink()
    assert reader(project).cache.hits == 0, "an entry whose body is gone is recomputed"
    assert snapshot(project) == snapshot(project)


def test_plans_read_from_the_cache_share_the_strings_of_the_documents_they_cite(project):
    """Every plan cites the national documents: their numbers, issuers and identities are one
    string each in memory, not one per mention (10,000 plans hold hundreds of thousands)."""
    reader(project)  # fills the cache
    warm = reader(project)
    assert warm.cache.hits == len(warm.results)
    citations = [c for r in warm.results.values() if r.found for c in r.found[1][0]]
    by_id: dict[str, list] = {}
    for citation in citations:
        by_id.setdefault(citation.mention.id, []).append(citation.mention)
    shared = [mentions for mentions in by_id.values() if len({m.issuer for m in mentions}) == 1 and len(mentions) > 1]
    assert shared, "the seeds cite some document several times"
    for mentions in shared:
        assert len({id(m.id) for m in mentions}) == 1 and len({id(m.issuer) for m in mentions}) == 1
