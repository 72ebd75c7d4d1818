"""Writing output files safely: a temporary file in the target folder, then an atomic replace.

The temporary file is hidden (".KH-2027-1a2b3c4d.pdf.tmp"), made with the user's usual
permissions (0666 less the umask, like any file a program saves), written, flushed to the disk
(fsync), then renamed over the target, and the folder itself is flushed so the rename survives a
power cut. A process killed while writing leaves its temporary file behind; the next write of a
file of that kind into the folder removes such leftovers, never the file of a write still running
(POSIX: it holds a lock on it; Windows: an open file cannot be deleted).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import FileLocked, InvalidInput, os_reason


def _explain(path: Path, err: OSError) -> Exception:
    if isinstance(err, PermissionError) and path.exists():
        return FileLocked(
            f"Không ghi được «{path.name}»: tệp đang mở trong Word/Excel hoặc chỉ cho đọc; hãy đóng tệp rồi thử lại."
        )
    if isinstance(err, PermissionError):
        return InvalidInput(f"Không có quyền ghi vào thư mục «{path.parent}»; hãy chọn thư mục khác.")
    if err.errno == errno.ENOSPC:
        return InvalidInput(f"Ổ đĩa chứa «{path.parent}» đã đầy; hãy giải phóng chỗ trống rồi thử lại.")
    return InvalidInput(f"Không ghi được «{path}»: {os_reason(err)}.")


_LEFTOVER = re.compile(r"^\..+-[0-9a-z_]{8}(\.[^.]+)?\.tmp$")  # ours, and tempfile.mkstemp's of older versions


def _temp_file(path: Path) -> tuple[int, Path]:
    """A new hidden file next to path, opened, with the permissions of any new file (umask)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.parent / f".{path.stem}-{secrets.token_hex(4)}{path.suffix}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _hold(fd: int) -> None:
    """Mark the temporary file as in use (POSIX), so a clean-up elsewhere leaves it alone."""
    if sys.platform != "win32":
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass


def _in_use(path: str) -> bool:
    """A leftover another write still holds (POSIX lock); on Windows the delete itself fails."""
    if sys.platform == "win32":
        return False
    return flock_held(path, unopenable=True)


def flock_held(path: str | Path, unopenable: bool) -> bool:
    """Another process holds an flock on the file (POSIX only); `unopenable`: the answer when the
    file cannot even be opened."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return unopenable
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def remove_leftovers(folder: Path, suffix: str) -> int:
    """Delete the temporary files that killed writes of `suffix` files left in folder; returns how many."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _LEFTOVER.match(entry.name)
        if m is None or (m.group(1) or "").lower() != suffix.lower() or not entry.is_file(follow_symlinks=False):
            continue
        if _in_use(entry.path):
            continue
        try:
            os.unlink(entry.path)
            removed += 1
        except OSError:  # Windows: still open in a running write
            pass
    return removed


def _sync_folder(folder: Path) -> None:
    """Flush a rename in folder to the disk (POSIX; Windows has no directory handles to flush)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to `path`; on success it replaces `path`, on failure it vanishes."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InvalidInput(f"Thư mục «{path.parent}» không tồn tại; hãy chọn thư mục khác.")
    remove_leftovers(path.parent, path.suffix)
    try:
        fd, tmp = _temp_file(path)
    except OSError as e:
        raise _explain(path, e) from None
    _hold(fd)
    try:
        yield tmp
        try:
            os.fsync(fd)  # the data on the disk before the name points at it
            if sys.platform == "win32":  # Windows renames no open file
                os.close(fd)
                fd = -1
            os.replace(tmp, path)
        except OSError as e:
            raise _explain(path, e) from None
        _sync_folder(path.parent)
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp.exists():
            try:
                tmp.unlink()
            except OSError:
                pass


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Run `write(tmp_path)` and move the result into place atomically."""
    with atomic_path(path) as tmp:
        try:
            write(tmp)
        except OSError as e:
            raise _explain(path, e) from None


def write_text_atomic(path: Path, text: str) -> None:
    data = text.encode("utf-8")

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(Path(path), write)
