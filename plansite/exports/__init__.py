"""Open data, feeds and calendars: the site's non-HTML files, as plain data.

No MkDocs here. `data_files(model, config)` returns {path in site: bytes}; the build writes
them next to the pages. Every value comes from the content and its git history, never from
the clock, so the same commit always gives the same bytes.
"""
from __future__ import annotations

from pathlib import Path

from plansite.exports.atom import feeds
from plansite.exports.ics import calendars
from plansite.exports.links import Links
from plansite.exports.records import plan_record
from plansite.exports.tables import compact_json, data_tables
from plansite.model import SiteModel
from plansite.portal import Portal
from plansite.site_config import SiteConfig
from plansite.urls import plan_url

DATA = "du-lieu/"


def data_files(portal: Portal, config: SiteConfig) -> dict[str, bytes]:
    links = Links(config)
    model = portal.model
    files: dict[str, bytes] = {}
    files.update(data_tables(portal, links, DATA))
    files.update(feeds(model, config, links))
    files.update(calendars(model, config, links))
    for plan in model.plans:
        files[f"{plan_url(plan)}ke-hoach.json"] = _json(plan_record(plan, portal, links))
    from plansite.exports.schemas import schema_files
    files.update(schema_files(DATA))
    return files


def originals(model: SiteModel, content_dir: Path) -> dict[str, Path]:
    """{'<plan url>ban-goc.txt': the original committed beside the plan}."""
    return {original_url(plan): content_dir / "plans" / plan.district.province_slug / plan.district.slug / plan.original
            for plan in model.plans if plan.original}


def original_url(plan) -> str:
    return f"{plan_url(plan)}ban-goc{Path(plan.original).suffix.lower()}"


def write_data_files(out_dir: Path, files: dict[str, bytes], copies: dict[str, Path] | None = None) -> None:
    for relative, data in files.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for relative, source in (copies or {}).items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())


def _json(data) -> bytes:
    return compact_json(data)
