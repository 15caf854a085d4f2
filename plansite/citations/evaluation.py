"""Scoring the citation finder against hand-annotated real texts (tests/fixtures/real/).

Each text `<name>.txt` has `<name>.gold.yaml`, annotated by reading the text:

    header: {number, date, type, title, issuer, province}   # the document's own header
    citations:                                               # every numbered document it cites,
      - {number: 1660/QĐ-TTg, date: 2021-10-02}              # once, with the date printed with it
      - {number: 01-KL/TW, date: null}                        # (null: no date printed anywhere)

Counting rules (the same for gold and finder):
- a citation is a numbered document (number and symbol); named laws and short forms without a
  symbol ('Nghị quyết số 29') are not counted;
- the text's own number (header.number) is not a citation, wherever a website repeats it;
- numbers are compared without spaces, case or separator style ('128/NQ-HĐND' = '128-NQ/HĐND');
- a document's date is the first date the finder attaches to any of its mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plansite.citations.finder import find_mentions

REAL_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real"


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    gold: dict


@dataclass
class CitationScore:
    """Counts for one text, or summed over the corpus."""

    name: str
    gold: int = 0
    found: int = 0
    correct: int = 0  # found and in gold
    dated_right: int = 0  # of the correct ones, date equal to gold (None = None counts)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dated_right / self.correct if self.correct else 1.0

    def add(self, other: CitationScore) -> None:
        self.gold += other.gold
        self.found += other.found
        self.correct += other.correct
        self.dated_right += other.dated_right
        for kind in ("missed", "spurious", "wrong_dates"):
            getattr(self, kind).extend(f"{other.name}: {item}" for item in getattr(other, kind))


def load_corpus(directory: Path = REAL_CORPUS, held_out: bool = True) -> list[Sample]:
    """The annotated texts; with held_out, also those in held-out/ (annotated after the finder was
    tuned on the others, never tuned on)."""
    samples = []
    paths = sorted(directory.glob("*.txt")) + (sorted(directory.glob("held-out/*.txt")) if held_out else [])
    for text_path in paths:
        gold = yaml.safe_load(text_path.with_suffix(".gold.yaml").read_text(encoding="utf-8"))
        samples.append(Sample(text_path.stem, text_path.read_text(encoding="utf-8"), gold))
    return samples


def number_key(number: str) -> str:
    """'128-NQ/HĐND', '128/NQ-HĐND' and '128/NQ – HĐND' compare equal."""
    return re.sub(r"\s+|&", "", re.sub(r"[-–/]", "/", number)).upper()


def found_citations(sample: Sample) -> dict[str, str | None]:
    """{number key: first date found} for what the finder reports, own number left out."""
    own = number_key(sample.gold["header"]["number"] or "")
    dates: dict[str, str | None] = {}
    for mention in find_mentions(sample.text):
        if not mention.number_symbol or mention.form == "named-law":
            continue
        key = number_key(mention.number_symbol)
        if key == own:
            continue
        if dates.get(key) is None:
            dates[key] = mention.date
    return dates


def score_citations(sample: Sample) -> CitationScore:
    gold = {number_key(c["number"]): (c["number"], _iso(c["date"])) for c in sample.gold["citations"]}
    found = found_citations(sample)
    score = CitationScore(sample.name, gold=len(gold), found=len(found))
    for key, found_date in found.items():
        if key not in gold:
            score.spurious.append(key)
            continue
        score.correct += 1
        number, gold_date = gold[key]
        if found_date == gold_date:
            score.dated_right += 1
        else:
            score.wrong_dates.append(f"{number}: {found_date} ≠ {gold_date}")
    score.missed = [number for key, (number, _) in gold.items() if key not in found]
    return score


def score_corpus(samples: list[Sample]) -> tuple[list[CitationScore], CitationScore]:
    rows = [score_citations(sample) for sample in samples]
    total = CitationScore("total")
    for row in rows:
        total.add(row)
    return rows, total


def _iso(value) -> str | None:
    return None if value is None else str(value)
