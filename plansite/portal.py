"""The portal as the build step sees it: the site model plus the citation graph over it.

The model (plansite.model) holds entities only and the citation analysis (plansite.citations)
reads them; neither knows the other's results. This module, above both, joins them once all
content is read: pages, search entries and templates receive a `Portal`.
"""
from __future__ import annotations

from dataclasses import dataclass

from plansite.citations.corpus import CitationIndex, build_index
from plansite.errors import Problem
from plansite.model import SiteModel


@dataclass(frozen=True)
class Portal:
    model: SiteModel
    citations: CitationIndex

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What `check` reports about citations: unresolved, missing years, conflicting dates."""
        return self.citations.warnings


def assemble(model: SiteModel, memo: dict | None = None) -> Portal:
    """Build the citation graph over the whole corpus (backlinks need every plan); memo: see build_index."""
    return Portal(model, build_index(model.reading_order, model.provinces, model.documents, memo))
