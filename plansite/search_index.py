"""Runs Pagefind (from the pinned `pagefind-bin` wheel) over a rendered site folder.

The last stage of every build: it indexes the staging folder before that folder replaces
site/, so the published site and its index always match. Pagefind works offline; it writes
the index and its browser scripts to `<site>/pagefind/`.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

INDEX_DIR = "pagefind"
# Not indexed as text: the page title (h1), which is indexed once as weighted metadata
# (plansite/search.py) and so is not repeated in excerpts under the result's title; heading
# permalinks (¶) and footnote back-links (↩), which are symbols, not text.
EXCLUDED_SELECTORS = "h1, .headerlink, .footnote-backref"
TIMEOUT_SECONDS = 1800


class SearchIndexError(Exception):
    """Pagefind failed or indexed something else than expected; the message is for the person building."""


def pagefind_executable() -> Path:
    """The binary shipped inside the pagefind-bin wheel (pagefind_bin.get_executable())."""
    try:
        import pagefind_bin
        return pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError) as err:
        raise SearchIndexError("không tìm thấy chương trình Pagefind (gói pagefind-bin) — chạy `make site` "
                               "để cài các gói trong requirements.txt") from err


def index_site(site_dir: Path, expected_pages: int) -> int:
    """Index site_dir in place; returns the number of pages indexed."""
    command = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", INDEX_DIR,
               "--exclude-selectors", EXCLUDED_SELECTORS]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"không chạy được Pagefind: {err}") from err
    if result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip()).splitlines()[-5:]
        raise SearchIndexError(f"Pagefind dừng lại (mã thoát {result.returncode}): " + " / ".join(output))
    indexed = indexed_page_count(site_dir)
    if indexed != expected_pages:
        raise SearchIndexError(f"Pagefind lập chỉ mục {indexed} trang, cần {expected_pages} — kiểm tra thuộc tính "
                               "data-pagefind-body trong templates/main.html")
    return indexed


def indexed_page_count(site_dir: Path) -> int:
    entry = site_dir / INDEX_DIR / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError) as err:
        raise SearchIndexError(f"Pagefind không tạo được {INDEX_DIR}/pagefind-entry.json: {err}") from err
    return sum(language.get("page_count", 0) for language in languages.values())
