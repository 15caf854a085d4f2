"""Live preview for editors: build, serve on http://127.0.0.1:8000, rebuild on every change.

Uses the host's live-reload server, through the adapter (the browser refreshes itself after
each rebuild). The preview is built into a temporary folder, so previewing never touches
the published site/.
A rebuild that finds content errors prints them and keeps showing the last good preview.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from plansite.build import ProjectPaths, build
from plansite.errors import print_problems
from plansite.mkdocs_adapter import live_reload


def serve(paths: ProjectPaths, host: str = "127.0.0.1", port: int = 8000) -> int:
    with tempfile.TemporaryDirectory(prefix="plansite-preview-") as tmp:
        preview_dir = Path(tmp) / "site"

        def rebuild() -> None:
            report = build(paths, preview_dir, preview=True)
            print_problems(report.loaded.problems)
            if report.ok:
                print(f"Đã dựng lại {report.page_count} trang.", file=sys.stderr)
            else:
                print(report.failure or "Có lỗi nội dung; bản xem trước giữ nguyên lần dựng gần nhất.",
                      file=sys.stderr)

        rebuild()
        if not preview_dir.exists():
            print("Chưa dựng được bản xem trước: sửa các lỗi trên rồi chạy lại.", file=sys.stderr)
            return 1
        print(f"Xem trước tại http://{host}:{port}/ (Ctrl+C để dừng). Trang tự tải lại khi bạn lưu tệp.",
              file=sys.stderr)
        try:
            live_reload(rebuild, preview_dir, (paths.content, paths.templates, paths.config_file), host, port)
        except KeyboardInterrupt:
            print("Đã dừng xem trước.", file=sys.stderr)
    return 0
