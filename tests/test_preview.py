"""`make serve`: the editor's live preview, updated on save, errors shown over the last good page.

The browser tests run `build.py serve` as an editor does and watch the open page in Chromium;
they check what the editor sees (timing is measured by benchmarks/preview_latency.py). The
other tests check that the preview's incremental reload gives the same model as a fresh read.
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from plansite import urls
from plansite.build import ProjectPaths, load_project
from plansite.html_policy import CONTENT_SECURITY_POLICY, PREVIEW_CONTENT_SECURITY_POLICY
from plansite.preview.live import EVENTS_PATH
from plansite.preview.project import PreviewProject
from tests.browser import watched_page
from tests.helpers import FIXTURES, REPO, copy_project

PLAN = "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"
PLAN_URL = "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt/"
TITLE = "title: Thực hiện nhiệm vụ năm học 2023-2024"
OVERLAY = "#plansite-preview-problems"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the preview did not answer at {url}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def real_problems(page) -> list[str]:
    """What went wrong on the page, except the event stream cut by the reload itself (by design)."""
    return [p for p in page.problems if not (EVENTS_PATH in p and "ERR_ABORTED" in p)]


def start_preview(project: Path):
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(project), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_for(f"http://127.0.0.1:{port}/")
    return server, f"http://127.0.0.1:{port}/"


def stop_preview(server) -> None:
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def preview(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    server, url = start_preview(project)
    try:
        yield project, url
    finally:
        stop_preview(server)
    assert not (project / "site").exists()  # previewing never writes the published site


@pytest.fixture
def preview_own_templates(tmp_path):
    """A preview whose templates/ is a copy, so the test may edit it."""
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    (project / "templates").unlink()
    shutil.copytree(REPO / "templates", project / "templates")
    server, url = start_preview(project)
    try:
        yield project, url
    finally:
        stop_preview(server)


def test_preview_policy_differs_from_the_published_one_only_by_inline_scripts():
    assert PREVIEW_CONTENT_SECURITY_POLICY.replace(" 'unsafe-inline'", "") == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


@pytest.mark.browser
def test_saving_a_plan_reloads_the_open_page(browser, preview):
    project, url = preview
    with watched_page(browser, 1280) as page:
        page.goto(url + PLAN_URL)
        assert page.locator("article h1").inner_text() == "Thực hiện nhiệm vụ năm học 2023-2024"
        edit(project / PLAN, TITLE, TITLE + " (sửa)")
        page.wait_for_function("() => document.querySelector('article h1')?.textContent.includes('(sửa)')",
                               timeout=60_000)  # no reload by hand: the live-reload script did it
        assert real_problems(page) == []  # no CSP violation, no script error


@pytest.mark.browser
def test_a_broken_save_shows_its_problems_over_the_last_good_page_until_fixed(browser, preview):
    project, url = preview
    with watched_page(browser, 1280) as page:
        page.goto(url + PLAN_URL)
        edit(project / PLAN, 'date: "2023-09-05"', 'date: "2023-13-05"')
        overlay = page.locator(OVERLAY)
        overlay.wait_for(timeout=60_000)
        text = overlay.inner_text()
        assert f"{PLAN}:9:7: ngày '2023-13-05' không tồn tại" in text
        assert "Bản xem trước chưa cập nhật: có 1 lỗi" in text
        assert page.locator("article h1").inner_text() == "Thực hiện nhiệm vụ năm học 2023-2024"  # the last good page

        page.reload()  # opened anew while broken: the last good page, and the problems over it
        page.locator(OVERLAY).wait_for(timeout=60_000)
        assert f"{PLAN}:9:7" in page.locator(OVERLAY).inner_text()

        edit(project / PLAN, 'date: "2023-13-05"', 'date: "2023-09-05"')
        edit(project / PLAN, TITLE, TITLE + " (đã sửa lỗi)")
        page.wait_for_function("() => document.querySelector('article h1')?.textContent.includes('(đã sửa lỗi)')",
                               timeout=60_000)
        assert page.locator(OVERLAY).count() == 0
        assert real_problems(page) == []


@pytest.mark.browser
def test_template_and_stylesheet_edits_reload_the_open_page(browser, preview_own_templates):
    project, url = preview_own_templates
    with watched_page(browser, 1280) as page:
        page.goto(url + PLAN_URL)
        edit(project / "templates/plan.html", '<dt>Loại văn bản</dt>', '<dt>Loại văn bản (mẫu mới)</dt>')
        page.wait_for_function("() => document.querySelector('.plansite-meta')?.textContent.includes('(mẫu mới)')",
                               timeout=60_000)
        with (project / "templates/assets/plansite.css").open("a", encoding="utf-8") as css:
            css.write("\n.md-typeset h1.plansite-doc-title { letter-spacing: 7px; }\n")
        page.wait_for_function(
            "() => { const title = document.querySelector('.plansite-doc-title');"
            " return title !== null && getComputedStyle(title).letterSpacing === '7px'; }",
            timeout=60_000)
        assert real_problems(page) == []


@pytest.mark.browser
def test_a_template_error_is_shown_with_its_line_and_cleared_when_fixed(browser, preview_own_templates):
    project, url = preview_own_templates
    template = project / "templates/plan.html"
    with watched_page(browser, 1280) as page:
        page.goto(url + PLAN_URL)
        text = template.read_text(encoding="utf-8")
        line = text.count("\n", 0, text.index("<dt>Loại văn bản</dt>")) + 1
        edit(template, "<dt>Loại văn bản</dt>", "<dt>Loại văn bản {{ plan.doc_type | no_such_filter }}</dt>")
        page.locator(OVERLAY).wait_for(timeout=60_000)
        expected = f"templates/plan.html:{line}:1: lỗi mẫu trang (Jinja): No filter named 'no_such_filter'"
        assert expected in page.locator(OVERLAY).inner_text()
        assert page.locator("article h1").inner_text() == "Thực hiện nhiệm vụ năm học 2023-2024"
        edit(template, "<dt>Loại văn bản {{ plan.doc_type | no_such_filter }}</dt>", "<dt>Loại (đã sửa)</dt>")
        page.wait_for_function("() => document.querySelector('.plansite-meta')?.textContent.includes('Loại (đã sửa)')",
                               timeout=60_000)
        assert page.locator(OVERLAY).count() == 0


def _summary(loaded) -> dict:
    """What pages show, as comparable values: plans, documents with their citing plans, page URLs."""
    model = loaded.model
    return {
        "plans": [(p.source_path, p.title) for p in model.plans],
        "documents": [(d.id, d.label, d.date, [(c.plan.source_path, c.line, c.col, c.sentence) for c in d.citations])
                      for d in loaded.portal.citations.documents],
        "pages": [(p.url, p.title, p.markdown) for p in loaded.pages],
        "problems": [str(p) for p in loaded.problems],
    }


def test_an_incremental_reload_equals_a_fresh_read(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    paths = ProjectPaths(project)
    preview = PreviewProject(paths)
    preview.reload()
    plans = sorted((project / "content/plans").rglob("*.md"))
    edited, removed = plans[0], plans[-1]
    # A plan now cites a document no other plan cites, and stops citing what it cited first.
    text = edited.read_text(encoding="utf-8")
    body_start = text.index("\n---\n", 4) + 5
    edited.write_text(text[:body_start] + "Căn cứ Nghị quyết số 88/2014/QH13 ngày 28/11/2014 của Quốc hội.\n\n"
                      + text[body_start:].replace("29-NQ/TW", "29-NQ/XX"), encoding="utf-8")
    removed.unlink()
    again = preview.reload()
    fresh = load_project(paths)
    assert _summary(again) == _summary(fresh)
    assert "88-2014-qh13" in {d.id for d in again.portal.citations.documents}
    assert all(p.source_path != str(removed.relative_to(project)) for p in again.model.plans)


def test_a_locality_change_rereads_every_plan(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    paths = ProjectPaths(project)
    preview = PreviewProject(paths)
    preview.reload()
    localities = project / "content/localities.yaml"
    edit(localities, "địa bàn nay thuộc các phường trực thuộc tỉnh Quảng Ninh.", "địa bàn nay thuộc phường mới.")
    again = preview.reload(everything=True)
    assert _summary(again) == _summary(load_project(paths))
    uong_bi = [p for p in again.model.plans if p.district.slug == "uong-bi"]
    assert uong_bi and all(p.district.since_2025.endswith("phường mới.") for p in uong_bi)


def test_the_search_index_is_built_behind_the_preview(preview):
    """Deferred: a background build indexes the content; /tim-kiem/chi-muc/ serves its result."""
    _project, url = preview
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "tim-kiem/chi-muc/manifest.json", timeout=5) as response:
                manifest = json.loads(response.read())
            break
        except OSError:
            time.sleep(1)
    else:
        raise AssertionError("the preview never served a search index")
    assert manifest["pages"] > 0 and manifest["shards"] > 0


def test_pages_rendered_on_demand_after_a_save_are_the_pages_a_build_writes(tmp_path):
    """Every page the preview renders from memory, after an incremental reload, equals the built page."""
    from plansite.build import build
    from plansite.preview.site import make_site

    project = copy_project(REPO, tmp_path / "project")
    paths = ProjectPaths(project)
    preview = PreviewProject(paths)
    site = make_site(preview.reload(), paths)
    plan = sorted((project / "content/plans").rglob("*.md"))[0]
    edit(plan, "\ntitle: ", "\ntitle: (bản sửa) ")
    loaded = preview.reload()
    site = make_site(loaded, paths, site)  # the renderer of the first load, updated
    report = build(paths, tmp_path / "built", preview=True)
    assert report.ok
    built = sorted((tmp_path / "built").rglob("index.html"))
    assert len(built) == len(loaded.pages)
    for path in built:
        site_path = path.relative_to(tmp_path / "built").as_posix()
        assert site.get(site_path)[0] == path.read_bytes(), site_path
    edited = next(p for p in loaded.model.plans if p.source_path == plan.relative_to(project).as_posix())
    assert "(bản sửa)" in site.get(urls.plan_url(edited))[0].decode("utf-8")
    for name in ("404.html", "robots.txt", "assets/plansite.css"):
        assert site.get(name)[0] == (tmp_path / "built" / name).read_bytes(), name
