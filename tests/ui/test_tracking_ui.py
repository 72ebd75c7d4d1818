"""The tracking views on a real SQLite file: the table's edits and undo, evidence, the overview,
target results, and the report dialog from creation to export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from ui.tracking.task_tracking import TASK_ID_ROLE

from app.templates import Agency
from app.tracking.status import Status
from app.usecases import tracking as tr
from app.usecases.plans import create_from_template
from storage.plans import load_plan

TODAY = date(2027, 6, 10)


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
    by_ref = {t.ref: t.id for t in tr.tracked(store, plan_id)}
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
        tr.mark_done(store, by_ref[ref], day, result, today=TODAY)
    for ref in ("II.3", "IV.3", "VI.4", "II.4.1"):
        tr.set_status(store, by_ref[ref], Status.IN_PROGRESS, today=TODAY)
    tr.set_result(store, by_ref["II.3"], "Tiếp nhận 1.248 hồ sơ, giải quyết đúng hạn 99,2%")
    tr.set_status(store, by_ref["V.3"], Status.NOT_DONE, reason="Chờ hướng dẫn sắp xếp trụ sở của tỉnh", today=TODAY)
    tr.set_due_override(store, by_ref["VII.6"], date(2027, 7, 15))
    targets = {t.content[:20]: t.id for t in load_plan(store, plan_id).targets}
    for t_id, value in zip(list(targets.values())[:4], (100, 100, 99.2, 91.5), strict=False):
        tr.set_target_result(store, t_id, "6m", value)
    return plan_id


@pytest.fixture
def plan_id(store):
    return build_tracked_plan(store)


def ref_id(store, plan_id, ref: str) -> int:
    return next(t.id for t in tr.tracked(store, plan_id) if t.ref == ref)


# ---------------------------------------------------------------- tracking table


@pytest.fixture
def table(qtbot, store, plan_id):
    from ui.tracking.task_tracking import TaskTrackingWidget

    stack = QUndoStack()
    w = TaskTrackingWidget(store, plan_id, None, stack, today=TODAY)
    w.keep_stack = stack
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    return w


def test_status_change_undo_redo(table, store, plan_id):
    tid = ref_id(store, plan_id, "IV.1")
    idx = table.index_of(tid, "status")
    saved = []
    table.changed.connect(lambda: saved.append(1))
    assert table.proxy.setData(idx, Status.IN_PROGRESS)
    assert tr.tracked_task(store, tid).record.status is Status.IN_PROGRESS
    assert table.stack.count() == 1 and table.stack.undoText() == "Đổi tình trạng: Đang thực hiện"
    assert saved and table.status.text().startswith("Đã lưu tự động")
    assert table.mark_done(tid, date(2027, 6, 1))
    rec = tr.tracked_task(store, tid).record
    assert rec.status is Status.DONE_ON_TIME and rec.completed_on == date(2027, 6, 1)
    table.stack.undo()
    assert tr.tracked_task(store, tid).record.status is Status.IN_PROGRESS
    assert tr.tracked_task(store, tid).record.completed_on is None
    table.stack.undo()
    assert tr.tracked_task(store, tid).record.status is Status.NOT_STARTED
    table.stack.redo()
    table.stack.redo()
    assert tr.tracked_task(store, tid).record.status is Status.DONE_ON_TIME
    # the view shows the label from the database
    assert table.index_of(tid, "status").data() == "Hoàn thành đúng hạn"


def test_not_done_asks_for_a_reason(table, store, plan_id, monkeypatch):
    tid = ref_id(store, plan_id, "IV.2")
    monkeypatch.setattr(table, "ask_reason", lambda t: None)
    assert not table.set_status(tid, Status.NOT_DONE)
    assert table.stack.count() == 0
    monkeypatch.setattr(table, "ask_reason", lambda t: "Tỉnh chưa ban hành hướng dẫn")
    assert table.proxy.setData(table.index_of(tid, "status"), Status.NOT_DONE)
    rec = tr.tracked_task(store, tid).record
    assert rec.status is Status.NOT_DONE and rec.reason == "Tỉnh chưa ban hành hướng dẫn"
    assert "Lý do" in table.index_of(tid, "status").data(Qt.ItemDataRole.ToolTipRole)
    table.stack.undo()
    assert tr.tracked_task(store, tid).record.status is Status.NOT_STARTED


def test_result_edit_and_undo(table, store, plan_id):
    tid = ref_id(store, plan_id, "II.5")
    text = "Tiếp nhận 12 phản ánh;\nđã xử lý xong 12/12"
    assert table.proxy.setData(table.index_of(tid, "result"), text)
    assert tr.tracked_task(store, tid).record.result == text
    assert not table.proxy.setData(table.index_of(tid, "result"), text)  # no-op edit: no undo step
    assert table.stack.count() == 1
    table.stack.undo()
    assert tr.tracked_task(store, tid).record.result == ""


def test_due_override_blank_and_back(table, store, plan_id):
    tid = ref_id(store, plan_id, "III.3")
    assert tr.tracked_task(store, tid).due.date == date(2027, 9, 30)
    tip = table.index_of(tid, "due").data(Qt.ItemDataRole.ToolTipRole)
    assert "Quý III/2027" in tip
    assert table.proxy.setData(table.index_of(tid, "due"), date(2027, 8, 15))
    assert tr.tracked_task(store, tid).due.date == date(2027, 8, 15)
    assert table.index_of(tid, "due").data() == "15/08/2027 *"
    assert table.proxy.setData(table.index_of(tid, "due"), None)  # "Bỏ trống"
    due = tr.tracked_task(store, tid).due
    assert due.date is None and due.overridden
    table.reset_selected_due()  # nothing selected: nothing happens
    table.select_task(tid)
    table.reset_selected_due()
    assert tr.tracked_task(store, tid).due.date == date(2027, 9, 30)
    table.stack.undo()
    assert tr.tracked_task(store, tid).due.date is None
    table.stack.undo()
    table.stack.undo()
    assert not tr.tracked_task(store, tid).record.due_override


def test_failed_edit_is_dropped_with_a_message(table, store, plan_id):
    tid = ref_id(store, plan_id, "IV.1")
    messages = []
    table.failed.connect(messages.append)
    assert not table.proxy.setData(table.index_of(tid, "completed"), date(2027, 6, 1))  # not editable: not done
    table.mark_done(tid, date(2027, 12, 1))  # after today
    assert messages and "sau ngày hôm nay" in messages[0]
    assert table.stack.count() == 0


def test_completion_date_recomputes_on_time_or_late(table, store, plan_id):
    tid = ref_id(store, plan_id, "I.2")  # due 31/03, done 20/03
    assert table.proxy.setData(table.index_of(tid, "completed"), date(2027, 4, 5))
    rec = tr.tracked_task(store, tid).record
    assert rec.completed_on == date(2027, 4, 5) and rec.status is Status.DONE_LATE


def test_evidence_add_list_unlink_keeps_file(table, store, plan_id, tmp_path, monkeypatch, qtbot):
    from ui.tracking import evidence as ev_mod

    tid = ref_id(store, plan_id, "VII.1")
    src = tmp_path / "Kế hoạch số 02.pdf"
    src.write_bytes(b"%PDF-1.4 signed plan")
    monkeypatch.setattr(ev_mod.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(src)], ""))
    opened = []
    monkeypatch.setattr(ev_mod.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog = table.open_evidence(tid)
    qtbot.addWidget(dialog)
    assert dialog.count() == 0
    dialog.add_button.click()
    assert dialog.count() == 1
    item = dialog.files.topLevelItem(0)
    assert item.text(0) == "Kế hoạch số 02.pdf" and item.text(3) == ev_mod.CHECK_OK
    assert table.index_of(tid, "evidence").data() == "1 tệp"
    dialog.open_button.click()
    stored = tr.evidence_file(store, item.data(0, Qt.ItemDataRole.UserRole))
    assert opened == [str(stored)]
    dialog.unlink_button.click()
    assert dialog.count() == 0
    assert stored.is_file() and src.is_file()  # the copy and the original are kept
    assert [e.file_name for e in tr.unlinked_evidence(store, plan_id)] == ["Kế hoạch số 02.pdf"]
    assert table.index_of(tid, "evidence").data() == "Thêm…"


def test_double_click_on_content_asks_to_jump(table, store, plan_id, qtbot):
    tid = ref_id(store, plan_id, "II.2")
    with qtbot.waitSignal(table.jump_requested) as sig:
        table._double_clicked(table.index_of(tid, "content"))
    assert sig.args == ["task", tid]


def test_filter_overdue(table, store, plan_id):
    table.filter.setCurrentIndex(table.filter.findData("overdue"))
    ov = tr.overview(store, plan_id, TODAY)
    shown = [table.proxy.index(r, 0).data(TASK_ID_ROLE) for r in range(table.proxy.rowCount())]
    assert {t.id for t in ov.overdue} <= set(shown) and ov.overdue
    assert table.select_task(ref_id(store, plan_id, "I.1"))  # not overdue: the filter is reset
    assert table.filter.currentData() == "all"


def test_own_stack_when_none_given(qtbot, store, plan_id):
    from ui.tracking.task_tracking import TaskTrackingWidget

    w = TaskTrackingWidget(store, plan_id, today=TODAY)
    qtbot.addWidget(w)
    assert w.own_stack and len(w.actions()) == 2
    tid = ref_id(store, plan_id, "IV.1")
    w.set_status(tid, "Đang thực hiện")
    w.stack.undo()
    assert tr.tracked_task(store, tid).record.status is Status.NOT_STARTED


# ---------------------------------------------------------------- overview


def test_overview_counts_and_jump(qtbot, store, plan_id):
    from ui.tracking.overview import OverviewPage

    page = OverviewPage(store, plan_id, today=TODAY)
    qtbot.addWidget(page)
    ov = tr.overview(store, plan_id, TODAY)
    assert page.report_line.text() == "Báo cáo 6 tháng: chốt số liệu 14/6, còn 4 ngày"
    label = page.status_labels[Status.DONE_ON_TIME].text()
    assert label.startswith("Hoàn thành đúng hạn<br>") and f">{ov.count(Status.DONE_ON_TIME)}<" in label
    assert ov.count(Status.DONE_LATE) == 1
    assert page.areas.rowCount() == len(ov.by_area) == 7
    assert page.lists["overdue"].count() == len(ov.overdue) > 0
    assert page.boxes["overdue"].title() == f"Quá hạn ({len(ov.overdue)})"
    assert page.lists["no_due"].count() == len(ov.no_due)
    first = page.lists["overdue"].item(0)
    with qtbot.waitSignal(page.jump_requested) as sig:
        page.lists["overdue"].itemActivated.emit(first)
    assert sig.args == ["task", ov.overdue[0].id]
    # a task marked done disappears from the overdue list on refresh
    tr.mark_done(store, ov.overdue[0].id, TODAY, today=TODAY)
    page.refresh()
    assert page.lists["overdue"].count() == len(ov.overdue) - 1


# ---------------------------------------------------------------- targets


def test_target_results_and_measure(qtbot, store, plan_id):
    from ui.tracking.targets import KEYS, TargetsWidget

    w = TargetsWidget(store, plan_id, today=TODAY)
    qtbot.addWidget(w)
    assert w.period_key == "6m"
    m = w.model
    row = next(i for i, r in enumerate(m.rows) if "hài lòng" in r.content)
    tid = m.rows[row].target_id
    assert m.index(row, KEYS.index("verdict")).data() in ("đạt", "chưa đạt", "chưa có số liệu")
    assert m.setData(m.index(row, KEYS.index("result")), "80,5")
    assert m.rows[row].value == 80.5
    assert m.index(row, KEYS.index("verdict")).data() == "chưa đạt"
    assert m.setData(m.index(row, KEYS.index("value")), "80")
    assert m.index(row, KEYS.index("verdict")).data() == "đạt"
    assert m.setData(m.index(row, KEYS.index("operator")), "<=")
    assert m.index(row, KEYS.index("operator")).data() == "≤"
    assert m.index(row, KEYS.index("verdict")).data() == "chưa đạt"
    assert not m.setData(m.index(row, KEYS.index("result")), "tám mươi")
    assert "không phải là số" in w.status.text()
    w.view.setCurrentIndex(m.index(row, 0))
    w.reset_selected()
    assert not m.rows[row].own
    w.period.setCurrentIndex(w.period.findData("q1"))
    assert m.rows[row].value is None
    assert tr.preview_report(store, plan_id, "6m", TODAY).target_lines  # the report sees the values
    assert any(
        x.target_id == tid and x.value == 80.5 for x in tr.preview_report(store, plan_id, "6m", TODAY).target_lines
    )


# ---------------------------------------------------------------- report


@pytest.fixture
def report_dialog(qtbot, store, plan_id):
    from ui.tracking.report_editor import ReportDialog

    d = ReportDialog(store, plan_id, today=TODAY, synchronous=True)
    qtbot.addWidget(d)
    return d


def test_report_create_edit_and_reopen(report_dialog, store, plan_id):
    d = report_dialog
    assert d.period.currentData() == "6m"
    assert not d.body.isEnabled()
    report = d.create()
    assert report is not None and report.period == "6m" and d.body.isEnabled()
    assert "7/35" in d.counts.text() or "/" in d.counts.text()
    keys = d.section_keys()
    for key in ("intro", "general", "targets", "limits", "next", "closing", "summary", "recipients"):
        assert key in keys
    assert any(k.startswith("area:") for k in keys)
    assert d.select_section("general")
    d.text.setPlainText("Sáu tháng đầu năm, phường đã hoàn thành phần lớn nhiệm vụ.\nCòn vài nhiệm vụ chậm.")
    d.flush()
    saved = tr.load_report(store, report.id)
    assert saved.section("general").paragraphs == (
        "Sáu tháng đầu năm, phường đã hoàn thành phần lớn nhiệm vụ.",
        "Còn vài nhiệm vụ chậm.",
    )
    assert d.status.text().startswith("Đã lưu tự động")
    d.number.setText("45")
    d.day.setValue(12)
    d.signer_name.setText("Lê Văn Minh")
    d.save_header()
    saved = tr.load_report(store, report.id)
    assert saved.number == "45" and saved.date.day == 12 and saved.signer.name == "Lê Văn Minh"
    # switching sections saves a pending edit
    d.select_section("closing")
    d.text.setPlainText("Trên đây là báo cáo.")
    d.select_section("intro")
    assert tr.load_report(store, report.id).section("closing").paragraphs == ("Trên đây là báo cáo.",)
    # reopening from the list shows the stored texts
    d.existing.setCurrentIndex(d.existing.findData(report.id))
    d.open_report(report.id)
    d.select_section("general")
    assert d.text.toPlainText().startswith("Sáu tháng đầu năm")


def test_report_export_through_the_dialog(report_dialog, store, plan_id, tmp_path, monkeypatch):
    from ui.tracking import report_editor

    d = report_dialog
    d.create()
    out = tmp_path / "bao cao"
    monkeypatch.setattr(report_editor.QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    d.browse()
    assert d.folder.text() == str(out)
    d.formats["xlsx"].setChecked(True)
    assert d.name.text() == "BC-CCHC-6-thang-2027-phuong-Phu-Son"
    d.export()
    assert [p.suffix for p in d.written] == [".docx", ".pdf", ".xlsx"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in d.written)
    assert d.open_button.isEnabled()
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out / (d.name.text() + ".docx"))).paragraphs)
    assert "BÁO CÁO" in text


def test_report_export_error_is_vietnamese(report_dialog, monkeypatch, tmp_path):
    from app.errors import InvalidInput
    from ui.tracking import report_editor

    d = report_dialog
    d.create()
    d.folder.setText(str(tmp_path / "out"))

    def boom(report, request):
        raise InvalidInput("Tệp đang mở trong Word; hãy đóng tệp rồi xuất lại.")

    monkeypatch.setattr(report_editor, "export_report_files", boom)
    d.export()
    assert d.error_box.text() == "Tệp đang mở trong Word; hãy đóng tệp rồi xuất lại."
    assert d.export_button.isEnabled() and not d.written


def test_report_export_needs_a_format(report_dialog):
    d = report_dialog
    d.create()
    for c in d.formats.values():
        c.setChecked(False)
    d.export()
    assert "định dạng" in d.error_box.text()


def test_entry_points_exist():
    import ui.tracking as t

    for name in ("open_overview", "open_task_tracking", "open_targets", "open_report_editor", "open_import_table"):
        assert callable(getattr(t, name))
    assert Path(t.__file__).parent.name == "tracking"


def test_cell_editors_commit_through_use_cases(table, store, plan_id):
    from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QStyleOptionViewItem
    from ui.tracking.task_tracking import BLANK_DATE, KEYS

    tid = ref_id(store, plan_id, "IV.1")
    option = QStyleOptionViewItem()

    def edit(key, change):
        idx = table.index_of(tid, key)
        delegate = table.view.itemDelegateForColumn(KEYS.index(key))
        editor = delegate.createEditor(table.view.viewport(), option, idx)
        delegate.setEditorData(editor, idx)
        change(editor)
        delegate.setModelData(editor, table.proxy, idx)
        editor.deleteLater()

    def pick(editor: QComboBox):
        editor.setCurrentIndex(editor.findText("Hoàn thành quá hạn"))

    edit("status", pick)
    assert tr.tracked_task(store, tid).record.status is Status.DONE_LATE
    edit("result", lambda e: isinstance(e, QPlainTextEdit) and e.setPlainText("Đã rà soát 18 vị trí việc làm"))
    assert tr.tracked_task(store, tid).record.result == "Đã rà soát 18 vị trí việc làm"
    edit("due", lambda e: isinstance(e, QDateEdit) and e.setDate(BLANK_DATE))
    assert tr.tracked_task(store, tid).due.overridden and tr.tracked_task(store, tid).due.date is None
    assert table.index_of(tid, "due").data() == "Chưa xác định *"
    assert table.stack.count() == 3


def test_report_heading_edit_renames_the_list_entry(report_dialog, store):
    d = report_dialog
    report = d.create()
    key = next(k for k in d.section_keys() if k.startswith("area:"))
    d.select_section(key)
    d.heading.setText("2. Cải cách thể chế, pháp chế")
    d.heading.textEdited.emit(d.heading.text())
    d.select_section("intro")  # leaving the section saves it
    assert tr.load_report(store, report.id).section(key).heading == "2. Cải cách thể chế, pháp chế"
    row = d.section_keys().index(key)
    assert d.sections.item(row).text() == "2. Cải cách thể chế, pháp chế"
