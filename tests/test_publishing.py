"""Publishing to GitHub Pages: the workflows, the public address, and a site served under a
project path (https://<org>.github.io/<repo>/) where every link, asset and the search resolve.
"""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from plansite.build import ProjectPaths, build
from tests.browser import serve_site, watched_page
from tests.helpers import FIXTURES, PAGE_KINDS, REPO, copy_project, page_file, run_build_py
from tests.site_checks import SiteAddress, broken_links, html_pages, parse_page

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
    assert len(actions) == 7
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


def test_canonical_address_of_every_page_and_the_sitemap(subpath_site):
    pages = sorted(p for p in subpath_site.rglob("index.html"))
    canonical = {}
    for path in pages:
        [link] = [e for e in parse_page(path).all("link") if e.attrs.get("rel") == "canonical"]
        canonical[path] = link.attrs["href"]
        assert canonical[path] == SiteAddress(subpath_site, SITE_URL).page_url(path)
    sitemap = ElementTree.parse(subpath_site / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in sitemap.findall("s:url/s:loc", namespace)]
    assert sorted(listed) == sorted(canonical.values()) and len(listed) == len(pages) >= 80
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
    assert all(not [e for e in parse_page(p).all("link") if e.attrs.get("rel") == "canonical"] for p in html_pages(seed_site))


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
