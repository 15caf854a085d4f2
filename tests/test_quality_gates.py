"""Quality gates on the built seed site: links and anchors, no third-party loads, no live
content, valid HTML (the Nu HTML Checker, run with Java from npm's vnu-jar).

Accessibility (axe-core in Chromium) is in test_accessibility.py; publishing under a
project path in test_publishing.py.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from plansite.html_policy import CONTENT_SECURITY_POLICY
from tests.helpers import PAGE_KINDS, REPO, page_file
from tests.site_checks import SiteAddress, broken_links, content_security_policy, html_pages, live_code, parse_page, third_party_loads

VNU_JAR = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_internal_link_and_anchor_resolves(seed_site):
    pages = html_pages(seed_site)
    assert len(pages) >= 80
    assert broken_links(SiteAddress(seed_site)) == []


def test_link_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="muc-1">1</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/#muc-1">ok</a> <a href="a/#muc-2">x</a> <a href="b/">x</a> '
                                         '<a href="../../ngoai/">x</a> <a href="https://vanban.chinhphu.vn/">ok</a>',
                                         encoding="utf-8")
    problems = broken_links(SiteAddress(tmp_path, "https://org.github.io/repo/"))
    assert [p.split(": ", 2)[1:] for p in problems] == [
        ["href='a/#muc-2'", "no element with id 'muc-2' on a/index.html"],
        ["href='b/'", "no such file"],
        ["href='../../ngoai/'", "outside the site's path https://org.github.io/repo/"]]


def test_no_page_loads_anything_from_another_host(seed_site):
    assert third_party_loads(SiteAddress(seed_site)) == []
    for path in html_pages(seed_site):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")


def test_third_party_check_finds_scripts_styles_fonts_and_images(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//cdn.example/x.css">'
        '<link rel="canonical" href="https://org.github.io/repo/"><img srcset="a.png 1x, https://img.example/b.png 2x">'
        '<style>@font-face { src: url(https://fonts.example/f.woff2) }</style><a href="https://vanban.chinhphu.vn/">ok</a>',
        encoding="utf-8")
    (tmp_path / "site.css").write_text('.x { background: url("https://img.example/bg.png") } .y { mask: url(data:image/svg+xml,x) }',
                                       encoding="utf-8")
    found = third_party_loads(SiteAddress(tmp_path))
    assert len(found) == 5 and all("example/" in problem for problem in found)


def test_no_page_runs_anything_but_the_sites_own_scripts(seed_site):
    for path in html_pages(seed_site):
        page = parse_page(path)
        assert live_code(page) == [], path
        assert content_security_policy(page) == CONTENT_SECURITY_POLICY, path
        assert page.all("html")[0].attrs.get("lang") == "vi", path


def vnu_errors(files: dict[str, Path]) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors for each named file ('line:column: message')."""
    assert VNU_JAR.exists(), "vnu.jar missing: run `make test` (npm ci installs vnu-jar from package-lock.json)"
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
                             *map(str, files.values())], capture_output=True, text=True, timeout=300)
    name_of = {path.resolve(): name for name, path in files.items()}
    found: dict[str, list[str]] = {name: [] for name in files}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] in ("error", "non-document-error") or message.get("subType") == "fatal":
            name = name_of[Path(unquote(urlsplit(message["url"]).path)).resolve()]
            found[name].append(f"{message.get('lastLine')}:{message.get('firstColumn')}: {message['message']}")
    return found


@pytest.fixture(scope="module")
def vnu_messages(seed_site) -> dict[str, list[str]]:
    return vnu_errors({kind: page_file(seed_site, url) for kind, url in PAGE_KINDS.items()})


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_html_is_valid(vnu_messages, kind):
    assert vnu_messages[kind] == []


def test_the_validator_reports_errors(tmp_path):
    page = tmp_path / "invalid.html"
    page.write_text('<!doctype html><html lang="vi"><title>x</title><input autocomplete=off type=checkbox>',
                    encoding="utf-8")
    [error] = vnu_errors({"invalid": page})["invalid"]
    assert error.startswith("1:") and "autocomplete" in error
