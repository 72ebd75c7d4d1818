"""Writing output files safely: a temporary file in the target folder, then an atomic replace."""

from __future__ import annotations

import errno
import os
import tempfile
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


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to `path`; on success it replaces `path`, on failure it vanishes."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InvalidInput(f"Thư mục «{path.parent}» không tồn tại; hãy chọn thư mục khác.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as e:
        raise _explain(path, e) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            os.replace(tmp, path)
        except OSError as e:
            raise _explain(path, e) from None
    finally:
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
