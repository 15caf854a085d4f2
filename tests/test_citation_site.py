"""The citation web on the built seed site, and the `cite` and `check` commands on real files."""
from __future__ import annotations

import json
import re

from plansite.build import ProjectPaths, load_project
from tests.helpers import REPO, SEEDS, article_html, read_page, run_build_py, text_of
from tests.test_seed_site import SEED_PAGES


def seed_portal():
    return load_project(ProjectPaths(REPO)).portal


def test_every_document_cited_by_several_seed_plans_lists_them_all(seed_site):
    portal = seed_portal()
    shared = [d for d in portal.citations.documents if len(d.citing_plans) >= 2]
    assert {d.id for d in shared} >= {"29-nq-tw", "71-2020-nd-cp", "43-2019-qh14", "13-2020-tt-bgddt"}
    for document in shared:
        for plan in document.citing_plans:  # on the listing page of the plan's province, if the document has them
            listing = f"van-ban/{document.id}/{plan.district.province_slug}"
            one_province = not (seed_site / listing).exists()
            html = article_html(read_page(seed_site, f"van-ban/{document.id}" if one_province else listing))
            link = ("../../" if one_province else "../../../") + f"dia-phuong/{plan.district.key}/{plan.slug}/"
            assert f'href="{link}"' in html, f"{document.id} does not list {plan.source_path}"


def test_document_page_quotes_the_citing_sentence(seed_site):
    text = text_of(read_page(seed_site, "van-ban/71-2020-nd-cp"))
    assert "Nghị định số 71/2020/NĐ-CP" in text and "30/06/2020" in text
    assert "Quy định lộ trình thực hiện nâng trình độ chuẩn" in text  # curated title
    quotes = " ".join(text_of(read_page(seed_site, f"van-ban/71-2020-nd-cp/{province}"))
                      for province in ("ha-noi", "hai-duong", "quang-ninh") if (seed_site / "van-ban/71-2020-nd-cp" / province).exists())
    assert "Thực hiện bồi dưỡng nâng trình độ chuẩn được đào tạo của giáo viên theo đúng lộ trình" in quotes


def test_each_quote_links_to_the_citing_passage_in_the_plan(seed_site):
    html = article_html(read_page(seed_site, "van-ban/29-nq-tw/quang-ninh"))
    targets = re.findall(r'<a href="\.\./\.\./\.\./(dia-phuong/[^"#]+)#(trich-dan-[0-9]+-[0-9]+)"><q>([^<]+)</q>', html)
    assert len(targets) == 3
    for page, anchor, sentence in targets:
        plan_html = read_page(seed_site, page)
        passage = re.search(rf'<a href="[^"]+29-nq-tw/" id="{anchor}">([^<]+)</a>', plan_html)
        assert passage, f"{page} has no anchor {anchor} on a citation of 29-NQ/TW"
        assert re.sub(r"\s+", "", passage.group(1)) in re.sub(r"\s+", "", sentence)  # the quote holds the linked mention


def test_plan_body_links_each_citation_to_its_document(seed_site):
    html = article_html(read_page(seed_site, SEED_PAGES["001_ca75737cbe15344e.txt"]))
    body = html.split('class="plansite-body"')[1]
    links = re.findall(r'<a href="\.\./\.\./\.\./\.\./van-ban/([^/]+)/"(?: id="trich-dan-[0-9-]+")?>([^<]+)</a>', body)
    assert ("03-da-qu-ha-noi-ha-dong", "Đề án 03-ĐA/QU") in links
    assert ("17-2018-tt-bgddt", "Thông tư số 17/2018/TT-BGDĐT") in links
    assert ("18-2018-tt-bgddt", "18/2018/TT-BGDĐT") in links
    grounds = html.split('class="plansite-grounds"')[1].split("</details>")[0]
    assert "Nghị định số 71/2020/NĐ-CP" in grounds and "Quyết định số 2457/QĐ-BGDĐT" in grounds


def test_documents_index_groups_by_type(seed_site):
    html = article_html(read_page(seed_site, "van-ban"))
    headings = re.findall(r'<h2 id="[^"]+">([^<]+) <span', html)
    assert {"Nghị quyết", "Thông tư", "Kế hoạch", "Chỉ thị", "Luật"} <= set(headings)
    nghi_quyet = html.split('<h2 id="nghi-quyet">')[1].split("</table>")[0]
    first = re.search(r'<a href="[^"]+">([^<]+)</a>', nghi_quyet).group(1)
    assert first == "Nghị quyết số 29-NQ/TW"  # the most cited comes first


def test_check_warns_about_the_traps_without_failing():
    result = run_build_py(REPO, "check")
    assert result.returncode == 0
    warnings = result.stderr.splitlines()
    hà_đông = "content/plans/ha-noi/ha-dong/2023-333-kh-ubnd.md"
    assert any(w.startswith(f"{hà_đông}:37:") and "Đề án số 03-ĐA/QU được ghi ngày 09/11/2023 ở đây nhưng ngày 09/11/2020" in w
               for w in warnings)
    assert any(w.startswith(f"{hà_đông}:186:") and "số hiệu '19/TT-BGDĐT' thiếu năm ban hành" in w for w in warnings)
    assert any("Chỉ thị số 16/CT-UBND được ghi ngày 09/09/2020 ở đây nhưng ngày 14/09/2020" in w for w in warnings)


def test_cite_json_on_raw_text_and_content_files():
    seed = SEEDS / "000_be8e16e102238b16.txt"
    content = REPO / "content/plans/quang-ninh/uong-bi/2023-95-kh-pgddt.md"
    result = run_build_py(REPO, "cite", "--json", str(seed), str(content))
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    for record in records:
        text = (REPO / record["file"]).read_text(encoding="utf-8") if not record["file"].startswith("/") else \
            open(record["file"], encoding="utf-8").read()
        assert text[record["start"]:record["end"]] == record["surface"]
        assert set(record) == {"file", "line", "start", "end", "surface", "doc_type", "number_symbol", "date", "issuer", "id"}
    raw = [r for r in records if r["file"].endswith(".txt")]
    assert raw[0]["surface"] == "Nghị quyết số 06-NQ/TU" and raw[0]["line"] == 9  # the 'Số:' line is not a citation
    assert raw[0]["id"] == "06-nq-tu-quang-ninh-uong-bi"  # locality read from 'Uông Bí, ngày ...'
    # Same documents either way (the content file keeps its programme table in front matter).
    assert {r["id"] for r in records if r["file"].endswith(".md")} == {r["id"] for r in raw}


def test_curated_aliases_merge_two_identities(tmp_path):
    from tests.helpers import FIXTURES, copy_project

    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    plan = project / "content/plans/quang-ninh/uong-bi/2023-12-kh-pgddt.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nTheo Kế hoạch số 5/KH-UBND ngày 01/02/2022 của UBND tỉnh và "
                    "Kế hoạch số 5/KH-UBND ngày 01/02/2023 của UBND tỉnh.\n", encoding="utf-8")
    before = load_project(ProjectPaths(project)).portal.citations
    assert before.document("5-kh-ubnd-quang-ninh-2022") and before.document("5-kh-ubnd-quang-ninh-2023")
    (project / "content/documents/5-kh-ubnd-quang-ninh-2023.yaml").write_text(
        "title: Kế hoạch số 5 (một văn bản, bản gốc ghi nhầm năm)\naliases:\n  - 5-kh-ubnd-quang-ninh-2022\n", encoding="utf-8")
    after = load_project(ProjectPaths(project)).portal.citations
    assert after.document("5-kh-ubnd-quang-ninh-2022") is None
    merged = after.document("5-kh-ubnd-quang-ninh-2023")
    assert len(merged.citations) == 2 and merged.title.startswith("Kế hoạch số 5")


def test_document_page_groups_citing_plans_by_province_then_district(seed_site):
    html = article_html(read_page(seed_site, "van-ban/29-nq-tw"))
    headings = re.findall(r'<h3 id="[^"]+">([^<]+)</h3>|<li><a href="[^"]+">([^<]+)</a>: ([0-9]+) kế hoạch</li>', html)
    assert headings == [("Thành phố Hà Nội", "", ""), ("", "Quận Hà Đông", "1"), ("Tỉnh Hải Dương", "", ""),
                        ("", "Thành phố Hải Dương", "1"), ("Tỉnh Quảng Ninh", "", ""), ("", "Thành phố Uông Bí", "1")]
    listing = article_html(read_page(seed_site, "van-ban/29-nq-tw/quang-ninh"))
    assert re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', listing) == [("uong-bi", "Thành phố Uông Bí")]


def test_check_warns_where_a_number_is_printed_in_the_irregular_style():
    result = run_build_py(REPO, "check")
    uong_bi = "content/plans/quang-ninh/uong-bi/2023-95-kh-pgddt.md"
    [warning] = [w for w in result.stderr.splitlines() if "128-NQ/HĐND" in w]
    assert re.match(rf"{re.escape(uong_bi)}:\d+:\d+: cảnh báo: số hiệu '128-NQ/HĐND' ghi theo kiểu văn bản của Đảng", warning)
    assert "sửa thành 128/NQ-HĐND" in warning
    line, col = map(int, warning.split(":")[1:3])
    source = (REPO / uong_bi).read_text(encoding="utf-8").splitlines()[line - 1]
    assert source[col - 1:].startswith("Nghị quyết số 128-NQ/HĐND")
