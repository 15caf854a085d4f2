"""<plan>/lich.ics: the plan's work programme and dated assignments as an iCalendar file (RFC 5545).

Each quarter's task becomes an all-day event over the quarter; each assignment with a
deadline becomes an event over its months. UIDs are derived from the plan's address and
the task, so they survive a rebuild; DTSTAMP is when the plan's file last changed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from plansite.exports.dates import utc
from plansite.exports.links import Links
from plansite.model import Plan, SiteModel
from plansite.site_config import SiteConfig
from plansite.urls import plan_url

CALENDAR = "lich.ics"


@dataclass(frozen=True)
class Event:
    kind: str  # 'programme' or 'assignment'
    summary: str
    start: date
    end: date  # exclusive, as DTEND of an all-day event
    lead: str
    coordinating: tuple[str, ...] = ()
    when: str = ""  # the period, for timelines: 'Quý I/2024', 'Tháng 01/2024', 'Tháng 01–12/2024'
    printed: str = ""  # the deadline as the plan prints it


def calendar_url(plan: Plan) -> str:
    return f"{plan_url(plan)}{CALENDAR}"


def events(plan: Plan) -> list[Event]:
    """The plan's dated work, in time order (programme quarters and assignment months)."""
    found = [Event("programme", item.task, _quarter_start(item.year, item.quarter),
                   _quarter_start(item.year + item.quarter // 4, item.quarter % 4 + 1), item.lead,
                   when=f"Quý {'I II III IV'.split()[item.quarter - 1]}/{item.year}")
             for item in plan.programme]
    for item in plan.assignments:
        if not item.start:
            continue
        start = _month_start(item.start)
        last = _month_start(item.end or item.start)
        found.append(Event("assignment", item.task, start, _next_month(last), item.lead, item.coordinating,
                           _months(start, last), item.deadline))
    return sorted(found, key=lambda e: (e.start, e.end))


def calendars(model: SiteModel, config: SiteConfig, links: Links) -> dict[str, bytes]:
    return {calendar_url(plan): calendar(plan, model, config, links) for plan in model.plans if events(plan)}


def calendar(plan: Plan, model: SiteModel, config: SiteConfig, links: Links) -> bytes:
    stamp = utc(model.changed_on(plan)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//plansite//Ke hoach giao duc//VI", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_text(plan.heading + ' – ' + plan.district.full_name)}",
             "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
    for event in events(plan):
        lines += _vevent(plan, event, stamp, links)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _vevent(plan: Plan, event: Event, stamp: str, links: Links) -> list[str]:
    url = plan_url(plan)
    key = hashlib.sha256(f"{event.kind}|{event.summary}|{event.start}".encode()).hexdigest()[:16]
    description = [f"Đơn vị chủ trì: {event.lead}"]
    if event.coordinating:
        description.append("Đơn vị phối hợp: " + "; ".join(event.coordinating))
    # Only what DTSTART/DTEND and the calendar's name (X-WR-CALNAME: the plan) do not already say:
    # the deadline as printed, not the quarter the dates give, nor the plan again in every event.
    if event.printed:
        description.append(f"Thời hạn: {event.printed}")
    lines = ["BEGIN:VEVENT",
             f"UID:{key}-{url.strip('/').replace('/', '.')}@{links.config.feed_id_authority}",
             f"DTSTAMP:{stamp}",
             f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
             f"DTEND;VALUE=DATE:{event.end:%Y%m%d}",
             f"SUMMARY:{_text(event.summary)}",
             f"DESCRIPTION:{_text(chr(10).join(description))}",
             "TRANSP:TRANSPARENT"]
    if links.config.site_url:  # URL must be absolute: only when the site's address is known
        lines.append(f"URL;VALUE=URI:{links.page(url)}")
    lines.append("END:VEVENT")
    return lines


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF + space, never splitting a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _months(first: date, last: date) -> str:
    if first == last:
        return f"Tháng {first:%m/%Y}"
    if first.year == last.year:
        return f"Tháng {first:%m}–{last:%m/%Y}"
    return f"Tháng {first:%m/%Y} – {last:%m/%Y}"


def _quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def _month_start(iso: str) -> date:
    return date(int(iso[:4]), int(iso[5:7]), 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
