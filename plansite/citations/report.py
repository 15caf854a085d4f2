"""`python build.py cite FILE...`: every citation in content files or raw text, as JSON or a table."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from plansite.citations.finder import find_mentions
from plansite.citations.identity import Locale
from plansite.citations.mention import Mention
from plansite.citations.resolver import resolve_document
from plansite.content.source import decode, split_front_matter
from plansite.content.yaml_positions import load_yaml
from plansite.errors import Position, Problems, display_path
from plansite.model import District, Province


@dataclass(frozen=True)
class Region:
    """A stretch of the file searched for citations (a plan's title or body, or all of a text)."""

    offset: int
    text: str


def cite_files(paths: list[Path], root: Path, provinces: tuple[Province, ...], problems: Problems) -> list[dict]:
    records = []
    for path in paths:
        shown = display_path(path, root)
        if not path.is_file():
            problems.error(Position(shown), "không tìm thấy tệp", "kiểm tra lại đường dẫn")
            continue
        source = decode(shown, path.read_bytes(), problems)
        if source is None:
            continue
        regions, own_number = _regions(source, problems)
        locale = _locale(path, source.text, provinces)
        for region in regions:
            mentions, findings = resolve_document(find_mentions(region.text), locale)
            for finding in findings:
                line, col = _line_col(source.text, region.offset + finding.mention.start)
                problems.warning(Position(shown, line, col), finding.what, finding.fix)
            records.extend(_record(shown, source.text, region.offset, m) for m in mentions
                           if not own_number or m.number_symbol != own_number)
    return records


def _regions(source, problems: Problems) -> tuple[list[Region], str]:
    """A content file: its title and body (not the other front matter); raw text: all of it."""
    if not source.text.startswith("---"):
        return [Region(0, source.text)], ""
    split = split_front_matter(source, Problems())
    loaded = load_yaml(split.yaml_text, source.path, split.yaml_first_line, Problems()) if split else None
    if split is None or loaded is None or not isinstance(loaded.data, dict):
        return [Region(0, source.text)], ""
    lines = source.text.split("\n")
    body_offset = sum(len(line) + 1 for line in lines[:split.body_first_line - 1])
    regions = [Region(body_offset, split.body)]
    title = loaded.data.get("title")
    if isinstance(title, str) and ("title",) in loaded.positions:
        where = loaded.positions[("title",)]
        title_offset = sum(len(line) + 1 for line in lines[:where.line - 1]) + where.col - 1
        if source.text.startswith(title, title_offset):
            regions.insert(0, Region(title_offset, title))
    return regions, str(loaded.data.get("number") or "")


def _locale(path: Path, text: str, provinces: tuple[Province, ...]) -> Locale:
    """A content file's district is its folder; for raw text, the place named in its first lines."""
    parts = path.resolve().parts
    if "plans" in parts and len(parts) >= parts.index("plans") + 4:
        province_slug, district_slug = parts[parts.index("plans") + 1: parts.index("plans") + 3]
        district = _find_district(provinces, lambda d: d.key == f"{province_slug}/{district_slug}")
        if district:
            return Locale(provinces, _province(provinces, district), district)
    head = "\n".join(text.split("\n")[:15])
    district = _find_district(provinces, lambda d: re.search(rf"\b{re.escape(d.name)}\b", head, re.IGNORECASE))
    return Locale(provinces, _province(provinces, district), district) if district else Locale(provinces)


def _find_district(provinces, predicate) -> District | None:
    return next((d for p in provinces for d in p.districts if predicate(d)), None)


def _province(provinces, district: District) -> Province:
    return next(p for p in provinces if p.slug == district.province_slug)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _record(shown: str, text: str, offset: int, mention: Mention) -> dict:
    start, end = offset + mention.start, offset + mention.end
    return {"file": shown, "line": _line_col(text, start)[0], "start": start, "end": end, "surface": text[start:end],
            "doc_type": mention.doc_type, "number_symbol": mention.number_symbol, "date": mention.date,
            "issuer": mention.issuer, "id": mention.id}


def as_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2)


def as_table(records: list[dict]) -> str:
    rows = [f"{r['file']}:{r['line']}  {' '.join(r['surface'].split())}  →  {r['id'] or '(chưa xác định)'}"
            + "".join(f"  · {r[k]}" for k in ("date", "issuer") if r[k]) for r in records]
    return "\n".join(rows + [f"{len(records)} trích dẫn."])
