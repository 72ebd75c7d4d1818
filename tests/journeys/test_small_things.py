"""The smaller things that failed at the officer's hand, each driven through the window: an import
shows its rows at once and is undone in one step, undo keeps to its plan, tracking and target
results are undone like any edit, the check follows the plan on screen, the find panel marks
the match, the toolbar stays still, a second export never overwrites silently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QTableView,
    QToolBar,
)

import given

CTRL = Qt.KeyboardModifier.ControlModifier


def province_table(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Thời gian thực hiện"])
    for n in range(1, 4):
        ws.append([str(n), f"Nhiệm vụ của tỉnh số {n}", "Báo cáo", "Văn phòng HĐND và UBND", f"Quý {'I' * n}/2027"])
    wb.save(path)
    return path


def test_import_lands_in_the_open_table_at_once_and_undoes_in_one_step(
    start, person, stored, tmp_path, monkeypatch, qtbot
):
    window = start()
    lan = person(window)
    plan_id = stored()[0].id
    lan.click_outline("Phụ lục III")
    view = lan.widget(QTableView)
    rows_before = view.model().rowCount()
    tasks_before = [t.content for t in stored(plan_id).appendices[2].tasks]
    source = province_table(tmp_path / "Phu luc tinh.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    lan.menu("Phụ lục", "Nhập bảng từ tệp…")
    dialog = lan.dialog("Nhập bảng từ tệp")
    appendix = next(c for c in dialog.findChildren(QComboBox) if c.count() > 3)
    assert appendix.currentText().startswith("Phụ lục III")  # the table she has open
    lan.click("Chọn tệp…", within=dialog)
    qtbot.waitUntil(lambda: dialog.parsed is not None, timeout=10000)
    lan.click("Nhập", within=dialog)
    assert view.model().rowCount() == rows_before + 3  # no need to reopen the plan
    assert [t.content for t in stored(plan_id).appendices[2].tasks][-3:] == [
        f"Nhiệm vụ của tỉnh số {n}" for n in (1, 2, 3)
    ]
    lan.click("Đóng", within=dialog)
    lan.click("Hoàn tác")
    assert [t.content for t in stored(plan_id).appendices[2].tasks] == tasks_before
    assert view.model().rowCount() == rows_before


def test_each_plan_keeps_its_own_undo(start, person, stored, data_dir, qtbot):
    given.last_years_plan(data_dir / "kehoach.db")
    window = start()
    lan = person(window)
    plans = stored()
    this, other = plans[0].id, plans[-1].id
    plan_list = lan.widget(QListWidget, where=lambda w: w.count() == len(plans))

    lan.click_outline("Thông tin chung")
    summary = next(w for w in window.findChildren(QLineEdit) if w.isVisible() and w.text().startswith("Cải cách"))
    lan.click(summary)
    summary.selectAll()
    lan.type("Trích yếu mới của kế hoạch đang mở")
    lan.click_list_item(
        plan_list, [plan_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(plan_list.count())].index(other)
    )
    assert stored(this).summary == "Trích yếu mới của kế hoạch đang mở"  # saved when she left it
    lan.click_list_item(
        plan_list, [plan_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(plan_list.count())].index(this)
    )
    lan.click("Hoàn tác")
    assert stored(this).summary != "Trích yếu mới của kế hoạch đang mở"
    assert stored(other).summary == "Cải cách hành chính năm 2026"


def test_tracking_and_target_results_are_undone_like_any_edit(start, person, data_dir, today, qtbot):
    today(date(2027, 6, 10))
    given.tracked_plan(data_dir / "kehoach.db", date(2027, 6, 10))
    window = start()
    lan = person(window)
    lan.click_outline("Tiến độ nhiệm vụ")
    view = lan.widget(QTableView)
    model = view.model()
    row = next(r for r in range(model.rowCount()) if "quá hạn" in str(model.index(r, 4).data()))
    lan.click_cell(view, row, 4)
    lan.click("Hoàn thành…")
    lan.click("Ghi", within=lan.dialog("Hoàn thành nhiệm vụ"))
    assert "Hoàn thành" in str(model.index(row, 4).data())
    lan.click("Hoàn tác")
    assert "quá hạn" in str(model.index(row, 4).data())
    lan.click("Làm lại")
    assert "Hoàn thành" in str(model.index(row, 4).data())

    lan.click_outline("Kết quả chỉ tiêu")
    targets = lan.widget(QTableView)
    lan.click_cell(targets, 0, 4, double=True)
    lan.type("96,5")
    lan.press(Qt.Key.Key_Return)
    assert targets.model().index(0, 4).data() == "96,5"
    lan.click("Hoàn tác")
    assert targets.model().index(0, 4).data() == ""


def test_choosing_done_in_the_status_list_asks_the_date(start, person, data_dir, today, qtbot):
    today(date(2027, 6, 10))
    given.tracked_plan(data_dir / "kehoach.db", date(2027, 6, 10))
    window = start()
    lan = person(window)
    lan.click_outline("Tiến độ nhiệm vụ")
    view = lan.widget(QTableView)
    model = view.model()
    row = next(r for r in range(model.rowCount()) if "quá hạn" in str(model.index(r, 4).data()))
    due = model.index(row, 3).data().rstrip(" *")
    lan.click_cell(view, row, 4, double=True)  # the list of statuses drops down
    lan.choose_in_open_list("Hoàn thành đúng hạn")
    dialog = lan.dialog("Hoàn thành nhiệm vụ")
    day = next(w for w in dialog.findChildren(QLineEdit) if "/" in w.text())
    assert day.text() == due  # the due date, not today
    lan.click("Hủy", within=dialog)


def test_the_check_follows_the_plan_on_screen(start, person, data_dir, stored, qtbot):
    given.plan_to_check(data_dir / "kehoach.db")
    given.last_years_plan(data_dir / "kehoach.db")
    window = start()
    lan = person(window)
    lan.press(Qt.Key.Key_F7)
    dock = lan.widget(QDockWidget, where=lambda d: d.windowTitle().startswith("Kiểm tra"))
    findings = dock.findChild(QListWidget)
    first = [findings.item(i).text() for i in range(findings.count())]
    plan_list = lan.widget(QListWidget, where=lambda w: w.count() == 2)
    lan.click_list_item(plan_list, 1 if window.plan_id == plan_list.item(0).data(Qt.ItemDataRole.UserRole) else 0)
    second = [findings.item(i).text() for i in range(findings.count())]
    assert second != first  # not the previous plan's findings


def test_find_marks_the_match_in_a_roomy_list(start, person, qtbot):
    window = start()
    lan = person(window)
    lan.press(Qt.Key.Key_F, CTRL)
    dock = lan.widget(QDockWidget, where=lambda d: d.windowTitle().startswith("Tìm"))
    lan.type("hai long")
    lan.press(Qt.Key.Key_Return)
    results = dock.findChild(QListWidget)
    assert results.count() > 0
    assert results.height() >= results.fontMetrics().lineSpacing() * 10
    html = results.item(0).data(Qt.ItemDataRole.UserRole + 10)
    assert "background" in html and "hài lòng" in html.lower()


def test_toolbar_buttons_keep_their_place(start, person, qtbot):
    window = start()
    lan = person(window)
    bar = window.findChild(QToolBar)
    before = {a.text(): bar.widgetForAction(a).geometry() for a in bar.actions() if a.text()}
    lan.click_outline("Thông tin chung")
    summary = next(w for w in window.findChildren(QLineEdit) if w.isVisible() and w.text().startswith("Cải cách"))
    lan.click(summary)
    lan.type(" của phường")
    lan.click_outline("Căn cứ")
    after = {a.text(): bar.widgetForAction(a).geometry() for a in bar.actions() if a.text()}
    assert after == before
    undo = next(a for a in bar.actions() if a.text() == "Hoàn tác")
    assert "Sửa trích yếu" in undo.toolTip()


def test_a_second_export_with_the_same_name_asks_first(start, person, tmp_path, qtbot, remember_export_folder):
    out = tmp_path / "out"
    out.mkdir()
    (out / "KH-CCHC-2027-phuong-Phu-Son.pdf").write_bytes(b"%PDF-1.4 another plan")
    remember_export_folder(out)
    window = start()
    lan = person(window)
    lan.press(Qt.Key.Key_E, CTRL)
    dialog = lan.dialog("Xuất văn bản")
    lan.when_asked("Lưu thành «KH-CCHC-2027-phuong-Phu-Son-2»")
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(lambda: (out / "KH-CCHC-2027-phuong-Phu-Son-2.xlsx").exists(), timeout=30000)
    qtbot.waitUntil(lambda: lan.button("Mở thư mục", within=dialog).isEnabled(), timeout=30000)
    assert (out / "KH-CCHC-2027-phuong-Phu-Son.pdf").read_bytes() == b"%PDF-1.4 another plan"


def test_backup_reasons_are_written_in_vietnamese():
    import re

    from app.ops.backups import REASONS, reason_text

    root = Path(__file__).resolve().parents[2]
    used = set()
    for path in (root / "app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:auto_backup|backup_before)\((?:ws, )?"([a-z-]+)"', text))
        used |= set(re.findall(r'BACKUP_REASON = "([a-z-]+)"', text))
    assert used and used <= set(REASONS), used - set(REASONS)
    assert all(any(ch in reason_text(r) for ch in "ảăâáàạấầậắằặđêếềệôốồộơớờợưứừựíìịóòọúùụýỳỵ") for r in used)
