"""/du-lieu/: all plans as JSON, and plans, cited documents and citations as CSV.

CSV is UTF-8 with a byte-order mark (spreadsheets such as Excel then read Vietnamese
correctly), a header row and CRLF line ends (RFC 4180).

Every file is plain text at the address the open-data page promises (a spreadsheet opens it
directly). What a reader can look up elsewhere is not repeated: a citation row names its plan
and document by id (ke-hoach.csv and van-ban.csv give their addresses) and links the citing
passage; JSON has no indentation.
"""
from __future__ import annotations

import csv
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
CITATION_COLUMNS = ("plan", "document", "surface", "line", "column", "in_title", "anchor_url")


def data_tables(portal: Portal, links: Links, folder: str) -> dict[str, bytes]:
    summaries = [plan_summary(plan, portal, links) for plan in portal.model.plans]
    everything = {"plans": summaries, "count": len(summaries),
                  "updated": max((s["last_changed"] for s in summaries), default="")}
    return {
        f"{folder}{PLANS_JSON}": compact_json(everything),
        f"{folder}ke-hoach.csv": to_csv(PLAN_COLUMNS, (_plan_row(s, links) for s in summaries)),
        f"{folder}van-ban.csv": to_csv(DOCUMENT_COLUMNS, _document_rows(portal, links)),
        f"{folder}{CITATIONS_CSV}": to_csv(CITATION_COLUMNS, _citation_rows(portal, links)),
    }


PLANS_JSON = "ke-hoach.json"
CITATIONS_CSV = "trich-dan.csv"


def compact_json(data) -> bytes:
    """JSON without indentation: whitespace no program reads (any JSON viewer indents it again)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")



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
            # The exact passage: every citing sentence in a plan's body has an anchor; a title's, the title.
            anchor = f"{plan_url(plan)}#{TITLE_ANCHOR if citation.in_title else citation_anchor(citation)}"
            yield {"plan": plan_url(plan).rstrip("/"), "document": citation.mention.id,
                   "surface": citation.mention.surface, "line": citation.line, "column": citation.col,
                   "in_title": "có" if citation.in_title else "không",
                   "anchor_url": links.page(anchor)}


def targets_url(plan) -> str:
    return f"{plan_url(plan)}#{TARGETS_ANCHOR}"
