"""Loading content/documents/<id>.yaml: editors' knowledge about cited documents."""
from __future__ import annotations

import re
from pathlib import Path

from plansite.content.markup import check_url
from plansite.content.schema import validate_front_matter
from plansite.content.source import decode, read_file, safe_resolve
from plansite.content.yaml_positions import load_yaml
from plansite.errors import Position, Problems, display_path
from plansite.model import CuratedDocument

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_curated_documents(documents_dir: Path, root: Path, problems: Problems,
                           allowed_hosts: tuple[str, ...] = ()) -> list[CuratedDocument]:
    if not documents_dir.is_dir():
        return []
    documents = []
    for path in sorted(documents_dir.iterdir()):
        document = _load(path, root, problems, allowed_hosts)
        if document is not None:
            documents.append(document)
    _check_aliases(documents, problems)
    return documents


def _check_aliases(documents: list[CuratedDocument], problems: Problems) -> None:
    """An alias merges misspelt ids into a document; it may not capture another document's own id."""
    files = {document.id: document.source_path for document in documents}
    for document in documents:
        for alias, (line, col) in zip(document.aliases, document.alias_at, strict=True):
            if alias in files and alias != document.id:
                problems.error(Position(document.source_path, line, col),
                               f"bí danh '{alias}' là mã riêng của văn bản khác ({files[alias]})",
                               "bí danh chỉ gộp các cách ghi sai số của chính văn bản này: xóa dòng này khỏi aliases")


def _load(path: Path, root: Path, problems: Problems, allowed_hosts: tuple[str, ...]) -> CuratedDocument | None:
    shown = display_path(path, root)
    if path.suffix != ".yaml" or not _ID.fullmatch(path.stem):
        problems.error(Position(shown), f"tên tệp '{path.name}' chưa đúng dạng <mã-văn-bản>.yaml",
                       "đặt tên theo mã văn bản trong địa chỉ trang /van-ban/<mã>/, ví dụ 29-nq-tw.yaml")
        return None
    real = safe_resolve(path)
    if real is not None and not real.is_relative_to(path.parent.resolve()):
        problems.error(Position(shown), "tệp trỏ ra ngoài thư mục content/documents", "thay liên kết bằng chính tệp")
        return None
    data = read_file(path, shown, problems)
    source = decode(shown, data, problems) if data is not None else None
    loaded = load_yaml(source.text, shown, 1, problems) if source else None
    if loaded is None or not validate_front_matter(loaded, problems, "document.schema.json"):
        return None
    data = loaded.data
    if data.get("link"):
        link_problems = Problems()
        check_url(data["link"], loaded.where(("link",)), allowed_hosts, link_problems)
        problems.extend(link_problems)
        if link_problems.errors:
            return None
    aliases = tuple(data.pop("aliases", ()))
    alias_at = tuple((loaded.where(("aliases", i)).line, loaded.where(("aliases", i)).col) for i in range(len(aliases)))
    return CuratedDocument(id=path.stem, source_path=shown, aliases=aliases, alias_at=alias_at, **data)
