"""'Nhập bảng từ tệp…' end to end: choose a .docx, see its tables and rows, untick, remap, move
years, choose the appendix, import as one undo step."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QTableView

from app.importing import FIELD_NAMES
from app.legacy_encoding import from_unicode
from app.model import AREA_CATALOGUE, iter_tasks
from app.templates import Agency
from storage.backup import list_backups

from given import new_plan as create_from_template

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from hostile_tables import far_cells_xlsx, raw_xlsx, sheet_xml  # noqa: E402
from import_builders import lettered_docx, seed000_docx  # noqa: E402

AREA_TITLES = dict(AREA_CATALOGUE)


@pytest.fixture
def window(prepare, start):
    """The window on a ward-grouped plan: one task appendix grouped by area."""
    prepare(create_from_template, "ward-grouped", 2027, Agency(agency="Ủy ban nhân dân phường Phú Sơn"))
    return start()


def all_contents(plan) -> list[str]:
    return [t.content for a in plan.appendices for t in iter_tasks(a.tasks)]


def open_import(lan, monkeypatch, qtbot, path: Path | None = None):
    """Phụ lục > Nhập bảng từ tệp…, then "Chọn tệp…" (the file chooser answers `path`)."""
    from ui.dialogs import import_table

    lan.menu("Phụ lục", "Nhập bảng từ tệp…")
    dialog = lan.dialog("Nhập bảng từ tệp")
    if path is not None:
        monkeypatch.setattr(import_table.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
        lan.click("Chọn tệp…", within=dialog)
        qtbot.waitUntil(lambda: dialog.parsed is not None or not dialog.counts.text().startswith("Đang đọc"))
    return dialog


def toggle_row(lan, dialog, row: int) -> None:
    """Click the row, Home to its tick, Space."""
    lan.click_cell(dialog.view, row, 2)
    lan.press(Qt.Key.Key_Home)
    lan.press(Qt.Key.Key_Space)


def test_import_end_to_end(window, lan, stored, db_path, tmp_path, monkeypatch, qtbot):
    plan_id = window.plan_id
    before = all_contents(stored(plan_id))
    path = seed000_docx(tmp_path / "Phụ lục tỉnh.docx")
    dialog = open_import(lan, monkeypatch, qtbot, path)
    assert dialog.file.text() == str(path)
    assert dialog.table_list.count() == 1
    assert "PHÂN CÔNG THỰC HIỆN" in dialog.table_list.item(0).text()
    assert "Tham mưu HĐND" in dialog.preview.toPlainText()
    assert dialog.parsed.counts() == (5, 4)
    assert dialog.counts.text() == "Sẽ thêm 5 nhiệm vụ, 4 nhiệm vụ con."
    model = dialog.model
    # level indentation and the proposed area
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "  2.1" in labels and "I" in labels
    sub = labels.index("  2.1")
    assert model.index(sub, 1).data() == "Cải cách chế độ công vụ"
    assert model.index(sub, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    # untick the second task of group I
    rows = dialog.parsed.rows
    second = next(i for i, r in enumerate(rows) if r.fields.get("content", "").startswith("Thực hiện tốt công tác"))
    toggle_row(lan, dialog, second)
    assert model.index(second, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert dialog.counts.text() == "Sẽ thêm 4 nhiệm vụ, 4 nhiệm vụ con."

    # "Sản phẩm" read as "Ghi chú": the tick survives the new reading
    product_col = next(c for c, k in dialog.mapping.items() if k == "product")
    combo = dialog.column_combos[product_col]
    dialog.mapping_area.ensureWidgetVisible(combo)
    lan.choose(combo, FIELD_NAMES["note"])
    assert dialog.mapping[product_col] == "note"
    first = dialog.parsed.rows[1]
    assert first.fields.get("note", "").startswith("Văn bản quy phạm pháp luật") and not first.fields.get("product")
    assert not dialog.parsed.rows[second].checked
    assert dialog.counts.text() == "Sẽ thêm 4 nhiệm vụ, 4 nhiệm vụ con."

    # another area for one task, chosen in its cell
    row = next(
        i for i, r in enumerate(dialog.parsed.rows) if r.fields.get("content", "").startswith("Rà soát, đơn giản")
    )
    lan.click_cell(dialog.view, row, 1, double=True)
    area_box = QApplication.focusWidget()
    assert isinstance(area_box, QComboBox)
    lan.choose(area_box, AREA_TITLES["direction"])
    assert model.index(row, 1).data() == AREA_TITLES["direction"]

    lan.click("Nhập", within=dialog)
    message = "Đã thêm 4 nhiệm vụ, 4 nhiệm vụ con. Ctrl+Z để hoàn tác."
    assert dialog.counts.text() == message
    assert window.statusBar().currentMessage() == message
    assert not dialog.import_button.isEnabled()
    assert any(b.reason == "truoc-nhap-bang" for b in list_backups(db_path.parent / "backups"))
    plan = stored(plan_id)
    after = all_contents(plan)
    assert len(after) == len(before) + 8
    assert any(c.startswith("Tham mưu HĐND, UBND cấp huyện") for c in after)
    assert not any(c.startswith("Thực hiện tốt công tác phổ biến") for c in after)
    imported = [
        t for a in plan.appendices for t in iter_tasks(a.tasks) if t.content.startswith("Tham mưu HĐND, UBND cấp huyện")
    ]
    assert imported[0].note.startswith("Văn bản quy phạm pháp luật") and imported[0].product == ""
    moved = [t for a in plan.appendices for t in a.tasks if t.content.startswith("Rà soát, đơn giản hóa")]
    assert moved and moved[0].area == "direction"

    lan.click("Đóng", within=dialog)
    assert lan.undo_text() == "Nhập 4 nhiệm vụ từ tệp"
    lan.undo()  # the whole import is one step
    assert all_contents(stored(plan_id)) == before


def ink_starts_at(view: QTableView, row: int, column: int) -> int:
    """How far into the cell, in pixels, its first dark pixel is drawn (where the text begins)."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    image = view.viewport().grab(view.visualRect(index)).toImage()
    for x in range(image.width()):
        if any(QColor(image.pixel(x, y)).lightness() < 100 for y in range(image.height())):
            return x
    return -1


def test_lettered_sub_rows_are_shown_indented_and_imported_as_sub_tasks(
    window, lan, stored, tmp_path, monkeypatch, qtbot
):
    """The district's sub-rows have an empty STT and 'b) …' in Nội dung: the preview shows them
    under their task, indented, and they are added as its sub-tasks in one undo step."""
    from ui.dialogs.import_rows import LEVEL_ROLE

    plan_id = window.plan_id
    before = stored(plan_id)
    dialog = open_import(lan, monkeypatch, qtbot, lettered_docx(tmp_path / "Phụ lục huyện.docx"))
    assert dialog.counts.text() == "Sẽ thêm 5 nhiệm vụ, 4 nhiệm vụ con."
    model, view = dialog.model, dialog.view
    content = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Nội dung"
    )
    texts = [model.index(r, content).data() for r in range(model.rowCount())]
    parent = texts.index("Rà soát, hệ thống hóa văn bản quy phạm pháp luật")
    sub = texts.index("Rà soát văn bản do HĐND phường ban hành")  # the letter is the row's number, not its text
    assert sub == parent + 1
    assert model.index(sub, 0).data() == "  b)"
    assert model.index(sub, content).data(LEVEL_ROLE) == 1 and model.index(parent, content).data(LEVEL_ROLE) == 0
    # drawn indented: the sub-row's text starts well to the right of its task's
    assert ink_starts_at(view, sub, content) >= ink_starts_at(view, parent, content) + 12
    wrapped = texts.index("Rà soát văn bản do UBND phường ban hành, kiến nghị sửa đổi văn bản không còn phù hợp")
    assert ink_starts_at(view, wrapped, content) >= ink_starts_at(view, parent, content) + 12
    lead = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Đơn vị chủ trì"
    )
    assert model.index(sub, lead).data() == "Văn phòng HĐND và UBND"  # its own columns

    lan.click("Nhập", within=dialog)
    message = "Đã thêm 5 nhiệm vụ, 4 nhiệm vụ con. Ctrl+Z để hoàn tác."
    assert dialog.counts.text() == message
    assert window.statusBar().currentMessage() == message
    after = stored(plan_id)
    added = [t for t in after.appendices[0].tasks if t not in before.appendices[0].tasks]
    assert [len(t.subtasks) for t in added] == [2, 0, 0, 2, 0]
    assert added[0].subtasks[0].content == "Rà soát văn bản do HĐND phường ban hành"
    assert added[0].subtasks[0].timeline == "Quý I/2027"  # a 2026 table, moved on to the 2027 plan

    lan.click("Đóng", within=dialog)
    assert lan.undo_text() == "Nhập 5 nhiệm vụ từ tệp"
    lan.undo()
    assert stored(plan_id) == before


def test_year_shift_moves_years(window, lan, tmp_path, monkeypatch, qtbot):
    dialog = open_import(lan, monkeypatch, qtbot, seed000_docx(tmp_path / "pl.docx"))
    assert "2023" in dialog.shift_hint.text()
    lan.click(dialog.shift)
    lan.select_all()
    lan.type("4")
    texts = [r.fields.get("timeline", "") for r in dialog.parsed.rows]
    assert "Quý II/2027" in texts and "Quý II/2023" not in texts
    assert dialog.shift_hint.text() == "năm 2023 → 2027"


def test_problems_are_listed(window, lan, tmp_path, monkeypatch, qtbot):
    path = seed000_docx(tmp_path / "pl.docx")
    d = docx.Document(str(path))
    col = d.tables[0].add_column(docx.shared.Cm(2))
    col.cells[0].text = "Mã hồ sơ"
    d.save(str(path))
    dialog = open_import(lan, monkeypatch, qtbot, path)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("Mã hồ sơ" in t for t in texts)
    assert dialog.problems_box.title().startswith("Những chỗ chưa hiểu được (")


def test_legacy_table_says_it_was_converted(window, lan, tmp_path, monkeypatch, qtbot):
    d = docx.Document()
    d.add_paragraph(from_unicode("Phụ lục: nhiệm vụ cải cách thủ tục hành chính năm 2027", "tcvn3"))
    rows = [
        ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian thực hiện"],
        ["1", "Rà soát thủ tục hành chính thuộc thẩm quyền", "Văn phòng", "Quý II/2027"],
        ["2", "Niêm yết công khai thủ tục hành chính", "Trung tâm", "Thường xuyên"],
    ]
    t = d.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            t.cell(r, c).text = from_unicode(v, "tcvn3")
    path = tmp_path / "tcvn3.docx"
    d.save(str(path))
    dialog = open_import(lan, monkeypatch, qtbot, path)
    assert dialog.preview.toPlainText().startswith("Đã chuyển từ mã TCVN3 sang Unicode.")
    assert dialog.parsed.rows[0].fields["content"] == "Rà soát thủ tục hành chính thuộc thẩm quyền"
    assert dialog.model.index(0, 2).data() == "Rà soát thủ tục hành chính thuộc thẩm quyền"


def test_broken_file_is_refused_naming_it_and_nothing_changes(window, lan, stored, tmp_path, monkeypatch, qtbot):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip at all")
    before = stored(window.plan_id)
    dialog = open_import(lan, monkeypatch, qtbot, bad)
    qtbot.waitUntil(lambda: isinstance(lan.dialog(), QMessageBox))
    box = lan.dialog()
    assert "hong.xlsx" in box.text()
    lan.click("Đóng", within=box)
    assert dialog.parsed is None and not dialog.import_button.isEnabled()
    assert dialog.counts.text() == "Chưa chọn tệp."
    assert stored(window.plan_id) == before


def test_a_hostile_sheet_is_refused_in_one_sentence(window, lan, stored, tmp_path, monkeypatch, qtbot):
    before = stored(window.plan_id)
    dialog = open_import(lan, monkeypatch, qtbot, far_cells_xlsx(tmp_path / "xa.xlsx"))
    qtbot.waitUntil(lambda: isinstance(lan.dialog(), QMessageBox))
    box = lan.dialog()
    assert "ô XFD1048576" in box.text() and "xa.xlsx" in box.text()
    lan.click("Đóng", within=box)
    assert dialog.parsed is None and stored(window.plan_id) == before


def test_rows_not_taken_are_listed_with_their_row(window, lan, tmp_path, monkeypatch, qtbot):
    rows = [["STT", "Nội dung", "Đơn vị chủ trì"], [1, "Việc một", "Văn phòng"], [2, "", "Công an"]]
    dialog = open_import(lan, monkeypatch, qtbot, raw_xlsx(tmp_path / "thieu.xlsx", [("S", sheet_xml(rows))]))
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert "Dòng 3: nhiệm vụ không có nội dung; chưa được chọn để nhập." in texts


def test_the_appendix_on_screen_is_offered_and_another_can_be_chosen(
    start, person, stored, tmp_path, monkeypatch, qtbot
):
    window = start()  # the sample plan: one appendix per area
    lan = person(window)
    plan = stored(window.plan_id)
    tasks = [a for a in plan.appendices if a.kind == "tasks"]

    dialog = open_import(lan, monkeypatch, qtbot)  # from "Thông tin chung": by area
    assert dialog.appendix.currentData() is None
    assert dialog.appendix.count() == 1 + len(tasks)
    lan.click("Đóng", within=dialog)

    lan.click_outline("Phụ lục III")
    dialog = open_import(lan, monkeypatch, qtbot, seed000_docx(tmp_path / "pl.docx"))
    assert dialog.appendix.currentData() == tasks[2].id  # the table on screen
    chosen = tasks[4]
    lan.choose(dialog.appendix, dialog.appendix.itemText(dialog.appendix.findData(chosen.id)))
    lan.click("Nhập", within=dialog)
    after = stored(window.plan_id)
    counted = {a.id: len(list(iter_tasks(a.tasks))) for a in after.appendices}
    assert counted[chosen.id] == len(list(iter_tasks(chosen.tasks))) + 9
    assert all(counted[a.id] == len(list(iter_tasks(a.tasks))) for a in tasks if a.id != chosen.id)
