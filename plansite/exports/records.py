"""A plan as a data record: everything the page shows except the text itself."""
from __future__ import annotations

import functools
from dataclasses import asdict, fields

from plansite.exports.links import Links
from plansite.model import Plan
from plansite.portal import Portal
from plansite.urls import plan_url

TARGETS_ANCHOR = "bang-chi-tieu"  # id of the targets table on every plan page


def plan_summary(plan: Plan, portal: Portal, links: Links) -> dict:
    """Metadata, address, targets, programme, assignments and the ids of the documents cited."""
    model = portal.model
    province = model.province_of(plan.district)
    return {
        "id": plan_url(plan).rstrip("/"),
        "url": links.page(plan_url(plan)),
        "number": plan.number,
        "symbol": plan.symbol,
        "doc_type": plan.doc_type,
        "title": plan.title,
        "issuer": plan.issuer,
        "parent_issuer": plan.parent_issuer,
        "date": plan.date,
        "status": plan.status,
        "province": {"slug": province.slug, "name": province.name, "code": province.code},
        "district": {"slug": plan.district.slug, "name": plan.district.name, "type": plan.district.type,
                     "code": plan.district.code},
        "levels": list(plan.levels),
        "last_changed": model.changed_on(plan),
        "targets": [_target(t, model) for t in plan.targets],
        "programme": [_flat(item) for item in plan.programme],
        "assignments": [{**_flat(a), "coordinating": list(a.coordinating)} for a in plan.assignments],
        "cited_documents": [d.id for d in portal.citations.documents_cited_by(plan)],
    }


def plan_record(plan: Plan, portal: Portal, links: Links) -> dict:
    """The full record (<plan>/ke-hoach.json): the summary plus signer, recipients, provenance, citations."""
    record = plan_summary(plan, portal, links)
    record.update({
        "place": plan.place,
        "signer": {"title": plan.signer.title, "name": plan.signer.name, "authority": list(plan.signer.authority)},
        "recipients": list(plan.recipients),
        "recipients_note": plan.recipients_note,
        "source": _provenance(plan, links),
        # The document's address is van-ban.csv's (by id), the passage's is trich-dan.csv's: not repeated here.
        "citations": [{"document": c.mention.id, "surface": c.mention.surface, "line": c.line, "column": c.col,
                       **({"in_title": True} if c.in_title else {})} for c in portal.citations.citations_in(plan)],
        "text": {"markdown_source": links.source(plan.source_path), "history": links.history(plan.source_path),
                 "path": plan.source_path, "page": links.page(plan_url(plan))},
    })
    return record


def _target(target, model) -> dict:
    """The target's fields, without the optional ones it leaves empty (absent means '' or false:
    the schema says so), which were a third of every plan's targets in bytes."""
    indicator = model.indicators.of(target.indicator) if model.indicators else None
    data = {k: v for k, v in _flat(target).items() if k != "line" and (k in _TARGET_REQUIRED or v not in ("", None, False))}
    data["indicator_id"] = indicator.slug if indicator else None
    return data


_TARGET_REQUIRED = ("indicator", "value")


def _flat(item) -> dict:
    """A dataclass of plain values as a dict: what asdict gives, without its recursive deep copy
    (which was two thirds of the time spent making the open-data tables)."""
    return {name: getattr(item, name) for name in _field_names(type(item))}


@functools.cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _provenance(plan: Plan, links: Links) -> dict | None:
    if plan.source is None:
        return None
    from plansite.exports import original_url  # the download's address
    return {**asdict(plan.source), "original_url": links.page(original_url(plan)) if plan.original else None}

