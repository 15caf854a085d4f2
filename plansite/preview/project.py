"""The project held in memory between saves, reloaded so that the work follows the change.

A reload reads everything again through the normal loaders (`load_project`), but with a
memo: a plan file whose stat signature (mtime, size, inode) is unchanged gives back the very
Plan object read last time, with its problems; an unchanged Plan keeps its citations; an
unchanged plan with unchanged citations keeps its planned page (the Markdown with linked
mentions). So a save costs reading, finding citations in and linking that one file, plus
regrouping the citation graph (documents it cites now or cited before are rebuilt from the
per-plan citations), which is linear and cheap. Localities, curated documents and the site
configuration are few small files: any change to them drops the memo, as plan results depend
on them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from plansite.build import Loaded, ProjectPaths, load_project
from plansite.citations.corpus import CitationIndex, CitedDocument
from plansite.content.localities import load_localities
from plansite.content.plans import load_plan
from plansite.errors import Problems
from plansite.model import Plan, SiteModel
from plansite.pages import Page, _pages_of_document, _plan_page


def signature(path: Path) -> tuple | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


@dataclass
class Memo:
    """Per-plan results of the previous reload (see module docstring for what each is keyed by)."""

    plans: dict[Path, tuple] = field(default_factory=dict)  # path -> (signature, plan, problems)
    citations: dict = field(default_factory=dict)  # filled by citations.corpus.build_index
    pages: dict[str, tuple] = field(default_factory=dict)  # source path -> (plan, citations, page)
    plan_documents: dict[str, str] = field(default_factory=dict)  # cited documents that are plans here
    localities: tuple | None = None  # (signature, provinces, problems)
    documents: dict[str, tuple] = field(default_factory=dict)  # document id -> (document, its pages)
    index: CitationIndex | None = None  # the citation graph plan pages were last planned with

    def load_plan(self, path: Path, plans_dir: Path, root: Path, districts, problems: Problems,
                  allowed_hosts: tuple[str, ...] = ()) -> Plan | None:
        current = signature(path)
        known = self.plans.get(path)
        if current is None or known is None or known[0] != current:
            own = Problems()
            plan = load_plan(path, plans_dir, root, districts, own, allowed_hosts)
            known = (current, plan, own)
            if current is not None:
                self.plans[path] = known
        problems.extend(known[2])
        return known[1]

    def load_localities(self, path: Path, root: Path, problems: Problems):
        """The registry, read again only when the file changed (a change also drops the whole memo)."""
        current = signature(path)
        if self.localities is None or self.localities[0] != current or current is None:
            own = Problems()
            self.localities = (current, load_localities(path, root, own), own)
        problems.extend(self.localities[2])
        return self.localities[1]

    def plan_page(self, plan: Plan, index: CitationIndex) -> Page:
        if index is not self.index:
            self._new_index(index)
        citations = index.citations_in(plan)
        known = self.pages.get(plan.source_path)
        if known is not None and known[0] is plan and known[1] is citations:
            return known[2]
        page = _plan_page(plan, index)
        self.pages[plan.source_path] = (plan, citations, page)
        return page

    def document_pages(self, document: CitedDocument, model: SiteModel) -> list[Page]:
        """A document's pages, reused while it is the very same object (its citations did not change)."""
        known = self.documents.get(document.id)
        if known is None or known[0] is not document:
            known = self.documents[document.id] = (document, _pages_of_document(document, model))
        return known[1]

    def _new_index(self, index: CitationIndex) -> None:
        """Links to a document that is itself a plan go to that plan's page: if that set moved, replan all."""
        self.index = index
        now = {d.id: d.plan.source_path for d in index.documents if d.plan is not None}
        if now != self.plan_documents:
            self.pages.clear()
        self.plan_documents = now


class PreviewProject:
    """The last good load of a project, and the problems of the latest one."""

    def __init__(self, paths: ProjectPaths):
        self.paths = paths
        self.memo = Memo()
        self.good: Loaded | None = None  # what the preview shows
        self.latest: Loaded | None = None  # its problems are what the overlay shows

    def reload(self, everything: bool = False) -> Loaded:
        """Read the project again; `everything`: a shared file changed, forget per-plan results."""
        if everything:
            self.memo = Memo()
        loaded = load_project(self.paths, memo=self.memo)
        self.latest = loaded
        if loaded.model is not None:
            self.good = loaded
        return loaded

    @property
    def problems(self) -> Problems:
        return self.latest.problems if self.latest is not None else Problems()
