"""'Sao lưu và khôi phục…': the backups next to the data file, a backup now or onto a USB stick,
and a restore from a listed backup or from any backup file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
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

from app.ops import backups
from app.records import Backup
from ui.ops import Runner
from ui.screen import Dialog, size_for


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def open_folder(path: Path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class BackupsDialog(Dialog):
    def __init__(self, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sao lưu và khôi phục")
        self.runner = runner
        self.backups: list[Backup] = []
        intro = QLabel(
            "Phần mềm tự sao lưu mỗi ngày một lần và trước các thao tác có rủi ro. "
            "Khôi phục thay toàn bộ dữ liệu hiện tại bằng bản sao lưu đã chọn; "
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
        self.where = QLabel(f"Thư mục sao lưu: {runner.ws.paths.backups}")
        self.where.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = {
            name: QPushButton(text)
            for name, text in (
                ("now", "Sao lưu ngay"),
                ("to_folder", "Sao lưu vào thư mục…"),
                ("restore", "Khôi phục…"),
                ("from_file", "Khôi phục từ tệp…"),
                ("open", "Mở thư mục dữ liệu"),
            )
        }
        self.buttons["to_folder"].setToolTip("Ghi một bản sao vào thư mục tự chọn, ví dụ USB")
        self.buttons["from_file"].setToolTip("Khôi phục từ một tệp sao lưu bất kỳ, ví dụ trên USB")
        close = QPushButton("Đóng")
        row = QHBoxLayout()
        for b in self.buttons.values():
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        for w in (intro, self.table, self.where, self.status):
            layout.addWidget(w, 1 if w is self.table else 0)
        layout.addLayout(row)

        self.buttons["now"].clicked.connect(self.backup_now)
        self.buttons["to_folder"].clicked.connect(self.backup_to_folder)
        self.buttons["restore"].clicked.connect(self.restore_selected)
        self.buttons["from_file"].clicked.connect(self.restore_from_file)
        self.buttons["open"].clicked.connect(lambda: open_folder(runner.ws.paths.folder))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        close.clicked.connect(self.accept)
        size_for(self, 110, 24)
        fm = self.fontMetrics()
        self.table.setColumnWidth(0, fm.averageCharWidth() * 22)
        self.table.setColumnWidth(1, fm.averageCharWidth() * 14)
        self.reload()

    def reload(self) -> None:
        self.backups = backups.listed(self.runner.ws)
        self.table.setRowCount(len(self.backups))
        for r, b in enumerate(self.backups):
            texts = (f"{b.taken:%d/%m/%Y %H:%M:%S}", size_text(b.size), backups.reason_text(b.reason))
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Backup | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.backups[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        self.buttons["restore"].setEnabled(self.selected() is not None)

    def backup_now(self) -> Path | None:
        path = self.runner.call(backups.backup_now)
        if path is not None:
            self.reload()
            self.status.setText(f"Đã sao lưu: {path.name}")
        return path

    def backup_to_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục để lưu bản sao (ví dụ USB)", str(Path.home()))
        if not folder:
            return None
        path = self.runner.call(backups.backup_to_folder, Path(folder))
        if path is not None:
            self.status.setText(f"Đã sao lưu vào {path}")
        return path

    def confirm(self, when: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Khôi phục bản sao lưu",
            f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu {when}?\n"
            "Dữ liệu hiện tại được sao lưu lại trước khi thay.",
            parent=self,
        )
        yes = box.addButton("Khôi phục", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    def restore_selected(self) -> bool:
        b = self.selected()
        if b is None:
            return False
        return self._restore(b.path, f"lúc {b.taken:%H:%M ngày %d/%m/%Y}")

    def restore_from_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self, "Chọn tệp sao lưu", str(Path.home()), "Bản sao lưu Kế hoạch CCHC (*.db);;Mọi tệp (*)"
        )
        return bool(path) and self._restore(Path(path), f"«{Path(path).name}»")

    def _restore(self, path: Path, when: str) -> bool:
        if not self.confirm(when):
            return False
        if self.runner.run(backups.restore, path) is None:
            return False
        self.status.setText(f"Đã khôi phục bản sao lưu {when}.")
        self.reload()
        return True
