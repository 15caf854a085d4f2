"""Open data, feeds and calendars: the site's non-HTML files, as plain data.

No MkDocs here. `site_data_files` (the files over the whole corpus) and `plan_data_files`
(one plan's own) return {path in site: bytes}; the build writes them next to the pages
(plansite/site_writer.py `write_data` makes a plan's files only when the plan changed).
Every value comes from the content and its git history, never from the clock, so the same
commit always gives the same bytes.
"""
from __future__ import annotations

from pathlib import Path

from plansite.exports.atom import feeds
from plansite.exports.ics import calendar, calendar_url, events
from plansite.exports.links import Links
from plansite.exports.records import plan_record
from plansite.exports.tables import compact_json, data_tables
from plansite.model import SiteModel
from plansite.portal import Portal
from plansite.site_config import SiteConfig
from plansite.urls import plan_url

DATA = "du-lieu/"


def site_data_files(portal: Portal, config: SiteConfig) -> dict[str, bytes]:
    """The files over the whole corpus: tables, feeds, schemas."""
    links = Links(config)
    files: dict[str, bytes] = {}
    files.update(data_tables(portal, links, DATA))
    files.update(feeds(portal.model, config, links))
    from plansite.exports.schemas import schema_files
    files.update(schema_files(DATA))
    return files


def plan_data_files(plan, portal: Portal, config: SiteConfig) -> dict[str, bytes]:
    """One plan's own files (its record, its calendar): the build skips them when the plan is unchanged
    (plansite/fingerprints.py `plan_data`), so they must read nothing but the plan, its citations and config."""
    links = Links(config)
    files = {f"{plan_url(plan)}ke-hoach.json": compact_json(plan_record(plan, portal, links))}
    if events(plan):
        files[calendar_url(plan)] = calendar(plan, portal.model, config, links)
    return files


def originals(model: SiteModel, content_dir: Path) -> dict[str, Path]:
    """{'<plan url>ban-goc.txt': the original committed beside the plan}."""
    return {original_url(plan): content_dir / "plans" / plan.district.province_slug / plan.district.slug / plan.original
            for plan in model.plans if plan.original}


def original_url(plan) -> str:
    return f"{plan_url(plan)}ban-goc{Path(plan.original).suffix.lower()}"
