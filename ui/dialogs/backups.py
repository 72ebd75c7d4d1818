"""'Sao lưu và khôi phục…': the backups next to the data file, a backup now, a restore in two clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.paths import backups_dir
from storage.backup import Backup, backup_to, list_backups
from storage.db import Store

REASONS = {
    "khoi-dong": "Tự động khi mở phần mềm",
    "thu-cong": "Sao lưu thủ công",
    "xoa-phu-luc": "Trước khi xóa phụ lục",
    "truoc-khoi-phuc": "Trước khi khôi phục",
    "tu-dong": "Tự động",
}


def reason_text(reason: str) -> str:
    return REASONS.get(reason, reason.replace("-", " ").capitalize() or "Tự động")


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def open_folder(path: Path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class BackupsDialog(QDialog):
    """Lists backups newest first; `restore_backup(path)` (the window's) does the actual restore."""

    def __init__(self, store: Store, restore_backup: Callable[[Path], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sao lưu và khôi phục")
        self.store = store
        self.restore_backup = restore_backup
        assert store.path is not None
        self.db_path = Path(store.path)
        self.folder = backups_dir(self.db_path)
        self.backups: list[Backup] = []

        intro = QLabel(
            "Phần mềm tự sao lưu mỗi ngày một lần và trước các thao tác có rủi ro. "
            "Khôi phục sẽ thay toàn bộ dữ liệu hiện tại bằng bản sao lưu đã chọn; "
            "dữ liệu hiện tại vẫn được sao lưu lại trước khi thay."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Thời điểm", "Dung lượng", "Lý do"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.where = QLabel(f"Thư mục sao lưu: {self.folder}")
        self.where.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.backup_button = QPushButton("Sao lưu ngay")
        self.restore_button = QPushButton("Khôi phục…")
        self.open_button = QPushButton("Mở thư mục dữ liệu")
        close = QPushButton("Đóng")
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.restore_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.where)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button.clicked.connect(lambda: open_folder(self.db_path.parent))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        close.clicked.connect(self.accept)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 90, fm.lineSpacing() * 22)
        self.table.setColumnWidth(0, fm.averageCharWidth() * 22)
        self.table.setColumnWidth(1, fm.averageCharWidth() * 14)
        self.reload()

    def reload(self) -> None:
        self.backups = list_backups(self.folder)
        self.table.setRowCount(len(self.backups))
        for r, b in enumerate(self.backups):
            for c, text in enumerate((f"{b.taken:%d/%m/%Y %H:%M:%S}", size_text(b.size), reason_text(b.reason))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Backup | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.backups[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def backup_now(self) -> Path | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = backup_to(self.store, self.folder)
        except (UserError, OSError) as e:
            self.status.setText(getattr(e, "message", str(e)))
            return None
        self.reload()
        self.status.setText(f"Đã sao lưu: {path.name}")
        return path

    def confirm(self, backup: Backup) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Khôi phục bản sao lưu",
            f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {backup.taken:%H:%M ngày %d/%m/%Y}?\n"
            "Dữ liệu hiện tại được sao lưu lại trước khi thay.",
            parent=self,
        )
        yes = box.addButton("Khôi phục", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    def restore_selected(self) -> bool:
        b = self.selected()
        if b is None or not self.confirm(b):
            return False
        if not self.restore_backup(b.path):
            return False
        self.status.setText(f"Đã khôi phục bản sao lưu lúc {b.taken:%H:%M ngày %d/%m/%Y}.")
        self.reload()
        return True
