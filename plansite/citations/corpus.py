"""The citation graph of the whole portal: every cited document and every plan citing it.

Built once, after all plans are loaded (backlinks need the whole corpus), then only read.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Mapping

from plansite.citations.context import Lines, Sentences
from plansite.citations.finder import find_mentions
from plansite.citations.identity import Locale, plan_document_id
from plansite.citations.mention import Mention
from plansite.citations.places import PlaceNames
from plansite.citations.resolver import resolve_document
from plansite.errors import Position, Problem, Severity
from plansite.model import CuratedDocument, Plan, Province
from plansite.vietnamese import sort_key


@dataclass(frozen=True)
class Citation:
    """One mention, placed in its plan: where it is and the sentence it stands in."""

    plan: Plan
    mention: Mention
    in_title: bool
    line: int
    col: int
    sentence: str


@dataclass(frozen=True)
class CitedDocument:
    id: str
    doc_type: str | None
    number_symbol: str | None
    title: str | None
    issuer: str | None
    date: str | None
    citations: tuple[Citation, ...]
    curated: CuratedDocument | None = None
    plan: Plan | None = None  # the document is itself a plan published here

    @property
    def label(self) -> str:
        """'Nghị quyết số 29-NQ/TW'; 'Luật Giáo dục 2019' for a law cited by name."""
        if self.doc_type and self.number_symbol:
            return f"{self.doc_type} số {self.number_symbol}"
        return self.title or self.number_symbol or self.id

    @cached_property  # read by every index and locality page: computed once per document
    def citing_plans(self) -> tuple[Plan, ...]:
        return tuple(dict.fromkeys(c.plan for c in self.citations))

    def citations_by_plan(self) -> list[tuple[Plan, list[Citation]]]:
        """Citing plans, newest first, each with its mentions of this document in reading order."""
        grouped: dict[Plan, list[Citation]] = {}
        seen: set[tuple[str, str]] = set()
        for citation in self.citations:
            quotes = grouped.setdefault(citation.plan, [])
            if (citation.plan.source_path, citation.sentence) not in seen:  # two mentions in one sentence
                seen.add((citation.plan.source_path, citation.sentence))
                quotes.append(citation)
        return sorted(grouped.items(), key=lambda item: (item[0].date, item[0].number), reverse=True)


@dataclass(frozen=True)
class CitationIndex:
    documents: tuple[CitedDocument, ...] = ()
    _by_id: Mapping[str, CitedDocument] = field(default_factory=dict, repr=False)
    _by_plan: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict, repr=False)
    _own_ids: Mapping[str, str] = field(default_factory=dict, repr=False)  # plan source path -> its identity
    warnings: tuple[Problem, ...] = ()  # for `check`: unresolved, missing years, conflicting dates
    errors: tuple[Problem, ...] = ()  # identities claimed outside their scope: the build stops

    def document(self, doc_id: str) -> CitedDocument | None:
        return self._by_id.get(doc_id)

    def citations_in(self, plan: Plan) -> tuple[Citation, ...]:
        return self._by_plan.get(plan.source_path, ())

    def documents_cited_by(self, plan: Plan) -> tuple[CitedDocument, ...]:
        ids = dict.fromkeys(c.mention.id for c in self.citations_in(plan) if c.mention.id)
        return tuple(self._by_id[i] for i in ids if i in self._by_id)

    def by_type(self) -> list[tuple[str, list[CitedDocument]]]:
        """[(type, documents most cited first)], types in Vietnamese alphabetical order."""
        groups: dict[str, list[CitedDocument]] = {}
        for document in self.documents:
            groups.setdefault(document.doc_type or "Văn bản khác", []).append(document)
        return [(name, sorted(docs, key=lambda d: (-len(d.citing_plans), sort_key(d.label))))
                for name, docs in sorted(groups.items(), key=lambda item: sort_key(item[0]))]

    def cited_as(self, plan: Plan) -> CitedDocument | None:
        """The cited document that is this plan, if other plans cite it (its page shows who)."""
        return self._by_id.get(self._own_ids.get(plan.source_path, ""))


def build_index(plans: tuple[Plan, ...], provinces: tuple[Province, ...],
                curated: tuple[CuratedDocument, ...] = (), memo: dict | None = None) -> CitationIndex:
    """memo: per-plan results kept by a caller that rebuilds often (the preview), reused only for
    the very same Plan object; the caller clears it when localities or curated documents change."""
    aliases = curated_aliases(curated)
    places = PlaceNames(tuple(provinces))  # one index of place names for the whole corpus
    own_ids = {plan.source_path: _per_plan(memo, plan, "id", lambda p: plan_document_id(
                   p.number, p.year, p.district, provinces, places)) for plan in plans}
    plan_ids = {own_ids[plan.source_path]: plan for plan in plans if own_ids[plan.source_path]}
    by_plan: dict[str, tuple[Citation, ...]] = {}
    warnings: list[Problem] = []
    for plan in plans:
        citations, plan_warnings = _per_plan(memo, plan, "citations", lambda p: _citations_of(
            p, provinces, places, aliases, own_ids[p.source_path]))
        by_plan[plan.source_path] = citations
        warnings.extend(plan_warnings)
    documents = _documents(by_plan, {d.id: d for d in curated}, plan_ids, memo)
    warnings.extend(_conflicting_dates(documents, memo))
    ordered = tuple(sorted(documents, key=lambda d: sort_key(d.label)))
    return CitationIndex(ordered, MappingProxyType({d.id: d for d in ordered}), MappingProxyType(by_plan),
                         MappingProxyType({path: i for path, i in own_ids.items() if i}), tuple(warnings),
                         tuple(_identity_takeovers(plans, own_ids, curated)))


def _identity_takeovers(plans, own_ids: dict[str, str | None], curated) -> list[Problem]:
    """A plan may only claim its own identity in its own scope; an alias may not capture another's id.

    Otherwise one district's file captures a national document: its /van-ban/ page and
    every plan's links to it would go to that district's page.
    """
    files = {document.id: document.source_path for document in curated}
    errors = []
    for plan in plans:
        own = own_ids[plan.source_path]
        if not own:
            continue
        where = Position(plan.source_path, *plan.number_at)
        if f"-{plan.district.key.replace('/', '-')}" not in own:
            also = f"; văn bản này có tệp {files[own]}" if own in files else ""
            errors.append(Problem(where, f"số '{plan.number}' là số của một văn bản trung ương hoặc của cấp khác "
                                  f"(mã {own}), không thể là số của kế hoạch do {plan.district.full_name} ban hành{also}",
                                  "ghi đúng số in trên kế hoạch (ký hiệu cơ quan của quận, huyện, ví dụ 95/KH-PGDĐT); "
                                  "văn bản trung ương không đặt trong content/plans/"))
        elif own in files:
            errors.append(Problem(where, f"kế hoạch mang cùng mã văn bản '{own}' với {files[own]}",
                                  f"mỗi văn bản một trang: sửa 'number' nếu nhập nhầm, hoặc xóa tệp {files[own]}"))
    plan_files = {own: path for path, own in own_ids.items() if own}
    for document in curated:
        for alias, (line, col) in zip(document.aliases, document.alias_at, strict=True):
            if alias in plan_files:
                errors.append(Problem(Position(document.source_path, line, col),
                                      f"bí danh '{alias}' là mã riêng của kế hoạch {plan_files[alias]}",
                                      "bí danh chỉ gộp các cách ghi sai số của chính văn bản này: xóa dòng này khỏi aliases"))
    return errors


def plan_citations(plan: Plan, provinces: tuple[Province, ...], places: PlaceNames,
                   aliases: dict[str, str]) -> tuple[str | None, tuple[tuple[Citation, ...], list[Problem]]]:
    """The per-plan part of build_index, on its own: the plan's identity, its citations and warnings.

    Depends on nothing but the plan, the registry (provinces, in the model's order, and its places)
    and the curated aliases, so a caller may compute it in a worker process, or cache it."""
    own_id = plan_document_id(plan.number, plan.year, plan.district, provinces, places)
    return own_id, _citations_of(plan, provinces, places, aliases, own_id)


def remember(memo: dict, plan: Plan, own_id: str | None, found) -> None:
    """Put plan_citations' result in a memo for build_index, which reuses it for this very Plan object."""
    memo[(plan.source_path, "id")] = (plan, own_id)
    memo[(plan.source_path, "citations")] = (plan, found)


def curated_aliases(curated) -> dict[str, str]:
    return {alias: doc.id for doc in curated for alias in doc.aliases}


def _per_plan(memo: dict | None, plan: Plan, what: str, compute):
    return _reused(memo, (plan.source_path, what), plan, compute)


def _reused(memo: dict | None, key, source, compute):
    """compute(source), or the result memo holds under key for this very source object."""
    if memo is None:
        return compute(source)
    known = memo.get(key)
    if known is None or known[0] is not source:
        known = memo[key] = (source, compute(source))
    return known[1]


def _citations_of(plan: Plan, provinces, places: PlaceNames, aliases: dict[str, str],
                  own_id: str | None) -> tuple[tuple[Citation, ...], list[Problem]]:
    province = next((p for p in provinces if p.slug == plan.district.province_slug), None)
    locale = Locale(tuple(provinces), province, plan.district, places)
    citations, warnings = [], []
    for text, in_title in ((plan.title, True), (plan.body, False)):
        mentions, findings = resolve_document(find_mentions(text), locale, own_id)
        sentences, lines = Sentences(text), Lines(text)
        warnings.extend(_warning(plan, *_position(plan, lines, f.mention.start, in_title), f.what, f.fix) for f in findings)
        for mention in mentions:
            if mention.id in aliases:
                mention = replace(mention, id=aliases[mention.id])
            line, col = _position(plan, lines, mention.start, in_title)
            citations.append(Citation(plan, mention, in_title, line, col,
                                      text if in_title else sentences.around(mention.start, mention.end)))
    return tuple(citations), warnings


def _warning(plan: Plan, line: int, col: int, what: str, fix: str) -> Problem:
    return Problem(Position(plan.source_path, line, col), what, fix, Severity.WARNING)


def _position(plan: Plan, lines: Lines, offset: int, in_title: bool) -> tuple[int, int]:
    if in_title:
        return plan.title_line, 1
    line, col = lines.line_col(offset)
    return plan.body_first_line + line, col


def _documents(by_plan, curated: dict, plan_ids: dict[str, Plan], memo: dict | None = None) -> list[CitedDocument]:
    grouped: dict[str, list[Citation]] = {}
    for citations in by_plan.values():
        for citation in citations:
            if citation.mention.id:
                grouped.setdefault(citation.mention.id, []).append(citation)
    for doc_id in curated:
        grouped.setdefault(doc_id, [])
    return [_reused_document(memo, doc_id, tuple(cits), curated.get(doc_id), plan_ids.get(doc_id))
            for doc_id, cits in grouped.items()]


def _reused_document(memo: dict | None, doc_id: str, citations: tuple[Citation, ...], curated, plan) -> CitedDocument:
    """The document memo holds when its citations (the same objects, in order), curation and plan are unchanged:
    a preview reload rebuilds only the documents the edited plan cites now or cited before."""
    if memo is None:
        return _document(doc_id, citations, curated, plan)
    inputs = (citations, curated, plan)
    known = memo.get(("document", doc_id))
    if known is None or known[0] != inputs:
        known = memo[("document", doc_id)] = (inputs, _document(doc_id, *inputs))
    return known[1]


def _document(doc_id: str, citations: tuple[Citation, ...], curated: CuratedDocument | None,
              plan: Plan | None) -> CitedDocument:
    mentions = [c.mention for c in citations]
    title = next((m.title for m in mentions if m.form == "named-law" and m.title), None)
    return CitedDocument(
        id=doc_id,
        doc_type=(curated and curated.doc_type) or _most_common(m.doc_type for m in mentions),
        number_symbol=(curated and curated.number_symbol) or _most_common(m.number_symbol for m in mentions),
        title=(curated and curated.title) or title,
        issuer=(curated and curated.issuer) or _most_common((m.issuer for m in mentions), prefer_longer=True),
        date=(curated and curated.date) or _most_common(m.date for m in mentions),
        citations=citations, curated=curated, plan=plan)


def _most_common(values, prefer_longer: bool = False):
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], len(v) if prefer_longer else 0))  # ties: first cited


def _conflicting_dates(documents: list[CitedDocument], memo: dict | None = None) -> list[Problem]:
    findings = []
    for document in documents:
        findings.extend(_reused(memo, ("dates", document.id), document, _date_conflicts))
    return findings


def _date_conflicts(document: CitedDocument) -> list[Problem]:
    findings = []
    dated = [c for c in document.citations if c.mention.date]
    if len({c.mention.date for c in dated}) < 2:
        return findings
    other = next(c for c in dated if c.mention.date == document.date)
    for citation in dated:
        if citation.mention.date != document.date:
            findings.append(_warning(
                citation.plan, citation.line, citation.col,
                f"{document.label} được ghi ngày {_vn(citation.mention.date)} ở đây nhưng ngày {_vn(document.date)} "
                f"ở {other.plan.source_path}:{other.line}",
                "kiểm tra ngày trên bản gốc; nếu là hai văn bản khác nhau, tạo tệp content/documents/ để tách"))
    return findings


def _vn(iso: str) -> str:
    return "/".join(reversed(iso.split("-")))
