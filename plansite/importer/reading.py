"""Reading a received document: UTF-8 text (.txt, .md) or Word (.docx) into numbered lines.

A .docx is flattened into the same shape as text copied out of a PDF, so every later step
reads one format: each Word paragraph becomes a line followed by a blank line, data tables
become tab-separated rows, the header and signature tables (laid out in two columns) are
read cell by cell, and Word footnotes become '¹ text' lines at the end.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from plansite.content.source import decode
from plansite.errors import Position, Problems
from plansite.importer.document import Line, SourceDoc
from plansite.importer.lines import SUPERSCRIPT_DIGITS

TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED = TEXT_SUFFIXES + (".docx",)
_CONVERT_FIRST = {
    ".doc": "mở tệp bằng Word, chọn Lưu thành (Save As) → Word Document (.docx), rồi nhập tệp .docx",
    ".pdf": "mở PDF, chọn toàn bộ nội dung (Ctrl+A), chép vào một tệp .txt lưu dạng UTF-8, rồi nhập tệp .txt đó",
    ".odt": "mở tệp bằng LibreOffice, chọn Lưu thành → Word 2007-365 (.docx), rồi nhập tệp .docx",
    ".rtf": "mở tệp bằng Word, chọn Lưu thành → Word Document (.docx), rồi nhập tệp .docx",
}


def read_source(path: Path, shown: str, problems: Problems) -> SourceDoc | None:
    """The document as lines, or None with a problem an editor can act on."""
    suffix = path.suffix.lower()
    if not path.is_file():
        problems.error(Position(shown), "không tìm thấy tệp cần nhập",
                       "kiểm tra lại đường dẫn và tên tệp (chạy lệnh trong thư mục gốc của dự án)")
        return None
    if suffix not in SUPPORTED:
        problems.error(Position(shown), f"không nhập được tệp '{suffix or 'không có đuôi'}'; chỉ nhận .txt, .md, .docx",
                       _CONVERT_FIRST.get(suffix, "chép nội dung văn bản vào một tệp .txt (UTF-8) rồi nhập tệp đó"))
        return None
    source = _read_docx(path, shown, problems) if suffix == ".docx" else _read_text(path, shown, problems)
    if source is not None and not source.text.strip():
        problems.error(Position(shown), "tệp không có chữ nào", "kiểm tra lại tệp: có thể đã chép nhầm hoặc lưu chưa xong")
        return None
    return source


def _read_text(path: Path, shown: str, problems: Problems) -> SourceDoc | None:
    if path.stat().st_size > MAX_TEXT_BYTES:
        problems.error(Position(shown), f"tệp văn bản lớn {_megabytes(path.stat().st_size)}, quá giới hạn "
                       f"{_megabytes(MAX_TEXT_BYTES)}, không giống một kế hoạch",
                       "kiểm tra lại tệp: có thể đã chép nhầm; một kế hoạch thường dưới 1 MB")
        return None
    source = decode(shown, path.read_bytes(), problems)
    if source is None:
        return None
    if "\x00" in source.text:
        line = source.text[:source.text.index("\x00")].count("\n") + 1
        problems.error(Position(shown, line, 1), "tệp chứa ký tự NUL, không phải văn bản thuần",
                       "mở văn bản gốc, chép phần chữ vào một tệp .txt mới (UTF-8) rồi nhập tệp đó")
        return None
    return SourceDoc(shown, _numbered(_without_controls(source.text.split("\n"), shown, problems)))


# Control characters a copy can carry (a PDF's form feed, Word's vertical tab, stray C0/C1
# bytes, bidi overrides): no word is in them, and YAML or the page would choke on them.
_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1b\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SHOWN_CONTROLS = 3


def _without_controls(texts: list[str], shown: str, problems: Problems) -> list[str]:
    """Line-breaking controls become line breaks; the others are dropped, each reported
    (the first few) with its position so the editor can look at the original."""
    texts = [part for text in texts for part in _BREAKS.sub("\n", text).split("\n")]
    found = [(number, match.start() + 1, match.group()) for number, text in enumerate(texts, start=1)
             for match in _CONTROLS.finditer(text)]
    for index, (number, column, char) in enumerate(found[:_SHOWN_CONTROLS]):
        more = f" (cả tệp có {len(found)} ký tự như vậy)" if index == 0 and len(found) > 1 else ""
        problems.warning(Position(shown, number, column), f"đã bỏ ký tự điều khiển U+{ord(char):04X}{more}",
                         "ký tự này không hiện ra khi đọc; so với bản gốc nếu chỗ đó thiếu chữ")
    return [_CONTROLS.sub("", text) for text in texts] if found else texts


def _numbered(texts: list[str]) -> tuple[Line, ...]:
    return tuple(Line(number, text) for number, text in enumerate(texts, start=1))


# A plan of several hundred pages unpacks to a few megabytes and some thousand paragraphs; a
# file far beyond that is a decompression bomb, refused before python-docx unpacks it.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_PARAGRAPHS = 50_000
MAX_TEXT_BYTES = 16 * 1024 * 1024
_PARAGRAPH_TAG = re.compile(rb"<w:p[\s>/]")


def _bomb(path: Path) -> str:
    """Why a .docx must not be unpacked ('' if it may): sizes as declared in the zip directory
    (zipfile never inflates an entry past its declared size) and the paragraph count."""
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            return f"giải nén ra {_megabytes(unpacked)}, quá giới hạn {_megabytes(MAX_UNPACKED_BYTES)}"
        body = next((e for e in entries if e.filename == "word/document.xml"), None)
        if body is None:
            return ""
        count, tail = 0, b""
        with archive.open(body) as stream:
            while chunk := stream.read(1 << 20):
                count += len(_PARAGRAPH_TAG.findall(tail + chunk)) - len(_PARAGRAPH_TAG.findall(tail))
                tail = chunk[-8:]
                if count > MAX_PARAGRAPHS:
                    return f"có hơn {MAX_PARAGRAPHS:,} đoạn văn".replace(",", ".")
    return ""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB".replace(",", ".")


def _read_docx(path: Path, shown: str, problems: Problems) -> SourceDoc | None:
    try:
        bomb = _bomb(path)
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile, NotImplementedError):
        bomb = ""  # not a readable zip: python-docx reports it below as a damaged file
    if bomb:
        problems.error(Position(shown), f"không nhập tệp Word này: {bomb}, không giống một kế hoạch",
                       "mở tệp bằng Word, kiểm tra nội dung, lưu lại dạng .docx; hoặc chép phần chữ vào tệp .txt rồi nhập")
        return None
    try:
        texts = docx_lines(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        problems.error(Position(shown), "không đọc được tệp Word (tệp hỏng, hoặc không phải .docx)",
                       "mở tệp bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi nhập lại; hoặc chép nội dung vào tệp .txt")
        return None
    return SourceDoc(shown, _numbered(_without_controls(texts, shown, problems)), whole_paragraphs=True)


def docx_lines(path: Path) -> list[str]:
    """The text of a .docx in reading order, shaped like text copied out of the document."""
    import docx  # python-docx: only needed for Word files
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except docx.opc.exceptions.PackageNotFoundError as err:
        raise ValueError(str(err)) from err
    notes = _WordFootnotes(document)
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            lines.extend(_table_lines(item, notes))
        else:
            lines.extend(_paragraph_text(item, notes).split("\n"))
        lines.append("")
    lines.extend(notes.definitions())
    return lines


class _WordFootnotes:
    """Footnote references become superscript numbers in order; their texts are listed last."""

    def __init__(self, document):
        self.texts = _footnote_texts(document)
        self.order: list[str] = []

    def reference(self, note_id: str) -> str:
        self.order.append(note_id)
        return superscript(len(self.order))

    def definitions(self) -> list[str]:
        lines = []
        for number, note_id in enumerate(self.order, start=1):
            lines += [f"{superscript(number)} {self.texts.get(note_id, '').strip()}", ""]
        return lines


def superscript(number: int) -> str:
    return "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(number))


def _footnote_texts(document) -> dict[str, str]:
    from docx.oxml.ns import qn
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            return {note.get(qn("w:id")): " ".join(_paragraph_xml_text(p, None) for p in note.iter(qn("w:p")))
                    for note in root.iter(qn("w:footnote"))}
    return {}


def _paragraph_text(paragraph, notes: _WordFootnotes) -> str:
    text = _paragraph_xml_text(paragraph._p, notes)
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("List Bullet") and text.strip():
        return "- " + text.strip()
    return text


def _paragraph_xml_text(element, notes: _WordFootnotes | None) -> str:
    """Text of a w:p, keeping tabs, line breaks, superscript digits and footnote references."""
    from docx.oxml.ns import qn

    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:footnoteReference")):
        if node.tag == qn("w:t"):
            parts.append(_superscripted(node.text or "", node.getparent()))
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:footnoteReference"):
            parts.append(notes.reference(node.get(qn("w:id"))) if notes else "")
        else:
            parts.append("\n")
    return "".join(parts)


def _superscripted(text: str, run) -> str:
    """Digits in a superscript run are footnote markers: write them as '¹' so they survive."""
    from docx.oxml.ns import qn

    align = run.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}") if run is not None else None
    if align is not None and align.get(qn("w:val")) == "superscript" and text.strip().isdigit():
        return superscript(int(text.strip()))
    return text


_LAYOUT = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do|^\s*Số\s*:|Nơi nhận|^\s*(?:TM|KT|TL|TUQ)\.",
                     re.MULTILINE | re.IGNORECASE)


def _table_lines(table, notes: _WordFootnotes) -> list[str]:
    """A header or signature table cell by cell; any other table as tab-separated rows."""
    rows = [_unique_cells(row) for row in table.rows]
    texts = [[[_paragraph_text(p, notes) for p in cell.paragraphs] if cell is not None else [] for cell in row]
             for row in rows]
    if any(_LAYOUT.search("\n".join(cell)) for row in texts for cell in row):
        return [line for row in texts for cell in row for line in ("\n".join(cell).split("\n") + [""])]
    return ["\t".join(" ".join(" ".join(cell).split()) for cell in row) for row in texts]


def _unique_cells(row) -> list:
    """Merged cells repeat in python-docx's row.cells; keep the first, leave the rest empty."""
    seen, cells = set(), []
    for cell in row.cells:
        cells.append(None if id(cell._tc) in seen else cell)
        seen.add(id(cell._tc))
    return cells
