"""Page planning: which pages the site has, at which URL, with which template and subject.

Host-independent: a page is a URL, a template name, a title and the model object it shows
(plus Markdown for pages whose body is prose); a `DataFile` is any other published file
(JSON, CSV, iCalendar...) with its bytes. The site is the concatenation of what the functions
in `PAGE_SOURCES` return: a feature adds its pages by adding one function there.
"""
from __future__ import annotations

import posixpath
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable

from plansite import urls
from plansite.citations.corpus import Citation, CitationIndex, CitedDocument
from plansite.citations.linking import link_mentions
from plansite.citations.redirects import redirect_map
from plansite.content.plans import plan_body
from plansite.model import District, Plan, Province, SiteModel
from plansite.portal import Portal
from plansite.vietnamese import slugify, sort_key, upper_first


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
    def output_path(self) -> str:
        """The file written for this page: 'x/y/index.html'."""
        return f"{self.url}index.html"


@dataclass(frozen=True)
class DataFile:
    """A published file that is not a page: written as is at url_path ('du-lieu/ke-hoach.json')."""

    url_path: str
    data: bytes

    @property
    def output_path(self) -> str:
        return self.url_path


Output = Page | DataFile


def plan_pages(portal: Portal, memo=None) -> list[Output]:
    """Every page and file of the site, in a stable order.

    memo (the preview's, plansite/preview/project.py): `plan_page` and `document_pages`, with the
    signatures of _plan_page and _pages_of_document, reuse the pages planned at the last reload."""
    if memo is None:
        return [item for source in PAGE_SOURCES for item in source(portal)]
    reused = {_plan_pages: lambda: [memo.plan_page(plan, portal.citations) for plan in portal.model.plans],
              _document_pages: lambda: _document_pages(portal, memo.document_pages)}
    return [item for source in PAGE_SOURCES for item in (reused[source]() if source in reused else source(portal))]


def _navigation_pages(portal: Portal) -> list[Page]:
    return [
        Page("", "home.html", "Trang chủ", "home"),
        Page(urls.LOCALITIES, "localities.html", "Địa phương", "localities",
             description="Danh sách tỉnh, thành phố và quận, huyện có kế hoạch giáo dục được công bố."),
        Page(urls.SEARCH, "search.html", "Tìm kiếm", "search",
             description="Tìm kế hoạch giáo dục và văn bản theo từ khóa, số hiệu, địa phương, năm, cấp học."),
    ]


def _locality_pages(portal: Portal) -> list[Page]:
    model = portal.model
    pages = []
    for province in model.provinces:
        pages.append(Page(urls.province_url(province), "province.html", upper_first(province.full_name), "province",
                          province, description=f"Kế hoạch giáo dục của các địa phương thuộc {province.full_name}."))
        for district in province.districts:
            pages.append(Page(urls.district_url(district), "district.html",
                              f"{upper_first(district.full_name)} ({province.name})", "district", district,
                              description=f"Các kế hoạch giáo dục của {district.full_name}, {province.full_name}."))
    return pages


def _plan_pages(portal: Portal) -> list[Page]:
    return [_plan_page(plan, portal.citations) for plan in portal.model.plans]


# Rows one documents index page may hold (about 350 bytes each), so that no generated page
# outgrows the 300 KB page budget at any number of plans: past it, documents cited from one
# province move to that province's index, a long list of the others to one index per type,
# and any list still longer is cut into numbered pages.
DOCUMENT_INDEX_LIMIT = 400


@dataclass(frozen=True)
class DocumentIndex:
    """The documents one index page lists. /van-ban/ may also link to each province's local
    documents (`local`) and, per type, to the full list when it shows only the most cited
    (`by_type`); a numbered page knows the others."""

    documents: tuple[CitedDocument, ...]
    province: Province | None = None
    local: tuple[tuple[Province, int], ...] = ()  # (province, how many documents its page lists)
    doc_type: str = ""  # a page of one type's documents
    by_type: tuple[tuple[str, int, str], ...] = ()  # (type, how many documents, its list's URL)
    number: int = 1
    pages: tuple[str, ...] = ()  # the URLs of every page of this list, when it has several

    def groups(self) -> list[tuple[str, list[CitedDocument], int, str]]:
        """[(type, its documents shown here, how many it has, URL of its full list or "")], types in
        Vietnamese alphabetical order; with `by_type`, every type, even one with none shown here."""
        shown = dict(documents_by_type(self.documents))
        if not self.by_type:
            return [(name, docs, len(docs), "") for name, docs in shown.items()]
        return [(name, shown.get(name, []), count, url) for name, count, url in self.by_type]


def documents_by_type(documents) -> list[tuple[str, list[CitedDocument]]]:
    """[(type, documents most cited first)], types in Vietnamese alphabetical order."""
    groups: dict[str, list[CitedDocument]] = {}
    for document in documents:
        groups.setdefault(_type_of(document), []).append(document)
    return [(name, sorted(docs, key=lambda d: (-len(d.citing_plans), sort_key(d.label))))
            for name, docs in sorted(groups.items(), key=lambda item: sort_key(item[0]))]


def _type_of(document: CitedDocument) -> str:
    return document.doc_type or "Văn bản khác"


_DOCUMENTS_TITLE = "Văn bản được trích dẫn"
_DOCUMENTS_ABOUT = "Các nghị quyết, nghị định, thông tư, kế hoạch... mà kế hoạch của các địa phương căn cứ."


def _document_indexes(portal: Portal) -> list[Page]:
    """/van-ban/ lists every cited document; past DOCUMENT_INDEX_LIMIT, those cited from one
    province only are listed on /van-ban/dia-phuong/<province>/ instead, and /van-ban/ links there;
    if the others are still too many, /van-ban/ shows each type's most cited and links to
    /van-ban/loai/<type>/ for the rest."""
    documents = portal.citations.documents
    if len(documents) <= DOCUMENT_INDEX_LIMIT:
        return [_documents_home(tuple(documents))]
    provinces = {p.slug: p for p in portal.model.provinces}
    local: dict[str, list[CitedDocument]] = {}
    shared = []
    for document in documents:
        slugs = {plan.district.province_slug for plan in document.citing_plans}
        (local.setdefault(slugs.pop(), []) if len(slugs) == 1 else shared).append(document)
    ordered = [provinces[slug] for slug in sorted(local, key=lambda s: sort_key(provinces[s].name))]
    local_counts = tuple((p, len(local[p.slug])) for p in ordered)
    pages = []
    if len(shared) <= DOCUMENT_INDEX_LIMIT:
        pages.append(_documents_home(tuple(shared), local_counts))
    else:
        pages += _documents_by_type(shared, local_counts)
    for province in ordered:
        pages += _numbered_pages(
            f"{urls.DOCUMENTS}dia-phuong/{province.slug}/", _rows(local[province.slug]),
            lambda url, docs, number, all_urls, province=province: Page(
                url, "documents.html", f"Văn bản được trích dẫn ở {province.full_name}", "documents-province",
                DocumentIndex(docs, province, number=number, pages=all_urls),
                description=f"Các văn bản chỉ được kế hoạch của {province.full_name} trích dẫn."))
    return pages


def _documents_home(documents: tuple[CitedDocument, ...], local=(), by_type=()) -> Page:
    return Page(urls.DOCUMENTS, "documents.html", _DOCUMENTS_TITLE, "documents",
                DocumentIndex(documents, local=local, by_type=by_type), description=_DOCUMENTS_ABOUT)


def _documents_by_type(shared: list[CitedDocument], local_counts) -> list[Page]:
    """/van-ban/ with each type's most cited documents (DOCUMENT_INDEX_LIMIT rows in all), and one
    list per type of every document cited from several provinces."""
    groups = documents_by_type(shared)
    shown_per_type = DOCUMENT_INDEX_LIMIT // len(groups)
    pages, shown, by_type = [], [], []
    for doc_type, docs in groups:
        shown += docs[:shown_per_type]
        url = f"{urls.DOCUMENTS}loai/{slugify(doc_type)}/"
        by_type.append((doc_type, len(docs), url))
        pages += _numbered_pages(url, _rows(docs), lambda url, chunk, number, all_urls, doc_type=doc_type: Page(
            url, "documents.html", f"{doc_type} được trích dẫn", "documents-type",
            DocumentIndex(chunk, doc_type=doc_type, number=number, pages=all_urls),
            description=f"{doc_type} được kế hoạch của nhiều tỉnh, thành phố trích dẫn."))
    return [_documents_home(tuple(shown), local_counts, tuple(by_type))] + pages


def _rows(documents: list[CitedDocument]) -> list[tuple[CitedDocument, ...]]:
    """A list of documents cut into pages of DOCUMENT_INDEX_LIMIT rows (one empty page for none)."""
    return [tuple(documents[i:i + DOCUMENT_INDEX_LIMIT]) for i in range(0, len(documents), DOCUMENT_INDEX_LIMIT)] or [()]


def _numbered_pages(url: str, chunks: list, make_page) -> list[Page]:
    """One page per chunk of a list: url, url/trang-2/, ...; make_page(url, chunk, number, urls of
    every page, or () when there is only one)."""
    all_urls = tuple(url if n == 1 else f"{url}trang-{n}/" for n in range(1, len(chunks) + 1))
    return [make_page(page_url, chunk, number, all_urls if len(chunks) > 1 else ())
            for number, (page_url, chunk) in enumerate(zip(all_urls, chunks), start=1)]


def _document_pages(portal: Portal, pages_of_document=None) -> list[Page]:
    pages_of_document = pages_of_document or _pages_of_document
    pages = _document_indexes(portal)
    for document in portal.citations.documents:
        if document.plan is None:
            pages.extend(pages_of_document(document, portal.model))
    return pages


def _pages_of_document(document: CitedDocument, model: SiteModel) -> list[Page]:
    if quotes_inline(document):  # most documents: known without grouping their quotes
        return [_document_page(document)]
    return [_document_page(document)] + [page for province in quote_listing(document, model).provinces
                                         for page in province.pages]


# Quotes on one listing page at most. A quote is a window of at most QUOTE_BEFORE + QUOTE_AFTER
# characters around its mention (under 0.6 KB of HTML), so a listing page stays under about
# 200 KB, well within the 300 KB page budget, however many plans of a province cite a document.
QUOTE_PAGE_LIMIT = 300


@dataclass(frozen=True)
class DocumentInProvince:
    """One listing page of the plans of one province citing a document, by district, each with
    its quoted sentences; a province with more than QUOTE_PAGE_LIMIT quotes has numbered pages."""

    document: CitedDocument
    province: Province
    districts: list[tuple[District, list[tuple[Plan, list[Citation]]]]]
    number: int = 1
    pages: tuple[str, ...] = ()  # the URLs of every page of this listing, when it has several


@dataclass(frozen=True)
class ProvinceQuotes:
    """A province's share of a document's citing plans: what the document's page counts, and the
    listing pages (none when the quotes are on the document's page itself)."""

    province: Province
    districts: list[tuple[District, list[tuple[Plan, list[Citation]]]]]
    pages: list[Page]

    @property
    def plan_count(self) -> int:
        return sum(len(entries) for _, entries in self.districts)

    @property
    def district_urls(self) -> dict[str, str]:
        """District slug -> URL of the listing page where its quotes start."""
        starts: dict[str, str] = {}
        for page in self.pages:
            for district, _ in page.subject.districts:
                starts.setdefault(district.slug, page.url)
        return starts


@dataclass(frozen=True)
class QuoteListing:
    """Who cites a document, by province and district. The quotes are on the document's own
    page when they are few and from one province (`quotes_inline`); otherwise the document's
    page only counts and each province has its listing, /van-ban/<id>/<province>/ (trang-2/...
    past the limit)."""

    provinces: list[ProvinceQuotes]
    inline: bool


def quotes_inline(document: CitedDocument) -> bool:
    """Most local documents: cited from one province, at most QUOTE_PAGE_LIMIT times (a listing
    page would hold the same quotes plus a page of chrome)."""
    return (len(document.citations) <= QUOTE_PAGE_LIMIT
            and len({plan.district.province_slug for plan in document.citing_plans}) == 1)


def quote_listing(document: CitedDocument, model: SiteModel) -> QuoteListing:
    by_province = citing_by_locality(document, model)
    if quotes_inline(document):
        return QuoteListing([ProvinceQuotes(province, districts, []) for province, districts in by_province], inline=True)
    return QuoteListing([_province_quotes(document, province, districts) for province, districts in by_province],
                        inline=False)


def citing_by_locality(document: CitedDocument, model: SiteModel):
    """[(province, [(district, [(plan, [citations])])])] in the registry's order."""
    return model.group_by_locality(document.citations_by_plan(), lambda entry: entry[0].district)


def _province_quotes(document: CitedDocument, province: Province, districts) -> ProvinceQuotes:
    title = f"{document.label} – {upper_first(province.full_name)}"
    pages = _numbered_pages(
        f"{urls.document_url(document)}{province.slug}/", _quote_chunks(districts),
        lambda url, chunk, number, all_urls: Page(
            url, "document-province.html", title + (f" (trang {number}/{len(all_urls)})" if all_urls else ""),
            "document-province", DocumentInProvince(document, province, chunk, number, all_urls),
            description=f"Các kế hoạch của {province.full_name} trích dẫn {document.label}."))
    return ProvinceQuotes(province, districts, pages)


def _quote_chunks(districts) -> list[list]:
    """The districts' plans in order, cut between plans into chunks of at most QUOTE_PAGE_LIMIT
    quotes (a plan with more is a chunk of its own); a district cut in two is in both chunks."""
    chunks: list[list] = [[]]
    count = 0
    for district, entries in districts:
        for plan, citations in entries:
            if chunks[-1] and count + len(citations) > QUOTE_PAGE_LIMIT:
                chunks.append([])
                count = 0
            chunk = chunks[-1]
            if not chunk or chunk[-1][0] is not district:
                chunk.append((district, []))
            chunk[-1][1].append((plan, citations))
            count += len(citations)
    return chunks


# A quote on a document's pages is a window of the citing sentence around the mention (more of
# what the plan does before it than of the date and issuer after it): the
# full passage is one click away (each quote links to it), and at 10,000 plans the listing
# pages of a national document hold thousands of quotes.
QUOTE_BEFORE, QUOTE_AFTER = 100, 60


def quote_excerpt(citation: Citation) -> str:
    """The citing sentence cut between words to QUOTE_BEFORE characters before the mention and
    QUOTE_AFTER after it, with '…' where it was cut; the mention itself is always whole."""
    sentence = citation.sentence
    start = sentence.find(citation.mention.surface)
    if start < 0:  # the sentence is cleaned of Markdown, the surface is not: fall back on the opening
        start, end = 0, 0
    else:
        end = start + len(citation.mention.surface)
    low, high = max(0, start - QUOTE_BEFORE), min(len(sentence), end + QUOTE_AFTER)
    if low > 0:  # start at a word
        low = sentence.find(" ", low, start) + 1 or start
    if high < len(sentence):  # end at a word
        space = sentence.rfind(" ", end, high)
        high = space if space > end else high
    text = sentence[low:high].strip(" ,;:")
    return ("…" if low > 0 else "") + text + ("…" if high < len(sentence) else "")


def citation_anchor(citation: Citation) -> str:
    """The id of a citing passage on its plan's page: where the mention starts in the plan file."""
    return f"trich-dan-{citation.line}-{citation.col}"


class _LinkedBody:
    """A plan page's Markdown: its plan's body with the citations linked, made when the page is
    rendered (in the render worker) rather than held for every plan at once. Rendering reads it a
    few times in a row, so the last one made is kept, for as long as its page lives."""

    def __init__(self):
        self._last: tuple[weakref.ref, str] | None = None

    def __get__(self, page, owner=None):
        if page is None:
            return ""  # the field's default
        last = self._last  # read once: the preview renders from more than one thread
        if last is None or last[0]() is not page:
            last = self._last = (weakref.ref(page), _linked_body(page.subject, page.citations, page.url))
        return last[1]

    def __set__(self, page, value) -> None:
        if value:  # the dataclass __init__ sets the default; nothing else may set it
            raise AttributeError("a plan page's Markdown is made from its plan and citations")


@dataclass(frozen=True, eq=False)
class PlanPage(Page):
    citations: CitationIndex | None = field(default=None, repr=False)


PlanPage.markdown = _LinkedBody()


def _plan_page(plan: Plan, citations: CitationIndex) -> Page:
    return PlanPage(urls.plan_url(plan), "plan.html", f"{plan.heading} – {plan.district.name}", "plan", plan,
                    description=f"{plan.doc_type} {plan.title}"[:300], citations=citations)


def _linked_body(plan: Plan, citations: CitationIndex, url: str) -> str:
    body_citations = [c for c in citations.citations_in(plan) if not c.in_title]
    anchors = {id(c.mention): citation_anchor(c) for c in body_citations}
    hrefs: dict[str, str | None] = {}  # a plan cites a document many times: one relpath each
    markdown = link_mentions(plan_body(plan), [c.mention for c in body_citations],
                             lambda doc_id: hrefs[doc_id] if doc_id in hrefs else hrefs.setdefault(
                                 doc_id, _href(url, citations.document(doc_id))),
                             lambda mention: anchors.get(id(mention)))
    return markdown


def _href(from_url: str, document: CitedDocument | None) -> str | None:
    """Relative link to the document's page (the renderer checks that it exists)."""
    if document is None:
        return None
    return posixpath.relpath(urls.document_url(document), from_url or ".") + "/"


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


# Each function returns its feature's pages and files; the site is all of them, in this order.
def _open_data_pages(portal: Portal) -> list[Page]:
    return open_data_pages(portal.model)


def open_data_pages(model: SiteModel) -> list[Page]:
    """Targets compared across plans (/chi-tieu/), and the open data explained (/du-lieu/)."""
    from plansite.comparisons import indicator_views, used_indicators  # kept apart from the other pages

    compared = used_indicators(model)
    pages = [Page(urls.INDICATORS, "indicators.html", "Chỉ tiêu", "indicators", compared,
                  description="Các chỉ tiêu giáo dục mà kế hoạch của các địa phương đặt ra, để so sánh giữa các địa phương và các năm."),
             Page(urls.DATA, "data.html", "Dữ liệu mở", "data",
                  description="Tải dữ liệu kế hoạch giáo dục: JSON, CSV, nguồn tin Atom và lịch iCalendar, kèm lược đồ JSON Schema.")]
    for indicator, rows in compared:
        for view in indicator_views(indicator, rows, f"{urls.INDICATORS}{indicator.slug}/"):
            pages.append(Page(view.url, "indicator.html", view.title, "indicator", view,
                              description=f"{view.title}: chỉ tiêu của các kế hoạch, so sánh giữa các địa phương và các năm."))
    return pages


PAGE_SOURCES: list[Callable[[Portal], list[Output]]] = [
    _navigation_pages, _locality_pages, _plan_pages, _document_pages, _open_data_pages,
]
