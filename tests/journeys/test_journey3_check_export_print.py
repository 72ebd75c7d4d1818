"""Journey 3: check, export, send, print (≤ 6 actions).

F7 lists a task with no Sản phẩm, "năm 2026" left in a paragraph and "Uỷ ban" spelt two ways;
the spelling is fixed in one click; Ctrl+E exports Word + PDF + Excel to the remembered folder with
names like KH-CCHC-2027-phuong-Phu-Son.pdf; "In phụ lục" previews exactly the PDF's appendix pages
and prints them, each page in its orientation.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLineEdit, QListWidget

import given

CTRL = Qt.KeyboardModifier.ControlModifier
BASE = "KH-CCHC-2027-phuong-Phu-Son"


def check_dock(lan) -> QDockWidget:
    return lan.widget(QDockWidget, where=lambda d: d.windowTitle().startswith("Kiểm tra"))


def findings(lan) -> list[str]:
    lst = check_dock(lan).findChild(QListWidget)
    return [lst.item(i).text() for i in range(lst.count())]


def orientations(pdf: Path) -> list[str]:
    return ["ngang" if p.mediabox.width > p.mediabox.height else "dọc" for p in PdfReader(pdf).pages]


def test_check_fix_export_and_print_appendix_in_six_actions(
    start, person, data_dir, tmp_path, qtbot, remember_export_folder
):
    given.plan_to_check(data_dir / "kehoach.db")
    out = tmp_path / "Gửi cấp trên"
    remember_export_folder(out)
    window = start()
    lan = person(window)

    lan.press(Qt.Key.Key_F7)
    found = "\n".join(findings(lan))
    assert "chưa ghi sản phẩm" in found
    assert "năm 2026" in found and "Tiếp tục các nhiệm vụ còn dở dang" in found
    assert "hai kiểu bỏ dấu" in found

    lan.click("Thống nhất kiểu «hòa, ủy»")
    assert "hai kiểu bỏ dấu" not in "\n".join(findings(lan))  # checked again at once

    lan.press(Qt.Key.Key_E, CTRL)
    dialog = lan.dialog("Xuất văn bản")
    assert [b.text() for b in dialog.findChildren(QLineEdit) if b.text() == BASE] == [BASE]
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(lambda: (out / f"{BASE}.xlsx").exists(), timeout=30000)
    for suffix in ("docx", "pdf", "xlsx"):
        assert (out / f"{BASE}.{suffix}").stat().st_size > 1000
    exported = orientations(out / f"{BASE}.pdf")
    appendix_pages = [i for i, o in enumerate(exported) if o == "ngang"]

    lan.click("In phụ lục")
    preview = lan.dialog("In phụ lục")
    qtbot.waitUntil(lambda: preview.page_count() == len(appendix_pages), timeout=30000)
    assert preview.shown_orientations() == ["ngang"] * len(appendix_pages)
    lan.click("In", within=preview)
    printed = out / f"{BASE}-ban-in.pdf"
    qtbot.waitUntil(printed.exists, timeout=30000)

    assert lan.actions <= 6, lan.log
    assert orientations(printed) == ["ngang"] * len(appendix_pages)


def test_print_whole_plan_each_page_in_its_orientation(
    start, person, data_dir, tmp_path, qtbot, remember_export_folder
):
    out = tmp_path / "in"
    remember_export_folder(out)
    window = start()
    lan = person(window)
    lan.press(Qt.Key.Key_P, CTRL)
    preview = lan.dialog("In kế hoạch")
    qtbot.waitUntil(lambda: preview.page_count() > 10, timeout=30000)
    shown = preview.shown_orientations()
    assert "dọc" in shown and "ngang" in shown
    lan.click("In", within=preview)
    qtbot.waitUntil(lambda: any(out.glob("*-ban-in.pdf")), timeout=30000)
    printed = next(out.glob("*-ban-in.pdf"))
    assert orientations(printed) == shown


def test_print_a_page_range(start, person, data_dir, tmp_path, qtbot, remember_export_folder):
    out = tmp_path / "in"
    remember_export_folder(out)
    window = start()
    lan = person(window)
    lan.press(Qt.Key.Key_P, CTRL)
    preview = lan.dialog("In kế hoạch")
    qtbot.waitUntil(lambda: preview.page_count() > 10, timeout=30000)
    shown = preview.shown_orientations()
    pages = preview.findChild(QLineEdit, "pages")
    pages.selectAll()
    lan.type("3-7", widget=pages)
    lan.click("In", within=preview)
    qtbot.waitUntil(lambda: any(out.glob("*-ban-in.pdf")), timeout=30000)
    assert orientations(next(out.glob("*-ban-in.pdf"))) == shown[2:7]


def test_menus_show_shortcut_names(start, person):
    """Qt's own strings are not blanked by the Vietnamese catalogue: Ctrl+V stays Ctrl+V."""
    from PySide6.QtGui import QAction, QKeySequence

    window = start()
    texts = {a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for a in window.findChildren(QAction)}
    assert "Ctrl+E" in texts and "Ctrl+Z" in texts
    assert "" not in {t for t in texts if t}
    assert not any(len(t) == 1 for t in texts), texts  # "V" instead of "Ctrl+V" was the bug
