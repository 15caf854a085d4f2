"""The preview server: loopback HTTP, a watcher thread, and the open pages kept informed.

On every change the watcher reloads the project (incrementally, see project.py), makes the new
site view and renders the pages that are open right now, before telling them to reload: the
reload then finds its page ready. A change that breaks the content or a template leaves the
last good site in place and sends its problems to the open pages instead.
"""
from __future__ import annotations

import gc
import signal
import sys
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from plansite.build import ProjectPaths
from plansite.errors import Problems
from plansite.preview.live import EVENTS_PATH, LiveState, with_live_reload
from plansite.preview.project import PreviewProject
from plansite.preview.search import INDEX_DIR, DeferredSearchIndex
from plansite.preview.site import Missing, content_type, make_site, page_url
from plansite.preview.watch import Watcher

POLL_SECONDS = 0.1
KEEPALIVE_SECONDS = 15
FREEZE_AFTER_SECONDS = 1.0


class Preview:
    """The project, the site made from its last good load, and what open pages are told."""

    def __init__(self, paths: ProjectPaths, log=None):
        self.paths = paths
        self.log = log or (lambda text: print(text, file=sys.stderr, flush=True))
        self.project = PreviewProject(paths)
        self.live = LiveState()
        self.site = None
        self.open_pages: Counter[str] = Counter()  # site paths of pages listening for changes
        self.watcher = Watcher(paths.content, paths.templates, paths.config_file)
        self.stopping = threading.Event()
        self.search = DeferredSearchIndex(paths, self.log)

    def start(self) -> bool:
        """The first load; False when there is no good preview to show (problems printed)."""
        self.update(everything=True)
        return self.site is not None

    def update(self, everything: bool = False) -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        loaded = self.project.reload(everything=everything)
        _print_problems(loaded.problems, self.log)
        if loaded.model is None:
            return self._broken([str(p) for p in loaded.problems.errors])
        from plansite.mkdocs_adapter import HostBuildError  # the host, at the edge
        try:
            site = make_site(loaded, self.paths, None if everything else self.site)
            problems = self._render_open_pages(site)
        except HostBuildError as err:
            return self._broken([str(err)])
        if problems:
            return self._broken(problems)
        old, self.site = self.site, site
        if old is not None and old.host is not site.host:
            old.host.close()
        self.live.publish(new_version=True, problems=[])
        self.log(f"Đã cập nhật bản xem trước: {len(loaded.model.plans)} kế hoạch "
                 f"({time.perf_counter() - started:.2f} s, CPU {time.thread_time() - cpu:.2f} s).")

    def _broken(self, problems: list[str]) -> None:
        self.live.publish(new_version=False, problems=problems)
        self.log("Có lỗi: trang đang mở giữ lần dựng tốt gần nhất và hiện danh sách lỗi.")

    def _render_open_pages(self, site) -> list[str]:
        problems = []
        for site_path in list(self.open_pages):
            try:
                problems.extend(site.get(site_path)[1])
            except Missing:
                pass
        return problems

    def watch(self) -> None:
        quiet_since = time.monotonic()
        frozen = False
        while not self.stopping.wait(POLL_SECONDS):
            if not frozen and time.monotonic() - quiet_since > FREEZE_AFTER_SECONDS:
                _freeze_heap()
                frozen = True
            changes = self.watcher.changes()
            if changes:
                quiet_since, frozen = time.monotonic(), False
            if changes:
                try:
                    self.update(everything=bool(changes.shared or changes.templates))
                except Exception as err:  # a bug of ours: say so, and keep watching (the next save may work)
                    self._broken([f"{self.paths.root}:1:1: bản xem trước gặp lỗi không lường trước "
                                  f"({type(err).__name__}: {err}) — lưu lại tệp để thử lại; nếu vẫn lỗi, chạy "
                                  "python build.py check và gửi kết quả cho nhóm kỹ thuật"])
                self.search.content_changed()
            self.search.tick()

    def response(self, site_path: str) -> tuple[int, bytes, str]:
        """(status, body, content type) for a site path; pages carry the live-reload script."""
        from plansite.mkdocs_adapter import HostBuildError  # the host, at the edge

        site = self.site
        status = 200
        try:
            body, problems = self._search_file(site_path) or site.get(site_path)
        except HostBuildError as err:  # a template broken since the last reload: say so on the page
            status, site_path, problems = 500, "error.html", [str(err)]
            body = '<!doctype html><html lang="vi"><title>Lỗi mẫu trang</title><body></body></html>'.encode()
        except Missing:
            status, site_path = 404, "404.html"
            try:
                body, problems = site.get(site_path)
            except Missing:
                body, problems = b"<!doctype html><title>404</title><body></body>", []
        if problems:
            self.live.publish(new_version=False, problems=problems)
        kind = content_type(site_path)
        if kind.startswith("text/html"):
            body = with_live_reload(body, self.live.version)
        return status, body, kind


    def _search_file(self, site_path: str) -> tuple[bytes, list[str]] | None:
        if not site_path.startswith(INDEX_DIR + "/"):
            return None
        found = self.search.file(site_path)
        if found is None:
            raise Missing(site_path)
        return found.read_bytes(), []

    def close(self) -> None:
        self.stopping.set()
        self.search.close()
        if self.site is not None:
            self.site.host.close()


def _freeze_heap() -> None:
    """Collect, then move every object to the collector's permanent generation.

    The project in memory is millions of objects; without this, the collections that a reload's
    allocations trigger walk all of them, which made a save several times slower. Done when
    saves pause, as it takes a moment itself; the next reload's garbage is collected next time.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _print_problems(problems: Problems, log) -> None:
    for problem in problems:
        log(str(problem))


class _Handler(BaseHTTPRequestHandler):
    preview: Preview

    def log_message(self, *args):  # the terminal is for the editor's problems, not for requests
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == EVENTS_PATH:
            return self._events(parse_qs(parts.query).get("path", ["/"])[0])
        site_path = unquote(parts.path).lstrip("/")
        if site_path and page_url(site_path) is None and "." not in site_path.rsplit("/", 1)[-1]:
            return self._redirect(parts.path + "/")  # 'x/y' -> 'x/y/', as a static host does
        status, body, kind = self.preview.response(site_path)
        if kind.startswith("text/html"):
            return self._send(status, body, kind, {"Cache-Control": "no-store"})
        # Theme files: revalidated on every reload (a stylesheet edit must show), answered 304 when unchanged.
        etag = f'"{zlib.crc32(body):08x}-{len(body)}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", kind, {"ETag": etag, "Cache-Control": "no-cache"})
        self._send(status, body, kind, {"ETag": etag, "Cache-Control": "no-cache"})

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self, page_path: str) -> None:
        """Server-Sent Events: the state now, then each change (and a comment now and then to keep alive)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        key = page_url(unquote(page_path).lstrip("/")) or ""
        self.preview.open_pages[key] += 1
        try:
            sent = self.preview.live.message()
            self.wfile.write(sent)
            self.wfile.flush()
            while not self.preview.stopping.is_set():
                now = self.preview.live.wait(sent, KEEPALIVE_SECONDS)
                self.wfile.write(now if now != sent else b": keep-alive\n\n")
                self.wfile.flush()
                sent = now
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.preview.open_pages[key] -= 1
            if self.preview.open_pages[key] <= 0:
                del self.preview.open_pages[key]


def run(paths: ProjectPaths, host: str = "127.0.0.1", port: int = 8000) -> int:
    # Stopped by a signal (a terminal closing, a test): clean up as after Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    preview = Preview(paths)
    server = None
    try:
        if not preview.start():
            print("Chưa dựng được bản xem trước: sửa các lỗi trên rồi chạy lại.", file=sys.stderr)
            return 1
        handler = type("Handler", (_Handler,), {"preview": preview})
        server = ThreadingHTTPServer((host, port), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Xem trước tại http://{host}:{server.server_address[1]}/ (Ctrl+C để dừng). "
              "Trang tự tải lại khi bạn lưu tệp; lỗi hiện ngay trên trang.", file=sys.stderr, flush=True)
        preview.watch()
    except KeyboardInterrupt:
        print("Đã dừng xem trước.", file=sys.stderr)
    finally:  # also when stopped while still reading the project
        preview.close()
        if server is not None:
            server.shutdown()
            server.server_close()
    return 0
