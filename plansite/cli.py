"""Command line: `plansite [build|check|serve|import|cite]` (or `python build.py ...` in a checkout).

Messages are for editors, in Vietnamese.
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from plansite.build import BuildReport, ProjectPaths, build, load_project
from plansite.errors import Problems, print_problems

EXIT_OK, EXIT_CONTENT_ERRORS = 0, 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = ProjectPaths(Path(args.root).resolve())
    if args.command == "check":
        return check(paths)
    if args.command == "cite":
        return cite(paths, [Path(f) for f in args.files], as_json=args.json)
    if args.command == "import":
        return run_import(paths, args)
    if args.command == "serve":
        from plansite.serve import serve
        return serve(paths, host=args.host, port=args.port)
    return run_build(paths, Path(args.out).resolve() if args.out else None, args.site_url)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Dựng cổng kế hoạch giáo dục từ thư mục content/.")
    parser.add_argument("--root", default=".", help="thư mục gốc của dự án (mặc định: thư mục hiện tại)")
    commands = parser.add_subparsers(dest="command")
    build_cmd = commands.add_parser("build", help="kiểm tra nội dung và dựng trang vào site/ (mặc định)")
    build_cmd.add_argument("--out", help="thư mục kết quả (mặc định: site/)")
    build_cmd.add_argument("--site-url", help="địa chỉ công bố, có '/' ở cuối (thay cho site_url trong site_config.yaml)")
    commands.add_parser("check", help="chỉ kiểm tra nội dung, không dựng trang")
    cite_cmd = commands.add_parser("cite", help="liệt kê các văn bản được trích dẫn trong tệp (kế hoạch .md hoặc văn bản .txt)")
    cite_cmd.add_argument("files", nargs="+", metavar="FILE")
    cite_cmd.add_argument("--json", action="store_true", help="in dạng JSON, mỗi lần trích dẫn một đối tượng")
    serve_cmd = commands.add_parser("serve", help="xem trước, tự dựng lại khi nội dung hoặc mẫu thay đổi")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    import_cmd = commands.add_parser("import", help="nhập một văn bản (.txt, .md, .docx) thành tệp kế hoạch để biên tập")
    import_cmd.add_argument("file", help="văn bản nhận được: .txt hoặc .md (UTF-8), hoặc .docx")
    import_cmd.add_argument("--out", help="ghi vào thư mục này (mặc định: content/plans/<tỉnh>/<huyện>/)")
    import_cmd.add_argument("--locality", default="", help="tỉnh/huyện khi không tự nhận ra, ví dụ quang-ninh/uong-bi")
    import_cmd.add_argument("--force", action="store_true", help="ghi đè tệp đã có (giữ lại targets, programme, levels)")
    parser.set_defaults(command="build", out=None, site_url=None)
    return parser


def check(paths: ProjectPaths) -> int:
    loaded = load_project(paths)
    print_problems(loaded.problems)
    if loaded.problems.errors:
        print(_error_summary(loaded.problems), file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    model = loaded.model
    print(f"Nội dung hợp lệ: {len(model.plans)} kế hoạch, {len(model.districts)} địa phương, "
          f"{len(loaded.problems.warnings)} cảnh báo.")
    return EXIT_OK


def cite(paths: ProjectPaths, files: list[Path], as_json: bool) -> int:
    from plansite.citations.report import as_json as to_json
    from plansite.citations.report import as_table, cite_files
    from plansite.content.localities import load_localities

    problems = Problems()
    provinces = tuple(load_localities(paths.content / "localities.yaml", paths.root, problems))
    records = cite_files(files, paths.root, provinces, problems)
    print_problems(problems)
    if problems.errors:
        return EXIT_CONTENT_ERRORS
    print(to_json(records) if as_json else as_table(records))
    return EXIT_OK


def run_build(paths: ProjectPaths, out_dir: Path | None, site_url: str | None = None) -> int:
    from plansite.publish import BuildInterrupted

    try:
        report = build(paths, out_dir, site_url)
    except (KeyboardInterrupt, BuildInterrupted) as stop:
        signum = getattr(stop, "signum", 2)  # SIGINT for Ctrl+C
        print(f"Đã dừng lần dựng ({signal.Signals(signum).name}); thư mục site/ cũ được giữ nguyên.", file=sys.stderr)
        return 128 + signum
    print_problems(report.loaded.problems)
    if report.loaded.problems.errors:
        print(_error_summary(report.loaded.problems), file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    if report.failure:
        print(f"Lỗi khi dựng trang: {report.failure}\nThư mục site/ cũ được giữ nguyên.", file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    print(_summary(report, out_dir or paths.site, paths.root))
    return EXIT_OK


def _error_summary(problems: Problems) -> str:
    count = len(problems.errors)
    return f"\nCó {count} lỗi; chưa dựng trang, thư mục site/ cũ được giữ nguyên. Sửa các lỗi trên rồi chạy lại."


def _summary(report: BuildReport, out_dir: Path, root: Path) -> str:
    model = report.loaded.model
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.stage_seconds.items())
    try:
        shown = out_dir.relative_to(root)
    except ValueError:
        shown = out_dir
    return (f"Đã dựng {report.page_count} trang vào {shown}/: {len(model.plans)} kế hoạch, "
            f"{len(model.provinces)} tỉnh/thành phố, {len(model.districts)} quận/huyện.\n"
            f"Thời gian: {stages}.\n"
            f"Xem trước: make serve (rồi mở http://127.0.0.1:8000/), "
            f"hoặc python3 -m http.server -d {shown} 8000")


def run_import(paths: ProjectPaths, args) -> int:
    from plansite.importer import ImportRequest, import_plan  # only this command needs it

    request = ImportRequest(Path(args.file).resolve(), paths.root, Path(args.out).resolve() if args.out else None,
                            args.locality, args.force)
    try:
        outcome = import_plan(request)
    except Exception as err:  # a bug of ours: say so in one line, as every other message
        print(f"{args.file}:1:1: lệnh nhập gặp lỗi không lường trước ({type(err).__name__}: {err}) — gửi tệp này "
              "cho nhóm kỹ thuật; trong lúc chờ, nhập tay theo mẫu trong README", file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    if outcome.problems.errors:
        print_problems(outcome.problems)
        print("\nChưa nhập: sửa lỗi trên rồi chạy lại.", file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    print(f"Đã tạo {outcome.written}")
    print_problems(outcome.problems, sys.stdout)
    print(_import_summary(outcome))
    return EXIT_OK


def _import_summary(outcome) -> str:
    coverage = outcome.coverage
    todos = [p for p in outcome.problems.warnings if p.what.startswith("chưa điền")]
    lines = []
    if coverage.lost:
        lines.append(f"Có {len(coverage.lost)} chữ của văn bản gốc không có trong tệp mới: {', '.join(coverage.lost)} "
                     "(đã ghi dòng TODO ở đầu tệp).")
    else:
        but = ", trừ phần bỏ có chủ đích dưới đây" if coverage.left_out else ""
        lines.append(f"Không mất chữ nào: {coverage.source_words:,} chữ của văn bản gốc đều có trong tệp mới{but}."
                     .replace(",", ".", 1))
    offset = outcome.body_offset
    for misplaced in coverage.misplaced:
        lines.append(f"{outcome.written}:{misplaced.output_line + offset}:1: {misplaced.message(offset)}.")
    for reason, words in coverage.left_out.items():
        lines.append(f"Bỏ có chủ đích ({reason}): {', '.join(words)}.")
    if outcome.kept:
        lines.append(f"Giữ lại từ tệp cũ: {', '.join(outcome.kept)}.")
    if todos or coverage.lost or coverage.misplaced:
        lines.append("Các mục đánh dấu # TODO phải được điền; python build.py check báo lỗi cho đến khi xong.")
    lines.append("Tiếp theo: đọc lại tệp, so với văn bản gốc, rồi chạy python build.py check và make serve.")
    return "\n".join(lines)
