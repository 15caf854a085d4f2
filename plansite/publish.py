"""Safe publishing: one build at a time, one atomic swap, nothing half-written left behind.

    with Publication(out_dir) as publication:
        ...render into publication.staging...   # publication.published: what is online now
    # success: the staging folder has replaced out_dir in ONE rename; failure: it is removed

- A lock file beside the output (`.site.lock` for `site/`) admits one build at a time; a
  second one is refused with a message naming the first (the lock dies with its process,
  even on SIGKILL, so it never goes stale).
- At start, under the lock, staging folders of killed builds (`.site-build-*`,
  `.site-old-*`) are removed, and a site left missing by an older two-rename swap is put back.
- The swap exchanges the staging folder and out_dir in one `renameat2(RENAME_EXCHANGE)`
  (Linux; `renamex_np(RENAME_SWAP)` on macOS), so at every instant out_dir is one complete
  site, old or new. Where neither exists it falls back to two renames, and the clean-up at
  the next start restores the old site if a kill fell between them.
- SIGTERM (and SIGHUP) during a publication raise `BuildInterrupted` instead of killing
  Python outright, so running children (Pagefind, killed by subprocess.run) and the staging
  folder are cleaned up.
- OSErrors (disk full, permission, read-only file system) become a `PublishError` whose
  message says, in Vietnamese, what to do.

For incremental builds: `publication.published` is the folder currently online (None on a
first build); files may be hard-linked from it into `publication.staging`, since the swap
never modifies the old files, it only moves the folder and deletes it afterwards.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import gzip
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

LOCK_SUFFIX = ".lock"


class PublishError(Exception):
    """Publishing failed; the message is for the person building, in Vietnamese."""


class BuildInterrupted(BaseException):
    """SIGTERM/SIGHUP arrived during a publication (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def staging_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}-build-"


def _old_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}-old-"


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}{LOCK_SUFFIX}"


class Publication:
    """Lock, clean, stage, and on success swap staging and out_dir atomically."""

    def __init__(self, out_dir: Path, wait_seconds: float = 0.0):
        self.out_dir = Path(out_dir).absolute()
        self.staging = self.out_dir.parent / f"{staging_prefix(self.out_dir)}{os.getpid()}"
        self.wait_seconds = wait_seconds
        self._lock: BuildLock | None = None
        self._signals = _SignalsAsExceptions()
        self._cancelled = False

    @property
    def published(self) -> Path | None:
        """The folder currently online, to hard-link unchanged files from; None on a first build."""
        return self.out_dir if self.out_dir.is_dir() else None

    def __enter__(self) -> Publication:
        self._signals.install()
        try:
            with translated_os_errors(self.out_dir):
                self.out_dir.parent.mkdir(parents=True, exist_ok=True)
                self._lock = BuildLock(lock_path(self.out_dir), self.wait_seconds).acquire()
                clean_stale(self.out_dir)
                check_writable(self.out_dir)
                self.staging.mkdir()
        except BaseException:
            self._release()
            raise
        return self

    def publish(self) -> None:
        """Swap the staging folder in now (otherwise leaving the `with` block without an error does)."""
        if not self._cancelled:
            with translated_os_errors(self.out_dir):
                swap_into_place(self.staging, self.out_dir)
            self._cancelled = True  # done: nothing more to swap

    def cancel(self) -> None:
        """Leave the published site as it is (the build found errors before rendering)."""
        self._cancelled = True

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if kind is None:
                self.publish()
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
            self._release()
        if isinstance(error, OSError):
            raise os_error_message(error, self.out_dir) from error

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self._signals.restore()


# --- The lock -------------------------------------------------------------------------------

class BuildLock:
    """An exclusive advisory lock on a small file; released when the process ends, however it ends."""

    def __init__(self, path: Path, wait_seconds: float = 0.0):
        self.path = path
        self.wait_seconds = wait_seconds
        self._fd: int | None = None

    def acquire(self) -> BuildLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait_seconds
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise PublishError(
                    f"một lần dựng khác (tiến trình {holder}) đang ghi vào {self.path.parent.name}/"
                    f"{self.path.name.removeprefix('.').removesuffix(LOCK_SUFFIX)}/ — chờ lần đó xong rồi chạy lại "
                    f"(khóa: {self.path.name})")
            time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))  # for the message a second build prints
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None


def _holder(fd: int) -> str:
    """The process id the lock holder wrote ('?' where the locked byte cannot be read: Windows)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode("ascii", "replace").strip() or "?"
    except OSError:
        return "?"


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt
            os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise


# --- Clean-up of killed builds --------------------------------------------------------------

def clean_stale(out_dir: Path) -> list[Path]:
    """Under the lock: remove what killed builds left, and restore a site an old swap left missing."""
    parent = out_dir.parent
    olds = sorted(parent.glob(_old_prefix(out_dir) + "*"), key=lambda p: p.stat().st_mtime if p.exists() else 0)
    if not os.path.lexists(out_dir) and olds:
        olds[-1].rename(out_dir)  # a kill fell between the two renames of the fallback swap
        olds = olds[:-1]
    removed = [*parent.glob(staging_prefix(out_dir) + "*"), *olds]
    for stale in removed:
        _remove(stale)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def check_writable(out_dir: Path) -> None:
    """Refuse early, before rendering, when the swap or the removal of the old site would fail."""
    for folder in (out_dir.parent, out_dir):
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise PublishError(
                f"{_shown(folder)}: không có quyền ghi vào thư mục này, nên không thay được bản đã xuất bản — "
                f"cấp quyền ghi (ví dụ chmod -R u+w {_shown(folder)}) hoặc dựng vào thư mục khác với --out; "
                "bản đang xuất bản được giữ nguyên")


# --- The swap -------------------------------------------------------------------------------

def swap_into_place(new: Path, target: Path) -> None:
    """Make `new` be `target`. When target exists, one atomic exchange; the old site is then deleted."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # the old site, now at new's path
        return
    old = target.parent / f"{_old_prefix(target)}{os.getpid()}"
    os.rename(target, old)  # fallback: a kill here is repaired by clean_stale at the next start
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS stdio.h


def exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False when this system or file system cannot."""
    libc = _libc()
    if libc is None:
        return False
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(os.fsencode(a), os.fsencode(b), _RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # e.g. a file system without exchange support
    raise OSError(code, os.strerror(code), str(b))


_LIBC: list = []


def _libc():
    if not _LIBC:
        name = ctypes.util.find_library("c") if sys.platform != "win32" else None
        try:
            _LIBC.append(ctypes.CDLL(name, use_errno=True) if name or sys.platform.startswith("linux") else None)
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]


# --- Signals --------------------------------------------------------------------------------

class _SignalsAsExceptions:
    """SIGTERM/SIGHUP raise BuildInterrupted while a publication runs (main thread only)."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

    def __init__(self) -> None:
        self._previous: dict[int, object] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # `make serve` rebuilds in a watcher thread; its process is stopped with Ctrl+C
        for signum in self.SIGNALS:
            self._previous[signum] = signal.signal(signum, _raise_interrupted)

    def restore(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()


def _raise_interrupted(signum, frame) -> None:
    for other in _SignalsAsExceptions.SIGNALS:
        signal.signal(other, signal.SIG_IGN)  # clean up once, undisturbed by a second signal
    raise BuildInterrupted(signum)


# --- Errors of the file system --------------------------------------------------------------

class translated_os_errors:
    """Turn an OSError raised inside into a PublishError with an editor's message."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, OSError):
            raise os_error_message(error, self.out_dir) from error
        return False


DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)


def os_error_message(error: OSError, out_dir: Path) -> PublishError:
    where = _shown(Path(error.filename)) if error.filename else _shown(out_dir.parent)
    if error.errno in DISK_FULL:
        return disk_full(where)
    if error.errno in NO_PERMISSION:
        return PublishError(f"{where}: không có quyền ghi ({error.strerror}) — cấp quyền ghi cho thư mục này "
                            f"hoặc dựng vào thư mục khác với --out; bản đang xuất bản được giữ nguyên")
    return PublishError(f"{where}: lỗi hệ thống tệp ({error.strerror or error}) — kiểm tra ổ đĩa và quyền "
                        "của thư mục rồi chạy lại; bản đang xuất bản được giữ nguyên")


def disk_full(where: str) -> PublishError:
    return PublishError(f"{where}: ổ đĩa đầy, không ghi được trang — giải phóng chỗ trống (lần dựng cần khoảng "
                        "gấp đôi dung lượng thư mục site/) rồi chạy lại; bản đang xuất bản được giữ nguyên")


def verify_written(folder: Path) -> None:
    """Every file under folder is non-empty, and every gzip file (Pagefind's index) is whole.

    Pagefind exits 0 on a full disk, leaving empty or truncated files; this catches that
    before such an index is published.
    """
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        problem = _damage(path)
        if problem:
            if shutil.disk_usage(folder).free < 1_000_000:
                raise disk_full(_shown(path))
            raise PublishError(f"{_shown(path)}: {problem} — chạy lại lần dựng; nếu vẫn lỗi, kiểm tra ổ đĩa")


def _damage(path: Path) -> str:
    if path.stat().st_size == 0:
        return "tệp rỗng, chỉ mục tìm kiếm chưa ghi xong"
    if path.suffix.startswith(".pf_") or path.suffix == ".pagefind":
        try:
            with gzip.open(path) as stream:
                while stream.read(1 << 20):
                    pass
        except (OSError, EOFError):
            return "tệp bị cắt cụt, chỉ mục tìm kiếm chưa ghi xong"
    return ""


def _shown(path: Path) -> str:
    try:
        return Path(path).absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()
