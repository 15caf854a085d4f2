"""The search relevance set (benchmarks/search_relevance.py) in Chromium: correctness, not timing.

On the seed site, the hand-written cases; on a generated corpus of a few hundred plans, the
cases derived from its content. Also what a citizen reads: the no-result message and its
suggestions, partial and scattered matches marked, excerpts around the match and never the
document header, entities shown as characters.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.search_relevance import CAM_PHA, HA_DONG, SEED_CASES, UONG_BI, corpus_cases, fragments_of, results_for, scores
from plansite.build import ProjectPaths, build
from plansite.vietnamese import fold
from tests.browser import serve_site
from tests.helpers import REPO

pytestmark = pytest.mark.browser

CORPUS_PLANS = 200


def test_the_set_is_large_and_covers_every_kind_of_query(corpus):
    cases = SEED_CASES + corpus["cases"]
    assert len(cases) >= 60
    kinds = {case.kind for case in cases}
    assert {"number", "place", "signer", "phrase", "tones", "nothing"} <= kinds
    assert any(case.query == case.query.encode("ascii", "ignore").decode() for case in cases)  # without diacritics
    assert any(not case.query.isascii() for case in cases)  # with diacritics


@pytest.mark.parametrize("case", SEED_CASES, ids=[case.query for case in SEED_CASES])
def test_seed_case(search_page, case):
    found = results_for(search_page, case.query)
    assert case.failures(found) == []


# --- a generated corpus ------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), "--plans", str(CORPUS_PLANS),
                    "--out", str(root), "--seed", "3"], check=True, capture_output=True)
    namesakes = give_namesakes(root)
    report = build(ProjectPaths(root), root / "site")
    assert report.ok, report.failure
    return {"root": root, "site": root / "site", "cases": corpus_cases(root), **namesakes}


def give_namesakes(root: Path) -> dict:
    """As in the real registry (a huyện Châu Thành in many provinces), give the first district
    of every province the first province's first district's name; and sign one plan of another
    district with a person's name that holds that place name ("Nguyễn Hoài Lộc")."""
    registry = root / "content" / "localities.yaml"
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    first = data["provinces"][0]["districts"][0]
    renamed = []
    for province in data["provinces"][1:]:
        district = province["districts"][0]
        old_folder = root / "content" / "plans" / province["slug"] / district["slug"]
        new_folder = old_folder.with_name(first["slug"])
        old_locality, new_locality = f"{province['slug']}/{district['slug']}", f"{province['slug']}/{first['slug']}"
        for plan in old_folder.glob("*.md"):
            text = plan.read_text(encoding="utf-8").replace(f"locality: {old_locality}", f"locality: {new_locality}")
            plan.write_text(text.replace(district["name"], first["name"])
                            .replace(district["name"].upper(), first["name"].upper()), encoding="utf-8")
        old_folder.rename(new_folder)
        district.update(slug=first["slug"], name=first["name"])
        renamed.append(f"/dia-phuong/{province['slug']}/{first['slug']}/")
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    province = data["provinces"][0]
    other = province["districts"][1]
    plan = sorted((root / "content" / "plans" / province["slug"] / other["slug"]).glob("*.md"))[0]
    signer = f"Nguyễn {first['name']}"
    text = plan.read_text(encoding="utf-8")
    name_line = re.search(r"^  name: .*$", text, re.M)
    plan.write_text(text[:name_line.start()] + f"  name: {signer}" + text[name_line.end():], encoding="utf-8")
    return {"namesake": first["name"], "namesake_pages": [f"/dia-phuong/{province['slug']}/{first['slug']}/", *renamed],
            "signer": signer, "signed_plan": f"/dia-phuong/{province['slug']}/{other['slug']}/{plan.stem}/"}


@pytest.fixture(scope="module")
def corpus_page(browser, corpus):
    with serve_site(corpus["site"]) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.goto(url + "tim-kiem/")
        yield page
        context.close()


def test_corpus_cases(corpus, corpus_page):
    fragments = fragments_of(corpus["site"])
    failures = []
    for case in corpus["cases"]:
        found = results_for(corpus_page, case.query)
        failures += case.failures(found)
        if case.kind == "phrase":  # many plans hold these phrases: the first five must all hold it
            precision, _ = scores(case, found, fragments)
            if precision != 1.0:
                failures.append(f"{case.query!r}: a page without the phrase among the first five: {found[:5]}")
    assert not failures, "\n".join(failures)


def test_a_name_shared_by_several_districts_lists_every_such_district_first(corpus, corpus_page):
    pages = corpus["namesake_pages"]
    assert len(pages) >= 3
    for query in (corpus["namesake"], fold(corpus["namesake"]).lower()):
        found = results_for(corpus_page, query)
        assert sorted(found[:len(pages)]) == sorted(pages), (query, found[:10])


def test_a_signer_named_like_a_place_finds_the_signers_plan_first(corpus, corpus_page):
    for query in (corpus["signer"], fold(corpus["signer"]).lower()):
        found = results_for(corpus_page, query)
        assert found[:1] == [corpus["signed_plan"]], (query, found[:10])
    # the place inside the name still finds the place first
    assert results_for(corpus_page, corpus["namesake"])[0] in corpus["namesake_pages"]


# --- what a citizen reads ------------------------------------------------------------------

def status(page) -> str:
    return page.locator(".plansite-search__status").inner_text()


def test_a_word_found_nowhere_gives_no_results_and_suggestions(search_page):
    assert results_for(search_page, "chuyen doi so xyzzyq") == []
    assert status(search_page) == "Không tìm thấy kết quả nào cho “chuyen doi so xyzzyq”: không trang nào có từ “xyzzyq”."
    suggestion = search_page.locator(".plansite-search__suggest")
    assert suggestion.is_visible()
    without = suggestion.get_by_role("link", name="tìm “chuyen doi so”")
    assert without.get_attribute("href") == "?q=chuyen%20doi%20so"
    assert suggestion.get_by_role("link", name="tra cứu theo địa phương").get_attribute("href").endswith("/dia-phuong/")
    results_for(search_page, "chuyen doi so")
    assert not suggestion.is_visible()


def test_scattered_words_are_marked_and_ranked_after_the_phrase(search_page):
    found = results_for(search_page, "suc khoe hoc duong")
    items = search_page.locator(".plansite-result")
    assert sorted(found[:2]) == sorted([UONG_BI, CAM_PHA])  # the two plans holding the phrase
    for i in range(2):
        assert items.nth(i).locator(".plansite-result__partial").count() == 0
        assert "sức khỏe học đường" in items.nth(i).locator(".plansite-result__excerpt").inner_text().lower()
    assert len(found) > 2 and all(
        items.nth(i).locator(".plansite-result__partial").inner_text() == "Có đủ các từ nhưng không liền nhau"
        for i in range(2, len(found)))


def test_when_no_page_has_every_word_partial_matches_are_marked(search_page):
    found = results_for(search_page, "thất thoát hamburger")
    assert found == []  # an unknown word: nothing
    found = results_for(search_page, "suy dinh duong cong nghe blockchain")
    assert found == []
    # "thấp còi" is only in Uông Bí's plan, "hiểm nghèo" only in Hà Đông's
    found = results_for(search_page, "thap coi hiem ngheo")
    assert UONG_BI in found and HA_DONG in found
    assert re.fullmatch(r"Không trang nào có đủ các từ cho “thap coi hiem ngheo”\. "
                        r"Tìm thấy \d+ kết quả khớp một phần\.", status(search_page))
    items = search_page.locator(".plansite-result")
    marks = {found[i]: items.nth(i).locator(".plansite-result__partial").inner_text() for i in range(len(found))}
    assert marks[UONG_BI] == "Khớp một phần: không có “hiem ngheo”"
    assert marks[HA_DONG] == "Khớp một phần: không có “thap coi”"
    assert all(mark.startswith("Khớp một phần: không có “") for mark in marks.values())


def test_excerpts_show_the_match_not_the_header(search_page):
    results_for(search_page, "95/KH-PGDĐT")
    excerpt = search_page.locator(".plansite-result__excerpt").first.inner_text()
    assert "Số:" not in excerpt and "CỘNG HÒA" not in excerpt
    results_for(search_page, "giai thuong nha giao tam huyet sang tao")
    excerpt = search_page.locator(".plansite-result__excerpt").first
    assert "giải thưởng “Nhà giáo tâm huyết, sáng tạo”" in excerpt.inner_text()
    assert excerpt.locator("mark").count() >= 5


def test_document_excerpts_separate_labels_from_values_and_show_characters(search_page):
    results_for(search_page, "11-CT/TW")
    excerpt = search_page.locator(".plansite-result__excerpt").first.inner_text()
    assert excerpt.startswith("Số, ký hiệu: 11-CT/TW"), excerpt
    results_for(search_page, "THCS&THPT")
    excerpts = search_page.locator(".plansite-result__excerpt").all_inner_texts()
    assert any("THCS&THPT" in e for e in excerpts) and not any("&amp;" in e for e in excerpts), excerpts


def test_results_page_structure(search_page):
    found = results_for(search_page, "giao duc")
    assert search_page.locator("[role=status] + ol.plansite-results").count() == 1
    first_links = search_page.eval_on_selector_all(".plansite-results > li", "items => items.map(li => li.querySelector('a').pathname)")
    assert first_links == found and HA_DONG in found
