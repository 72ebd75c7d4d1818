"""Journey 1: first start, and next year's plan (≤ 10 actions).

5 December 2026. The window opens on a ready plan with a clear "Kế hoạch mới" button. "Kế hoạch
mới" → 2027, from last year's plan → every "2026" moved to 2027 and a panel listing the places
that still name an old year; clicking one jumps to it. She replaces the province's plan in the
legal bases and edits two targets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDockWidget, QListWidget, QSpinBox, QTableView

import given

CTRL = Qt.KeyboardModifier.ControlModifier
NEW_BASIS = (
    "Căn cứ Kế hoạch số 230/KH-UBND ngày 01/12/2026 của Ủy ban nhân dân tỉnh Thanh Hóa về cải cách hành chính năm 2027"
)


def leftovers_dock(lan) -> QDockWidget:
    return lan.widget(QDockWidget, where=lambda d: "năm cũ" in d.windowTitle())


def test_first_start_opens_a_ready_sample_plan(start, person, stored):
    window = start()
    lan = person(window)
    plans = stored()
    assert len(plans) == 1 and plans[0].year == 2027
    assert lan.button("Kế hoạch mới").isVisible()
    assert "2027" in window.windowTitle()


def test_next_years_plan_from_last_years_in_ten_actions(start, person, stored, data_dir, qtbot):
    old_id = given.last_years_plan(data_dir / "kehoach.db")
    window = start()
    lan = person(window)

    lan.click("Kế hoạch mới")
    dialog = lan.dialog("Kế hoạch mới")
    assert dialog.findChild(QSpinBox).value() == 2027
    lan.click("Tạo kế hoạch", within=dialog)

    new = max(stored(), key=lambda p: p.id)
    assert new.id != old_id and new.year == 2027
    assert "2027" in window.windowTitle()
    dock = leftovers_dock(lan)
    places = dock.findChild(QListWidget)
    count = places.count()
    assert dock.windowTitle() == f"Còn {count} chỗ ghi năm cũ" and count >= 1
    row = next(i for i in range(count) if "215/KH-UBND" in places.item(i).text())
    lan.click_list_item(places, row)  # one click jumps to the legal basis, the line selected
    editor = QApplication.focusWidget()
    assert "215/KH-UBND" in editor.textCursor().selectedText()
    lan.type(NEW_BASIS)

    lan.click_outline("Chỉ tiêu")  # leaving the field keeps what was typed
    assert stored(new.id).legal_bases[-1] == NEW_BASIS
    qtbot.waitUntil(lambda: places.count() == count - 1)  # the panel follows the fix
    view = lan.widget(QTableView)
    for row in (0, 1):
        lan.click_cell(view, row, 1, double=True)
        cell = QApplication.focusWidget()
        cell.moveCursor(cell.textCursor().MoveOperation.End)
        lan.type(" (chỉ tiêu năm 2027)")
        lan.press(Qt.Key.Key_Return, widget=cell)

    assert lan.actions <= 10, lan.log
    targets = stored(new.id).targets
    assert targets[0].content.endswith("(chỉ tiêu năm 2027)")
    assert targets[1].content.endswith("(chỉ tiêu năm 2027)")
    assert stored(old_id).targets[0].content == targets[0].content.removesuffix(" (chỉ tiêu năm 2027)")


def test_the_new_plan_dialog_remembers_the_template_and_the_ward(start, person, stored, qtbot):
    window = start()
    lan = person(window)
    lan.click("Kế hoạch mới")
    dialog = lan.dialog("Kế hoạch mới")
    box = next(c for c in dialog.findChildren(QComboBox) if c.findData("ward-annual") >= 0)
    assert box.currentData() == "ward-annual"  # the ward's yearly plan, not the PAR-Index one
    box.setCurrentIndex(box.findData("ward-grouped"))
    chosen = box.currentText()
    lan.click("Tạo kế hoạch", within=dialog)
    lan.click("Kế hoạch mới")
    dialog = lan.dialog("Kế hoạch mới")
    box = next(c for c in dialog.findChildren(QComboBox) if c.findData("ward-annual") >= 0)
    assert box.currentText() == chosen
    lan.click("Hủy", within=dialog)


def test_plan_list_tells_plans_apart(start, person, stored, data_dir):
    given.last_years_plan(data_dir / "kehoach.db")
    window = start()
    lan = person(window)
    for _ in range(2):
        lan.click("Kế hoạch mới")
        lan.click("Tạo kế hoạch", within=lan.dialog("Kế hoạch mới"))
    plan_list = lan.widget(QListWidget, where=lambda w: w.count() >= 3 and "2026" in w.item(w.count() - 1).text())
    lines = [plan_list.item(i).text() for i in range(plan_list.count())]
    assert len(set(lines)) == len(lines), lines


def test_what_changed_from_last_year_as_an_appendix_from_the_menu(start, person, stored, data_dir, qtbot):
    """After carrying forward and editing a target, one menu entry adds the comparison appendix
    (last year's wording / this year's / note); Ctrl+Z takes it out again."""
    given.last_years_plan(data_dir / "kehoach.db")
    window = start()
    lan = person(window)
    lan.click("Kế hoạch mới")
    lan.click("Tạo kế hoạch", within=lan.dialog("Kế hoạch mới"))
    new = max(stored(), key=lambda p: p.id)
    lan.click_outline("Chỉ tiêu")
    view = lan.widget(QTableView)
    lan.click_cell(view, 0, 1, double=True)
    cell = QApplication.focusWidget()
    cell.moveCursor(cell.textCursor().MoveOperation.End)
    lan.type(" (nâng lên)")
    lan.press(Qt.Key.Key_Return, widget=cell)
    before = len(stored(new.id).appendices)

    lan.menu("Phụ lục", "Thêm phụ lục so sánh với kế hoạch năm trước")
    plan = stored(new.id)
    assert len(plan.appendices) == before + 1
    table = plan.appendices[-1]
    assert window.current_appendix_id() == table.id  # shown at once
    cells = [" ".join(str(v) for v in vars(t).values()) for t in table.tasks]
    assert any("(nâng lên)" in c for c in cells), cells

    lan.press(Qt.Key.Key_Z, CTRL)
    assert len(stored(new.id).appendices) == before


def test_the_comparison_is_refused_in_one_line_for_a_plan_not_carried_forward(start, person, stored):
    window = start()  # the sample plan: made from a template, not from last year's plan
    lan = person(window)
    before = stored(window.plan_id).appendices
    lan.menu("Phụ lục", "Thêm phụ lục so sánh với kế hoạch năm trước")
    assert "không được tạo từ kế hoạch năm trước" in window.error_box.text()
    assert "\n" not in window.error_box.text().strip()
    assert stored(window.plan_id).appendices == before
