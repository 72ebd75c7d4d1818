"""The check panel: a warning meant as written is dismissed with the panel's button or its context
menu, remembered in the data file, taken back with undo, shown again on request; an error cannot
be dismissed. The sample plan the window opens on has no error."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.ops import checks

DISMISS = "Bỏ qua cảnh báo này"
UNDISMISS = "Hiện lại cảnh báo này"


def row_of(dock, code: str) -> int:
    return next(
        i for i in range(dock.list.count()) if dock.list.item(i).data(Qt.ItemDataRole.UserRole + 1).code == code
    )


def shown_codes(dock) -> list[str]:
    return [f.code for f in dock.findings]


def test_the_sample_plan_opens_without_an_error(window, lan):
    lan.press(Qt.Key.Key_F7)
    dock = window.check_dock
    assert [f.line() for f in dock.findings if f.level == "error"] == []
    assert dock.summary.text().startswith("0 lỗi")


def test_dismiss_a_warning_with_the_button_undo_and_show_it_again(window, lan, read, plan_id, qtbot):
    lan.press(Qt.Key.Key_F7)
    dock = window.check_dock
    assert not dock.dismiss_button.isEnabled()  # nothing chosen yet
    r = row_of(dock, "last-year-mention")
    mention = dock.findings[r]
    assert mention.level == "warning" and "năm 2026" in mention.message
    lan.click_list_item(dock.list, r)  # goes to the paragraph, the warning stays chosen
    assert window.editors.currentWidget() is window.editors.section_editor

    lan.click(DISMISS)
    assert "last-year-mention" not in shown_codes(dock)  # at once, not after the next edit
    assert dock.dismissed == [mention] and "Đã bỏ qua 1 cảnh báo." in dock.summary.text()
    assert read(checks.check, plan_id).dismissed == [mention]  # in the file
    assert lan.undo_text() == "Bỏ qua cảnh báo"

    lan.undo()
    qtbot.waitUntil(lambda: "last-year-mention" in shown_codes(dock))
    assert read(checks.check, plan_id).dismissed == []
    lan.redo()
    qtbot.waitUntil(lambda: "last-year-mention" not in shown_codes(dock))

    lan.click(dock.show_dismissed)  # "Hiện cả cảnh báo đã bỏ qua"
    assert dock.show_dismissed.isChecked()
    last = dock.list.count() - 1
    assert dock.list.item(last).text().startswith("Cảnh báo (đã bỏ qua): ")
    lan.click_list_item(dock.list, last)
    lan.click(UNDISMISS)
    assert mention in dock.findings and dock.dismissed == []
    assert read(checks.check, plan_id).dismissed == []


def test_dismiss_from_the_context_menu(window, lan, read, plan_id):
    lan.press(Qt.Key.Key_F7)
    dock = window.check_dock
    r = row_of(dock, "last-year-mention")
    mention = dock.findings[r]
    view = dock.list
    point = view.visualItemRect(view.item(r)).center()
    QApplication.sendEvent(
        view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    )
    menu = dock.context_menu
    assert menu.isVisible() and [a.text() for a in menu.actions()] == [DISMISS]
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(menu.actions()[0]).center())  # fmt: skip
    lan.settle()
    assert mention not in dock.findings and read(checks.check, plan_id).dismissed == [mention]


def test_an_error_cannot_be_dismissed_and_the_export_dialog_counts_what_the_panel_shows(window, lan):
    lan.click_outline("Thông tin chung")
    summary = window.editors.header_form.summary
    lan.click(summary)
    lan.select_all()
    lan.press(Qt.Key.Key_Backspace)
    lan.press(Qt.Key.Key_Tab)
    lan.press(Qt.Key.Key_F7)
    dock = window.check_dock
    r = row_of(dock, "summary-empty")
    lan.click_list_item(dock.list, r)
    assert dock.list.currentRow() == r and not dock.dismiss_button.isEnabled()
    assert "lỗi" in dock.dismiss_button.toolTip()

    lan.click_list_item(dock.list, row_of(dock, "last-year-mention"))
    lan.click(DISMISS)
    warnings = sum(1 for f in dock.findings if f.level == "warning")
    lan.press(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = lan.dialog("Xuất văn bản")
    assert dialog.counts == {lv: sum(1 for f in dock.findings if f.level == lv) for lv in ("error", "warning", "info")}
    assert dialog.counts["warning"] == warnings and dialog.counts["error"] == 1
    lan.click("Đóng", within=dialog)


def test_a_click_on_a_decisions_finding_goes_to_its_field(start, person, prepare):
    """Seed 004: a decision with no bases, articles, signer name or recipients; each finding
    puts the cursor in the decision's own field."""
    from pathlib import Path

    from app.ops import plans

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "seed_004.json"
    prepare(lambda ws: plans.import_plan_file(ws, fixture))
    window = start()
    lan = person(window)
    lan.press(Qt.Key.Key_F7)
    dock = window.check_dock
    fields = window.editors.header_form.decision
    for code, widget in (
        ("decision-no-bases", fields.bases),
        ("decision-no-articles", fields.articles),
        ("decision-signer-empty", fields.name),
        ("decision-recipients-empty", fields.recipients),
    ):
        lan.click_list_item(dock.list, row_of(dock, code))
        assert window.editors.currentWidget() is window.editors.header_form
        assert widget.hasFocus(), code
        assert not dock.dismiss_button.isEnabled()  # errors
