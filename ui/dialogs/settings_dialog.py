"""'Cài đặt…': the ward remembered for new plans, the signer, the export folder, where the data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.paths import Paths
from ui.dialogs.backups import open_folder
from ui.screen import Dialog
from ui.settings import Settings

AGENCY_FIELDS = (
    ("agency/agency", "Tên xã, phường:", "Ví dụ: Phường Phú Sơn"),
    ("agency/parent", "Cơ quan chủ quản:", "Để trống nếu không có"),
    ("agency/province", "Tỉnh, thành phố:", "Ví dụ: tỉnh Thanh Hóa"),
    ("agency/place", "Địa danh:", "Ví dụ: Phú Sơn"),
)


class SettingsDialog(Dialog):
    def __init__(self, settings: Settings, paths: Paths, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Cài đặt")
        self.settings = settings
        self.fields: dict[str, QLineEdit] = {}

        agency = QGroupBox("Đơn vị (tự điền khi tạo kế hoạch mới)")
        af = QFormLayout(agency)
        for key, label, placeholder in AGENCY_FIELDS:
            w = QLineEdit(settings.get(key))
            w.setPlaceholderText(placeholder)
            self.fields[key] = w
            af.addRow(label, w)
        signer = QLineEdit(settings.get("agency/chairman"))
        signer.setPlaceholderText("Họ và tên Chủ tịch UBND")
        self.fields["agency/chairman"] = signer
        af.addRow("Người ký:", signer)

        export = QGroupBox("Xuất văn bản")
        ef = QFormLayout(export)
        self.export_folder = QLineEdit(settings.get("export/folder") or str(Path.home() / "Documents"))
        self.fields["export/folder"] = self.export_folder
        choose = QPushButton("Chọn…")
        choose.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.export_folder, 1)
        row.addWidget(choose)
        ef.addRow("Thư mục mặc định:", row)

        data = QGroupBox("Dữ liệu")
        df = QFormLayout(data)
        self.data_folder = paths.folder
        self.backups_folder = paths.backups
        for label, folder in (("Thư mục dữ liệu:", self.data_folder), ("Thư mục sao lưu:", self.backups_folder)):
            text = QLabel(str(folder))
            text.setWordWrap(True)
            button = QPushButton("Mở thư mục")
            button.clicked.connect(lambda _=False, f=folder: open_folder(f))
            r = QHBoxLayout()
            r.addWidget(text, 1)
            r.addWidget(button)
            df.addRow(label, r)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for group in (agency, export, data):
            layout.addWidget(group)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 90, 800))

    def browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu văn bản", self.export_folder.text())
        if path:
            self.export_folder.setText(path)

    def accept(self) -> None:
        for key, w in self.fields.items():
            self.settings.set(key, w.text().strip())
        self.settings.sync()
        super().accept()
