"""/du-lieu/: all plans as JSON, and plans, cited documents and citations as CSV.

CSV is UTF-8 with a byte-order mark (spreadsheets such as Excel then read Vietnamese
correctly), a header row and CRLF line ends (RFC 4180).

The two files that grow with every citation and every target (all plans as JSON, one row per
citation) are published gzip-compressed (`.json.gz`, `.csv.gz`, as open-data portals do): at
1,000 plans they are 25 MB as text and under 2 MB compressed, and at 10,000 plans the text
alone would be a quarter of GitHub Pages' 1 GB. The per-plan and per-document tables stay
plain, to open directly in a spreadsheet.
"""
from __future__ import annotations

import csv
import gzip
import io
import json

from plansite.exports.links import Links
from plansite.exports.records import TARGETS_ANCHOR, plan_summary
from plansite.pages import citation_anchor
from plansite.portal import Portal
from plansite.urls import document_url, plan_url

TITLE_ANCHOR = "tieu-de-van-ban"  # the plan page's title (templates/plan.html)

PLAN_COLUMNS = ("id", "url", "number", "doc_type", "title", "issuer", "date", "status", "province", "district",
                "district_code", "levels", "targets", "programme_items", "assignments", "cited_documents",
                "last_changed", "json")
DOCUMENT_COLUMNS = ("id", "url", "label", "doc_type", "number_symbol", "date", "issuer", "title",
                    "citing_plans", "citations", "published_plan")
CITATION_COLUMNS = ("plan", "plan_url", "document", "document_url", "surface", "line", "column", "in_title",
                    "anchor_url")


def data_tables(portal: Portal, links: Links, folder: str) -> dict[str, bytes]:
    summaries = [plan_summary(plan, portal, links) for plan in portal.model.plans]
    everything = {"plans": summaries, "count": len(summaries),
                  "updated": max((s["last_changed"] for s in summaries), default="")}
    return {
        f"{folder}{PLANS_JSON}": compressed(compact_json(everything)),
        f"{folder}ke-hoach.csv": to_csv(PLAN_COLUMNS, (_plan_row(s, links) for s in summaries)),
        f"{folder}van-ban.csv": to_csv(DOCUMENT_COLUMNS, _document_rows(portal, links)),
        f"{folder}{CITATIONS_CSV}": compressed(to_csv(CITATION_COLUMNS, _citation_rows(portal, links))),
    }


PLANS_JSON = "ke-hoach.json.gz"
CITATIONS_CSV = "trich-dan.csv.gz"


def compact_json(data) -> bytes:
    """JSON without indentation: whitespace no program reads (any JSON viewer indents it again)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def compressed(data: bytes) -> bytes:
    """gzip with no name and no time in its header, so the same data always gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def to_csv(columns, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")


def _plan_row(summary: dict, links: Links) -> dict:
    return {**summary, "province": summary["province"]["name"], "district": summary["district"]["name"],
            "district_code": summary["district"]["code"], "levels": " ".join(summary["levels"]),
            "targets": len(summary["targets"]), "programme_items": len(summary["programme"]),
            "assignments": len(summary["assignments"]), "cited_documents": " ".join(summary["cited_documents"]),
            "json": links.page(summary["id"] + "/ke-hoach.json")}


def _document_rows(portal: Portal, links: Links):
    for document in portal.citations.documents:
        yield {"id": document.id, "url": links.page(document_url(document)), "label": document.label,
               "doc_type": document.doc_type, "number_symbol": document.number_symbol, "date": document.date,
               "issuer": document.issuer, "title": document.title, "citing_plans": len(document.citing_plans),
               "citations": len(document.citations),
               "published_plan": plan_url(document.plan).rstrip("/") if document.plan else ""}


def _citation_rows(portal: Portal, links: Links):
    for plan in portal.model.plans:
        for citation in portal.citations.citations_in(plan):
            document = portal.citations.document(citation.mention.id) if citation.mention.id else None
            page = document_url(document) if document else ""
            # The exact passage: every citing sentence in a plan's body has an anchor; a title's, the title.
            anchor = f"{plan_url(plan)}#{TITLE_ANCHOR if citation.in_title else citation_anchor(citation)}"
            yield {"plan": plan_url(plan).rstrip("/"), "plan_url": links.page(plan_url(plan)),
                   "document": citation.mention.id, "document_url": links.page(page) if page else "",
                   "surface": citation.mention.surface, "line": citation.line, "column": citation.col,
                   "in_title": "có" if citation.in_title else "không",
                   "anchor_url": links.page(anchor)}


def targets_url(plan) -> str:
    return f"{plan_url(plan)}#{TARGETS_ANCHOR}"
