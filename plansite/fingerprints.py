"""What each planned page shows, as one digest: a page whose digest is unchanged is not rendered again.

A page's fingerprint covers everything its template reads: the page's own fields (URL,
title, Markdown; a plan page's Markdown through what it is made of, the plan's body and its
citations), the model objects it shows, and a site-wide
digest of what every page shows (templates, site_config.yaml, the localities registry, the
indicator vocabulary, the code and library versions). The model objects are digested from
small building blocks computed once per build:

- a plan: every field it was read with, and the day its file last changed (git history);
- a document: its identity and curated record, and every citation of it (what a quote list
  shows of the citing plan: its fields without the body; where and in which sentence), so a
  plan that starts or stops citing it changes it, and an edit elsewhere in the plan's text
  does not. A document's page for one province digests only that province's citations.

A page kind listed in `ALWAYS_RENDERED` (or one this module does not know) has no
fingerprint and is rendered on every build: the indexes over the whole corpus (search
facets, the documents index) change with almost any edit, and there are few of them.
Host-independent: no MkDocs or Jinja here, only the model and the files that shape a page.
"""
from __future__ import annotations

import dataclasses
import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from plansite.citations.corpus import CitedDocument
from plansite.model import Plan
from plansite.pages import DocumentInProvince, Page, PlanPage
from plansite.portal import Portal
from plansite.site_config import SiteConfig

ALWAYS_RENDERED = frozenset({"search", "documents", "documents-province", "documents-type"})
# Libraries whose output ends up in pages: Markdown and its sanitiser, the templates' engine and theme.
_LIBRARIES = ("Markdown", "nh3", "Jinja2", "MarkupSafe", "mkdocs", "mkdocs-material", "pymdown-extensions")
_CODE = Path(__file__).resolve().parent  # plansite/


def _digest(*parts) -> str:
    return _hex(_hasher(*parts))


def _hasher(*parts):
    """A SHA-256 fed with parts so far; more go in with _add, the digest comes out with _hex."""
    digest = hashlib.sha256()
    for part in parts:
        _add(digest, part)
    return digest


def _add(digest, part) -> None:
    digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
    digest.update(b"\0")


def _hex(digest) -> str:
    return digest.hexdigest()[:32]


def code_digest() -> str:
    """The site-building code and the versions of the libraries whose output pages hold."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.rglob("*.py")):
        digest.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    for package in _LIBRARIES:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=-".encode())
    return digest.hexdigest()[:32]


def templates_digest(templates_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(templates_dir).rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


class Fingerprints:
    """`of(page)`: the page's digest, or None when the page is rendered on every build."""

    def __init__(self, portal: Portal, config: SiteConfig, templates_dir: Path, preview: bool = False,
                 code: str | None = None):
        self.portal = portal
        model = portal.model
        code = code or code_digest()
        self.data_site = _digest(code, repr(config), repr(model.provinces), repr(model.indicators))
        self.site = _digest(self.data_site, templates_digest(templates_dir), preview)
        self._plans: dict[int, str] = {}
        self._fields: dict[int, str] = {}
        self._citations: dict[int, str] = {}
        self._identities: dict[int, str] = {}
        self._documents: dict[int, tuple[str, dict[str, str]]] = {}
        self._corpus: str | None = None

    def of(self, page: Page) -> str | None:
        subject = self._subject(page)
        if subject is None:
            return None
        # A plan page's Markdown is its plan's body with its citations linked, which _subject digests:
        # making it here would read every plan's body from disk once more and link it, in this process.
        markdown = "" if isinstance(page, PlanPage) else _digest(page.markdown)
        return _digest(self.site, page.url, page.template, page.title, page.kind, page.description, markdown, subject)

    def _subject(self, page: Page) -> str | None:
        """The digest of what the page shows besides its own fields; None: always rendered."""
        model, citations = self.portal.model, self.portal.citations
        kind, subject = page.kind, page.subject
        if kind in ALWAYS_RENDERED:
            return None
        if kind == "plan" and isinstance(subject, Plan):
            cited_as = citations.cited_as(subject)  # the plans that cite this one, listed on its page
            return _digest(self.plan(subject), self.citations_in(subject),
                           *(self.document_identity(d) for d in citations.documents_cited_by(subject)),
                           self.document(cited_as) if cited_as else "")
        if kind == "district":
            return _digest(*(self.plan_fields(p) for p in model.plans_in(subject)))  # a list of plans
        if kind == "province":
            return _digest(*(f"{d.key}:{self.plan_fields(p)}" for d in subject.districts for p in model.plans_in(d)))
        if kind in ("home", "localities", "indicators", "indicator", "data"):
            return self.corpus()  # counts, latest plans, targets compared across every plan
        if kind == "document" and isinstance(subject, CitedDocument):
            return self.document(subject)
        if kind == "document-province" and isinstance(subject, DocumentInProvince):
            return self._document_digests(subject.document)[1][subject.province.slug]
        if kind == "redirect" and isinstance(subject, str):
            return _digest(subject)
        return None  # a page kind added later renders until it gets a fingerprint here

    def plan_data(self, plan: Plan) -> str:
        """What a plan's own data files hold: the plan, its citations and the documents they resolve to, config."""
        return _digest(self.data_site, self.plan(plan), self.citations_in(plan),
                       *(self.document_identity(d) for d in self.portal.citations.documents_cited_by(plan)))

    def citations_in(self, plan: Plan) -> str:
        """Where the plan cites what: the links and anchors of its page, the rows of its data."""
        found = self._citations.get(id(plan))
        if found is None:  # asked for the plan's page and for its data files
            found = self._citations[id(plan)] = _digest(
                *(f"{c.line}:{c.col}:{c.in_title}:{c.mention.id}:{c.mention.surface}:{c.sentence}"
                  for c in self.portal.citations.citations_in(plan)))
        return found

    def plan(self, plan: Plan) -> str:
        """Every field of the plan. The body is digested apart (repr of 50 KB costs more than hashing
        it); a body kept on disk is named by its cache key, a digest of the file it was read from,
        so it is not read back."""
        found = self._plans.get(id(plan))
        if found is None:
            body = plan.body_file or _digest(plan.body)
            found = self._plans[id(plan)] = _digest(self.plan_fields(plan), body, self.portal.model.changed_on(plan))
        return found

    def plan_fields(self, plan: Plan) -> str:
        """Every field of the plan but its body: all that a list of plans or of quotes shows of it."""
        found = self._fields.get(id(plan))
        if found is None:
            fields = tuple(getattr(plan, f.name) for f in dataclasses.fields(plan) if f.name not in ("body", "body_file"))
            found = self._fields[id(plan)] = _digest(repr(fields), self.portal.model.changed_on(plan))
        return found

    def document_identity(self, document: CitedDocument) -> str:
        """What a link to the document shows: its address, label, date and issuer (and all it was read with)."""
        found = self._identities.get(id(document))
        if found is None:
            found = self._identities[id(document)] = _digest(
                document.id, document.doc_type, document.number_symbol, document.title, document.issuer, document.date,
                repr(document.curated), self.plan_fields(document.plan) if document.plan else "")
        return found

    def document(self, document: CitedDocument) -> str:
        """The document and who cites it where: its page shows all of that."""
        return self._document_digests(document)[0]

    def _document_digests(self, document: CitedDocument) -> tuple[str, dict[str, str]]:
        """(the document's digest, {province slug: the digest of what its listing pages show: the
        document and that province's citations}), in one pass over the citations: a pass per
        province was citations x provinces (54 s of a warm build at 10,000 plans)."""
        found = self._documents.get(id(document))
        if found is None:
            identity = self.document_identity(document)
            whole, provinces = _hasher(identity), {}
            for citation in document.citations:
                quoted = self._citation(citation)
                _add(whole, quoted)
                slug = citation.plan.district.province_slug
                if slug not in provinces:
                    provinces[slug] = _hasher(identity, slug)
                _add(provinces[slug], quoted)
            found = self._documents[id(document)] = (_hex(whole), {slug: _hex(d) for slug, d in provinces.items()})
        return found

    def _citation(self, citation) -> str:
        """What a quote list shows of one citation: the plan, where (the anchor) and the sentence."""
        return (f"{self.plan_fields(citation.plan)}:{citation.line}:{citation.col}:{citation.in_title}:"
                f"{citation.mention.surface}:{citation.sentence}")

    def corpus(self) -> str:
        if self._corpus is None:
            self._corpus = _digest(*(self.plan(p) for p in self.portal.model.plans))
        return self._corpus
