"""JSON Schemas of the open-data files, published under /du-lieu/schema/.

The JSON files' schemas live in schemas/data/ (tests validate the published files against
them); each CSV file's schema describes one row, built here from its column list.
"""
from __future__ import annotations

import json

from plansite.content.schema import SCHEMAS as ALL_SCHEMAS
from plansite.exports.tables import CITATION_COLUMNS, DOCUMENT_COLUMNS, PLAN_COLUMNS

SCHEMAS = ALL_SCHEMAS / "data"
JSON_SCHEMAS = {"ke-hoach.schema.json": "plans.schema.json", "ke-hoach-ban-ghi.schema.json": "plan-record.schema.json"}
COLUMN_NOTES = {
    "id": "Mã ổn định (địa chỉ trang, không có '/' cuối).",
    "url": "Địa chỉ trang.",
    "levels": "Các cấp học, cách nhau bởi dấu cách.",
    "cited_documents": "Mã các văn bản được trích dẫn, cách nhau bởi dấu cách (xem van-ban.csv).",
    "line": "Dòng trong tệp Markdown của kế hoạch.",
    "anchor_url": "Chỗ câu trích dẫn trên trang kế hoạch (hoặc tiêu đề, nếu trích dẫn ở tiêu đề).",
    "in_title": "'có' khi trích dẫn nằm trong trích yếu.",
}
CSV_FILES = {"ke-hoach.csv": ("Mỗi dòng một kế hoạch", PLAN_COLUMNS),
             "van-ban.csv": ("Mỗi dòng một văn bản được trích dẫn", DOCUMENT_COLUMNS),
             "trich-dan.csv": ("Mỗi dòng một lần trích dẫn: kế hoạch, văn bản, đoạn chữ, địa chỉ", CITATION_COLUMNS)}


def csv_schema(name: str) -> dict:
    title, columns = CSV_FILES[name]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json",
            "title": f"{title} ({name})",
            "description": "One row of the CSV file: UTF-8 with a byte-order mark, a header row with these column names, "
                           "CRLF line ends (RFC 4180). Every value is text; counts are whole numbers.",
            "type": "object", "required": list(columns), "additionalProperties": False,
            "properties": {c: {"type": "string", **({"description": COLUMN_NOTES[c]} if c in COLUMN_NOTES else {})}
                           for c in columns}}


def schema_files(folder: str) -> dict[str, bytes]:
    files = {f"{folder}schema/{published}": (SCHEMAS / source).read_bytes() for published, source in JSON_SCHEMAS.items()}
    for name in CSV_FILES:
        files[f"{folder}schema/{name}.schema.json"] = (json.dumps(csv_schema(name), ensure_ascii=False, indent=1)
                                                       + "\n").encode("utf-8")
    return files
