"""Atom feeds (RFC 4287): the whole site, each province and each district, newest plan first
(the FEED_ENTRIES newest).

Ids are tag: URIs built from the page address, so they stay the same when the site moves
or gets a site_url; `updated` is the day the plan's file last changed in git (or its issue
date). Links are absolute when site_url is known, else relative to the feed file.
"""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from plansite.exports.dates import rfc3339
from plansite.exports.links import Links
from plansite.model import Plan, SiteModel
from plansite.site_config import SiteConfig
from plansite.urls import district_url, plan_url, province_url

FEED = "feed.xml"
# A feed says what is new: the newest plans, not the archive (the locality pages and
# /du-lieu/ list every plan). Uncapped, the site's feed grew by 0.7 KB per plan: 7 MB at 10,000.
FEED_ENTRIES = 50


def feed_url(page_url: str = "") -> str:
    """'feed.xml', 'dia-phuong/quang-ninh/feed.xml', ..."""
    return f"{page_url}{FEED}"


def feeds(model: SiteModel, config: SiteConfig, links: Links) -> dict[str, bytes]:
    files = {feed_url(): atom(model.plans, config.site_name, "", model, config, links)}
    for province in model.provinces:
        plans = model.plans_in_province(province)
        files[feed_url(province_url(province))] = atom(
            plans, f"{config.site_name}: {province.full_name}", province_url(province), model, config, links)
        for district in province.districts:
            files[feed_url(district_url(district))] = atom(
                model.plans_in(district), f"{config.site_name}: {district.full_name}, {province.name}",
                district_url(district), model, config, links)
    return files


def atom(plans, title: str, page_url: str, model: SiteModel, config: SiteConfig, links: Links) -> bytes:
    """The FEED_ENTRIES newest of `plans` (given newest first)."""
    plans = list(plans)[:FEED_ENTRIES]
    path = feed_url(page_url)
    updated = max((rfc3339(model.changed_on(p)) for p in plans), default=rfc3339(_oldest(model)))
    author = f"<author><name>{escape(config.publisher or config.site_name)}</name></author>"
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(links.tag(path))}</id>",
        f"  <updated>{updated}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(links.from_file(path, path))}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(links.from_file(path, page_url))}/>",
        f"  {author}",
    ]
    entries = [_entry(plan, path, model, links) for plan in plans]
    return ("\n".join(head + entries + ["</feed>", ""])).encode("utf-8")


def _entry(plan: Plan, path: str, model: SiteModel, links: Links) -> str:
    url = plan_url(plan)
    summary = f"{plan.doc_type} {plan.title} ({plan.issuer}, {plan.district.full_name})."
    return "\n".join([
        "  <entry>",
        f"    <title>{escape(plan.heading)}: {escape(plan.title)}</title>",
        f"    <id>{escape(links.tag(url))}</id>",
        f"    <published>{rfc3339(plan.date)}</published>",
        f"    <updated>{rfc3339(model.changed_on(plan))}</updated>",
        f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(links.from_file(path, url))}/>",
        f"    <category term={quoteattr(plan.district.key)} label={quoteattr(plan.district.full_name)}/>",
        f"    <summary>{escape(summary)}</summary>",
        "  </entry>",
    ])


def _oldest(model: SiteModel) -> str:
    return "2000-01-01"  # a feed with no plans yet: a fixed date, never the clock
