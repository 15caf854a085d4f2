"""The renderer: links between pages are checked (as MkDocs' strict mode did), pages render one at a time by URL."""
from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from plansite.build import ProjectPaths, build, load_project
from plansite.rendering import resolve_link
from tests.helpers import FIXTURES, REPO, copy_project, run_build_py, text_of

PLAN = "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(FIXTURES / "mini", tmp_path / "project")


def append_to_body(project: Path, line: str) -> None:
    path = project / PLAN
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_a_link_to_a_missing_page_stops_the_build_with_its_place(project):
    before = project / "site"
    before.mkdir()
    (before / "index.html").write_text("cũ", encoding="utf-8")
    append_to_body(project, "Xem [phụ lục](../khong-co-trang-nay/) kèm theo.")
    line = (project / PLAN).read_text(encoding="utf-8").count("\n")
    result = run_build_py(project, "build")
    assert result.returncode == 1
    assert (f"{PLAN}:{line}:15: liên kết '../khong-co-trang-nay/' trỏ đến trang không có trên cổng "
            "(dia-phuong/quang-ninh/uong-bi/khong-co-trang-nay/)") in result.stderr
    assert (before / "index.html").read_text(encoding="utf-8") == "cũ", "a failed build must not touch site/"


def test_links_to_existing_pages_pass(project, tmp_path):
    append_to_body(project, "Xem [huyện](../), [Quảng Ninh](../../) và [văn bản](https://example.org/a.md).")
    out = tmp_path / "out"
    report = build(ProjectPaths(project, templates_dir=REPO / "templates"), out)
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    html = (out / "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt/index.html").read_text(encoding="utf-8")
    assert '<a href="../">huyện</a>' in html
    assert '<a href="../../">Quảng Ninh</a>' in html
    assert 'href="https://example.org/a.md"' in html


@pytest.mark.parametrize("href, target", [
    ("phu-luc.md", "a/b/phu-luc/"), ("../index.md#x", "a/"), ("../../", ""), ("#muc", None),
    ("https://x.org/", None), ("mailto:a@b.vn", None), ("../../../..", "../.."), ("tep.pdf", "a/b/tep.pdf"),
])
def test_resolve_link(href, target):
    assert resolve_link("a/b/", href) == target


def test_one_page_renders_by_url_from_the_model():
    from plansite.mkdocs_adapter import MaterialHost, RenderJob
    from plansite.rendering import Renderer
    from plansite.site_writer import known_urls

    loaded = load_project(ProjectPaths(FIXTURES / "mini", templates_dir=REPO / "templates"))
    host = MaterialHost(RenderJob(loaded.portal, loaded.pages, loaded.config, REPO / "templates"))
    renderer = Renderer(host, known_urls(loaded.pages, []))
    page = next(p for p in loaded.pages if getattr(p, "url", None) == "dia-phuong/quang-ninh/uong-bi/2023-12-kh-pgddt/")
    html, problems = renderer.render(page)
    assert problems == []
    assert html.startswith("<!doctype html>") or "<!doctype html>" in html[:200]
    assert "Kế hoạch số 12/KH-PGDĐT" in html


def test_a_large_documents_index_moves_local_documents_to_one_page_per_province(tmp_path, monkeypatch):
    monkeypatch.setattr("plansite.pages.DOCUMENT_INDEX_LIMIT", 1)
    out = tmp_path / "out"
    report = build(ProjectPaths(FIXTURES / "mini", templates_dir=REPO / "templates"), out)
    assert report.ok, [str(p) for p in report.loaded.problems] + [report.failure]
    index = (out / "van-ban/index.html").read_text(encoding="utf-8")
    assert '<a href="29-nq-tw/">Nghị quyết số <span class="plansite-docnum">29-NQ/TW</span></a>' in index  # from two provinces
    assert '<a href="dia-phuong/ha-noi/">Thành phố Hà Nội</a>: 1 văn bản' in index  # Kế hoạch 12/KH-PGDĐT, cited in Hà Đông
    local = (out / "van-ban/dia-phuong/ha-noi/index.html").read_text(encoding="utf-8")
    words = " ".join(text_of(local).split())
    assert "Văn bản được trích dẫn ở thành phố Hà Nội" in words and "Kế hoạch số 12/KH-PGDĐT" in words
    assert "29-nq-tw" not in local.split("<article", 1)[1]


def test_every_documents_list_stays_within_its_row_limit_and_every_document_is_listed(tmp_path, monkeypatch):
    """Past the limit the shared documents go to one list per type (each type's most cited stay
    on /van-ban/), and a list still longer is cut into numbered pages that link to each other."""
    import re

    from plansite.urls import DOCUMENTS
    limit = 3
    monkeypatch.setattr("plansite.pages.DOCUMENT_INDEX_LIMIT", limit)
    out = tmp_path / "out"
    report = build(ProjectPaths(REPO), out)
    assert report.ok, report.failure
    cited = {f"/{DOCUMENTS}{d.id}/" for d in report.loaded.portal.citations.documents if d.plan is None}
    lists = [p for p in (out / "van-ban").rglob("index.html")
             if p.parent == out / "van-ban" or {"loai", "dia-phuong"} & set(p.relative_to(out / "van-ban").parts[:1])]
    listed: set[str] = set()
    for path in lists:
        article = path.read_text(encoding="utf-8").split("<article", 1)[1]
        rows = re.findall(r'<tr>\s*<td data-value="[^"]*"><a href="([^"]+)"', article)
        assert len(rows) <= limit, (path, len(rows))
        folder = "/" + path.parent.relative_to(out).as_posix() + "/"
        listed |= {posixpath.normpath(posixpath.join(folder, href)) + "/" for href in rows}
    assert cited - listed == set()
    home = (out / "van-ban/index.html").read_text(encoding="utf-8")
    assert '<a href="loai/nghi-dinh/">Xem tất cả 1 văn bản loại nghị định</a>' in home  # 4 types, 3 rows: none shown
    numbered = (out / "van-ban/dia-phuong/quang-ninh/trang-2/index.html").read_text(encoding="utf-8")
    assert "(trang 2/" in text_of(numbered, "h1")
    assert '<span aria-current="page">Trang 2</span>' in numbered and '<a href="../">Trang 1</a>' in numbered
    assert '<a href="../trang-3/">Trang 3</a>' in numbered


def test_quote_listings_stay_within_their_limit_and_every_quote_is_listed_once(tmp_path, monkeypatch):
    """Past the limit a province's quotes of a document are cut between plans into numbered pages
    that link to each other; the document's page links each district to the page its quotes start
    on, and a document cited that often from one province gets listing pages too."""
    import re

    from plansite.pages import citation_anchor
    limit = 1  # the seeds' most cited documents have two or more quotes in a province
    monkeypatch.setattr("plansite.pages.QUOTE_PAGE_LIMIT", limit)
    out = tmp_path / "out"
    report = build(ProjectPaths(REPO), out)
    assert report.ok, report.failure
    quote = re.compile(r'<li><a href="([^"#]+)#(trich-dan-[^"]+)"><q>')
    paged = 0
    for document in report.loaded.portal.citations.documents:
        if document.plan is not None:
            continue
        folder = out / "van-ban" / document.id
        listings = sorted(p for p in folder.rglob("index.html") if p.parent != folder)
        expected = {(plan.slug, citation_anchor(c)) for plan, quotes in document.citations_by_plan() for c in quotes
                    if not c.in_title}
        if not listings:  # quotes on the document's own page: few, from one province
            assert len(document.citations_by_plan()) and sum(len(q) for _, q in document.citations_by_plan()) <= limit
            continue
        found = []
        for path in listings:
            html = path.read_text(encoding="utf-8")
            entries = re.findall(r'<section class="plansite-citing">(.*?)</section>', html, re.S)
            quotes = [quote.findall(entry) for entry in entries]
            assert sum(map(len, quotes)) <= limit or len(entries) == 1, (path, len(quotes))
            found += [(href.rstrip("/").rsplit("/", 1)[-1], anchor) for entry in quotes for href, anchor in entry]
            if path.parent.name.startswith("trang-"):
                paged += 1
                assert '<span aria-current="page">Trang ' in html and '<a href="../">Trang 1</a>' in html
        assert len(found) == len(set(found)) and set(found) == expected, document.id
        page = (folder / "index.html").read_text(encoding="utf-8")
        for href, district in re.findall(r'<li><a href="([^"]+)#([^"]+)">[^<]+</a>: \d+ kế hoạch</li>', page):
            target = (folder / href / "index.html").read_text(encoding="utf-8")
            assert f'id="{district}"' in target, (document.id, href, district)
    assert paged, "some listing is cut into numbered pages"


# Every inline mark of the dialect, so each pattern the fast inline processor may skip still fires.
MARKS = """Đoạn có *nhấn mạnh*, **đậm**, _gạch_, __đậm__, ***cả hai***, `mã`, \\*không nhấn\\*, &amp; &#8211;,
<https://moet.gov.vn>, <lienhe@moet.gov.vn>, <span>thẻ</span>, <!-- ghi chú --> dòng ngắt\x20\x20
dòng mới, [liên kết](https://moet.gov.vn), ![ảnh](a.png), [tham chiếu][r], [r], ![ảnh][r], chú thích[^1].

[r]: https://moet.gov.vn
[^1]: Ghi chú *một*.
"""


def test_skipping_inline_patterns_gives_the_stock_html_on_real_texts():
    """The inline processor that skips patterns a text cannot match changes speed, never the HTML."""
    from plansite.rendering import BodyRenderer

    texts = [MARKS] + [path.read_text(encoding="utf-8") for folder in (REPO / "content", FIXTURES)
                       for path in sorted(folder.rglob("*")) if path.suffix in (".md", ".txt")]
    assert len(texts) > 10
    fast, stock = BodyRenderer(), BodyRenderer(skip_inline=False)
    for text in texts:
        assert fast.convert(text) == stock.convert(text)
    html = fast.convert(MARKS)[0]
    for mark in ("<em>nhấn mạnh</em>", "<strong>đậm</strong>", "<code>mã</code>", "*không nhấn*", "&amp;", "<br",
                 'href="https://moet.gov.vn"', 'class="footnote-ref"', "–"):
        assert mark in html, mark
