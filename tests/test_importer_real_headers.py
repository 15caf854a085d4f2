"""Header fields of real documents (tests/fixtures/real/, gold written by reading each text):
number, date, type, title, issuer and province, one row per text. Every miss is listed with
its reason, so a regression fails here and so does an improvement, which then updates the
table. The headline figure is printed by `make benchmark-accuracy`."""
from __future__ import annotations

import pytest

from plansite.importer.evaluation import HEADLINE_FIELDS, load_header_corpus, score_headers
from tests.importer_helpers import PROVINCES

FIELDS = HEADLINE_FIELDS + ("type", "province")
SAMPLES = load_header_corpus()

KNOWN_MISSES = {
    "bgddt-1611-kh-bgddt-2022": {"title": "'Chương trình mục tiêu quốc gia' is not a name, but the body writes "
                                          "'Chương trình Mục tiêu ...' and names after a type word are taken from it"},
    "ninh-thuan-55-2007-qd-ubnd": {"title": "the copy glues 'BANHÀNH' (two words as one)"},
    "quang-ninh-2365-ls-2014": {"issuer": "three issuing bodies side by side, the first on a line of its own"},
    "quang-tri-1482-kh-ubnd-2019": {"title": "the excerpt has no title at all (the gold comes from the web address)"},
    "tuyen-quang-03-2022-nq-hdnd": {"title": "the excerpt has no title at all (the gold comes from the web address)"},
    "vinh-long-1825-qd-ubnd-2013": {"title": "the copy glues 'PHÊ DUYỆTKẾ HOẠCH'"},
    "vinh-long-733-qd-ubnd-2014": {"title": "the excerpt has no title at all (the gold comes from the web address)"},
}


@pytest.fixture(scope="module")
def score():
    return score_headers(SAMPLES, PROVINCES)


def test_the_corpus_is_large_and_varied():
    provinces = {s.gold["header"]["province"] for s in SAMPLES} - {None}
    assert len(SAMPLES) >= 40 and len(provinces) >= 15


@pytest.mark.parametrize("name", [s.name for s in SAMPLES])
def test_header_fields_of_a_real_text(score, name):
    row = next(r for r in score.rows if r.name == name)
    wrong = {key: (row.found.get(key), row.gold.get(key)) for key in FIELDS if not row.right(key)}
    assert set(wrong) == set(KNOWN_MISSES.get(name, {})), wrong


def test_headline_accuracy(score):
    assert score.accuracy() >= 0.95
    assert score.field_accuracy("number") == score.field_accuracy("date") == 1.0


@pytest.mark.parametrize("name", [s.name for s in SAMPLES])
def test_a_real_text_imports_with_every_word_kept_and_in_place(name):
    from plansite.importer.coverage import check_coverage
    from plansite.importer.pipeline import _excused
    from plansite.importer.placement import check_placement
    from tests.importer_helpers import convert_text, source

    text = next(s.text for s in SAMPLES if s.name == name)
    draft = convert_text(text)
    assert check_coverage(text, draft.kept_texts(), draft.removed, draft.footnote_labels).lost == []
    assert check_placement(source(text), draft, _excused(draft)) == []
