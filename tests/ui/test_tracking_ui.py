"""The tracking views in the window on 10 June 2027: the table's cell editors and buttons (each edit
an undo step of the plan), evidence, the overview, target results, and the report dialog from its
draft to its files."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit

from app.ops import evidence, reports, targets, tracking
from app.templates import Agency
from app.tracking.status import Status
from ui.tracking.task_table.model import KEYS, TASK_ID_ROLE

from given import new_plan as create_from_template

TODAY = date(2027, 6, 10)
CTRL = Qt.KeyboardModifier.ControlModifier


def build_tracked_plan(store) -> int:
    """The ward's 2027 plan on 10 June: some tasks done (one late), one dropped, several overdue."""
    plan_id = create_from_template(
        store,
        "ward-grouped",
        2027,
        Agency(
            agency="Ủy ban nhân dân phường Phú Sơn",
            parent_agency="Ủy ban nhân dân thành phố Thanh Hóa",
            place="Phú Sơn",
            province="Thanh Hóa",
            chairman="Lê Văn Minh",
        ),
    )
    by_ref = {t.ref: t.id for t in tracking.tracked(store, plan_id)}
    done = {
        "I.2": (date(2027, 3, 20), "Ban hành Kế hoạch số 15/KH-UBND ngày 20/3/2027; đã rà soát 42 văn bản"),
        "I.3": (date(2027, 2, 25), "Ban hành Kế hoạch theo dõi thi hành pháp luật số 09/KH-UBND"),
        "II.1": (date(2027, 2, 10), "Kế hoạch kiểm soát TTHC số 12/KH-UBND (ban hành chậm 10 ngày)"),
        "III.2": (date(2027, 3, 28), "Quyết định số 31/QĐ-UBND sửa đổi Quy chế làm việc"),
        "V.1": (date(2027, 1, 25), "Quy chế chi tiêu nội bộ ban hành kèm Quyết định số 05/QĐ-UBND"),
        "VII.1": (date(2027, 1, 5), "Kế hoạch CCHC năm 2027 số 02/KH-UBND"),
        "VII.2": (date(2027, 3, 15), "Kế hoạch kiểm tra CCHC số 20/KH-UBND; đã kiểm tra 3 bộ phận"),
    }
    for ref, (day, result) in done.items():
        tracking.mark_done(store, by_ref[ref], day, result)
    for ref in ("II.3", "IV.3", "VI.4", "II.4.1"):
        tracking.set_status(store, by_ref[ref], Status.IN_PROGRESS)
    tracking.set_result(store, by_ref["II.3"], "Tiếp nhận 1.248 hồ sơ, giải quyết đúng hạn 99,2%")
    tracking.set_status(store, by_ref["V.3"], Status.NOT_DONE, reason="Chờ hướng dẫn sắp xếp trụ sở của tỉnh")
    tracking.set_due(store, by_ref["VII.6"], date(2027, 7, 15))
    target_ids = [t.id for t in store.plan(plan_id).targets]
    for t_id, value in zip(target_ids[:4], (100, 100, 99.2, 91.5), strict=False):
        targets.set_result(store, t_id, "6m", value)
    return plan_id


@pytest.fixture
def window(prepare, start, today):
    today(TODAY)
    plan_id = prepare(build_tracked_plan)
    w = start()
    assert w.plan_id == plan_id
    return w


@pytest.fixture
def ref_id(read, window):
    refs = {t.ref: t.id for t in read(tracking.tracked, window.plan_id)}
    return refs.__getitem__


@pytest.fixture
def task(read):
    """What the file says of a task's tracking now."""
    return lambda task_id: read(tracking.tracked_task, task_id)


# ---------------------------------------------------------------- the tracking table


def open_table(lan):
    lan.click_outline("Tiến độ nhiệm vụ")
    return lan.window.editors.tracking_views["tracking"]


def row_of(table, task_id: int) -> int:
    return table.proxy.mapFromSource(table.model.index(table.model.row_of(task_id), 0)).row()


def cell(table, task_id: int, key: str):
    return table.proxy.index(row_of(table, task_id), KEYS.index(key))


def click(lan, table, task_id: int, key: str, double: bool = False) -> None:
    lan.click_cell(table.view, row_of(table, task_id), KEYS.index(key), double=double)


def cell_list(view) -> QComboBox:
    """The drop-down list a double-click opened in a cell."""
    found = [w for w in view.viewport().findChildren(QComboBox) if w.isVisible()]
    assert len(found) == 1, "no list opened in the cell"
    return found[0]


def choose_status(lan, table, task_id: int, label: str) -> None:
    """Double-click the status: its list opens at once; take the label with the keys."""
    click(lan, table, task_id, "status", double=True)
    lan.choose(cell_list(table.view), label)


def type_in_cell(lan, table, task_id: int, key: str, text: str) -> None:
    click(lan, table, task_id, key, double=True)
    assert table.view.state() == table.view.State.EditingState
    lan.select_all()
    lan.type(text)
    lan.press(Qt.Key.Key_Return)


def mark_done(lan, table, task_id: int, day: str | None = None, result: str = "") -> None:
    """Select the row, "Hoàn thành…", the date (when given) and a result, "Ghi"."""
    click(lan, table, task_id, "result")
    lan.click("Hoàn thành…")
    dialog = lan.dialog("Hoàn thành nhiệm vụ")
    if day is not None:
        lan.click(dialog.day)
        lan.select_all()
        lan.type(day)
    if result:
        lan.click(dialog.result_line)
        lan.type(result)
    lan.click("Ghi", within=dialog)


def test_status_change_mark_done_undo_redo(window, lan, ref_id, task):
    table = open_table(lan)
    tid = ref_id("IV.1")
    choose_status(lan, table, tid, "Đang thực hiện")
    assert task(tid).record.status is Status.IN_PROGRESS
    assert lan.undo_text() == "Đổi tình trạng: Đang thực hiện"
    assert table.status.text().startswith("Đã lưu tự động")

    mark_done(lan, table, tid, "01/06/2027")
    rec = task(tid).record
    assert rec.status is Status.DONE_ON_TIME and rec.completed_on == date(2027, 6, 1)
    assert cell(table, tid, "completed").data() == "01/06/2027"
    lan.undo()
    assert task(tid).record.status is Status.IN_PROGRESS
    assert task(tid).record.completed_on is None
    lan.undo()
    assert task(tid).record.status is Status.NOT_STARTED
    lan.redo()
    lan.redo()
    assert task(tid).record.status is Status.DONE_ON_TIME
    assert cell(table, tid, "status").data() == "Hoàn thành đúng hạn"  # the view shows the file


def test_choosing_a_done_status_asks_the_date(window, lan, ref_id, task):
    table = open_table(lan)
    tid = ref_id("IV.1")
    choose_status(lan, table, tid, "Hoàn thành quá hạn")
    dialog = lan.dialog("Hoàn thành nhiệm vụ")
    lan.click("Ghi", within=dialog)
    assert task(tid).record.status.done and task(tid).record.completed_on == TODAY


def test_not_done_asks_for_a_reason(window, lan, ref_id, task):
    table = open_table(lan)
    tid = ref_id("IV.2")
    lan.when_asked("Hủy")
    choose_status(lan, table, tid, "Không thực hiện")
    assert task(tid).record.status is Status.NOT_STARTED
    assert not lan.can_undo()

    lan.when_asked("Ghi", then=lambda box: lan.type("Tỉnh chưa ban hành hướng dẫn", widget=box.findChild(QLineEdit)))
    choose_status(lan, table, tid, "Không thực hiện")
    rec = task(tid).record
    assert rec.status is Status.NOT_DONE and rec.reason == "Tỉnh chưa ban hành hướng dẫn"
    assert "Lý do" in cell(table, tid, "status").data(Qt.ItemDataRole.ToolTipRole)
    lan.undo()
    assert task(tid).record.status is Status.NOT_STARTED


def test_result_edit_and_undo(window, lan, ref_id, task):
    table = open_table(lan)
    tid = ref_id("II.5")
    click(lan, table, tid, "result", double=True)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    lan.type("Tiếp nhận 12 phản ánh;")
    lan.press(Qt.Key.Key_Return)  # Enter makes a new line in the result
    lan.type("đã xử lý xong 12/12")
    lan.press(Qt.Key.Key_Return, CTRL)  # Ctrl+Enter keeps it
    text = "Tiếp nhận 12 phản ánh;\nđã xử lý xong 12/12"
    assert task(tid).record.result == text
    steps = window.runner.group.activeStack().count()
    click(lan, table, tid, "result", double=True)
    lan.press(Qt.Key.Key_Return, CTRL)  # the same text again: no undo step
    assert window.runner.group.activeStack().count() == steps
    lan.undo()
    assert task(tid).record.result == ""


def test_due_date_set_blank_and_back_to_the_text(window, lan, ref_id, task):
    table = open_table(lan)
    tid = ref_id("III.3")
    assert task(tid).due.date == date(2027, 9, 30)
    assert "Quý III/2027" in cell(table, tid, "due").data(Qt.ItemDataRole.ToolTipRole)
    lan.click("Thời hạn theo văn bản")  # nothing chosen yet: nothing happens
    assert not lan.can_undo()

    type_in_cell(lan, table, tid, "due", "15/08/2027")
    assert task(tid).due.date == date(2027, 8, 15)
    assert cell(table, tid, "due").data() == "15/08/2027 *"
    click(lan, table, tid, "due", double=True)
    lan.press(Qt.Key.Key_Backspace)  # the date is selected: emptied
    lan.press(Qt.Key.Key_Return)
    due = task(tid).due
    assert due.date is None and due.overridden
    assert cell(table, tid, "due").data() == "Chưa xác định *"

    lan.click("Thời hạn theo văn bản")
    assert task(tid).due.date == date(2027, 9, 30) and not task(tid).record.due_override
    lan.undo()
    assert task(tid).due.date is None
    lan.undo()
    lan.undo()
    assert not task(tid).record.due_override


def test_a_date_that_cannot_be_is_refused_with_a_message(window, lan, ref_id, task):
    table = open_table(lan)
    tid = ref_id("IV.1")
    click(lan, table, tid, "completed", double=True)  # not done: no completion date to edit
    assert table.view.state() != table.view.State.EditingState
    mark_done(lan, table, tid, "01/12/2027")  # after today
    box = lan.dialog()
    assert isinstance(box, QMessageBox) and "sau ngày hôm nay" in box.text()
    lan.click("Đóng", within=box)
    assert task(tid).record.status is Status.NOT_STARTED
    assert not lan.can_undo()


def test_completion_date_decides_on_time_or_late(window, lan, ref_id, task):
    table = open_table(lan)
    tid = ref_id("I.2")  # due 31/03, done 20/03
    assert task(tid).record.status is Status.DONE_ON_TIME
    type_in_cell(lan, table, tid, "completed", "05/04/2027")
    rec = task(tid).record
    assert rec.completed_on == date(2027, 4, 5) and rec.status is Status.DONE_LATE


def test_evidence_add_open_unlink_keeps_the_file_and_undo_links_it_again(
    window, lan, ref_id, read, tmp_path, monkeypatch
):
    from ui.tracking import evidence as ev_mod

    table = open_table(lan)
    tid = ref_id("VII.1")
    src = tmp_path / "Kế hoạch số 02.pdf"
    src.write_bytes(b"%PDF-1.4 signed plan")
    monkeypatch.setattr(ev_mod.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(src)], ""))
    opened = []
    monkeypatch.setattr(ev_mod.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    assert cell(table, tid, "evidence").data() == "Thêm…"
    click(lan, table, tid, "evidence")
    dialog = lan.dialog("Minh chứng — nhiệm vụ VII.1")
    assert dialog.count() == 0
    lan.click("Thêm minh chứng…", within=dialog)
    assert dialog.count() == 1
    item = dialog.files.topLevelItem(0)
    assert item.text(0) == "Kế hoạch số 02.pdf" and item.text(3) == ev_mod.CHECK_OK
    assert cell(table, tid, "evidence").data() == "1 tệp"
    lan.click("Mở", within=dialog)
    stored = read(evidence.file_of, item.data(0, Qt.ItemDataRole.UserRole))
    assert opened == [str(stored)]
    lan.click("Gỡ khỏi nhiệm vụ", within=dialog)
    assert dialog.count() == 0
    assert stored.is_file() and src.is_file()  # the copy and the original are kept
    assert [e.file_name for e in read(evidence.unlinked, window.plan_id)] == ["Kế hoạch số 02.pdf"]
    assert cell(table, tid, "evidence").data() == "Thêm…"
    lan.click("Đóng", within=dialog)
    assert lan.undo_text() == "Gỡ minh chứng «Kế hoạch số 02.pdf»"
    lan.undo()
    assert cell(table, tid, "evidence").data() == "1 tệp"
    assert [e.file_name for e in read(evidence.of_task, tid)] == ["Kế hoạch số 02.pdf"]


def test_double_click_on_a_task_opens_it_in_its_appendix(window, lan, ref_id):
    table = open_table(lan)
    tid = ref_id("II.2")
    click(lan, table, tid, "content", double=True)
    editor = window.editors.current_task_editor()
    assert editor is not None and editor.current_id() == tid


def test_filter_overdue(window, lan, read):
    table = open_table(lan)
    lan.choose(table.filter, "Quá hạn")
    ov = read(reports.overview, window.plan_id)
    shown = {table.proxy.index(r, 0).data(TASK_ID_ROLE) for r in range(table.proxy.rowCount())}
    assert ov.overdue and {t.id for t in ov.overdue} <= shown  # (with a parent task whose date has passed)
    assert all("quá hạn" in table.proxy.index(r, KEYS.index("status")).data() for r in range(table.proxy.rowCount()))
    lan.choose(table.filter, "Tất cả nhiệm vụ")
    assert table.proxy.rowCount() == table.model.rowCount()


# ---------------------------------------------------------------- overview


def test_overview_counts_and_jump(window, lan, read):
    lan.click_outline("Theo dõi thực hiện")
    page = window.editors.tracking_views["overview"]
    ov = read(reports.overview, window.plan_id)
    assert page.report_line.text() == "Báo cáo 6 tháng: chốt số liệu 14/6, còn 4 ngày"
    label = page.status_labels[Status.DONE_ON_TIME].text()
    assert label.startswith("Hoàn thành đúng hạn<br>") and f">{ov.count(Status.DONE_ON_TIME)}<" in label
    assert ov.count(Status.DONE_LATE) == 1
    assert page.areas.rowCount() == len(ov.by_area) == 7
    overdue = page.lists["overdue"]
    assert overdue.count() == len(ov.overdue) > 0
    assert page.boxes["overdue"].title() == f"Quá hạn ({len(ov.overdue)})"
    assert page.lists["no_due"].count() == len(ov.no_due)

    lan.click_list_item(overdue, 0, double=True)
    editor = window.editors.current_task_editor()
    assert editor is not None and editor.current_id() == ov.overdue[0].id

    # marked done in the table, the task leaves the overdue list
    table = open_table(lan)
    mark_done(lan, table, ov.overdue[0].id)
    lan.click_outline("Theo dõi thực hiện")
    assert overdue.count() == len(ov.overdue) - 1


# ---------------------------------------------------------------- target results


def test_target_results_and_measure(window, lan, read):
    from ui.tracking.targets import KEYS as TARGET_KEYS

    lan.click_outline("Kết quả chỉ tiêu")
    w = window.editors.tracking_views["target_results"]
    assert w.period_key == "6m"
    m = w.model
    row = next(i for i, r in enumerate(m.rows) if "hài lòng" in r.content)
    tid = m.rows[row].target_id
    col = {k: TARGET_KEYS.index(k) for k in TARGET_KEYS}

    def verdict():
        return m.index(row, col["verdict"]).data()

    def type_cell(key: str, text: str) -> None:
        lan.click_cell(w.view, row, col[key], double=True)
        lan.select_all()
        lan.type(text)
        lan.press(Qt.Key.Key_Return)

    assert verdict() in ("đạt", "chưa đạt", "chưa có số liệu")
    type_cell("result", "80,5")
    assert m.rows[row].value == 80.5
    assert verdict() == "chưa đạt"
    type_cell("value", "80")
    assert verdict() == "đạt"
    lan.click_cell(w.view, row, col["operator"], double=True)
    lan.choose(cell_list(w.view), "≤")
    assert m.index(row, col["operator"]).data() == "≤"
    assert verdict() == "chưa đạt"
    assert lan.undo_text() == "Sửa mức chỉ tiêu"

    type_cell("result", "tám mươi")
    box = lan.dialog()
    assert isinstance(box, QMessageBox) and "không phải là số" in box.text()
    lan.click("Đóng", within=box)
    assert m.rows[row].value == 80.5

    lan.click_cell(w.view, row, 0)
    lan.click("Theo văn bản")
    assert not m.rows[row].own
    lan.choose(w.period, w.period.itemText(w.period.findData("q1")))
    assert m.rows[row].value is None
    # the report sees the value of its period
    lines = read(reports.preview, window.plan_id, "6m").target_lines
    assert any(x.target_id == tid and x.value == 80.5 for x in lines)


# ---------------------------------------------------------------- the report


def open_report(lan):
    lan.menu("Theo dõi", "Lập báo cáo…")
    return lan.dialog("Lập báo cáo")


def click_section(lan, dialog, key: str) -> None:
    lan.click_list_item(dialog.sections, dialog.section_keys().index(key))


def type_over(lan, field, text: str, leave: bool = True) -> None:
    lan.click(field)
    lan.select_all()
    lan.type(text)
    if leave:
        lan.press(Qt.Key.Key_Tab)


def test_report_draft_edit_header_and_reopen(window, lan, read):
    dialog = open_report(lan)
    made = read(reports.of_plan, window.plan_id)
    assert [r.period for r in made] == ["6m"]  # the coming period's draft, made at once
    report_id = made[0].id
    assert dialog.period.currentData() == "6m" and dialog.body.isEnabled()
    assert "đã hoàn thành" in dialog.counts.text()
    keys = dialog.section_keys()
    for key in ("intro", "general", "targets", "limits", "next", "closing", "summary", "recipients"):
        assert key in keys
    assert any(k.startswith("area:") for k in keys)

    click_section(lan, dialog, "general")
    type_over(
        lan, dialog.text, "Sáu tháng đầu năm, phường đã hoàn thành phần lớn nhiệm vụ.\nCòn vài nhiệm vụ chậm.", False
    )
    click_section(lan, dialog, "closing")  # going to another section saves the one typed in
    saved = read(reports.load, report_id)
    assert saved.section("general").paragraphs == (
        "Sáu tháng đầu năm, phường đã hoàn thành phần lớn nhiệm vụ.",
        "Còn vài nhiệm vụ chậm.",
    )
    assert dialog.status.text().startswith("Đã lưu tự động")

    type_over(lan, dialog.text, "Trên đây là báo cáo.", False)
    click_section(lan, dialog, "intro")
    assert read(reports.load, report_id).section("closing").paragraphs == ("Trên đây là báo cáo.",)

    type_over(lan, dialog.number, "45")
    type_over(lan, dialog.day, "12")
    type_over(lan, dialog.signer_name, "Lê Văn Minh")
    saved = read(reports.load, report_id)
    assert saved.number == "45" and saved.date.day == 12 and saved.signer.name == "Lê Văn Minh"
    lan.click("Đóng", within=dialog)

    again = open_report(lan)  # the draft is opened again, not made anew
    assert [r.id for r in read(reports.of_plan, window.plan_id)] == [report_id]
    assert again.number.text() == "45"
    click_section(lan, again, "general")
    assert again.text.toPlainText().startswith("Sáu tháng đầu năm")
    lan.click("Đóng", within=again)


def test_report_heading_edit_renames_the_list_entry(window, lan, read):
    dialog = open_report(lan)
    report_id = read(reports.of_plan, window.plan_id)[0].id
    key = next(k for k in dialog.section_keys() if k.startswith("area:"))
    click_section(lan, dialog, key)
    type_over(lan, dialog.heading, "2. Cải cách thể chế, pháp chế", False)
    click_section(lan, dialog, "intro")  # leaving the section saves it
    assert read(reports.load, report_id).section(key).heading == "2. Cải cách thể chế, pháp chế"
    assert dialog.sections.item(dialog.section_keys().index(key)).text() == "2. Cải cách thể chế, pháp chế"


def test_report_export_through_the_dialog(window, lan, tmp_path, qtbot, monkeypatch):
    from docx import Document

    from ui.dialogs import export as export_dialog

    dialog = open_report(lan)
    out = tmp_path / "bao cao"
    monkeypatch.setattr(export_dialog.QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    lan.click("Chọn…", within=dialog)
    panel = dialog.export_panel
    assert panel.folder.text() == str(out)
    assert [k for k, box in panel.checks.items() if box.isChecked()] == ["docx", "pdf", "xlsx"]
    assert panel.name.text() == "BC-CCHC-6-thang-2027-phuong-Phu-Son"
    lan.click("Xuất văn bản", within=dialog)
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=30000)
    written = sorted(out.iterdir())
    assert [p.suffix for p in written] == [".docx", ".pdf", ".xlsx"]
    assert all(p.stat().st_size > 0 for p in written)
    assert dialog.status.text().startswith("Đã xuất: ")
    text = "\n".join(p.text for p in Document(out / f"{panel.name.text()}.docx").paragraphs)
    assert "BÁO CÁO" in text


def test_report_export_error_is_vietnamese(window, lan, tmp_path, qtbot, monkeypatch):
    import exporters.api
    from app.errors import InvalidInput

    def boom(report, request):
        raise InvalidInput("Tệp đang mở trong Word; hãy đóng tệp rồi xuất lại.")

    monkeypatch.setattr(exporters.api, "export_report", boom)
    dialog = open_report(lan)
    type_over(lan, dialog.export_panel.folder, str(tmp_path / "out"), False)
    lan.click("Xuất văn bản", within=dialog)
    qtbot.waitUntil(lambda: isinstance(lan.dialog(), QMessageBox))
    box = lan.dialog()
    assert box.text() == "Tệp đang mở trong Word; hãy đóng tệp rồi xuất lại."
    lan.click("Đóng", within=box)
    assert dialog.export_button.isEnabled() and not dialog.open_button.isEnabled()
    assert not any((tmp_path / "out").iterdir())


def test_report_export_needs_a_format(window, lan):
    dialog = open_report(lan)
    for box in dialog.export_panel.checks.values():
        lan.click(box)
    lan.click("Xuất văn bản", within=dialog)
    box = lan.dialog()
    assert isinstance(box, QMessageBox) and "định dạng" in box.text()
    lan.click("Đóng", within=box)
