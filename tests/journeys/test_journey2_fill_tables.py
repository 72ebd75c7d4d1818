"""Journey 2: fill the appendix tables (≤ 4 actions per pasted block).

She opens "Phụ lục II — Cải cách thủ tục hành chính", pastes five rows copied from the
province's Excel file, uses the suggestions for Chủ trì and Thời gian, drags a task up, makes one a
sub-task (Tab) and back (Shift+Tab), deletes a row and undoes the delete. Nothing asks her to save;
the exported Excel file holds what she did.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from app.model import iter_tasks

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# Five rows as Excel puts them on the clipboard: STT first, one cell with a line break (quoted).
EXCEL_ROWS = [
    [
        "1",
        "Rà soát, công bố danh mục thủ tục hành chính thuộc thẩm quyền cấp xã",
        "Danh mục TTHC",
        "Văn phòng HĐND và UBND",
        "Trung tâm Phục vụ hành chính công",
        "Quý I/2027",
        "Ngân sách xã",
    ],
    [
        "2",
        "Số hóa hồ sơ, kết quả giải quyết TTHC",
        "Hồ sơ được số hóa",
        "Trung tâm Phục vụ hành chính công",
        "Các phòng chuyên môn",
        "Thường xuyên",
        "",
    ],
    [
        "3",
        "Niêm yết công khai TTHC tại Trung tâm",
        "Bảng niêm yết\nTrang thông tin điện tử",
        "Trung tâm Phục vụ hành chính công",
        "",
        "Quý II/2027",
        "",
    ],
    [
        "4",
        "Khảo sát mức độ hài lòng của người dân",
        "Báo cáo khảo sát",
        "Phòng Văn hóa - Xã hội",
        "Trung tâm Phục vụ hành chính công",
        "Quý III/2027",
        "Ngân sách xã",
    ],
    [
        "5",
        "Tiếp nhận, xử lý phản ánh, kiến nghị về TTHC",
        "Sổ theo dõi",
        "Văn phòng HĐND và UBND",
        "",
        "Thường xuyên",
        "",
    ],
]


def excel_clipboard(rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if "\n" in text else text

    return "\r\n".join("\t".join(cell(c) for c in row) for row in rows) + "\r\n"


def task_table(person) -> QTableView:
    return person.widget(QTableView, within=person.window)


def appendix_tasks(stored, plan_id: int, n: int = 1):
    return stored(plan_id).appendices[n].tasks


def test_paste_five_rows_from_excel_in_three_actions(start, person, stored, qtbot):
    window = start()
    lan = person(window)
    plan_id = stored()[0].id
    before = appendix_tasks(stored, plan_id)

    lan.click_outline("Phụ lục II")
    view = task_table(lan)
    QApplication.clipboard().setText(excel_clipboard(EXCEL_ROWS))
    lan.click_cell(view, 0, 1)
    lan.press(Qt.Key.Key_V, CTRL)

    assert lan.actions <= 4, lan.log
    after = appendix_tasks(stored, plan_id)
    assert len(after) == len(before) + 5
    pasted = after[1:6]  # after the row she clicked
    assert [t.content for t in pasted] == [r[1] for r in EXCEL_ROWS]
    assert pasted[2].product == "Bảng niêm yết\nTrang thông tin điện tử"
    assert [t.lead for t in pasted] == [r[3] for r in EXCEL_ROWS]
    assert [t.timeline for t in pasted] == [r[5] for r in EXCEL_ROWS]
    assert [t.budget for t in pasted] == [r[6] for r in EXCEL_ROWS]
    # The table shows them at once, numbered, and the whole paste is one undo step.
    model = view.model()
    assert model.data(model.index(1, 1)) == EXCEL_ROWS[0][1]
    assert [model.data(model.index(r, 0)) for r in range(1, 7)] == [str(n) for n in range(2, 8)]
    lan.press(Qt.Key.Key_Z, CTRL)
    assert [t.content for t in appendix_tasks(stored, plan_id)] == [t.content for t in before]


def test_dan_button_pastes_too(start, person, stored):
    window = start()
    lan = person(window)
    plan_id = stored()[0].id
    n = len(appendix_tasks(stored, plan_id))
    lan.click_outline("Phụ lục II")
    QApplication.clipboard().setText(excel_clipboard(EXCEL_ROWS[:2]))
    lan.click_cell(task_table(lan), 0, 1)
    lan.click("Dán")
    assert len(appendix_tasks(stored, plan_id)) == n + 2


def open_cell_editor(lan, view, row: int, key: str):
    column = column_of(view, key)
    lan.click_cell(view, row, column, double=True)
    editor = QApplication.focusWidget()
    assert view.state() == QAbstractItemView.State.EditingState, "double-click did not open the cell"
    return editor


def column_of(view: QTableView, header: str) -> int:
    model = view.model()
    for c in range(model.columnCount()):
        if str(model.headerData(c, Qt.Orientation.Horizontal)).startswith(header):
            return c
    raise AssertionError(f"no column «{header}»")


def test_suggestions_for_lead_and_timeline(start, person, stored, qtbot):
    window = start()
    lan = person(window)
    lan.click_outline("Phụ lục II")
    view = task_table(lan)

    editor = open_cell_editor(lan, view, 0, "Đơn vị chủ trì")
    editor.selectAll()
    lan.type("Trung")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offers = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert "Trung tâm Phục vụ hành chính công" in offers
    # The list is wide enough to read the whole name, not as narrow as the cell.
    assert popup.width() >= popup.fontMetrics().horizontalAdvance("Trung tâm Phục vụ hành chính công")
    lan.press(Qt.Key.Key_Escape, widget=popup)
    lan.press(Qt.Key.Key_Escape, widget=editor)

    editor = open_cell_editor(lan, view, 0, "Thời gian")
    editor.selectAll()
    lan.type("Quý")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offers = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offers[:2] == ["Quý I/2027", "Quý II/2027"]


def test_drag_indent_delete_and_undo_without_saving(start, person, stored, qtbot):
    window = start()
    lan = person(window)
    plan_id = stored()[0].id
    lan.click_outline("Phụ lục II")
    view = task_table(lan)
    first = [t.content for t in appendix_tasks(stored, plan_id)]

    lan.drag_row(view, 2, 0)  # the third task up to the top
    moved = [t.content for t in appendix_tasks(stored, plan_id)]
    assert moved == [first[2], first[0], first[1], *first[3:]]

    lan.click_cell(view, 2, 1)  # the old first task, now third
    lan.press(Qt.Key.Key_Tab)  # a sub-task of the row above
    tasks = appendix_tasks(stored, plan_id)
    assert [t.content for t in tasks[1].subtasks] == [first[1]]
    assert view.model().data(view.model().index(2, 0)) == "2.1"
    lan.press(Qt.Key.Key_Backtab, SHIFT)
    assert [t.content for t in appendix_tasks(stored, plan_id)] == moved

    lan.click_cell(view, 3, 1)
    lan.press(Qt.Key.Key_Delete)
    assert [t.content for t in appendix_tasks(stored, plan_id)] == moved[:3] + moved[4:]
    lan.press(Qt.Key.Key_Z, CTRL)
    assert [t.content for t in appendix_tasks(stored, plan_id)] == moved
    assert view.model().rowCount() == len(moved)


def test_pasted_rows_reach_the_excel_file(start, person, stored, tmp_path, qtbot, remember_export_folder):
    window = start()
    lan = person(window)
    lan.click_outline("Phụ lục II")
    QApplication.clipboard().setText(excel_clipboard(EXCEL_ROWS))
    lan.click_cell(task_table(lan), 0, 1)
    lan.press(Qt.Key.Key_V, CTRL)

    out = tmp_path / "gui"
    remember_export_folder(out)
    lan.press(Qt.Key.Key_E, CTRL)
    dialog = lan.dialog("Xuất văn bản")
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(lambda: any(out.glob("*.xlsx")), timeout=20000)
    xlsx = next(out.glob("*.xlsx"))
    cells = {c.value for ws in load_workbook(xlsx).worksheets for row in ws.iter_rows() for c in row if c.value}
    for row in EXCEL_ROWS:
        assert row[1] in cells


def test_nothing_asks_to_save(start, person, stored, qtbot, data_dir):
    """Closing right after an edit loses nothing and asks nothing."""
    window = start()
    lan = person(window)
    plan_id = stored()[0].id
    lan.click_outline("Phụ lục II")
    view = task_table(lan)
    editor = open_cell_editor(lan, view, 0, "Kinh phí")
    editor.selectAll()
    lan.type("Ngân sách phường")
    lan.press(Qt.Key.Key_Return, widget=editor)
    window.close()
    assert not window.isVisible()
    budgets = [t.budget for t in iter_tasks(stored(plan_id).appendices[1].tasks)]
    assert budgets[0] == "Ngân sách phường"
    assert not any(Path(data_dir).glob("*.db-journal"))
