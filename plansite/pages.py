"""Page planning: which pages the site has, at which URL, with which template and subject.

Host-independent: a page is a URL, a template name, a title and the model object it shows
(plus Markdown for pages whose body is prose). The MkDocs adapter turns these into files.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from plansite import urls
from plansite.citations.corpus import CitationIndex, CitedDocument
from plansite.citations.linking import link_mentions
from plansite.citations.redirects import redirect_map
from plansite.model import Plan
from plansite.portal import Portal
from plansite.vietnamese import upper_first


@dataclass(frozen=True)
class Page:
    url: str  # '' for the home page, else 'dia-phuong/quang-ninh/'
    template: str
    title: str  # <title> and header topic
    kind: str  # home, localities, search, province, district, plan
    subject: Any = None
    markdown: str = ""
    description: str = ""

    @property
    def src_uri(self) -> str:
        """Virtual source file; 'x/y/index.md' is published at 'x/y/'."""
        return f"{self.url}index.md"


def plan_pages(portal: Portal, plan_page=None) -> list[Page]:
    """plan_page (same signature as _plan_page): lets the preview reuse plan pages it planned before."""
    model, citations = portal.model, portal.citations
    plan_page = plan_page or _plan_page
    pages = [
        Page("", "home.html", "Trang chủ", "home"),
        Page(urls.LOCALITIES, "localities.html", "Địa phương", "localities",
             description="Danh sách tỉnh, thành phố và quận, huyện có kế hoạch giáo dục được công bố."),
        Page(urls.SEARCH, "search.html", "Tìm kiếm", "search",
             description="Tìm kế hoạch giáo dục và văn bản theo từ khóa, số hiệu, địa phương, năm, cấp học."),
    ]
    for province in model.provinces:
        pages.append(Page(urls.province_url(province), "province.html", upper_first(province.full_name), "province",
                          province, description=f"Kế hoạch giáo dục của các địa phương thuộc {province.full_name}."))
        for district in province.districts:
            pages.append(Page(urls.district_url(district), "district.html",
                              f"{upper_first(district.full_name)} ({province.name})", "district", district,
                              description=f"Các kế hoạch giáo dục của {district.full_name}, {province.full_name}."))
    pages.extend(plan_page(plan, citations) for plan in model.plans)
    pages.append(Page(urls.DOCUMENTS, "documents.html", "Văn bản được trích dẫn", "documents",
                      description="Các nghị quyết, nghị định, thông tư, kế hoạch... mà kế hoạch của các địa phương căn cứ."))
    pages.extend(_document_page(doc) for doc in citations.documents if doc.plan is None)
    return pages


def _plan_page(plan: Plan, citations: CitationIndex) -> Page:
    url = urls.plan_url(plan)
    body_mentions = [c.mention for c in citations.citations_in(plan) if not c.in_title]
    markdown = link_mentions(plan.body, body_mentions, lambda doc_id: _href(url, citations.document(doc_id)))
    return Page(url, "plan.html", f"{plan.heading} – {plan.district.name}", "plan", plan,
                markdown=markdown, description=f"{plan.doc_type} {plan.title}"[:300])


def _href(from_url: str, document: CitedDocument | None) -> str | None:
    """Relative link to the document's generated source file, so MkDocs checks it in strict mode."""
    if document is None:
        return None
    return posixpath.relpath(f"{urls.document_url(document)}index.md", from_url or ".")


def _document_page(document: CitedDocument) -> Page:
    about = f"{document.label}: các kế hoạch căn cứ, trích dẫn văn bản này."
    return Page(urls.document_url(document), "document.html", document.label, "document", document, description=about)


def redirect_pages(portal: Portal, published_ids: tuple[str, ...]) -> list[Page]:
    """A small page at each published /van-ban/<id>/ whose document now has another id, pointing
    to its new page (templates/redirect.html: meta refresh and canonical link). The subject is the
    new page's URL from the site root."""
    citations = portal.citations
    moved = redirect_map(published_ids, (doc.id for doc in citations.documents))
    pages = []
    for old_id, new_id in sorted(moved.items()):
        document = citations.document(new_id)
        pages.append(Page(f"{urls.DOCUMENTS}{old_id}/", "redirect.html", document.label, "redirect",
                          urls.document_url(document), description=f"{document.label}: trang đã chuyển đến địa chỉ mới."))
    return pages
