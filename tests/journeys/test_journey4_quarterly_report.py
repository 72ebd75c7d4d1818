"""Journey 4: the quarterly report (≤ 8 actions).

10 June 2027. The overview says when the 6-month report's data closes; tasks are overdue. She
marks a task done with its date and a one-line result, drops the signed plan PDF on it as
evidence, makes the "6 tháng đầu năm 2027" report, edits a sentence and exports it.
"""

from __future__ import annotations

from datetime import date

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QTableView

import given

TODAY = date(2027, 6, 10)
RESULT = "Đã ban hành Kế hoạch kiểm soát thủ tục hành chính, đăng trên trang thông tin điện tử."
SENTENCE = " Đặc biệt, 100% hồ sơ được tiếp nhận qua Trung tâm Phục vụ hành chính công."


def tracking_table(lan) -> QTableView:
    return lan.widget(QTableView)


def row_of(view: QTableView, text: str) -> int:
    model = view.model()
    for r in range(model.rowCount()):
        if text in str(model.index(r, 1).data()):
            return r
    raise AssertionError(f"no row «{text}»")


def overdue_row(view: QTableView) -> int:
    model = view.model()
    for r in range(model.rowCount()):
        if "quá hạn" in str(model.index(r, 4).data()):
            return r
    raise AssertionError("no overdue task")


def read_task(data_dir, task_id: int):
    from app.ops import evidence, tracking
    from app.workspace import open_workspace

    ws = open_workspace(data_dir / "kehoach.db")
    try:
        return tracking.tracked_task(ws, task_id), len(evidence.of_task(ws, task_id))
    finally:
        ws.close()


def test_overview_tells_the_next_report(start, person, data_dir, today):
    today(TODAY)
    given.tracked_plan(data_dir / "kehoach.db", TODAY)
    window = start()
    lan = person(window)
    lan.click_outline("Theo dõi thực hiện")
    texts = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    assert "Báo cáo 6 tháng: chốt số liệu 14/6, còn 4 ngày" in texts
    assert any("nhiệm vụ quá hạn" in t for t in texts)


def test_mark_done_attach_evidence_and_report_in_eight_actions(
    start, person, data_dir, tmp_path, qtbot, today, remember_export_folder
):
    today(TODAY)
    pid = given.tracked_plan(data_dir / "kehoach.db", TODAY)
    out = tmp_path / "Báo cáo"
    remember_export_folder(out)
    signed = tmp_path / "KH-CCHC-2027-da-ky.pdf"
    signed.write_bytes(b"%PDF-1.4\n% signed plan\n%%EOF\n")
    window = start()
    lan = person(window)

    lan.click_outline("Tiến độ nhiệm vụ")
    view = tracking_table(lan)
    row = overdue_row(view)
    task_id = view.model().index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
    due = read_task(data_dir, task_id)[0].due.date
    assert due is not None and due < TODAY  # months ago: "done today" would be wrong
    lan.click_cell(view, row, 4)
    lan.click("Hoàn thành…")
    done = lan.dialog("Hoàn thành nhiệm vụ")
    lan.type(RESULT)  # the result line has the focus; the date is the due date already
    lan.click("Ghi", within=done)
    lan.drop_files(view.viewport(), [signed], at=view.visualRect(view.model().index(row, 1)).center())

    task, evidence = read_task(data_dir, task_id)
    assert task.record.status.done and task.record.completed_on == due
    assert task.record.result == RESULT
    assert evidence == 1

    lan.click("Lập báo cáo…")
    report = lan.dialog("Lập báo cáo")
    text = report.findChild(QPlainTextEdit, "section_text")
    qtbot.waitUntil(lambda: bool(text.toPlainText()))
    assert "6 tháng đầu năm 2027" in report.findChild(QLabel, "report_counts").text()
    lan.click(text)
    text.moveCursor(text.textCursor().MoveOperation.End)
    lan.type(SENTENCE)
    lan.click("Xuất văn bản", within=report)
    qtbot.waitUntil(lambda: any(out.glob("*.docx")), timeout=30000)

    assert lan.actions <= 8, lan.log
    body = "\n".join(p.text for p in Document(next(out.glob("*.docx"))).paragraphs)
    assert "6 tháng đầu năm 2027" in body
    assert SENTENCE.strip() in body
    assert RESULT in body or any(
        RESULT in c.text for t in Document(next(out.glob("*.docx"))).tables for r in t.rows for c in r.cells
    )
    assert pid


def test_completion_date_is_typed_as_read(start, person, data_dir, qtbot, today):
    """Double-click the completion date of a done task, type 15/02/2027: 15 February is stored."""
    today(TODAY)
    given.tracked_plan(data_dir / "kehoach.db", TODAY)
    window = start()
    lan = person(window)
    lan.click_outline("Tiến độ nhiệm vụ")
    view = tracking_table(lan)
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 5).data())
    task_id = model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
    lan.click_cell(view, row, 5, double=True)
    editor = QApplication.focusWidget()
    assert view.state() == view.State.EditingState
    assert editor.height() >= editor.fontMetrics().height()  # its text can be seen
    lan.type("15/02/2027")
    lan.press(Qt.Key.Key_Return, widget=editor)
    assert read_task(data_dir, task_id)[0].record.completed_on == date(2027, 2, 15)
