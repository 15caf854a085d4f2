"""Publishing to GitHub Pages: the workflows, the public address, and a site served under a
project path (https://<org>.github.io/<repo>/) where every link, asset and the search resolve.
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from plansite.build import ProjectPaths, build
from plansite.publish import BuildLock, Publication, lock_path
from tests.browser import serve_site, watched_page
from tests.helpers import FIXTURES, PAGE_KINDS, REPO, copy_project, page_file, run_build_py
from tests.site_checks import SiteAddress, broken_links, html_pages, parse_page
from tests.test_content_errors import tree_digest

SITE_URL = "https://example.github.io/plansite/"
WORKFLOWS = REPO / ".github/workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


# --- Workflows ----------------------------------------------------------------------------

def test_workflows_pass_actionlint():
    result = subprocess.run([str(ACTIONLINT), "-no-color", *sorted(map(str, WORKFLOWS.glob("*.yml")))],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_reports_mistakes(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.event.head_commit.message }}\n      - uses: actions/checkout@v4\n"
                      "        with: {fetch-dept: 1}\n", encoding="utf-8")
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "fetch-dept" in result.stdout


def test_every_action_is_pinned_by_commit_with_its_version():
    uses = re.findall(r"uses: (.+)", "".join(p.read_text(encoding="utf-8") for p in WORKFLOWS.glob("*.yml")))
    actions = [use for use in uses if not use.startswith("./")]
    assert len(actions) == 9  # test.yml 2, pages.yml 5, editors.yml 2
    assert [use for use in actions if not PINNED.match(use.strip())] == []


def test_tests_run_on_pull_requests_and_pushes():
    test = workflow("test.yml")
    assert set(test["on"]) == {"push", "pull_request", "workflow_call"}
    assert test["permissions"] == {"contents": "read"}
    steps = test["jobs"]["test"]["steps"]
    assert [s["run"] for s in steps if "run" in s] == ["make test"]
    assert steps[1]["with"]["cache"] == "pip"


def test_pages_deploys_main_after_the_tests_with_least_privilege():
    pages = workflow("pages.yml")
    assert pages["on"]["push"] == {"branches": ["main"]}
    assert pages["permissions"] == {"contents": "read"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = pages["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert (jobs["build"]["needs"], jobs["deploy"]["needs"]) == ("test", "build")
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    build_steps = [s.get("uses", s.get("run", "")).split("@")[0] for s in jobs["build"]["steps"]]
    assert build_steps[2:] == ["actions/configure-pages", 'make site SITE_URL="$PAGES_URL/"', "actions/upload-pages-artifact"]
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


# --- The public address -------------------------------------------------------------------

@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Path:
    """The seed site built for a project path (the build's last stage writes its search index)."""
    out = tmp_path_factory.mktemp("subpath") / "site"
    report = build(ProjectPaths(REPO), out, site_url=SITE_URL)
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    assert (out / "tim-kiem" / "chi-muc" / "manifest.json").exists()
    return out


def test_every_link_and_asset_resolves_under_the_project_path(subpath_site):
    assert broken_links(SiteAddress(subpath_site, SITE_URL)) == []


def test_not_found_page_works_at_any_depth(subpath_site):
    """GitHub Pages answers any missing address under the project with 404.html."""
    address = SiteAddress(subpath_site, SITE_URL)
    not_found = subpath_site / "404.html"
    served_at = {SITE_URL + "404.html", SITE_URL + "a/", SITE_URL + "dia-phuong/x/y/z/"}
    problems = [problem for url in served_at for problem in broken_links(address, [not_found], served_at=url)]
    assert problems == []


def _is_redirect(page) -> bool:
    """A moved document's old address (templates/redirect.html): meta refresh to the new page."""
    return any(e.attrs.get("http-equiv") == "refresh" for e in page.all("meta"))


def test_canonical_address_of_every_page_and_the_sitemap(subpath_site):
    pages = sorted(p for p in subpath_site.rglob("index.html"))
    address = SiteAddress(subpath_site, SITE_URL)
    canonical, redirects = {}, {}
    for path in pages:
        parsed = parse_page(path)
        [link] = [e for e in parsed.all("link") if e.attrs.get("rel") == "canonical"]
        if _is_redirect(parsed):  # points search engines at the page it moved to
            redirects[path] = link.attrs["href"]
            continue
        canonical[path] = link.attrs["href"]
        assert canonical[path] == address.page_url(path)
    assert set(redirects.values()) <= set(canonical.values())
    sitemap = ElementTree.parse(subpath_site / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in sitemap.findall("s:url/s:loc", namespace)]
    assert sorted(listed) == sorted(canonical.values()) and len(listed) == len(pages) - len(redirects) >= 80
    robots = (subpath_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.split() == ["User-agent:", "*", "Allow:", "/", "Sitemap:", SITE_URL + "sitemap.xml"]


def test_plan_pages_have_open_graph_metadata(subpath_site):
    plan = parse_page(page_file(subpath_site, PAGE_KINDS["plan"]))
    og = {e.attrs["property"]: e.attrs["content"] for e in plan.all("meta") if e.attrs.get("property")}
    assert og == {
        "og:type": "article", "og:site_name": "Kế hoạch giáo dục các địa phương", "og:locale": "vi_VN",
        "og:title": "Kế hoạch số 95/KH-PGDĐT – Uông Bí",
        "og:description": og["og:description"], "og:url": SITE_URL + PAGE_KINDS["plan"],
        "article:published_time": "2023-02-01"}
    assert og["og:description"].startswith("Kế hoạch Thực hiện Nghị quyết số 06-NQ/TU")
    home = parse_page(page_file(subpath_site, ""))
    assert not [e for e in home.all("meta") if e.attrs.get("property", "").startswith("og:")]


def test_without_a_public_address_there_is_no_sitemap_nor_canonical(seed_site):
    assert not (seed_site / "sitemap.xml").exists()
    assert "Sitemap" not in (seed_site / "robots.txt").read_text(encoding="utf-8")
    pages = [parse_page(p) for p in html_pages(seed_site)]
    assert all(not [e for e in page.all("link") if e.attrs.get("rel") == "canonical"]
               for page in pages if not _is_redirect(page))  # a redirect names its target, relative here


def test_site_url_given_on_the_command_line(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    wrong = run_build_py(project, "build", "--site-url", "example.github.io/plansite")
    assert wrong.returncode == 1
    assert wrong.stderr.splitlines()[0] == (
        "--site-url:1:1: site_url 'example.github.io/plansite' chưa đúng dạng — ghi địa chỉ đầy đủ có '/' ở cuối, "
        "ví dụ https://org.github.io/repo/, hoặc để trống")
    config = project / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace('site_url: ""', 'site_url: "https://cu.example/"'),
                      encoding="utf-8")
    built = run_build_py(project, "build", "--site-url", SITE_URL)
    assert built.returncode == 0, built.stderr
    assert f"dựng cho địa chỉ {SITE_URL}, khác site_url 'https://cu.example/'" in built.stderr
    assert f"<loc>{SITE_URL}</loc>" in (project / "site/sitemap.xml").read_text(encoding="utf-8")


# --- In a browser, under the project path -------------------------------------------------

@pytest.fixture(scope="module")
def project_url(subpath_site):
    with serve_site(subpath_site, "/plansite/") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_kind_of_page_works_under_the_project_path(browser, project_url, kind):
    url = project_url + ("dia-phuong/khong-co/trang-nay/" if kind == "not-found" else PAGE_KINDS[kind])
    with watched_page(browser, 390) as page:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response.status == (404 if kind == "not-found" else 200)
        expected = ["console error: Failed to load resource: the server responded with a status of 404 (Not Found)"] \
            if kind == "not-found" else []
        assert page.problems == expected  # no failed asset, no script error, no CSP violation
        assert page.evaluate("[document.documentElement.classList.contains('js'), __md_scope.pathname]") == \
            [True, "/plansite/"]  # Material's scripts ran, scoped to the project
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # styled


@pytest.mark.browser
def test_search_works_under_the_project_path_within_the_csp(browser, project_url):
    """The results page fetches and decompresses its index under the project path, within the CSP."""
    with watched_page(browser, 1280) as page:
        page.goto(project_url + "tim-kiem/?q=gi%C3%A1o+d%E1%BB%A5c")
        page.wait_for_function("() => document.querySelectorAll('.plansite-result h2 a').length >= 5")
        urls = page.eval_on_selector_all(".plansite-result h2 a", "links => links.map(a => new URL(a.href).pathname)")[:5]
        assert len(urls) == 5 and all(url.startswith("/plansite/") for url in urls)
        for url in urls:
            assert page.request.get(project_url.removesuffix("/plansite/") + url).status == 200
        assert page.problems == []


# --- Safe publishing: lock, atomic swap, clean-up, interruption, disk and permission errors ----

# A child process publishing a small site with plansite.publish, SIGKILLed by an audit hook
# just before its Nth file-system operation (every step of staging, swap and clean-up).
KILL_AT_STEP = r"""
import os, signal, sys
from pathlib import Path
from plansite import publish
out, version, kill_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
if sys.argv[4] == "fallback":
    publish.exchange = lambda a, b: False
MUTATING = ("open", "os.rename", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree", "os.truncate")
steps = 0
def hook(event, args):
    global steps
    if event in MUTATING and not (event == "open" and args[1] in (None, "r", "rb")):
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
with publish.Publication(out) as publication:
    sys.addaudithook(hook)
    for index in range(5):
        (publication.staging / f"page-{index}.html").write_text(version)
print(steps)
"""


def publish_in_child(out: Path, version: str, kill_at: int = 0, mode: str = "exchange") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILL_AT_STEP, str(out), version, str(kill_at), mode],
                          capture_output=True, text=True, timeout=60, cwd=REPO)


def site_version(out: Path) -> str:
    """'v1' or 'v2' when out/ is one complete site; anything else shows a torn or missing site."""
    pages = sorted(out.glob("*.html")) if out.is_dir() else []
    versions = {page.read_text() for page in pages}
    return versions.pop() if len(pages) == 5 and len(versions) == 1 else f"torn: {[p.name for p in pages]}"


def test_sigkill_at_any_step_of_publishing_leaves_a_complete_site(tmp_path):
    out = tmp_path / "site"
    assert publish_in_child(out, "v1").returncode == 0
    steps = int(publish_in_child(out, "v2").stdout)  # how many steps a whole publication takes
    assert steps >= 8
    assert publish_in_child(out, "v1").returncode == 0
    for kill_at in range(1, steps + 1):
        killed = publish_in_child(out, "v2", kill_at)
        assert killed.returncode == -9, killed.stderr
        assert site_version(out) in ("v1", "v2"), f"killed before step {kill_at}"
        assert publish_in_child(out, "v1").returncode == 0  # the next build cleans up and publishes
        assert site_version(out) == "v1"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == [".site.lock", "site"]  # .cache: rendered bodies


def test_where_there_is_no_atomic_exchange_the_next_build_restores_the_site(tmp_path):
    """Two renames (other systems): a kill between them leaves no site/ until the next build puts it back."""
    out = tmp_path / "site"
    assert publish_in_child(out, "v1", mode="fallback").returncode == 0
    steps = int(publish_in_child(out, "v2", mode="fallback").stdout)
    gaps = 0
    for kill_at in range(1, steps + 1):
        assert publish_in_child(out, "v2", kill_at, mode="fallback").returncode == -9
        gaps += site_version(out) not in ("v1", "v2")
        with Publication(out) as publication:  # starting a build repairs; cancelled, it changes nothing
            assert site_version(out) in ("v1", "v2")
            publication.cancel()
        assert publish_in_child(out, "v1", mode="fallback").returncode == 0
    assert gaps == 1  # the instant between the two renames, which is why exchange is preferred


def test_a_second_build_is_refused_while_one_runs(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    assert run_build_py(project).returncode == 0
    before = tree_digest(project / "site")
    lock = BuildLock(lock_path(project / "site")).acquire()
    try:
        second = run_build_py(project)
    finally:
        lock.release()
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert f"một lần dựng khác (tiến trình {os.getpid()}) đang ghi vào project/site/ — chờ lần đó xong rồi chạy lại" \
        in second.stderr
    assert tree_digest(project / "site") == before
    assert run_build_py(project).returncode == 0  # the lock died with its holder


def test_concurrent_builds_never_interleave(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    command = [sys.executable, str(REPO / "build.py"), "--root", str(project)]
    builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    assert all(code in (0, 1) and "Traceback" not in err for code, err in results), results
    assert [code for code, _ in results].count(0) >= 1
    assert all("một lần dựng khác" in err for code, err in results if code)
    assert (project / "site/tim-kiem/chi-muc/manifest.json").stat().st_size > 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".cache") == [".site.lock"]


def test_stale_folders_of_killed_builds_are_removed_at_start(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    for stale in (".site-build-999999", ".site-old-999998"):
        (project / stale / "van-ban").mkdir(parents=True)
        (project / stale / "van-ban/index.html").write_text("cũ", encoding="utf-8")
    assert run_build_py(project).returncode == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".cache") == [".site.lock"]


SLOW_INDEXING = r"""
import os, sys, time
from pathlib import Path
from plansite import search_index
from plansite.cli import main
def slow(*args):
    Path(sys.argv[1]).write_text(str(os.getpid()))
    time.sleep(300)
search_index._index = slow
sys.exit(main(["--root", sys.argv[2], "build"]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_while_indexing_leaves_nothing_behind(tmp_path, signum):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    assert run_build_py(project).returncode == 0
    before = tree_digest(project / "site")
    pid_file = tmp_path / "indexing.pid"
    build_process = subprocess.Popen([sys.executable, "-c", SLOW_INDEXING, str(pid_file), str(project)], cwd=REPO,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (pid_file.exists() and pid_file.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pid_file.exists(), build_process.stderr.read() if build_process.poll() is not None else "not indexing"
    build_process.send_signal(signum)
    code = build_process.wait(timeout=60)
    stderr = build_process.stderr.read()
    assert code == 128 + signum, stderr
    assert stderr.strip().splitlines()[-1] == \
        f"Đã dừng lần dựng ({signal.Signals(signum).name}); thư mục site/ cũ được giữ nguyên."
    assert "Traceback" not in stderr
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".cache") == [".site.lock"]


@pytest.fixture
def built_mini(tmp_path) -> tuple[Path, str]:
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    assert build(ProjectPaths(project)).ok
    return project, tree_digest(project / "site")


def test_disk_full_while_rendering_is_a_message_and_keeps_the_site(built_mini, monkeypatch):
    import plansite.site_writer

    project, before = built_mini
    write_file, written = plansite.site_writer.write_file, []

    def disk_fills_up(out_dir, site_path, data, published=None):
        if len(written) == 10:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out_dir / site_path))
        written.append(site_path)
        return write_file(out_dir, site_path, data, published)

    monkeypatch.setattr(plansite.site_writer, "write_file", disk_fills_up)
    report = build(ProjectPaths(project))
    assert re.fullmatch(r"\S+/project/\.site-build-\d+/\S+: ổ đĩa đầy, không ghi được trang — giải phóng chỗ trống "
                        r"\(lần dựng cần khoảng gấp đôi dung lượng thư mục site/\) rồi chạy lại; bản đang xuất bản "
                        r"được giữ nguyên", report.failure), report.failure
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".cache") == [".site.lock"]


def test_disk_full_while_indexing_is_a_message_and_keeps_the_site(built_mini, monkeypatch):
    import plansite.search_index

    project, before = built_mini
    write, written = plansite.search_index._write, []

    def disk_fills_up(path, value, raw=False):
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        written.append(path)
        write(path, value, raw)

    monkeypatch.setattr(plansite.search_index, "_write", disk_fills_up)
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")  # a cold index writes every file (a warm one patches the old)
    report = build(ProjectPaths(project))
    assert re.fullmatch(r"\S+/project/\.site-build-\d+/tim-kiem/chi-muc/p/3\.bin: ổ đĩa đầy, không ghi được trang — "
                        r"giải phóng chỗ trống \(lần dựng cần khoảng gấp đôi dung lượng thư mục site/\) rồi chạy lại; "
                        r"bản đang xuất bản được giữ nguyên", report.failure), report.failure
    assert tree_digest(project / "site") == before


def without_root_privileges():
    """Run a child without root's right to ignore file modes, when the tests run as root."""
    if os.geteuid() != 0:
        return None

    def drop() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP: gone after exec
                raise OSError(ctypes.get_errno(), "prctl")
    return drop


def test_read_only_site_is_a_message_not_a_traceback(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    assert run_build_py(project).returncode == 0
    before = tree_digest(project / "site")
    (project / "site").chmod(0o555)
    try:
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(project)], cwd=project,
                                capture_output=True, text=True, timeout=300, preexec_fn=without_root_privileges())
    finally:
        (project / "site").chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("Lỗi khi dựng trang: site: không có quyền ghi vào thư mục này, nên không thay được bản đã xuất bản — "
            "cấp quyền ghi (ví dụ chmod -R u+w site) hoặc dựng vào thư mục khác với --out; bản đang xuất bản "
            "được giữ nguyên") in result.stderr, result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_a_site_folder_that_is_a_link_stays_a_link(tmp_path):
    """`site -> /var/www/site`: the new version goes where the link points; the link is kept."""
    real = tmp_path / "www" / "site"
    real.mkdir(parents=True)
    (real / "index.html").write_text("cũ", encoding="utf-8")
    link = tmp_path / "project" / "site"
    link.parent.mkdir()
    link.symlink_to(real)
    with Publication(link) as publication:
        assert publication.published == real
        (publication.staging / "index.html").write_text("mới", encoding="utf-8")
    assert link.is_symlink() and (link / "index.html").read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in real.parent.iterdir()) == [".site.lock", "site"]
