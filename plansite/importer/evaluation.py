"""Scoring the importer's header fields against hand-annotated real texts (tests/fixtures/real/).

Each `<name>.gold.yaml` has `header: {number, date, type, title, issuer, province}`, written by
reading the text (see tests/fixtures/real/README.md). The headline figure counts the four
fields the issue measures: number, date, title and issuing body. Comparison ignores only
spacing and Unicode normalisation: the title must be in sentence case with proper names kept,
the issuer written out ('Ủy ban nhân dân tỉnh Khánh Hòa'), the number as printed.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plansite.importer.document import Line, SourceDoc

REAL_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real"
HEADLINE_FIELDS = ("number", "date", "title", "issuer")


@dataclass(frozen=True)
class HeaderSample:
    name: str
    text: str
    gold: dict


@dataclass
class HeaderRow:
    name: str
    found: dict[str, str]
    gold: dict[str, str]

    def right(self, key: str) -> bool:
        return _norm(self.found.get(key, ""), key) == _norm(self.gold.get(key) or "", key)


@dataclass
class HeaderScore:
    rows: list[HeaderRow] = field(default_factory=list)

    def accuracy(self, keys=HEADLINE_FIELDS) -> float:
        checks = [row.right(key) for row in self.rows for key in keys]
        return sum(checks) / len(checks) if checks else 1.0

    def field_accuracy(self, key: str) -> float:
        return self.accuracy((key,))

    def wrong(self, keys=HEADLINE_FIELDS) -> list[str]:
        return [f"{row.name}: {key}: {row.found.get(key, '')!r} ≠ {row.gold.get(key)!r}"
                for row in self.rows for key in keys if not row.right(key)]


def load_header_corpus(directory: Path = REAL_CORPUS) -> list[HeaderSample]:
    samples = []
    for text_path in sorted(directory.glob("*.txt")):
        gold = yaml.safe_load(text_path.with_suffix(".gold.yaml").read_text(encoding="utf-8"))
        samples.append(HeaderSample(text_path.stem, text_path.read_text(encoding="utf-8"), gold))
    return samples


def imported_header(text: str, provinces) -> dict[str, str]:
    from plansite.importer.pipeline import convert  # the whole pipeline, as `build.py import` runs it

    lines = tuple(Line(number, line) for number, line in enumerate(text.split("\n"), start=1))
    draft = convert(SourceDoc("mau.txt", lines), provinces)
    fields = draft.fields
    return {"number": fields.number, "date": fields.date, "type": fields.doc_type, "title": fields.title,
            "issuer": fields.issuer, "province": draft.province_slug}


def score_headers(samples: list[HeaderSample], provinces) -> HeaderScore:
    score = HeaderScore()
    for sample in samples:
        gold = {key: ("" if value is None else str(value)) for key, value in sample.gold["header"].items()}
        score.rows.append(HeaderRow(sample.name, imported_header(sample.text, provinces), gold))
    return score


def _norm(value: str, key: str) -> str:
    value = unicodedata.normalize("NFC", " ".join(str(value).split()))
    value = value.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    if key == "number":
        value = value.replace(" ", "").upper()
    if key == "title":
        value = value.rstrip(" .;")
    return value
