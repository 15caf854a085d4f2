"""Front-matter validation against schemas/plan.schema.json, with editor-friendly messages.

The JSON Schema file is the single source of truth for keys and types (editors' YAML tools
can use it too); this module only turns jsonschema's findings into Vietnamese messages that
say what to change, placed at the line and column of the offending key or value.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from plansite.content.quick_schema import compile_check
from plansite.content.yaml_positions import LoadedYaml
from plansite.errors import Problems

_PACKAGE = Path(__file__).resolve().parents[1]
# schemas/ at the repository root in a checkout; an installed package carries them (pyproject.toml).
SCHEMAS = next((d for d in (_PACKAGE / "schemas", _PACKAGE.parent / "schemas") if d.is_dir()), _PACKAGE / "schemas")

# How to fix a value that does not match its pattern, per key.
_PATTERN_FIXES = {
    "number": "ghi số ký hiệu như in trên văn bản, không có dấu cách, ví dụ number: 95/KH-PGDĐT (để \"\" nếu là dự thảo chưa có số)",
    "symbol": "ghi ký hiệu không có số và dấu '/', ví dụ symbol: KH-UBND",
    "locality": "ghi '<tỉnh>/<huyện>' bằng chữ thường không dấu như trong content/localities.yaml, ví dụ locality: quang-ninh/uong-bi",
    "date": "ghi ngày theo dạng năm-tháng-ngày trong ngoặc kép, ví dụ date: \"2023-02-01\" (hoặc \"2020-10\" nếu văn bản không ghi ngày)",
    "authority": "mỗi dòng bắt đầu bằng 'TM.', 'KT.', 'TL.', 'TUQ.' hoặc 'Q.', ví dụ - KT. CHỦ TỊCH",
    "link": "ghi địa chỉ đầy đủ bắt đầu bằng https://",
    "aliases": "ghi mã văn bản bằng chữ thường không dấu, nối bằng '-', ví dụ 29-nq-tw",
}

_TYPE_NAMES = {"string": "một chuỗi chữ", "array": "một danh sách (các dòng bắt đầu bằng '- ')",
               "object": "một nhóm khóa con", "integer": "một số nguyên", "number": "một số"}


@cache
def validator(schema_name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def valid_at_once(schema_name: str):
    """A compiled check that answers True only for data the schema accepts (plansite/content/quick_schema.py);
    anything else goes through jsonschema, whose findings make the messages."""
    return compile_check(json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8")))


def validate_front_matter(loaded: LoadedYaml, problems: Problems, schema_name: str = "plan.schema.json") -> bool:
    """Report every schema violation; True when there was none."""
    if not isinstance(loaded.data, dict):
        problems.error(loaded.where(()), "phần thông tin (YAML) phải là các dòng 'khóa: giá trị'",
                       "xem mẫu trong README, mục 'Thêm một kế hoạch'")
        return False
    if valid_at_once(schema_name)(loaded.data):  # the common case: no need for jsonschema's walk
        return True
    errors = sorted(validator(schema_name).iter_errors(loaded.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        _report(error, loaded, problems)
    return not errors


def _report(error: ValidationError, loaded: LoadedYaml, problems: Problems) -> None:
    key_path = tuple(error.absolute_path)
    name = _dotted(key_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        problems.error(loaded.where(key_path), f"thiếu khóa bắt buộc '{_dotted(key_path + (missing,))}'",
                       f"thêm dòng '{missing}: ...' (xem mẫu trong README)")
    elif kind == "additionalProperties":
        for extra in _unexpected_keys(error):
            allowed = ", ".join(error.schema.get("properties", {}))
            problems.error(loaded.where(key_path + (extra, "<key>")), f"khóa '{_dotted(key_path + (extra,))}' không có trong mẫu",
                           f"kiểm tra chính tả; các khóa được dùng ở đây: {allowed}")
    elif kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        problems.error(loaded.where(key_path), f"'{name}' phải là {_TYPE_NAMES.get(expected, expected)}",
                       _type_fix(expected, error.instance))
    elif kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        problems.error(loaded.where(key_path), f"giá trị '{error.instance}' không hợp lệ cho '{name}'",
                       f"dùng một trong: {choices}")
    elif kind == "pattern":
        field_name = next((k for k in reversed(key_path) if isinstance(k, str)), "")
        problems.error(loaded.where(key_path), f"'{name}' viết chưa đúng dạng: '{error.instance}'",
                       _PATTERN_FIXES.get(field_name, "xem mô tả khóa này trong schemas/plan.schema.json"))
    elif kind in ("minLength", "minItems"):
        problems.error(loaded.where(key_path), f"'{name}' đang để trống", "điền nội dung như in trên văn bản")
    elif kind in ("minimum", "maximum"):
        problems.error(loaded.where(key_path), f"'{name}' = {error.instance} nằm ngoài khoảng cho phép",
                       "quý là 1, 2, 3 hoặc 4; năm có 4 chữ số")
    elif kind == "uniqueItems":
        problems.error(loaded.where(key_path), f"'{name}' có giá trị lặp lại", "xóa dòng trùng")
    else:
        problems.error(loaded.where(key_path), f"'{name}': {error.message}", "xem schemas/plan.schema.json")


def _unexpected_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return sorted(k for k in error.instance if k not in allowed)


def _type_fix(expected: str, found) -> str:
    if expected == "string" and isinstance(found, dict):
        return "dòng có dấu ':' nên YAML hiểu nhầm thành khóa con; đặt cả dòng trong ngoặc kép, ví dụ - \"Lưu: VT, GDĐT.\""
    if expected == "string":
        return "đặt giá trị trong ngoặc kép, ví dụ \"2023-02-01\" hoặc \"95/KH-PGDĐT\""
    if expected == "array":
        return "viết mỗi mục trên một dòng riêng bắt đầu bằng '- '"
    if expected == "object":
        return "viết các khóa con thụt lề 2 dấu cách bên dưới khóa này"
    return "ghi một số, không có chữ"


def _dotted(key_path: tuple) -> str:
    parts: list[str] = []
    for key in key_path:
        if isinstance(key, int):
            parts.append(f"[{key + 1}]")
        else:
            parts.append(("." if parts else "") + key)
    return "".join(parts) or "phần thông tin"
