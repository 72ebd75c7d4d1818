"""Standard dialogs speak Vietnamese: 'Hủy', not 'Cancel' (the application as main.py prepares it)."""

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit


def test_standard_buttons_and_context_menu_in_vietnamese(application, qtbot):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Đồng ý", "Hủy", "Có"}
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    labels = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert "Sao chép" in labels and "Dán" in labels and "Chọn tất cả" in labels
