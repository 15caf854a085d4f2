"""Reading site_config.yaml: the handful of settings that are not content."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from plansite.content.source import decode, read_file
from plansite.content.yaml_positions import load_yaml
from plansite.errors import Position, Problems, display_path


@dataclass(frozen=True)
class SiteConfig:
    site_name: str = "Kế hoạch giáo dục các địa phương"
    site_description: str = ""
    site_url: str = ""
    latest_plans_on_home: int = 10
    external_hosts: tuple[str, ...] = ()  # hosts plans may link to without a `check` warning


def load_site_config(path: Path, root: Path, problems: Problems) -> SiteConfig:
    if not path.exists():
        return SiteConfig()
    shown = display_path(path, root)
    data = read_file(path, shown, problems)
    source = decode(shown, data, problems) if data is not None else None
    loaded = load_yaml(source.text, shown, 1, problems) if source else None
    if loaded is None:
        return SiteConfig()
    data = loaded.data or {}
    if not isinstance(data, dict):
        problems.error(loaded.where(()), "site_config.yaml phải là các dòng 'khóa: giá trị'",
                       "xem mẫu site_config.yaml trong kho mã")
        return SiteConfig()
    known = SiteConfig.__dataclass_fields__
    for key in data:
        if key not in known:
            problems.error(loaded.where((key, "<key>")) if isinstance(key, str) else loaded.where(()),
                           f"khóa '{key}' không được dùng trong site_config.yaml",
                           "các khóa hợp lệ: " + ", ".join(known))
    _check_site_url(str(data.get("site_url") or ""), loaded.where(("site_url",)), problems)
    data["external_hosts"] = _hosts(data.get("external_hosts"), loaded, problems)
    settings = {}
    for key, value in data.items():
        if key not in known or value is None:
            continue
        expected = type(getattr(SiteConfig, key))
        if isinstance(value, expected):
            settings[key] = value
        else:
            problems.error(loaded.where((key,)), f"'{key}' phải là {_KINDS.get(expected, expected.__name__)}",
                           "sửa theo mẫu site_config.yaml trong kho mã")
    return SiteConfig(**settings)


_KINDS = {str: "một chuỗi chữ", int: "một số nguyên", tuple: "một danh sách"}
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


def _hosts(value, loaded, problems: Problems) -> tuple[str, ...]:
    """external_hosts: bare host names ('vanban.chinhphu.vn'); each also allows its subdomains."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.error(loaded.where(("external_hosts",)), "'external_hosts' phải là một danh sách",
                       "viết mỗi tên miền trên một dòng bắt đầu bằng '- ', ví dụ - vanban.chinhphu.vn")
        return ()
    hosts = []
    for index, host in enumerate(value):
        if not isinstance(host, str) or not _HOST.fullmatch(host):
            problems.error(loaded.where(("external_hosts", index)), f"tên miền '{host}' chưa đúng dạng",
                           "chỉ ghi tên miền, chữ thường, không có https:// và '/', ví dụ vanban.chinhphu.vn")
        else:
            hosts.append(host)
    return tuple(hosts)


def _check_site_url(url: str, where: Position, problems: Problems) -> None:
    if url and not (url.startswith(("http://", "https://")) and url.endswith("/")):
        problems.error(where, f"site_url '{url}' chưa đúng dạng",
                       "ghi địa chỉ đầy đủ có '/' ở cuối, ví dụ https://org.github.io/repo/, hoặc để trống")


def with_site_url(config: SiteConfig, url: str, problems: Problems) -> SiteConfig:
    """The config with the public address given on the command line (`build --site-url`)."""
    _check_site_url(url, Position("--site-url"), problems)
    if config.site_url and config.site_url != url:
        problems.warning(Position("site_config.yaml"), f"dựng cho địa chỉ {url}, khác site_url '{config.site_url}'",
                         "sửa site_url trong site_config.yaml cho khớp địa chỉ công bố")
    return replace(config, site_url=url)
