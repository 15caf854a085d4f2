#!/usr/bin/env python3
"""The search relevance set: queries with the pages that must, and must not, come first.

    python benchmarks/search_relevance.py --site site/ [--root .] [--verbose]

Runs every case in Chromium on the results page of a built site (served on loopback) and
prints precision@5 and recall@5. The same cases run as tests (tests/test_search_relevance.py):
on the seed site the hand-written SEED_CASES, on a generated corpus the cases that
`corpus_cases` derives from its content (plan numbers, district names, signers, phrases,
nonsense words).

A case passes when every `must` page is in the first `k` results, and every `must_not` page
is either not among them or ranked after all `must` pages; a `nothing` case when there is
no result at all. Precision@5: the share of the first five results that are relevant (a
`must` page, or a page whose text, title, place or keys hold the query's syllables in a row,
"số" skipped); recall@5: the share of `must` pages found in the first five.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from plansite.search_index import TRANSPARENT, segments, syllables  # noqa: E402

UONG_BI = "/dia-phuong/quang-ninh/uong-bi/2023-95-kh-pgddt/"
HA_DONG = "/dia-phuong/ha-noi/ha-dong/2023-333-kh-ubnd/"
HAI_DUONG = "/dia-phuong/hai-duong/hai-duong/2020-kh-ubnd-nhiem-vu-nam-hoc-2020-2021/"
CAM_PHA = "/dia-phuong/quang-ninh/cam-pha/2023-ke-hoach-thuc-hien-chu-de-cong-tac/"
PLANS = (UONG_BI, HA_DONG, HAI_DUONG)


@dataclass(frozen=True)
class Case:
    query: str
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    k: int = 5
    nothing: bool = False
    kind: str = ""

    def failures(self, found: list[str]) -> list[str]:
        if self.nothing:
            return [f"{self.query!r}: expected no result, got {found[:5]}"] if found else []
        problems = []
        top = found[:self.k]
        for page in self.must:
            if page not in top:
                problems.append(f"{self.query!r}: {page} not in the first {self.k} of {found[:10]}")
        last_must = max((top.index(p) for p in self.must if p in top), default=-1)
        for page in self.must_not:
            if page in top and top.index(page) < last_must:
                problems.append(f"{self.query!r}: {page} ranked before a page that must come first: {found[:10]}")
        return problems


def _case(query, must=(), must_not=(), k=5, kind=""):
    return Case(query, tuple([must] if isinstance(must, str) else must), tuple(must_not), k, False, kind)


def _nothing(query):
    return Case(query, nothing=True, kind="nothing")


SEED_CASES = [
    # numbers, as printed and as typed
    _case("29-NQ/TW", "/van-ban/29-nq-tw/", k=1, kind="number"),
    _case("29-nq/tw", "/van-ban/29-nq-tw/", k=1, kind="number"),
    _case("nghi quyet 29", "/van-ban/29-nq-tw/", k=3, kind="number"),
    _case("nghi dinh 71/2020", "/van-ban/71-2020-nd-cp/", k=1, kind="number"),
    _case("Nghị định 71/2020/NĐ-CP", ("/van-ban/71-2020-nd-cp/", HA_DONG, HAI_DUONG), kind="number"),
    _case("71/2020/ND-CP", "/van-ban/71-2020-nd-cp/", k=1, kind="number"),
    _case("333/KH-UBND", HA_DONG, k=1, kind="number"),
    _case("kh 333", HA_DONG, k=1, kind="number"),
    _case("ke hoach 333", HA_DONG, k=1, kind="number"),
    _case("95/KH-PGDĐT", UONG_BI, k=1, kind="number"),
    _case("95/kh-pgddt", UONG_BI, k=1, kind="number"),
    _case("11-CT/TW", ("/van-ban/11-ct-tw/", UONG_BI), kind="number"),
    _case("111/2022/ND-CP", "/van-ban/111-2022-nd-cp/", k=1, kind="number"),
    _case("Đề án 03-ĐA/QU", HA_DONG, k=2, kind="number"),
    # places
    _case("uong bi", ("/dia-phuong/quang-ninh/uong-bi/", UONG_BI), kind="place"),
    _case("Uông Bí", ("/dia-phuong/quang-ninh/uong-bi/", UONG_BI), kind="place"),
    _case("ha dong", ("/dia-phuong/ha-noi/ha-dong/", HA_DONG), kind="place"),
    _case("Hà Đông", ("/dia-phuong/ha-noi/ha-dong/", HA_DONG), kind="place"),
    _case("cam pha", "/dia-phuong/quang-ninh/cam-pha/", k=1, kind="place"),
    _case("quang ninh", "/dia-phuong/quang-ninh/", kind="place"),
    _case("hai phong", HAI_DUONG, k=3, kind="place"),  # where Hải Dương belongs since 2025
    _case("ke hoach giao duc uong bi", UONG_BI, k=1, kind="place"),
    _case("kế hoạch giáo dục Uông Bí", UONG_BI, k=1, kind="place"),
    # signers
    _case("pham van chien", HA_DONG, k=1, kind="signer"),
    _case("Phạm Văn Chiến", HA_DONG, k=1, kind="signer"),
    _case("Trần Nam Hải", UONG_BI, k=1, kind="signer"),
    _case("tran nam hai", UONG_BI, k=1, kind="signer"),
    # phrases one plan has and another only has as scattered syllables
    _case("chuyen doi so", (HA_DONG, UONG_BI, CAM_PHA), (HAI_DUONG,), kind="phrase"),
    _case("chuyển đổi số", (HA_DONG, UONG_BI, CAM_PHA), (HAI_DUONG,), kind="phrase"),
    _case("suc khoe hoc duong", (UONG_BI, CAM_PHA), (HAI_DUONG, HA_DONG), kind="phrase"),
    _case("sức khỏe học đường", (UONG_BI, CAM_PHA), (HAI_DUONG, HA_DONG), kind="phrase"),
    _case("day them hoc them", PLANS, kind="phrase"),
    _case("an toan truong hoc", PLANS, kind="phrase"),
    _case("kiem dinh chat luong", (HA_DONG, UONG_BI), (HAI_DUONG,), kind="phrase"),
    _case("giai thuong nha giao tam huyet sang tao", HA_DONG, k=1, kind="phrase"),
    _case("giup do nha giao benh tat hiem ngheo", HA_DONG, k=1, kind="phrase"),
    _case("suy dinh duong the thap coi", UONG_BI, k=1, kind="phrase"),
    _case("hoc tap suot doi", (UONG_BI, CAM_PHA), k=2, kind="phrase"),
    _case("thất thoát ngân sách nhà nước", (UONG_BI, CAM_PHA), k=2, kind="phrase"),
    _case("dam bao ve sinh ATTP", HAI_DUONG, k=1, kind="phrase"),
    _case("khung kế hoạch thời gian năm học", HAI_DUONG, k=1, kind="phrase"),
    _case("tiem an nguy co mat an toan", HAI_DUONG, k=1, kind="phrase"),
    _case("dao tao boi duong giao vien", UONG_BI, k=3, kind="phrase"),
    _case("đào tạo bồi dưỡng giáo viên", HA_DONG, k=3, kind="phrase"),
    # missing or wrong tone marks
    _case("chuyễn đỗi sồ", (HA_DONG, UONG_BI, CAM_PHA), (HAI_DUONG,), kind="tones"),
    _case("suc khỏe học đướng", (UONG_BI, CAM_PHA), (HAI_DUONG, HA_DONG), kind="tones"),
    _case("học tập suốt dời", (UONG_BI, CAM_PHA), k=2, kind="tones"),
    _case("thất thoat ngan sach nha nước", (UONG_BI, CAM_PHA), k=2, kind="tones"),
    _case("giải thưởng nhà giáo tâm huyết sáng tao", HA_DONG, k=1, kind="tones"),
    # words found on no page: nothing, not near misses
    _nothing("xyzzyq"),
    _nothing("pizza hamburger"),
    _nothing("chuyen doi so xyzzyq"),
    _nothing("qwrtp"),
    _nothing("blockchain metaverse"),
    _nothing("29-NQ/TWX"),
    _nothing("hambur"),
]


def corpus_cases(root: Path, count: int = 8, seed: int = 1) -> list[Case]:
    """Cases derived from a generated corpus: its plans' numbers, districts, signers and phrases."""
    from plansite.build import ProjectPaths, load_project

    loaded = load_project(ProjectPaths(root))
    urls = {id(page.subject): "/" + page.url for page in loaded.pages if page.kind in ("plan", "district")}
    plans = [plan for plan in loaded.model.plans if id(plan) in urls]
    rng = random.Random(seed)
    cases: list[Case] = []
    numbers = _unique_by(plans, lambda plan: plan.number_display)
    for plan in rng.sample(numbers, min(count, len(numbers))):
        cases.append(_case(plan.number_display, urls[id(plan)], k=1, kind="number"))
    signers = _unique_by(plans, lambda plan: plan.signer.name)
    for plan in rng.sample(signers, min(count, len(signers))):
        cases.append(_case(_fold(plan.signer.name), urls[id(plan)], kind="signer"))
    districts = [d for p in loaded.model.provinces for d in p.districts if id(d) in urls]
    namesakes: dict[str, list[str]] = {}  # several provinces may have a district of that name
    for district in districts:
        namesakes.setdefault(_fold(district.name), []).append(urls[id(district)])
    for district in rng.sample(districts, min(count, len(districts))):
        pages = namesakes[_fold(district.name)]
        cases.append(_case(_fold(district.name), pages, k=max(5, len(pages)), kind="place"))
    for phrase in ("chuyen doi so", "day them hoc them", "suc khoe hoc duong", "kiem dinh chat luong",
                   "an toan truong hoc", "pho cap giao duc"):
        cases.append(Case(phrase, kind="phrase"))  # judged by precision: the first five must hold the phrase
    for word in ("xyzzyq", "pizza hamburger", "zzkqw"):
        cases.append(_nothing(word))
    return cases


def _unique_by(plans, key):
    counts: dict[str, int] = {}
    for plan in plans:
        counts[key(plan)] = counts.get(key(plan), 0) + 1
    return [plan for plan in plans if key(plan) and counts[key(plan)] == 1]


def _fold(text: str) -> str:
    return " ".join(folded for folded, _ in syllables(text))


# --- judging ----------------------------------------------------------------------------

def holds_phrase(fragment: dict, query: str) -> bool:
    """Whether a page's text, title, label, place or keys hold the query's syllables in a row."""
    seq = [folded for folded, _ in syllables(query)]
    phrase = " " + " ".join(seq) + " "
    texts = list(fragment.get("b", [])) + [fragment.get("m", {}).get(f, "") for f in ("title", "label", "place")]
    texts.append(fragment.get("k", ""))
    for segment in (segment for text in texts for segment in segments(text)):
        words = [w for w, _ in syllables(segment) if TRANSPARENT in seq or w != TRANSPARENT]
        if phrase in " " + " ".join(words) + " ":
            return True
    return False


def scores(case: Case, found: list[str], fragments: dict[str, dict]) -> tuple[float | None, float | None]:
    """(precision@5, recall@5) of one case; None where it does not apply."""
    top = found[:5]
    if case.nothing:
        return (0.0 if top else 1.0), None
    precision = None
    if top:
        relevant = [page for page in top if page in case.must or holds_phrase(fragments.get(page, {}), case.query)]
        precision = len(relevant) / len(top)
    recall = len([p for p in case.must if p in top]) / len(case.must) if case.must else None
    return precision, recall


# --- running in Chromium ----------------------------------------------------------------

def results_for(page, query: str) -> list[str]:
    page.fill("#plansite-search-q", query)
    page.press("#plansite-search-q", "Enter")
    page.wait_for_function("""q => { const list = document.querySelector('.plansite-results');
        return list.dataset.query === q && list.getAttribute('aria-busy') === 'false'; }""", arg=query)
    return page.eval_on_selector_all(".plansite-result h2 a", "links => links.map(a => new URL(a.href).pathname)")


def fragments_of(site: Path) -> dict[str, dict]:
    import gzip
    import json

    from plansite.search_index import INDEX_DIR
    out = {}
    for path in (site / INDEX_DIR / "p").glob("*.bin"):
        data = json.loads(gzip.decompress(path.read_bytes()))
        out[data["u"]] = data
    return out


def run(site: Path, cases: list[Case], verbose: bool = False, judge: Path | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    from benchmarks.search_latency import ARGS, CHROMIUM, serve

    fragments = fragments_of(judge or site)
    server, url = serve(site)
    report = {"failures": [], "precision": [], "recall": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page()
            page.goto(url)
            for case in cases:
                found = results_for(page, case.query)
                report["failures"] += case.failures(found)
                precision, recall = scores(case, found, fragments)
                if precision is not None:
                    report["precision"].append(precision)
                if recall is not None:
                    report["recall"].append(recall)
                if verbose:
                    print(f"  {case.query!r}: P@5 {precision} R@5 {recall} {found[:5]}")
            browser.close()
    finally:
        server.shutdown()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, type=Path)
    parser.add_argument("--root", type=Path, help="the project the site was built from (corpus cases); "
                                                 "default: the seed cases")
    parser.add_argument("--judge", type=Path, help="judge phrases with this site's index (to measure a site "
                                                  "built with another search, e.g. Pagefind's, on the same pages)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    cases = corpus_cases(args.root) if args.root else SEED_CASES
    report = run(args.site, cases, args.verbose, args.judge)
    print(f"{args.site}: {len(cases)} queries, {len(report['failures'])} failing; "
          f"precision@5 {statistics.mean(report['precision']):.2f}, recall@5 {statistics.mean(report['recall']):.2f}")
    for failure in report["failures"]:
        print("  FAIL", failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
