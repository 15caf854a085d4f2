"""What pages say about the data behind them: files, feeds, provenance, last-changed dates.

Templates receive one `SiteFacts` (as `facts`): plain values computed from the model and
site_config.yaml, so templates stay free of logic and of the file system.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property

from plansite import urls
from plansite.exports.atom import feed_url
from plansite.exports.ics import calendar_url, events
from plansite.exports.links import Links
from plansite.model import District, Plan, Province
from plansite.portal import Portal
from plansite.site_config import SiteConfig


@dataclass(frozen=True)
class Feed:
    url: str
    title: str


class SiteFacts:
    def __init__(self, portal: Portal, config: SiteConfig):
        self.model = portal.model
        self.config = config
        self.links = Links(config)

    @staticmethod
    def relative(from_url: str, to_url: str) -> str:
        """Link between two site addresses ('dia-phuong/a/b/x/' -> '../../../../chi-tieu/y/')."""
        relative = posixpath.relpath(to_url or ".", from_url or ".")
        return relative + "/" if to_url.endswith("/") and not relative.endswith("/") else relative

    # --- a plan's files and provenance -------------------------------------------------------
    def plan_json(self, plan: Plan) -> str:
        return f"{urls.plan_url(plan)}ke-hoach.json"

    def calendar(self, plan: Plan) -> str:
        return calendar_url(plan) if events(plan) else ""

    def events(self, plan: Plan):
        return events(plan)

    def timeline(self, plan: Plan) -> list[tuple[str, list]]:
        """[('Quý I/2023', [events]), ('Tháng 01/2024', [...])] in time order."""
        groups: dict[str, list] = {}
        for event in events(plan):
            groups.setdefault(event.when, []).append(event)
        return list(groups.items())

    def original(self, plan: Plan) -> str:
        from plansite.exports import original_url
        return original_url(plan) if plan.original else ""

    def source(self, plan: Plan) -> str:
        return self.links.source(plan.source_path)

    def history(self, plan: Plan) -> str:
        return self.links.history(plan.source_path)

    def changed_on(self, plan: Plan) -> str:
        return self.model.changed_on(plan)[:10]

    # --- feeds -------------------------------------------------------------------------------
    def feeds_for(self, subject) -> list[Feed]:
        """The site's feed, and the feeds of the province and district a page is about."""
        feeds = [Feed(feed_url(), f"{self.config.site_name}: kế hoạch mới")]
        district = subject.district if isinstance(subject, Plan) else subject if isinstance(subject, District) else None
        province = (self.model.province_of(district) if district else subject if isinstance(subject, Province) else None)
        if province:
            feeds.append(Feed(feed_url(urls.province_url(province)), f"Kế hoạch mới: {province.full_name}"))
        if district:
            feeds.append(Feed(feed_url(urls.district_url(district)), f"Kế hoạch mới: {district.full_name}"))
        return feeds

    # --- sitemap -----------------------------------------------------------------------------
    @cached_property
    def _lastmod(self) -> dict[str, str]:
        dates: dict[str, str] = {}
        for plan in self.model.plans:
            changed = self.changed_on(plan)
            for url in (urls.plan_url(plan), urls.district_url(plan.district),
                        urls.province_url(self.model.province_of(plan.district))):
                dates[url] = max(dates.get(url, ""), changed)
        return dates

    def lastmod(self, url: str) -> str:
        """The day a page's content last changed: its plans' dates; the newest plan's for other pages."""
        return self._lastmod.get(url) or max(self._lastmod.values(), default="")
