"""Addresses used in data files: absolute when the site's address is known, else site-relative."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from plansite.site_config import SiteConfig


@dataclass(frozen=True)
class Links:
    config: SiteConfig

    def page(self, url: str) -> str:
        """A page or file of the site: 'https://host/base/x/' with site_url, else 'x/' from the site root."""
        return f"{self.config.site_url}{url}" if self.config.site_url else url

    def from_file(self, file_path: str, url: str) -> str:
        """A link written inside the file at file_path: absolute, or relative to that file's folder."""
        if self.config.site_url:
            return self.page(url)
        folder = posixpath.dirname(file_path) or "."
        relative = posixpath.relpath(url or ".", folder)
        return relative + "/" if url.endswith("/") and not relative.endswith("/") else relative

    def tag(self, path: str) -> str:
        """A stable id (RFC 4151) that does not change when the site moves: 'tag:plansite.github.io,2026:…'."""
        return f"tag:{self.config.feed_id_authority},2026:/{path}"

    def source(self, source_path: str) -> str:
        repo = self.config.repository_url.rstrip("/")
        return f"{repo}/blob/{quote(self.config.repository_branch)}/{quote(source_path)}" if repo else ""

    def history(self, source_path: str) -> str:
        repo = self.config.repository_url.rstrip("/")
        return f"{repo}/commits/{quote(self.config.repository_branch)}/{quote(source_path)}" if repo else ""
