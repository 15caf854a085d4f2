"""Live preview for editors: build, serve on http://127.0.0.1:8000, rebuild on every change.

Uses MkDocs' live-reload server (the browser refreshes itself after each rebuild). The
preview is built into a temporary folder, so previewing never touches the published site/.
A rebuild that finds content errors prints them and keeps showing the last good preview.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from plansite.build import ProjectPaths, build


def serve(paths: ProjectPaths, host: str = "127.0.0.1", port: int = 8000) -> int:
    from mkdocs.livereload import LiveReloadServer  # the host, at the edge

    from plansite.cli import print_problems

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
        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(preview_dir))
        for watched in (paths.content, paths.templates, paths.config_file):
            server.watch(str(watched))
        print(f"Xem trước tại http://{host}:{port}/ (Ctrl+C để dừng). Trang tự tải lại khi bạn lưu tệp.",
              file=sys.stderr)
        try:
            server.serve()
        except KeyboardInterrupt:
            print("Đã dừng xem trước.", file=sys.stderr)
        finally:
            server.shutdown()
    return 0
