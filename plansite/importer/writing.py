"""Writing the content file: front matter with TODO comments, its name, and a safe write.

Fields the importer could not find are written empty with a '# TODO' comment; `build.py
check` refuses a file that still has one, so nothing half-imported is ever published. A file
is never overwritten without --force, and never written outside the target folder. When
--force replaces a file, what only an editor adds (targets, programme, levels and where
their tables stand in the text) is kept from the file it replaces.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import yaml

from plansite.importer.document import Fields, Note
from plansite.vietnamese import slugify

KEPT_ON_REIMPORT = ("levels", "targets", "programme")
TODO = "TODO"
_TITLE_WORDS_IN_NAME = 6
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_]\w*):")
_MARKER = re.compile(r"^\[\[(targets|programme)\]\]$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def file_name(fields: Fields) -> str:
    """'2023-95-kh-pgddt.md'; for a draft without a number, the symbol and a few title words."""
    year = fields.date[:4] if fields.date else "0000"
    if fields.number:
        stem = slugify(fields.number)
    else:
        title = "-".join(slugify(fields.title).split("-")[:_TITLE_WORDS_IN_NAME])
        stem = "-".join(part for part in (slugify(fields.symbol or fields.doc_type), title) if part)
    return f"{year}-{stem or 'ke-hoach'}.md"


def front_matter(fields: Fields, notes: list[Note], header_comment: str = "") -> str:
    comments = {note.key: _comment(note) for note in notes if note.key}
    out = [f"# {header_comment}"] if header_comment else []
    out.append(_entry("number", fields.number, comments))
    if not fields.number and fields.symbol:
        out.append(_entry("symbol", fields.symbol, comments))
    for key in ("doc_type", "title", "issuer"):
        out.append(_entry(key, getattr(fields, key), comments))
    if fields.parent_issuer:
        out.append(_entry("parent_issuer", fields.parent_issuer, comments))
    for key in ("locality", "place"):
        out.append(_entry(key, getattr(fields, key), comments))
    out.append(_entry("date", fields.date, comments, quoted=True))
    if fields.not_in_copy:
        out.append(f"not_in_copy: [{', '.join(fields.not_in_copy)}]{comments.get('not_in_copy', '')}")
    if fields.status:
        out.append(_entry("status", fields.status, comments))
    out.append("signer:")
    if fields.signer_authority:
        out.append("  authority:" + "".join(f"\n    - {_scalar(a)}" for a in fields.signer_authority))
    out.append("  " + _entry("title", fields.signer_title, comments, key_path="signer.title"))
    out.append("  " + _entry("name", fields.signer_name, comments, key_path="signer.name"))
    out.append(_recipients(fields.recipients, comments))
    if fields.recipients_note:
        out.append(_entry("recipients_note", fields.recipients_note, comments))
    return "\n".join(out) + "\n"


def _comment(note: Note) -> str:
    prefix = f"{TODO}: " if note.todo else ""
    return f"  # {prefix}{note.message} — {note.fix}"


def _entry(key: str, value: str, comments: dict[str, str], quoted: bool = False, key_path: str = "") -> str:
    text = json.dumps(value, ensure_ascii=False) if quoted or not value else _scalar(value)
    return f"{key}: {text}{comments.get(key_path or key, '')}"


def _recipients(recipients: list[str], comments: dict[str, str]) -> str:
    if not recipients:
        return "recipients: []" + comments.get("recipients", "")
    return "recipients: # Nơi nhận" + "".join(f"\n  - {_scalar(r)}" for r in recipients)


def _scalar(value: str) -> str:
    """A YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    risky = value != value.strip() or value[:1] in "-?:,[]{}#&*!|>'\"%@`" or ": " in value or " #" in value
    if not risky and not value.endswith(":"):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def todo_line(text: str, key_path: str) -> int:
    """1-based line of `key_path` ('signer.name') in a written file, for messages."""
    key = key_path.split(".")[-1]
    pattern = re.compile(rf"^\s*{re.escape(key)}:")
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return number
    return 1


# --- keeping an editor's structured data when a file is imported again (--force) ------------

def kept_from(old_text: str) -> dict[str, str]:
    """The YAML text of the keys in KEPT_ON_REIMPORT, exactly as the editor wrote them."""
    lines = old_text.split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        return {}
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    blocks: dict[str, list[str]] = {}
    current = None
    for line in lines[1:end]:
        key = _TOP_LEVEL_KEY.match(line)
        if key:
            current = key.group(1)
            blocks[current] = []
        if current:
            blocks[current].append(line)
    return {key: "\n".join(text).rstrip() for key, text in blocks.items() if key in KEPT_ON_REIMPORT}


def place_markers(old_text: str, new_body: str, kept: dict[str, str]) -> str:
    """Put '[[targets]]' / '[[programme]]' back under the heading they stood under."""
    lines = new_body.split("\n")
    for marker, heading, directly in _old_markers(old_text):
        if marker not in kept or f"[[{marker}]]" in new_body:
            continue
        position = _marker_position(lines, heading, directly)
        if position is not None:
            lines[position:position] = [f"[[{marker}]]", ""]
    return "\n".join(lines)


def _old_markers(old_text: str) -> list[tuple[str, str, bool]]:
    found = []
    heading, since_heading = "", 0
    for line in old_text.split("\n"):
        match = _HEADING.match(line)
        if match:
            heading, since_heading = match.group(2).strip(), 0
        elif _MARKER.match(line.strip()):
            found.append((_MARKER.match(line.strip()).group(1), heading, since_heading == 0))
        elif line.strip():
            since_heading += 1
    return found


def _marker_position(lines: list[str], heading: str, directly: bool) -> int | None:
    for index, line in enumerate(lines):
        match = _HEADING.match(line)
        if match and match.group(2).strip() == heading:
            if directly:
                return index + 2
            level = len(match.group(1))
            for end in range(index + 1, len(lines)):
                other = _HEADING.match(lines[end])
                if (other and len(other.group(1)) <= level) or lines[end].startswith("[^"):
                    return end
            return len(lines)
    return None


def write_file(directory: Path, name: str, text: str) -> Path:
    """Write atomically: a reader never sees half a file."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    temporary = directory / f".{name}.{os.getpid()}.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    return target
