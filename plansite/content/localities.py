"""Loading and checking content/localities.yaml, the registry of provinces and districts."""
from __future__ import annotations

import re
from pathlib import Path

from plansite.content.source import decode, read_file
from plansite.content.yaml_positions import REGISTRY_LIMITS, LoadedYaml, load_yaml
from plansite.errors import Position, Problems, display_path
from plansite.model import District, Province
from plansite.vietnamese import slugify

PROVINCE_TYPES = ("tỉnh", "thành phố trực thuộc trung ương")
DISTRICT_TYPES = ("quận", "huyện", "thị xã", "thành phố thuộc tỉnh")
_UNIT_FIELDS = ("slug", "name", "type", "code", "since_2025")


def load_localities(path: Path, root: Path, problems: Problems) -> list[Province]:
    shown = display_path(path, root)
    data = read_file(path, shown, problems) if path.exists() or path.is_symlink() else None
    source = decode(shown, data, problems) if data is not None else None
    if source is None:
        if not path.exists() and not path.is_symlink():
            problems.error(Position(shown), "không tìm thấy danh mục địa phương",
                           "tạo tệp content/localities.yaml theo mẫu trong README")
        return []
    loaded = load_yaml(source.text, shown, 1, problems, REGISTRY_LIMITS)
    if loaded is None:
        return []
    provinces_data = loaded.data.get("provinces") if isinstance(loaded.data, dict) else None
    if not isinstance(provinces_data, list):
        problems.error(loaded.where(()), "thiếu danh sách 'provinces:'", "bắt đầu tệp bằng 'provinces:' rồi liệt kê từng tỉnh")
        return []
    provinces = []
    seen_slugs: set[str] = set()
    for index, data in enumerate(provinces_data):
        province = _province(loaded, ("provinces", index), data, problems)
        if province is None:
            continue
        if province.slug in seen_slugs:
            problems.error(loaded.where(("provinces", index, "slug")), f"tỉnh '{province.slug}' khai báo hai lần",
                           "gộp hai mục thành một")
            continue
        seen_slugs.add(province.slug)
        provinces.append(province)
    return provinces


def _unit_fields(loaded: LoadedYaml, key_path: tuple, data, allowed_types, problems: Problems) -> dict | None:
    if not isinstance(data, dict):
        problems.error(loaded.where(key_path), "mỗi địa phương phải là một nhóm khóa", "xem các mục mẫu trong tệp")
        return None
    ok = True
    for name in _UNIT_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            problems.error(loaded.where(key_path + (name,)), f"'{name}' phải là chữ, không phải số",
                           f"đặt giá trị trong ngoặc kép, ví dụ {name}: \"{value}\" (giữ cả số 0 ở đầu mã, như \"01\")")
            ok = False
        elif value is None or not value.strip():
            problems.error(loaded.where(key_path), f"thiếu hoặc để trống '{name}'", f"thêm dòng '{name}: ...' cho địa phương này")
            ok = False
    if not ok:
        return None
    if data["type"] not in allowed_types:
        problems.error(loaded.where(key_path + ("type",)), f"loại đơn vị '{data['type']}' không hợp lệ",
                       "dùng một trong: " + ", ".join(allowed_types))
        ok = False
    if not re.fullmatch(r"[0-9]{2,5}", data["code"]):
        problems.error(loaded.where(key_path + ("code",)), f"mã '{data['code']}' không phải mã số thống kê",
                       "ghi mã của Tổng cục Thống kê trong ngoặc kép, ví dụ code: \"196\"")
        ok = False
    expected_slug = slugify(data["name"])
    if data["slug"] != expected_slug:
        problems.error(loaded.where(key_path + ("slug",)), f"slug '{data['slug']}' không khớp tên '{data['name']}'",
                       f"dùng slug: {expected_slug} (tên bỏ dấu, chữ thường, nối bằng '-')")
        ok = False
    return data if ok else None


def _province(loaded: LoadedYaml, key_path: tuple, data, problems: Problems) -> Province | None:
    fields = _unit_fields(loaded, key_path, data, PROVINCE_TYPES, problems)
    if fields is None:
        return None
    districts = []
    seen: set[str] = set()
    for index, district_data in enumerate(data.get("districts") or []):
        district_path = key_path + ("districts", index)
        district_fields = _unit_fields(loaded, district_path, district_data, DISTRICT_TYPES, problems)
        if district_fields is None:
            continue
        if district_fields["slug"] in seen:
            problems.error(loaded.where(district_path + ("slug",)), f"huyện '{district_fields['slug']}' khai báo hai lần",
                           "gộp hai mục thành một")
            continue
        seen.add(district_fields["slug"])
        districts.append(District(*(district_fields[f] for f in _UNIT_FIELDS), province_slug=fields["slug"]))
    return Province(*(fields[f] for f in _UNIT_FIELDS), districts=tuple(districts))
