"""`make serve`: the editor's live preview rebuilds on save and the open page reloads itself."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from plansite.html_policy import CONTENT_SECURITY_POLICY, PREVIEW_CONTENT_SECURITY_POLICY
from tests.browser import watched_page
from tests.helpers import FIXTURES, REPO, copy_project

pytestmark = pytest.mark.browser
PLAN = "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the preview did not answer at {url}")


@pytest.fixture
def preview(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(project), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not (project / "site").exists()  # previewing never writes the published site


def test_preview_policy_differs_from_the_published_one_only_by_inline_scripts():
    assert PREVIEW_CONTENT_SECURITY_POLICY.replace(" 'unsafe-inline'", "") == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_saving_a_plan_reloads_the_open_page(browser, preview):
    project, url = preview
    with watched_page(browser, 1280) as page:
        page.goto(url + "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt/")
        assert page.locator("article h1").inner_text() == "Thực hiện nhiệm vụ năm học 2023-2024"
        plan = project / PLAN
        plan.write_text(plan.read_text(encoding="utf-8").replace(
            "title: Thực hiện nhiệm vụ năm học 2023-2024", "title: Thực hiện nhiệm vụ năm học 2023-2024 (sửa)"),
            encoding="utf-8")
        page.wait_for_function("() => document.querySelector('article h1').textContent.includes('(sửa)')",
                               timeout=60_000)  # no reload by hand: the live-reload script did it
        assert page.problems == []  # no CSP violation, no script error
