#!/usr/bin/env python3
"""Write a synthetic plansite project of N plans, shaped like the real seed plans.

    python benchmarks/generate_corpus.py --plans 1000 --out /tmp/corpus [--seed 1]

The result is a complete project (`content/`, `site_config.yaml`, `templates/` as a symlink
to the repository's) that passes `python build.py --root DIR check`. Localities are real
province names with synthetic district names. Every plan recombines the three bundled plans
in content/plans: one of them (the "primary") gives the front matter's shape, the opening
and the closing sections; the middle is filled with `##` sections (or their leading `###`
subsections) drawn from all three bodies until the file reaches a target size of 30-70 KB,
the range of the real files. Footnotes travel with the sections that cite them and are
renumbered; place names are swapped for the plan's own locality.
"""
from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
import random
import re
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from plansite.content.localities import load_localities  # noqa: E402
from plansite.content.source import decode, split_front_matter  # noqa: E402
from plansite.content.yaml_positions import load_yaml  # noqa: E402
from plansite.errors import Problems  # noqa: E402
from plansite.model import District, Province  # noqa: E402
from plansite.vietnamese import slugify  # noqa: E402

PLANS_PER_DISTRICT = 10
DISTRICTS_PER_PROVINCE = (6, 14)
FILE_BYTES = (30_000, 70_000)  # target size of one plan file, as the real ones
YEARS = (2019, 2025)
DRAFT_SHARE = 0.3  # of plans whose primary source is the unnumbered draft

# Provinces before the 2025 merger: name, statistics office code, centrally run city?
PROVINCES = [
    ("Hà Nội", "01", True), ("Hà Giang", "02", False), ("Cao Bằng", "04", False), ("Bắc Kạn", "06", False),
    ("Tuyên Quang", "08", False), ("Lào Cai", "10", False), ("Điện Biên", "11", False), ("Lai Châu", "12", False),
    ("Sơn La", "14", False), ("Yên Bái", "15", False), ("Hòa Bình", "17", False), ("Thái Nguyên", "19", False),
    ("Lạng Sơn", "20", False), ("Quảng Ninh", "22", False), ("Bắc Giang", "24", False), ("Phú Thọ", "25", False),
    ("Vĩnh Phúc", "26", False), ("Bắc Ninh", "27", False), ("Hải Dương", "30", False), ("Hải Phòng", "31", True),
    ("Hưng Yên", "33", False), ("Thái Bình", "34", False), ("Hà Nam", "35", False), ("Nam Định", "36", False),
    ("Ninh Bình", "37", False), ("Thanh Hóa", "38", False), ("Nghệ An", "40", False), ("Hà Tĩnh", "42", False),
    ("Quảng Bình", "44", False), ("Quảng Trị", "45", False), ("Thừa Thiên Huế", "46", False), ("Đà Nẵng", "48", True),
    ("Quảng Nam", "49", False), ("Quảng Ngãi", "51", False), ("Bình Định", "52", False), ("Phú Yên", "54", False),
    ("Khánh Hòa", "56", False), ("Ninh Thuận", "58", False), ("Bình Thuận", "60", False), ("Kon Tum", "62", False),
    ("Gia Lai", "64", False), ("Đắk Lắk", "66", False), ("Đắk Nông", "67", False), ("Lâm Đồng", "68", False),
    ("Bình Phước", "70", False), ("Tây Ninh", "72", False), ("Bình Dương", "74", False), ("Đồng Nai", "75", False),
    ("Bà Rịa - Vũng Tàu", "77", False), ("Hồ Chí Minh", "79", True), ("Long An", "80", False),
    ("Tiền Giang", "82", False), ("Bến Tre", "83", False), ("Trà Vinh", "84", False), ("Vĩnh Long", "86", False),
    ("Đồng Tháp", "87", False), ("An Giang", "89", False), ("Kiên Giang", "91", False), ("Cần Thơ", "92", True),
    ("Hậu Giang", "93", False), ("Sóc Trăng", "94", False), ("Bạc Liêu", "95", False), ("Cà Mau", "96", False),
]
DISTRICT_SYLLABLES = (
    ["An", "Bình", "Cẩm", "Diễn", "Đông", "Đức", "Gia", "Hải", "Hoài", "Hưng", "Kim", "Lạc", "Long", "Mỹ",
     "Nam", "Nghĩa", "Ninh", "Phú", "Phước", "Quảng", "Quế", "Sơn", "Tân", "Tây", "Thạch", "Thanh", "Thuận",
     "Tiên", "Triệu", "Vĩnh", "Xuân", "Yên"],
    ["Bình", "Châu", "Điền", "Định", "Giang", "Hà", "Hải", "Hòa", "Hưng", "Khê", "Lâm", "Lộc", "Lương", "Mỹ",
     "Ninh", "Phong", "Phú", "Quan", "Sơn", "Thành", "Thọ", "Thủy", "Tiến", "Trạch", "Trung", "Xuyên", "Yên"],
)
PERSON_NAMES = (
    ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"],
    ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Thu", "Ngọc", "Hữu", "Xuân", "Thế", "Hồng"],
    ["Hải", "Hà", "Chiến", "Lan", "Hùng", "Dũng", "Hương", "Nam", "Tuấn", "Hoa", "Long", "Phương", "Thảo",
     "Sơn", "Trang", "Bình", "Khánh", "Linh", "Quyết", "Yến"],
)
TITLES = [
    "Nhiệm vụ năm học {year}-{next_year}",
    "Thực hiện nhiệm vụ giáo dục và đào tạo năm {year}",
    "Triển khai nhiệm vụ trọng tâm năm học {year}-{next_year} của ngành giáo dục {district}",
    "Nâng cao chất lượng giáo dục đào tạo và hướng nghiệp dạy nghề giai đoạn {year}-{five_years}",
    "Phát triển giáo dục mầm non trên địa bàn {district} giai đoạn {year}-{five_years}",
    "Đẩy mạnh chuyển đổi số trong giáo dục và đào tạo năm {year}",
    None,  # the primary's own title, with its place names swapped
]
MERGER_ACT = "Nghị quyết số 202/2025/QH15"
TABLE_MARKER = re.compile(r"^\[\[(targets|programme)\]\]\n*", re.M)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


# ---------------------------------------------------------------- sources: the real plans


@dataclass(frozen=True)
class Section:
    """One `## ` section of a source body: its intro and its `### ` subsections."""

    source: Source
    intro: str  # the heading line and any text before the first subsection
    subsections: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.intro + "".join(self.subsections)

    def prefix(self, budget: int) -> str:
        """The intro and as many leading subsections as fit in budget bytes ('' if none fit)."""
        taken, size = [self.intro], _size(self.intro)
        for subsection in self.subsections:
            if size + _size(subsection) > budget:
                break
            taken.append(subsection)
            size += _size(subsection)
        if size > budget or (self.subsections and len(taken) == 1):
            return ""
        return "".join(taken)


@dataclass
class Source:
    """A real plan file, cut into reusable parts."""

    key: str  # '<province>/<district>'
    front: dict
    year: int
    places: dict[str, str]  # which place names to swap: source text -> role
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)  # label -> definition text

    @property
    def is_draft(self) -> bool:
        return not self.front["number"]


def load_sources(repo: Path) -> list[Source]:
    problems = Problems()
    provinces = load_localities(repo / "content" / "localities.yaml", repo, problems)
    districts = {d.key: (p, d) for p in provinces for d in p.districts}
    sources = [_load_source(path, repo, districts, problems)
               for path in sorted((repo / "content" / "plans").rglob("*.md"))]
    if problems.errors:
        raise SystemExit("cannot read the seed plans:\n" + "\n".join(map(str, problems)))
    # Plans with a number or a draft's symbol, and a full date: the shapes the generator varies
    # (a copy without its header, dated by year only, has neither; keeping it out also keeps the
    # corpus of a given seed the same as before it was added).
    return [s for s in sources if ("/" in s.front["number"] or s.front.get("symbol")) and len(str(s.front["date"])) >= 7]


def _load_source(path: Path, repo: Path, districts: dict, problems: Problems) -> Source:
    text = decode(str(path), path.read_bytes(), problems)
    split = split_front_matter(text, problems)
    front = load_yaml(split.yaml_text, str(path), split.yaml_first_line, problems).data
    province, district = districts[front["locality"]]
    source = Source(front["locality"], front, int(front["date"][:4]), _place_roles(province, district))
    body, source.footnotes = _extract_footnotes(split.body)
    source.preamble, *sections = re.split(r"(?m)^(?=## )", body.strip("\n") + "\n\n")
    source.sections = [_section(source, text) for text in sections]
    return source


def _place_roles(province: Province, district: District) -> dict[str, str]:
    """Place names as they appear in the source text, longest first, with what they stand for."""
    roles = {district.full_name: "district_full", province.full_name: "province_full",
             province.name: "province", district.name: "district"}
    return dict(sorted(roles.items(), key=lambda item: -len(item[0])))


def _extract_footnotes(body: str) -> tuple[str, dict[str, str]]:
    """Remove footnote definitions (with their indented continuation paragraphs) from body."""
    kept, footnotes, label = [], {}, None
    for paragraph in re.split(r"\n{2,}", body):
        start = re.match(r"\[\^([^\]]+)\]:\s*", paragraph)
        if start:
            label = start.group(1)
            footnotes[label] = paragraph[start.end():]
        elif label and paragraph.startswith("    "):
            footnotes[label] += "\n\n" + paragraph
        else:
            label = None
            kept.append(paragraph)
    return "\n\n".join(kept), footnotes


def _section(source: Source, text: str) -> Section:
    intro, *subsections = re.split(r"(?m)^(?=### )", text)
    return Section(source, intro, tuple(subsections))


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


# ---------------------------------------------------------------- localities


def make_localities(district_count: int, rng: random.Random) -> list[Province]:
    """Real provinces (cycled with a numeral when more are needed) with synthetic districts."""
    provinces, next_code = [], 100
    while district_count > 0:
        index = len(provinces)
        name, code, is_city = PROVINCES[index % len(PROVINCES)]
        if index >= len(PROVINCES):
            name, code = f"{name} {index // len(PROVINCES) + 1}", f"{code}{index // len(PROVINCES)}"
        count = min(district_count, rng.randint(*DISTRICTS_PER_PROVINCE))
        province = Province(slug=slugify(name), name=name, code=code, districts=(),
                            type="thành phố trực thuộc trung ương" if is_city else "tỉnh",
                            since_2025=_province_since_2025(is_city, rng))
        districts = _districts(province, count, next_code, rng)
        provinces.append(replace(province, districts=districts))
        district_count -= count
        next_code += count
    return provinces


def _province_since_2025(is_city: bool, rng: random.Random) -> str:
    if is_city or rng.random() < 0.4:
        return f"Giữ nguyên, không sáp nhập ({MERGER_ACT})."
    partner, _, partner_is_city = rng.choice(PROVINCES)
    unit = "thành phố" if partner_is_city else "tỉnh"
    return f"Hợp nhất với {unit} {partner} thành {unit} {partner} từ ngày 01/7/2025 ({MERGER_ACT})."


def _districts(province: Province, count: int, first_code: int, rng: random.Random) -> tuple[District, ...]:
    names: dict[str, str] = {}  # slug -> name, unique within the province
    while len(names) < count:
        first, second = rng.choice(DISTRICT_SYLLABLES[0]), rng.choice(DISTRICT_SYLLABLES[1])
        if first != second:
            names.setdefault(slugify(f"{first} {second}"), f"{first} {second}")
    return tuple(_district(province, slug, name, str(first_code + offset), rng)
                 for offset, (slug, name) in enumerate(names.items()))


def _district(province: Province, slug: str, name: str, code: str, rng: random.Random) -> District:
    is_city = province.type != "tỉnh"
    kinds = ["quận", "huyện"] if is_city else ["huyện", "thị xã", "thành phố thuộc tỉnh"]
    kind = rng.choices(kinds, weights=[7, 3] if is_city else [8, 1, 1])[0]
    level = "quận" if kind == "quận" else "huyện"
    wards = "phường" if kind in ("quận", "thành phố thuộc tỉnh") else "xã, thị trấn"
    since = (f"Cấp {level} chấm dứt hoạt động từ ngày 01/7/2025; địa bàn nay thuộc các {wards} "
             f"trực thuộc {province.full_name}.")
    return District(slug=slug, name=name, type=kind, code=code, since_2025=since, province_slug=province.slug)


def localities_yaml(provinces: list[Province]) -> str:
    data = {"provinces": [
        {**_unit_fields(p), "districts": [_unit_fields(d) for d in p.districts]} for p in provinces]}
    header = "# Synthetic localities written by benchmarks/generate_corpus.py.\n\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _unit_fields(unit: Province | District) -> dict:
    return {"slug": unit.slug, "name": unit.name, "type": unit.type, "code": unit.code, "since_2025": unit.since_2025}


# ---------------------------------------------------------------- plans


@dataclass(frozen=True)
class Placement:
    """Where a generated plan is published, and its place names."""

    province: Province
    district: District

    def place_name(self, role: str) -> str:
        return {"district_full": self.district.full_name, "province_full": self.province.full_name,
                "district": self.district.name, "province": self.province.name}[role]


class PlanWriter:
    """Generates plan files one at a time; remembers numbers and names used per district."""

    def __init__(self, sources: list[Source], rng: random.Random):
        self.sources = sources
        self.rng = rng
        self.used_numbers: dict[str, set[int]] = {}
        self.used_names: dict[str, set[str]] = {}

    def plan(self, place: Placement) -> tuple[str, str]:
        """(file name, file text) of one new plan in place's district."""
        primary = self.rng.choice(self.sources)
        front = self._front_matter(primary, place)
        yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        body_budget = self.rng.randint(*FILE_BYTES) - _size(yaml_text)
        body = compose_body(primary, self.sources, place, body_budget, front, self.rng)
        return self._file_name(front, place), f"---\n{yaml_text}---\n\n{body}"

    def _front_matter(self, primary: Source, place: Placement) -> dict:
        rng, year = self.rng, self.rng.randint(*YEARS)
        draft = primary.is_draft and rng.random() < DRAFT_SHARE
        swap = lambda text: swap_places(text, primary, place)  # noqa: E731
        symbol = primary.front.get("symbol") or primary.front["number"].split("/", 1)[1]
        front = dict(primary.front)
        front.update(
            number="" if draft else f"{self._new_number(place)}/{symbol}",
            symbol=symbol if draft else None,
            status="dự thảo" if draft else None,
            title=self._title(primary, place, year),
            issuer=swap(primary.front["issuer"]),
            parent_issuer=swap(primary.front["parent_issuer"]) if "parent_issuer" in primary.front else None,
            locality=place.district.key,
            place=place.district.name,
            date=f"{year}-{rng.randint(1, 12):02d}" + ("" if draft else f"-{rng.randint(1, 28):02d}"),
            signer={**primary.front["signer"], "name": " ".join(rng.choice(part) for part in PERSON_NAMES)},
            recipients=[swap(line) for line in primary.front["recipients"]],
        )
        if "programme" in front:
            front["programme"] = _shift_programme(front["programme"], year - primary.year, primary.year)
        return _schema_order({k: v for k, v in front.items() if v is not None})

    def _new_number(self, place: Placement) -> int:
        used = self.used_numbers.setdefault(place.district.key, set())
        number = self.rng.randint(1, 999)
        while number in used:
            number = number % 999 + 1
        used.add(number)
        return number

    def _title(self, primary: Source, place: Placement, year: int) -> str:
        template = self.rng.choice(TITLES)
        if template is None:
            return swap_places(primary.front["title"], primary, place)
        return template.format(year=year, next_year=year + 1, five_years=year + 5, district=place.district.full_name)

    def _file_name(self, front: dict, place: Placement) -> str:
        stem = f"{front['date'][:4]}-{slugify(front['number'] or front['symbol'] + ' ' + front['title'])}"
        stem = stem[:80].rstrip("-")
        used = self.used_names.setdefault(place.district.key, set())
        name, copy = stem, 1
        while name in used:
            copy += 1
            name = f"{stem}-{copy}"
        used.add(name)
        return f"{name}.md"


def swap_places(text: str, source: Source, place: Placement) -> str:
    """Replace the source's place names by those of the placement, longest names first, in one pass."""
    pattern = "|".join(re.escape(name) for name in source.places)
    return re.sub(pattern, lambda m: place.place_name(source.places[m.group(0)]), text)


def _shift_programme(items: list[dict], years: int, default_year: int) -> list[dict]:
    return [{**item, "year": item.get("year", default_year) + years} for item in items]


def _schema_order(front: dict) -> dict:
    """Keys in the order the plan schema lists them, as an editor would write them."""
    order = list(_plan_schema()["properties"])
    return dict(sorted(front.items(), key=lambda item: order.index(item[0])))


@functools.lru_cache(maxsize=1)
def _plan_schema() -> dict:
    return json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))


def compose_body(primary: Source, sources: list[Source], place: Placement, budget: int, front: dict,
                 rng: random.Random) -> str:
    """Primary's opening and closing around middle sections drawn from every source."""
    opening, closing = primary.sections[0], primary.sections[-1]
    parts = [(primary, primary.preamble), (primary, opening.text)]
    budget -= sum(_size(text) for _, text in parts) + _size(closing.text)
    middle = [s for source in sources for s in source.sections[1:-1]]
    rng.shuffle(middle)
    for section in middle:
        text = section.prefix(budget)
        if text:
            parts.append((section.source, text))
            budget -= _size(text)
    parts.append((primary, closing.text))
    notes = FootnoteNumbering()
    body = "".join(swap_places(notes.renumber(text, source), source, place) for source, text in parts)
    body = _drop_unused_markers(_renumber_chapters(body), front)
    definitions = [swap_places(note, source, place) for source, note in notes.definitions]
    return "\n\n".join([body.rstrip("\n")] + definitions) + "\n"


class FootnoteNumbering:
    """Numbers footnotes 1, 2, ... in order of first citation across parts of several sources."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, str], int] = {}
        self.definitions: list[tuple[Source, str]] = []

    def renumber(self, text: str, source: Source) -> str:
        return FOOTNOTE_REF.sub(lambda match: self._reference(match, source), text)

    def _reference(self, match: re.Match, source: Source) -> str:
        label = match.group(1)
        if label not in source.footnotes:
            return match.group(0)
        key = (source.key, label)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.definitions.append((source, f"[^{self.numbers[key]}]: {source.footnotes[label]}"))
        return f"[^{self.numbers[key]}]"


def _renumber_chapters(body: str) -> str:
    """'## III. ...' headings numbered I, II, III... in their new order."""
    counter = itertools.count(1)
    return re.sub(r"(?m)^## [IVXLC]+\. ", lambda m: f"## {_roman(next(counter))}. ", body)


def _roman(number: int) -> str:
    digits = [(90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in digits:
        count, number = divmod(number, value)
        out += letters * count
    return out


def _drop_unused_markers(body: str, front: dict) -> str:
    """Keep a [[targets]] / [[programme]] marker only where the plan has that table (once)."""
    placed: set[str] = set()

    def keep(match: re.Match) -> str:
        name = match.group(1)
        if name in front and name not in placed:
            placed.add(name)
            return match.group(0)
        return ""

    return TABLE_MARKER.sub(keep, body)


# ---------------------------------------------------------------- project


def generate(plan_count: int, out: Path, seed: int = 1, repo: Path = REPO) -> dict:
    """Write the project into out (replacing content/ there); return a summary."""
    rng = random.Random(seed)
    sources = load_sources(repo)
    provinces = make_localities(max(1, math.ceil(plan_count / PLANS_PER_DISTRICT)), rng)
    _prepare(out, repo)
    (out / "content" / "localities.yaml").write_text(localities_yaml(provinces), encoding="utf-8")
    placements = [Placement(p, d) for p in provinces for d in p.districts]
    writer = PlanWriter(sources, rng)
    total_bytes = 0
    for index in range(plan_count):
        place = placements[index % len(placements)]
        name, text = writer.plan(place)
        folder = out / "content" / "plans" / place.district.province_slug / place.district.slug
        folder.mkdir(parents=True, exist_ok=True)
        total_bytes += (folder / name).write_bytes(text.encode("utf-8"))
    return {"plans": plan_count, "provinces": len(provinces), "districts": len(placements),
            "plan_bytes": total_bytes, "seed": seed}


def _prepare(out: Path, repo: Path) -> None:
    """Empty out/content and link out/templates to the repository's; never touch a real project."""
    templates = out / "templates"
    if out.resolve() == repo.resolve() or (templates.exists() and not templates.is_symlink()):
        raise SystemExit(f"refusing to write a corpus into {out}: it holds a real project; choose another folder")
    shutil.rmtree(out / "content", ignore_errors=True)
    (out / "content" / "plans").mkdir(parents=True)
    shutil.copyfile(repo / "site_config.yaml", out / "site_config.yaml")
    if (repo / "content" / "documents").is_dir():  # curated documents: the real ones, as they are
        shutil.copytree(repo / "content" / "documents", out / "content" / "documents")
    if templates.is_symlink():
        templates.unlink()
    templates.symlink_to(repo / "templates", target_is_directory=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, required=True, help="number of plan files to write")
    parser.add_argument("--out", type=Path, required=True, help="project folder to write (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; same seed, same corpus")
    args = parser.parse_args(argv)
    summary = generate(args.plans, args.out.resolve(), args.seed)
    print(f"Wrote {summary['plans']} plans ({summary['plan_bytes'] / 1e6:.1f} MB) in {summary['districts']} "
          f"districts of {summary['provinces']} provinces to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
