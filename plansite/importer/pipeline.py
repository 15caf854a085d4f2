"""The importer's steps in order, and the file it writes.

`convert` turns the lines of a document into front-matter fields and a Markdown body (no
files touched; the tests feed it fragments). `import_plan` reads the input, converts it,
checks that no word was lost, and writes the content file where it belongs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plansite.content.localities import load_localities
from plansite.errors import Position, Problems, display_path
from plansite.importer.body import body_markdown
from plansite.importer.closing import split_closing
from plansite.importer.coverage import PRINTED_BY_SITE, Coverage, check_coverage
from plansite.importer.document import Fields, Line, Note, Removed, SourceDoc
from plansite.importer.footnotes import extract_footnotes
from plansite.importer.header import DOC_TYPES, Header, parse_header
from plansite.importer.header_layout import reflow_header, site_title
from plansite.importer.issuer import (
    agrees_with_signer,
    organ_from_symbol,
    organ_from_text,
    organ_kind_of_signer,
    organs_from_lines,
    proper_case,
)
from plansite.importer.lines import ends_open, is_caps, numbering, undouble
from plansite.importer.locality import find_district, match_locality, mentioned_district
from plansite.importer.metadata_table import take_web_details
from plansite.importer.pagination import drop_page_furniture
from plansite.importer.placement import check_placement
from plansite.importer.provinces import canonical_places, full_name, province_slug, provinces_named
from plansite.importer.reading import read_source
from plansite.importer.sentence_case import as_the_body_writes, sentence_case
from plansite.importer.tables import find_tables
from plansite.importer.writing import file_name, front_matter, kept_from, place_markers, todo_line, write_file
from plansite.model import District, Province
from plansite.words import words

_REQUIRED = {
    "number": ("không tìm thấy số, ký hiệu (dòng 'Số: ...')",
               "ghi như in, ví dụ 95/KH-PGDĐT; dự thảo chưa có số thì để \"\" và thêm dòng symbol: KH-UBND"),
    "doc_type": ("không xác định được loại văn bản", "ghi một trong: " + ", ".join(dict.fromkeys(DOC_TYPES.values()))),
    "title": ("không tìm thấy trích yếu (tên kế hoạch in sau chữ KẾ HOẠCH)", "chép trích yếu từ văn bản, trên một dòng"),
    "issuer": ("không tìm thấy cơ quan ban hành",
               "ghi tên cơ quan in ở góc trên bên trái, ví dụ Phòng Giáo dục và Đào tạo thành phố Uông Bí"),
    "locality": ("không xác định được địa phương",
                 "ghi <tỉnh>/<huyện> như trong content/localities.yaml, hoặc nhập lại với --locality tỉnh/huyện"),
    "place": ("không tìm thấy địa danh trước ngày tháng", "ghi địa danh như in, ví dụ Uông Bí"),
    "date": ("không tìm thấy ngày ban hành", "ghi năm-tháng-ngày trong ngoặc kép, ví dụ \"2023-02-01\""),
    "signer.title": ("không tìm thấy chức vụ người ký", "ghi như in ở khối chữ ký, ví dụ TRƯỞNG PHÒNG"),
    "signer.name": ("không tìm thấy họ tên người ký", "ghi họ tên như in dưới chữ ký"),
    "recipients": ("không tìm thấy danh sách 'Nơi nhận'", "chép từng nơi nhận thành một dòng '  - ...'"),
}


ABBREVIATION_REASON = "chữ viết tắt trong tên cơ quan, đã viết đầy đủ (UBND → Ủy ban nhân dân)"


@dataclass
class Draft:
    fields: Fields
    body: str
    notes: list[Note] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    footnote_labels: set[str] = field(default_factory=set)
    body_lines: list[Line] = field(default_factory=list)  # source lines kept in the body, in order
    footnote_lines: dict[str, list[Line]] = field(default_factory=dict)  # label -> its source lines
    district: District | None = None
    province: Province | None = None

    @property
    def province_slug(self) -> str:
        """The province: the registry's, else the one the issuer or its parent names."""
        if self.province:
            return self.province.slug
        named = provinces_named(f"{self.fields.issuer} {self.fields.parent_issuer}")
        return province_slug(named[-1]) if named else ""

    def kept_texts(self) -> list[str]:
        return self.fields.strings() + [self.body]


def convert(source: SourceDoc, provinces: list[Province], locality_key: str = "") -> Draft:
    details, lines, removed = take_web_details(list(source.lines))
    lines, site_material = reflow_header(lines)
    removed += site_material
    if not source.whole_paragraphs:
        lines = undouble(lines)
    header = parse_header(lines)
    body_lines, furniture = drop_page_furniture(header.leftovers + lines[header.body_start:])
    body_lines, closing, after = split_closing(body_lines)
    body_lines, footnotes = extract_footnotes(body_lines + closing.unplaced + after)
    tables = find_tables(body_lines)
    body = body_markdown(body_lines, tables, footnotes, source.whole_paragraphs)
    fields, expanded = _fields(header, closing, details)
    removed += [Removed(a, ABBREVIATION_REASON) for a in expanded]
    draft = Draft(fields, body, removed=removed + header.removed + furniture + closing.removed
                  + [r for t in tables for r in t.removed], footnote_labels={n.label for n in footnotes},
                  body_lines=[line for line in body_lines if line.text.strip()],
                  footnote_lines={n.label: n.source for n in footnotes if n.referenced})
    _locate(draft, provinces, locality_key, details)
    _complete_bare_issuer(draft, header, body_lines)
    _complete_issuer(draft, header, body_lines)
    _mark_unprinted(draft, header)
    if not draft.fields.title and site_title(removed):
        draft.fields.title = site_title(removed)
        draft.notes.append(Note("title", "văn bản không in trích yếu; lấy từ tiêu đề trang web", "kiểm tra lại với bản gốc"))
    if is_caps(draft.fields.title):
        draft.fields.title = as_the_body_writes(sentence_case(draft.fields.title), draft.body)
        draft.notes.append(Note("title", "trích yếu in hoa, đã viết lại chữ thường, giữ hoa tên riêng",
                                "kiểm tra chữ hoa của tên riêng (tên chương trình, đề án) với bản gốc"))
    draft.notes += _notes_for(draft, header, closing, footnotes)
    return draft


def _fields(header: Header, closing, details: dict[str, str]) -> tuple[Fields, list[str]]:
    fields = header.fields
    fields.parent_issuer, fields.issuer, expanded = organs_from_lines(header.organ_lines)
    fields.signer_authority, fields.signer_title, fields.signer_name = closing.authority, closing.title, closing.name
    fields.recipients, fields.recipients_note = closing.recipients, " ".join(closing.notes)
    _fill_from_details(fields, details)
    return fields, expanded


def _fill_from_details(fields: Fields, details: dict[str, str]) -> None:
    """A web page's details table fills only what the document itself did not say."""
    if not fields.number and not fields.symbol and re.fullmatch(r"\d+[A-Za-z]?[/-]\S+", details.get("number", "")):
        fields.number = details["number"]
    if not fields.doc_type and details.get("doc_type", "").capitalize() in DOC_TYPES.values():
        fields.doc_type = details["doc_type"].capitalize()
    date = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", details.get("date", ""))
    if not fields.date and date:
        fields.date = f"{date.group(3)}-{int(date.group(2)):02d}-{int(date.group(1)):02d}"
    fields.issuer = fields.issuer or details.get("issuer", "")
    fields.signer_name = fields.signer_name or details.get("signer_name", "")
    fields.title = fields.title or details.get("title", "")


def _locate(draft: Draft, provinces: list[Province], locality_key: str, details: dict[str, str]) -> None:
    fields = draft.fields
    if locality_key:
        draft.district = find_district(provinces, locality_key)
    else:
        hints = [fields.place, fields.issuer, fields.parent_issuer, details.get("place", ""), details.get("issuer", "")]
        draft.district, candidates = match_locality(provinces, hints, draft.body)
        if draft.district is None and not candidates:
            draft.district = mentioned_district(provinces, draft.body)
            if draft.district:
                draft.notes.append(Note("locality", f"suy ra từ tên địa phương nhắc nhiều nhất trong văn bản "
                                        f"({draft.district.full_name})", "kiểm tra lại với bản gốc"))
        if len(candidates) > 1 and draft.district is None:
            keys = ", ".join(d.key for d in candidates)
            draft.notes.append(Note("locality", f"tên địa phương trùng ở nhiều tỉnh ({keys})",
                                    "chọn một, hoặc nhập lại với --locality tỉnh/huyện", todo=True))
    fields.locality = draft.district.key if draft.district else ""
    if draft.district and not fields.place:
        fields.place = draft.district.name
        draft.notes.append(Note("place", "không thấy địa danh trước ngày tháng; lấy tên địa phương", "kiểm tra lại với bản gốc"))
    draft.province = next((p for p in provinces if draft.district and p.slug == draft.district.province_slug), None)


_BARE_ORGANS = {"Ủy ban nhân dân": r"(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN", "Hội đồng nhân dân": r"HỘI\s+ĐỒNG\s+NHÂN\s+DÂN"}
_UNIT_NAME = r"\s+((?:TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ)\s+[^\n,;|]+)"


def _complete_bare_issuer(draft: Draft, header: Header, body_lines: list[Line]) -> None:
    """'ỦY BAN NHÂN DÂN' printed without its province line: the unit comes from the enacting
    line under the title ('HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH THUẬN'), else the place before the date,
    the title or the body's mentions, and the editor is told which."""
    fields = draft.fields
    fields.issuer = canonical_places(fields.issuer)
    organ = fields.issuer if fields.issuer in _BARE_ORGANS else ""
    if not organ:
        return
    opening = [line.text for line in (header.leftovers + [b for b in body_lines if b.text.strip()][:4])]
    enacting = next((m for m in (re.search(_BARE_ORGANS[organ] + _UNIT_NAME, t) for t in opening) if m), None)
    unit, source = "", ""
    if enacting:
        name = re.split(r"\s+KH[OÓ]A\b|\s+KHOÁ\b|\s+-\s+KỲ\b", enacting.group(1).strip())[0]
        unit = proper_case(name)
        unit, source = unit[:1].lower() + unit[1:], "dòng cơ quan ban hành dưới trích yếu"
    elif provinces_named(fields.place, with_unit=False):
        unit, source = full_name(provinces_named(fields.place, with_unit=False)[0]), "địa danh trước ngày tháng"
    elif draft.district is not None:
        unit, source = draft.district.full_name, "địa danh trước ngày tháng"
    else:
        named = provinces_named(fields.title) or _most_named(provinces_named(draft.body))
        if named:
            unit, source = full_name(named[0]), "trích yếu và nội dung"
    if unit:
        fields.issuer = canonical_places(f"{organ} {unit}")
        draft.notes.append(Note("issuer", f"phần đầu chỉ in '{organ.upper()}', không in tên địa phương; suy ra từ {source}",
                                "kiểm tra lại với bản gốc"))


def _most_named(names: list[str]) -> list[str]:
    return sorted(set(names), key=lambda name: -names.count(name))[:1]


def _complete_issuer(draft: Draft, header: Header, body_lines: list[Line]) -> None:
    """Without a header block, the number's organ code or the plan's own words name the issuer."""
    fields = draft.fields
    if fields.issuer or draft.district is None:
        return
    preamble = _preamble(body_lines)
    said, unit = organ_from_text(preamble)
    kind = organ_kind_of_signer(fields.signer_title, fields.signer_authority)
    candidates = [organ for organ in (said, organ_from_symbol(fields.symbol or fields.number)) if organ]
    organ = next((o for o in candidates if agrees_with_signer(o, kind)), candidates[0] if candidates else "")
    if not organ:
        return
    if organ != said:
        unit = ""
    where = draft.province.full_name if unit == "tỉnh" and draft.province else draft.district.full_name
    fields.issuer = f"{organ} {where}"
    draft.notes.append(Note("issuer", "văn bản không có khối tên cơ quan; suy ra từ lời văn bản, ký hiệu, chức vụ người ký và địa phương",
                            "kiểm tra lại với bản gốc"))


_IMPLIED_YEAR = re.compile(r"(?<!đến )(?<!nhìn )năm\s+(?:học\s+)?(\d{4})\b", re.IGNORECASE)


def _mark_unprinted(draft: Draft, header: Header) -> None:
    """A copy without the header's number and date (a plan pasted from its title on) is not
    a draft: say what the copy does not print, and date it by the year its title speaks of."""
    fields = draft.fields
    if fields.number or fields.symbol or fields.date or header.organ_lines or not (fields.title and fields.doc_type):
        return  # without even a type line and title, the header was not found rather than not printed
    fields.not_in_copy = ["number", "date"] + (["place"] if any(n.key == "place" for n in draft.notes) else [])
    year = _IMPLIED_YEAR.search(fields.title) or _IMPLIED_YEAR.search(_preamble(_text_lines(draft.body)))
    if year:
        fields.date = year.group(1)
    draft.notes.append(Note("not_in_copy", "bản sao không in số, ngày ban hành" + (
        f"; năm {fields.date} suy ra từ trích yếu và nội dung" if fields.date else ""),
        "đối chiếu bản gốc: có số, ngày thì điền vào number, date và bỏ khỏi not_in_copy"))


def _text_lines(text: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(text.split("\n"), start=1)]


def _preamble(lines: list[Line]) -> str:
    """The text before the first numbered section: where a plan says who makes it."""
    text = []
    for line in lines:
        if numbering(line.text):
            break
        text.append(line.text)
    sentences = " ".join(text)
    closing = [s for s in re.split(r"(?<=[.;:])\s+", sentences) if "như sau" in s]
    return " ".join(closing) or sentences


def _notes_for(draft: Draft, header: Header, closing, footnotes) -> list[Note]:
    fields = draft.fields
    values = {"number": fields.number or fields.symbol, "doc_type": fields.doc_type, "title": fields.title,
              "issuer": fields.issuer, "locality": fields.locality, "place": fields.place, "date": fields.date,
              "signer.title": fields.signer_title, "signer.name": fields.signer_name,
              "recipients": fields.recipients}
    taken = {note.key for note in draft.notes} | set(fields.not_in_copy)
    notes = [Note(key, *_REQUIRED[key], todo=True) for key, value in values.items() if not value and key not in taken]
    if len(fields.date) == 4 and "date" not in fields.not_in_copy:
        notes.append(Note("date", f"ngày ban hành in thiếu tháng; chỉ đọc được năm {fields.date}",
                          "ghi năm-tháng-ngày theo bản gốc có đủ ngày tháng", todo=True))
    if fields.recipients_note:
        notes.append(Note("recipients_note", "ghi chú in bên cạnh danh sách nơi nhận", "kiểm tra lại với bản gốc"))
    if header.leftovers:
        notes.append(Note("", f"{len(header.leftovers)} dòng ở phần đầu văn bản không rõ là gì, đã để ở đầu nội dung",
                          "xem lại, chuyển vào đúng khóa hoặc xóa nếu không thuộc văn bản"))
    if closing.unplaced:
        notes.append(Note("", "có chữ ở khối chữ ký không rõ là gì, đã để ở cuối nội dung", "xem lại cuối nội dung"))
    for note in footnotes:
        tail = note.paragraphs[-1] if note.paragraphs else ""
        if note.referenced and tail and ends_open(tail):
            notes.append(Note("", f"chú thích {note.label} dừng giữa câu ('… {' '.join(tail.split()[-4:])}'); "
                              "phần còn lại có thể đang nằm trong nội dung",
                              f"tìm phần tiếp theo (thường ở chân trang sau) và chuyển vào [^{note.label}]"))
        if not note.referenced:
            notes.append(Note("", f"chú thích {note.label} không tìm thấy dấu chú thích trong văn bản, đã để thành đoạn văn",
                              f"thêm [^{note.label}] vào chỗ chú thích trong văn bản"))
    return notes


# --- the command: read, convert, check, write ---------------------------------------------------

@dataclass(frozen=True)
class ImportRequest:
    source: Path
    root: Path
    out_dir: Path | None = None
    locality: str = ""
    force: bool = False


@dataclass
class ImportOutcome:
    problems: Problems
    written: str = ""  # the new file, as shown to editors
    coverage: Coverage | None = None
    kept: list[str] = field(default_factory=list)  # keys kept from the file replaced with --force
    body_offset: int = 0  # lines of the written file before its body's first line


def import_plan(request: ImportRequest) -> ImportOutcome:
    outcome = ImportOutcome(Problems())
    problems = outcome.problems
    source = read_source(request.source, display_path(request.source, request.root), problems)
    provinces = _registry(request.root, problems)
    if source is None or not _locality_known(request, provinces, problems):
        return outcome
    draft = convert(source, provinces, request.locality)
    directory = _target_directory(request, draft, source.path, problems)
    if directory is None:
        return outcome
    outcome.coverage = check_coverage(source.text, draft.kept_texts(), draft.removed, draft.footnote_labels)
    outcome.coverage.misplaced = check_placement(source, draft, _excused(draft))
    target = directory / file_name(draft.fields)
    if not _may_write(target, directory, request, problems):
        return outcome
    text, outcome.kept = _file_text(draft, outcome.coverage, target if target.exists() else None)
    written = write_file(directory, target.name, text)
    outcome.body_offset = text[:text.index("\n---\n", 3) + 5].count("\n") + 1
    outcome.written = display_path(written, request.root)
    _report_notes(draft, text, outcome)
    return outcome


def _registry(root: Path, problems: Problems) -> list[Province]:
    registry_problems = Problems()
    provinces = load_localities(root / "content" / "localities.yaml", root, registry_problems)
    for problem in registry_problems:
        problems.warning(problem.where, problem.what, problem.fix)
    return provinces


def _locality_known(request: ImportRequest, provinces: list[Province], problems: Problems) -> bool:
    if not request.locality or find_district(provinces, request.locality):
        return True
    problems.error(Position("content/localities.yaml"), f"địa phương '{request.locality}' (--locality) không có trong danh mục",
                   "dùng một khóa <tỉnh>/<huyện> có trong content/localities.yaml, ví dụ quang-ninh/uong-bi")
    return False


def _target_directory(request: ImportRequest, draft: Draft, shown: str, problems: Problems) -> Path | None:
    if request.out_dir is not None:
        return request.out_dir
    if draft.fields.locality:
        return request.root / "content" / "plans" / draft.fields.locality
    problems.error(Position(shown), "không xác định được văn bản thuộc địa phương nào nên chưa biết ghi vào đâu",
                   "nhập lại với --locality <tỉnh>/<huyện> (xem content/localities.yaml; địa phương mới thì thêm vào "
                   "đó trước) hoặc --out THƯ_MỤC")
    return None


def _may_write(target: Path, directory: Path, request: ImportRequest, problems: Problems) -> bool:
    shown = display_path(target, request.root)
    if target.is_symlink() or (target.exists() and target.resolve().parent != directory.resolve()):
        problems.error(Position(shown), "tệp đích là liên kết trỏ ra ngoài thư mục đích; không ghi",
                       "xóa liên kết đó hoặc chọn thư mục khác với --out")
        return False
    if target.exists() and not request.force:
        problems.error(Position(shown), "tệp này đã có; lệnh nhập không ghi đè",
                       "xem lại tệp cũ; muốn thay bằng bản nhập mới thì chạy lại với --force")
        return False
    if target.exists() and not target.is_file():
        problems.error(Position(shown), "đã có một thư mục trùng tên tệp cần ghi", "đổi tên hoặc xóa thư mục đó")
        return False
    return True


def _excused(draft: Draft) -> set[str]:
    """Words that may stand out of order: those also moved on purpose (into the front matter,
    left out as page furniture), which the bag check of `coverage` accounts for."""
    return set(words(" ".join(draft.fields.strings() + [item.text for item in draft.removed] + [PRINTED_BY_SITE])))


def _file_text(draft: Draft, coverage: Coverage, replaced: Path | None) -> tuple[str, list[str]]:
    lost = ""
    if coverage.lost:
        lost = (f"TODO: {len(coverage.lost)} chữ của văn bản gốc không có trong tệp này: {', '.join(coverage.lost[:30])}"
                " — đối chiếu với bản gốc, bổ sung rồi xóa dòng này")
    elif coverage.misplaced:
        lost = (f"TODO: {coverage.misplaced[0].message()}"
                " — đối chiếu với bản gốc, đặt lại cho đúng chỗ rồi xóa dòng này")
    yaml_text = front_matter(draft.fields, draft.notes, lost)
    body = draft.body
    kept: dict[str, str] = {}
    if replaced is not None:
        old = replaced.read_text(encoding="utf-8")
        kept = kept_from(old)
        body = place_markers(old, body, kept)
    yaml_text += "".join(block + "\n" for block in kept.values())
    return f"---\n{yaml_text}---\n\n{body}", list(kept)


def _report_notes(draft: Draft, text: str, outcome: ImportOutcome) -> None:
    for note in draft.notes:
        line = todo_line(text, note.key) if note.key else 1
        what = f"{'chưa điền' if note.todo else 'cần xem lại'} '{note.key or 'nội dung'}': {note.message}"
        outcome.problems.warning(Position(outcome.written, line, 1), what, note.fix)
