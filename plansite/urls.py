"""Public URLs. They are part of the product: once published, never change them.

All paths are relative to the site root, without a leading slash, ending in '/'.
"""
from __future__ import annotations

from plansite.citations.corpus import CitedDocument
from plansite.model import District, Plan, Province

LOCALITIES = "dia-phuong/"
DOCUMENTS = "van-ban/"
SEARCH = "tim-kiem/"
INDICATORS = "chi-tieu/"
DATA = "du-lieu/"


def province_url(province: Province) -> str:
    return f"{LOCALITIES}{province.slug}/"


def district_url(district: District) -> str:
    return f"{LOCALITIES}{district.province_slug}/{district.slug}/"


def plan_url(plan: Plan) -> str:
    return f"{district_url(plan.district)}{plan.slug}/"


def document_url(document: CitedDocument) -> str:
    """A cited document's page; a document that is itself a published plan is that plan's page."""
    return plan_url(document.plan) if document.plan else f"{DOCUMENTS}{document.id}/"


def url_of(subject) -> str:
    """URL of any model object that has a page."""
    if isinstance(subject, CitedDocument):
        return document_url(subject)
    if isinstance(subject, Plan):
        return plan_url(subject)
    if isinstance(subject, District):
        return district_url(subject)
    if isinstance(subject, Province):
        return province_url(subject)
    raise TypeError(f"no page for {type(subject).__name__}")
