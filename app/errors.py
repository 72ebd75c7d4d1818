"""Known, user-facing failures: each carries a Vietnamese message that says what to do."""

from __future__ import annotations

import errno


class UserError(Exception):
    """A failure the officer can act on; `str(err)` is one Vietnamese sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    pass


class InvalidPlanFile(UserError):
    pass


class InvalidInput(UserError):
    pass


class FileLocked(UserError):
    pass


class DatabaseError(UserError):
    pass


class DatabaseLocked(DatabaseError):
    """Another process holds a lock on the database file: wait and try again, never set it aside."""


class DatabaseDamaged(DatabaseError):
    """Opening or a check proved the file damaged (or not a database at all)."""


class DatabaseReadOnly(DatabaseError):
    """The database file or its folder cannot be written."""


class DiskFull(DatabaseError):
    """The disk holding the data folder is full."""


_OS_REASONS = {
    getattr(errno, name, -1): text
    for name, text in (
        ("ENOSPC", "ổ đĩa đã đầy"),
        ("EDQUOT", "đã hết dung lượng được cấp trên ổ đĩa"),
        ("EACCES", "không có quyền truy cập"),
        ("EPERM", "không có quyền truy cập"),
        ("EROFS", "ổ đĩa chỉ cho phép đọc"),
        ("ENOENT", "không tìm thấy tệp hoặc thư mục"),
        ("ENOTDIR", "đường dẫn không phải thư mục"),
        ("EISDIR", "đường dẫn là một thư mục"),
        ("EEXIST", "đã có tệp trùng tên"),
        ("EBUSY", "tệp đang bị chương trình khác dùng"),
        ("EIO", "lỗi đọc ghi ổ đĩa"),
        ("ENAMETOOLONG", "đường dẫn quá dài"),
    )
}
_WINDOWS_REASONS = {32: "tệp đang bị chương trình khác mở", 33: "tệp đang bị chương trình khác khóa"}


def os_reason(err: BaseException) -> str:
    """What an OSError means, in Vietnamese (the system's own text is English on most machines:
    it belongs in the log, not in a message)."""
    if isinstance(err, OSError):
        winerror = getattr(err, "winerror", None)
        if winerror in _WINDOWS_REASONS:
            return _WINDOWS_REASONS[winerror]
        if err.errno in _OS_REASONS:
            return _OS_REASONS[err.errno]
        if err.errno is not None:
            return f"lỗi hệ thống số {err.errno}"
    return "lỗi hệ thống"
