"""Backups of the data file: now, to a chosen folder (a USB stick), and restore from any backup."""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput
from app.ops.changes import Changes, Part
from app.records import Backup
from app.workspace import Workspace

# What each backup's name says it was taken for (the file name keeps it in ASCII).
REASONS = {
    "khoi-dong": "Tự động khi mở phần mềm",
    "thu-cong": "Sao lưu thủ công",
    "xoa-phu-luc": "Trước khi xóa phụ lục",
    "truoc-khoi-phuc": "Trước khi khôi phục",
    "truoc-nhap-bang": "Trước khi nhập bảng từ tệp",
    "truoc-nhap": "Trước khi nhập kế hoạch",
    "truoc-chuyen-nam": "Trước khi tạo kế hoạch năm sau",
    "truoc-xoa-ke-hoach": "Trước khi xóa kế hoạch",
    "tu-dong": "Tự động",
}


def reason_text(reason: str) -> str:
    return REASONS.get(reason, reason.replace("-", " ").capitalize() or "Tự động")


def listed(ws: Workspace) -> list[Backup]:
    """The backups beside the data file, newest first."""
    return ws.db.list_backups(ws.paths.backups)


def backup_now(ws: Workspace) -> Path:
    ws.paths.backups.mkdir(parents=True, exist_ok=True)
    return ws.db.backup_to(ws.paths.backups)


def backup_to_folder(ws: Workspace, folder: Path) -> Path:
    """A consistent copy in a folder she chose (a USB stick), named with the time."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidInput(f"Thư mục «{folder}» không tồn tại; hãy chọn thư mục khác.")
    return ws.db.backup_to(folder)


def restore(ws: Workspace, backup_file: Path) -> Changes:
    """Replace all data with a backup, checked for integrity first; the current data is itself
    backed up before. Not undoable (the safety copy is the way back); every open view reloads."""
    ws.db.check_backup(Path(backup_file))
    ws.replace_file(lambda db: ws.db.restore_file(db, Path(backup_file)))
    return Changes.of(None, Part.EVERYTHING, label="Khôi phục bản sao lưu")
