"""Page planning: which pages the site has, at which URL, with which template and subject.

Host-independent: a page is a URL, a template name, a title and the model object it shows
(plus Markdown for pages whose body is prose). The MkDocs adapter turns these into files.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plansite import urls
from plansite.model import Plan, SiteModel
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


def plan_pages(model: SiteModel) -> list[Page]:
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
    pages.extend(_plan_page(plan) for plan in model.plans)
    return pages


def _plan_page(plan: Plan) -> Page:
    return Page(urls.plan_url(plan), "plan.html", f"{plan.heading} – {plan.district.name}", "plan", plan,
                markdown=plan.body, description=f"{plan.doc_type} {plan.title}"[:300])
