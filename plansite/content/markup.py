"""What a plan body may link to and mark up, checked on the Markdown text itself.

Checked here, before any rendering, so each problem has its `path:line:col` (MkDocs'
strict mode only said "Aborted with 1 warnings") and does not depend on the renderer:

- `http://` links are errors: official sites serve https, and a plain-http link can be
  rewritten on the way to the reader;
- links to other hosts are warnings unless the host is on `external_hosts` in
  site_config.yaml, so a link labelled with one address cannot quietly lead elsewhere;
- relative links to files (`[phụ lục](phu-luc.md)`, `bang.pdf`) are errors: the site
  publishes plans, not attachments, so such a link is always broken;
- attribute lists may not set ids (`{: #chu-thich }`, `{: #fn:1 }`): ids on a page are the
  system's (headings, footnotes, sections), and a copy breaks its links or fakes a footnote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from plansite.errors import Position, Problems

_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.M | re.S)
_LINKS = (
    re.compile(r"\]\(\s*<?([^)\s>]+)"),  # [text](url)
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>"),  # <https://...>
    re.compile(r"""\b(?:href|src)\s*=\s*["']?([^"'\s>]+)""", re.I),  # raw HTML
    re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:\s*<?([^\s>]+)", re.M),  # [ref]: url (not a footnote)
)
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_ATTR_ID = re.compile(r"""(?:^|\s)#([^\s}]+)|\bid\s*=\s*["']?([^"'\s}]+)""")


@dataclass(frozen=True)
class Link:
    url: str
    offset: int


def links_in(markdown: str) -> list[Link]:
    text = _blank_code(markdown)
    found = {m.start(1): m.group(1) for pattern in _LINKS for m in pattern.finditer(text)}
    return [Link(url, offset) for offset, url in sorted(found.items())]


def _blank_code(markdown: str) -> str:
    """Code spans and fenced blocks show text, not links: blank them, keeping every offset."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)


def host_allowed(host: str, allowed_hosts: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == a or host.endswith("." + a) for a in allowed_hosts)


def check_url(url: str, where: Position, allowed_hosts: tuple[str, ...], problems: Problems) -> None:
    """One link target: an error for http:// and for links to files, a warning for unknown hosts."""
    scheme = url.split(":", 1)[0].lower() if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url) else ""
    if scheme == "http":
        problems.error(where, f"liên kết dùng http:// không mã hóa ({url})",
                       "đổi thành https:// (trang chính thức đều dùng https); nếu trang đó không có https, bỏ liên kết")
    elif scheme == "https" or url.startswith("//"):
        host = _host(url if scheme else "https:" + url)
        if host is None:
            problems.error(where, f"liên kết '{url}' không phải một địa chỉ hợp lệ",
                           "chép lại địa chỉ từ thanh địa chỉ của trình duyệt")
        elif not host_allowed(host, allowed_hosts):
            problems.warning(where, f"liên kết tới trang ngoài '{host}' chưa có trong danh sách được phép",
                             f"kiểm tra địa chỉ thật của liên kết; nếu đó là trang chính thức, thêm '{host}' vào "
                             "external_hosts trong site_config.yaml")
    elif not scheme and not url.startswith("#"):
        path = url.split("#", 1)[0].split("?", 1)[0]
        last = path.rstrip("/").rsplit("/", 1)[-1]
        if "." in last and last not in (".", ".."):  # '../' is a page (the parent), not a file
            problems.error(where, f"liên kết '{url}' trỏ tới một tệp không được đăng trên trang",
                           "trang chỉ đăng toàn văn kế hoạch, không đăng tệp đính kèm: chép nội dung vào kế hoạch, "
                           "hoặc liên kết tới bản gốc bằng địa chỉ https:// đầy đủ")


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname or None
    except ValueError:  # 'https://example.[org/': an unclosed IPv6 bracket
        return None


def check_body(body: str, path: str, first_line: int, allowed_hosts: tuple[str, ...], problems: Problems) -> None:
    for link in links_in(body):
        check_url(link.url, _position(body, link.offset, path, first_line), allowed_hosts, problems)
    text = _blank_code(body)
    for match in _ATTR_LIST.finditer(text):
        for found in _ATTR_ID.finditer(match.group(1)):
            editor_id = found.group(1) or found.group(2)
            problems.error(_position(body, match.start(), path, first_line),
                           f"danh sách thuộc tính đặt id '{editor_id}'",
                           f"xóa '#{editor_id}' khỏi {{: ... }}: id trên trang do hệ thống đặt (đề mục, chú thích, các "
                           "phần của trang); id tự đặt có thể trùng, làm hỏng liên kết hoặc giả chú thích")


def _position(text: str, offset: int, path: str, first_line: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(path, first_line + text.count("\n", 0, offset), offset - line_start + 1)
