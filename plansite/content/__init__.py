"""Content: reads everything under content/, validates it, and builds the site model (entities only;
the citation graph over them is the build step's work, see plansite/portal.py)."""
from __future__ import annotations

from pathlib import Path

from plansite.content.documents import load_curated_documents
from plansite.content.history import last_changed
from plansite.content.indicators import load_indicators, report_unmapped, report_unreviewed
from plansite.content.localities import load_localities
from plansite.content.plans import load_plans
from plansite.content.source import safe_resolve
from plansite.errors import Position, Problems, display_path
from plansite.model import SiteModel


def load_site(content_dir: Path, root: Path, allowed_hosts: tuple[str, ...] = (),
              memo=None, read_plans=None) -> tuple[SiteModel | None, Problems]:
    """Read all content; return the model, or None when any error was found (all reported).

    allowed_hosts: hosts plans may link to without a warning (site_config.yaml's external_hosts).
    memo: the preview's (plansite/preview/project.py): `load_plan` and `load_localities`, with the
    loaders' signatures, which re-read changed files only.
    read_plans(plans_dir, provinces, curated): called once the registry and curated documents are
    read, returns a `load_plan` that gives plans read beforehand (in worker processes, or from the
    cache: plansite/plan_reading.py)."""
    problems = Problems()
    if not content_dir.is_dir():
        problems.error(Position(str(content_dir)), "không tìm thấy thư mục nội dung",
                       "chạy lệnh trong thư mục gốc của dự án, nơi có thư mục content/")
        return None, problems
    if _links_out_of_content(content_dir, root, problems):
        return None, problems
    provinces = (memo.load_localities if memo else load_localities)(content_dir / "localities.yaml", root, problems)
    districts = {d.key: d for p in provinces for d in p.districts}
    plans_dir = content_dir / "plans"
    curated_problems = Problems()  # read first (plan citations use their aliases), reported in reading order
    curated = load_curated_documents(content_dir / "documents", root, curated_problems, allowed_hosts)
    load = memo and memo.load_plan
    if read_plans is not None and plans_dir.is_dir() and not problems.errors:
        load = read_plans(plans_dir, provinces, curated)
    plans = load_plans(plans_dir, root, districts, problems, allowed_hosts, load) if plans_dir.is_dir() else []
    problems.extend(curated_problems)
    indicators = load_indicators(content_dir / "indicators.yaml", root, problems)
    if problems.errors:
        return None, problems
    report_unmapped(plans, indicators, problems)
    report_unreviewed(plans, problems)
    return SiteModel.build(provinces, plans, curated, indicators, last_changed(root)), problems


def _links_out_of_content(content_dir: Path, root: Path, problems: Problems) -> bool:
    """The registry and the two folders must be inside content/ (deeper files are checked one by one)."""
    inside = content_dir.resolve()
    escaping = [entry for entry in (content_dir / "localities.yaml", content_dir / "plans", content_dir / "documents")
                if entry.is_symlink() and not (safe_resolve(entry) or inside.parent).is_relative_to(inside)]
    for entry in escaping:
        problems.error(Position(display_path(entry, root)), "đường dẫn trỏ ra ngoài thư mục content/ (liên kết tượng trưng)",
                       "thay liên kết bằng chính tệp hoặc thư mục, đặt trong content/")
    return bool(escaping)
