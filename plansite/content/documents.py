"""Loading content/documents/<id>.yaml: editors' knowledge about cited documents."""
from __future__ import annotations

import re
from pathlib import Path

from plansite.content.schema import validate_front_matter
from plansite.content.source import decode
from plansite.content.yaml_positions import load_yaml
from plansite.errors import Position, Problems, display_path
from plansite.model import CuratedDocument

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_curated_documents(documents_dir: Path, root: Path, problems: Problems) -> list[CuratedDocument]:
    if not documents_dir.is_dir():
        return []
    documents = []
    for path in sorted(documents_dir.iterdir()):
        document = _load(path, root, problems)
        if document is not None:
            documents.append(document)
    return documents


def _load(path: Path, root: Path, problems: Problems) -> CuratedDocument | None:
    shown = display_path(path, root)
    if path.suffix != ".yaml" or not _ID.fullmatch(path.stem):
        problems.error(Position(shown), f"tên tệp '{path.name}' chưa đúng dạng <mã-văn-bản>.yaml",
                       "đặt tên theo mã văn bản trong địa chỉ trang /van-ban/<mã>/, ví dụ 29-nq-tw.yaml")
        return None
    if not path.resolve().is_relative_to(path.parent.resolve()):
        problems.error(Position(shown), "tệp trỏ ra ngoài thư mục content/documents", "thay liên kết bằng chính tệp")
        return None
    source = decode(shown, path.read_bytes(), problems)
    loaded = load_yaml(source.text, shown, 1, problems) if source else None
    if loaded is None or not validate_front_matter(loaded, problems, "document.schema.json"):
        return None
    data = loaded.data
    return CuratedDocument(id=path.stem, source_path=shown, aliases=tuple(data.pop("aliases", ())), **data)
