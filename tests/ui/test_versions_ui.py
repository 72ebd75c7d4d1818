"""The "Phiên bản" page: issue a plan, edit it, save a draft, compare (the marked rows as shown),
export exactly a version, the tracked-changes Word file, an amendment and a draft from a version —
each through the window as chị Lan does it."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from docx import Document as WordDocument
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument, QTextTable
from PySide6.QtWidgets import QDateEdit, QTextBrowser

from app.model import Task
from app.ops import rows
from app.versions import issue, list_versions, load_version, save_version
from app.versions.words import DELETE, INSERT, word_diff

RETURN = Qt.Key.Key_Return
NEW_CONTENT = "Xây dựng, ban hành và tổ chức thực hiện Kế hoạch kiểm soát thủ tục hành chính năm 2027 của phường"


# ---------------------------------------------------------------- reading what the views show


def _runs(doc: QTextDocument, start: int, end: int) -> list[tuple[str, str]]:
    """(text, mark) of each run between two positions: mark 'del' (red, struck through), 'ins'
    (green, underlined) or '' — read from the formats the view draws with."""
    out = []
    block = doc.findBlock(start)
    while block.isValid() and block.position() <= end:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            colour = fmt.foreground().color()
            mark = ""
            if fmt.fontStrikeOut() and colour.red() > 150 and colour.green() < 80:
                mark = "del"
            elif fmt.fontUnderline() and colour.green() > 80 and colour.red() < 80:
                mark = "ins"
            out.append((frag.text(), mark))
            it += 1
        block = block.next()
    return out


def shown_rows(browser: QTextBrowser) -> list[dict]:
    """The comparison's rows as shown: the change column's text, and each side's runs."""
    doc = browser.document()
    (table,) = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    out = []
    for r in range(1, table.rows()):
        cells = [table.cellAt(r, c) for c in range(3)]
        runs = [_runs(doc, c.firstPosition(), c.lastPosition()) for c in cells]
        out.append(
            {
                "change": " ".join("".join(t for t, _ in runs[0]).split()),
                "old": "".join(t for t, _ in runs[1]),
                "new": "".join(t for t, _ in runs[2]),
                "deleted": "".join(t for t, m in runs[1] if m == "del"),
                "inserted": "".join(t for t, m in runs[2] if m == "ins"),
                "marks_on_wrong_side": [t for t, m in runs[1] if m == "ins"] + [t for t, m in runs[2] if m == "del"],
            }
        )
    return out


def docx_text(path: Path) -> list[str]:
    doc = WordDocument(str(path))
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        out += [c.text for row in t.rows for c in row.cells]
    return out


def version_rows(lan):
    page = lan.window.editors.tracking_views["versions"]
    tree = page.tree
    return page, [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]


def type_over(lan, field, text: str) -> None:
    lan.click(field)
    lan.select_all()
    lan.type(text)


def set_folder(lan, dialog_folder, folder: Path) -> None:
    type_over(lan, dialog_folder, str(folder))


# ---------------------------------------------------------------- the journey


def test_issue_edit_draft_compare_export_amend(window, lan, stored, read, plan_id, qtbot, tmp_path):
    out = tmp_path / "Văn bản"
    lan.click_outline("Phiên bản")
    page, listed = version_rows(lan)
    assert listed == [] and page.empty.isVisible()

    # "Ban hành…": no number is refused in the dialog, which stays open; then 15, 20/12/2026.
    lan.click("Ban hành…")
    dialog = lan.dialog("Ban hành kế hoạch")
    type_over(lan, dialog.number, "")
    lan.press(Qt.Key.Key_Delete)
    lan.click("Ban hành", within=dialog)
    assert dialog.isVisible() and dialog.message.isVisible()
    assert dialog.message.text() == "Hãy ghi số văn bản do văn thư cấp khi ban hành."
    assert read(list_versions, plan_id) == []
    assert getattr(window, "error_box", None) is None  # said in the dialog, not in a second box
    type_over(lan, dialog.number, "15")
    date_edit = dialog.findChild(QDateEdit)
    lan.click(date_edit)  # the day is chosen; typing fills the day, the month, the year
    lan.type("20122026")
    assert date_edit.date().toPython() == date(2026, 12, 20)
    lan.click("Ban hành", within=dialog)
    assert not dialog.isVisible()
    _, listed = version_rows(lan)
    assert [r[:3] for r in listed] == [["20/12/2026", "Ban hành", "Ban hành số 15 ngày 20/12/2026"]]
    plan = stored(plan_id)
    assert plan.number == "15" and (plan.date.day, plan.date.month, plan.date.year) == (20, 12, 2026)
    lan.click("Ban hành…")  # once more: she is told it is issued already, and cancels
    again = lan.dialog("Ban hành kế hoạch")
    assert "Kế hoạch đã có «Ban hành số 15 ngày 20/12/2026»" in again.intro.text()
    lan.click("Hủy", within=again)
    assert len(read(list_versions, plan_id)) == 1

    # She edits the first task of Phụ lục II after the issue.
    lan.click_outline("Phụ lục II ")
    editor = window.editors.current_task_editor()
    issued_content = editor.model.item(0).content
    lan.click_cell(editor.view, 0, editor.model.column_of("content"), double=True)
    lan.select_all()
    lan.type(NEW_CONTENT)
    lan.press(RETURN)
    assert stored(plan_id).appendices[1].tasks[0].content == NEW_CONTENT

    # "Lưu phiên bản…" from the menu: the default name, the draft listed first.
    lan.menu("Phiên bản", "Lưu phiên bản…")
    dialog = lan.dialog("Lưu phiên bản")
    assert dialog.name.text() == "Dự thảo lấy ý kiến 05/12"
    lan.click("Lưu", within=dialog)
    page, listed = version_rows(lan)
    assert [r[1:3] for r in listed] == [
        ["Dự thảo", "Dự thảo lấy ý kiến 05/12"],
        ["Ban hành", "Ban hành số 15 ngày 20/12/2026"],
    ]

    # Compare the issued version with the draft: one row, the words marked on each side.
    lan.click_cell(page.tree, 1, 2)
    lan.click_cell(page.tree, 0, 2, modifiers=Qt.KeyboardModifier.ControlModifier)
    lan.click("So sánh…")
    compare = lan.dialog("So sánh phiên bản")
    assert compare.old_box.currentText() == "Ban hành số 15 ngày 20/12/2026"
    assert compare.new_box.currentText() == "Dự thảo lấy ý kiến 05/12"
    shown = shown_rows(compare.text)
    (row,) = shown
    ops = word_diff(issued_content, NEW_CONTENT)
    assert row["change"].startswith("Sửa đổi Nhiệm vụ")
    assert issued_content in row["old"] and NEW_CONTENT in row["new"]
    assert row["deleted"].split() == " ".join(t for k, t in ops if k == DELETE).split()
    assert row["inserted"].split() == " ".join(t for k, t in ops if k == INSERT).split()
    assert "của phường" in row["inserted"]  # a phrase put in is marked as one, spaces too
    assert row["marks_on_wrong_side"] == []
    assert compare.summary.text() == "1 thay đổi: 1 sửa đổi."

    # The tracked-changes Word file: the taken-out words in w:del, the put-in ones in w:ins.
    lan.click("Xuất bản có theo dõi thay đổi (DOCX)…", within=compare)
    tracked = lan.dialog("Xuất bản có theo dõi thay đổi")
    set_folder(lan, tracked.folder, out)
    lan.click("Xuất", within=tracked)
    qtbot.waitUntil(lambda: tracked.written is not None, timeout=30000)
    assert tracked.done_label.text() == f"Đã xuất: {tracked.written.name}"
    xml = zipfile.ZipFile(tracked.written).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml and "của phường" in xml
    lan.click("Đóng", within=tracked)

    # "Lập kế hoạch sửa đổi, bổ sung": a new plan, opened.
    lan.click("Lập kế hoạch sửa đổi, bổ sung", within=compare)
    assert window.plan_id != plan_id and not compare.isVisible()
    amendment = stored(window.plan_id)
    assert amendment.summary.startswith("Sửa đổi, bổ sung một số nội dung của Kế hoạch số 15/KH-UBND ngày 20/12/2026")
    assert window.windowTitle().endswith(amendment.summary)
    listed = window.plan_list.list.currentItem().text()  # the plan list says which plan it amends
    assert f"sửa đổi, bổ sung kế hoạch mã {plan_id}" in listed


def test_a_version_exports_as_issued_and_starts_a_new_draft(window, lan, stored, read, plan_id, qtbot, tmp_path):
    out = tmp_path / "Văn bản"
    lan.menu("Phiên bản", "Ban hành…")
    dialog = lan.dialog("Ban hành kế hoạch")
    type_over(lan, dialog.number, "15")
    lan.click("Ban hành", within=dialog)
    issued = stored(plan_id)
    lan.click_outline("Phụ lục II ")
    editor = window.editors.current_task_editor()
    lan.click_cell(editor.view, 0, editor.model.column_of("content"), double=True)
    lan.select_all()
    lan.type(NEW_CONTENT)
    lan.press(RETURN)

    # Read-only: the version as it exports, with the text it had when issued.
    lan.click_outline("Phiên bản")
    page, _ = version_rows(lan)
    lan.click_cell(page.tree, 0, 2, double=True)
    viewer = lan.dialog("Phiên bản: Ban hành số 15 ngày 05/12/2026")
    qtbot.waitUntil(lambda: "KẾ HOẠCH" in viewer.shown_text(), timeout=30000)
    text = viewer.shown_text()
    assert "Số: 15/KH-UBND" in text and issued.appendices[1].tasks[0].content in text
    assert NEW_CONTENT not in text and viewer.text.isReadOnly()

    # "Xuất…": Word only, the issued text — the same file the version exports on its own.
    lan.click("Xuất…", within=viewer)
    export = lan.dialog("Xuất phiên bản")
    assert export.panel.name.text() == "KH-CCHC-2027-phuong-Phu-Son-ban-hanh-15"
    set_folder(lan, export.panel.folder, out)
    for fmt in ("pdf", "xlsx"):
        if export.panel.checks[fmt].isChecked():
            lan.click(export.panel.checks[fmt])
    if not export.panel.checks["docx"].isChecked():
        lan.click(export.panel.checks["docx"])
    lan.click("Xuất", within=export)
    qtbot.waitUntil(export.open_button.isEnabled, timeout=30000)
    (written,) = export.written
    from exporters.api import ExportRequest, export_plan

    vid = read(list_versions, plan_id)[0].id
    expected = export_plan(read(load_version, plan_id, vid), ExportRequest(docx=tmp_path / "expected.docx"))[0]
    current = export_plan(stored(plan_id), ExportRequest(docx=tmp_path / "current.docx"))[0]
    assert docx_text(written) == docx_text(expected) != docx_text(current)
    assert NEW_CONTENT not in "\n".join(docx_text(written))
    lan.click("Đóng", within=export)

    # "Tạo bản dự thảo mới từ phiên bản này": a new plan as issued, opened.
    lan.click("Tạo bản dự thảo mới từ phiên bản này", within=viewer)
    assert window.plan_id != plan_id and not viewer.isVisible()
    assert stored(window.plan_id).appendices[1].tasks[0].content == issued.appendices[1].tasks[0].content


def test_compare_marks_moved_added_and_removed_tasks(prepare, start, person, qtbot):
    """Moved, added and removed tasks each get their own labelled row, against the plan as it is now."""

    def edits(ws, plan_id):
        issue(ws, plan_id, "15", date(2026, 12, 20))
        plan = ws.plan(plan_id)
        a = plan.appendices[1]
        rows.move_to(ws, rows.TASKS, a.tasks[2].id, None, 0)  # the third task first
        rows.remove(ws, rows.TASKS, [a.tasks[-1].id])
        rows.insert(ws, rows.TASKS, a.id, [Task(content="Nhiệm vụ mới bổ sung năm 2027")], None, 1)
        save_version(ws, plan_id, "Dự thảo 2")

    from app.ops import plans

    plan_id = prepare(plans.ensure_sample_plan)
    prepare(edits, plan_id)
    window = start()
    lan = person(window)
    lan.click_outline("Phiên bản")
    page, listed = version_rows(lan)
    assert [r[1] for r in listed] == ["Dự thảo", "Ban hành"]
    lan.click_cell(page.tree, 1, 2)
    lan.click("So sánh…")
    compare = lan.dialog("So sánh phiên bản")
    assert compare.new_box.currentText() == "Hiện tại (kế hoạch đang soạn)"
    shown = {r["change"].split(" Nhiệm vụ")[0]: r for r in shown_rows(compare.text)}
    assert set(shown) == {"Chuyển chỗ", "Bổ sung", "Bãi bỏ"}, list(shown)
    moved = shown["Chuyển chỗ"]
    assert "nhiệm vụ số 3" in moved["old"] and "nhiệm vụ số 1" in moved["new"]
    assert moved["deleted"] == moved["inserted"] == ""
    assert shown["Bổ sung"]["inserted"] == "Nhiệm vụ mới bổ sung năm 2027" and "(chưa có)" in shown["Bổ sung"]["old"]
    assert shown["Bãi bỏ"]["deleted"] and "(bãi bỏ)" in shown["Bãi bỏ"]["new"]

    # The comparison stays open beside the window: an edit of the plan shows in it at once.
    window.activateWindow()  # her click on the window brings it forward (the window manager's part)
    lan.settle()
    lan.click_outline("Phụ lục II ")
    editor = window.editors.current_task_editor()
    lan.click_cell(editor.view, 0, editor.model.column_of("lead"), double=True)
    lan.select_all()
    lan.type("Công chức Tư pháp - Hộ tịch")
    lan.press(Qt.Key.Key_Return)

    def moved_row():
        return next(r for r in shown_rows(compare.text) if r["change"].startswith("Chuyển chỗ"))

    qtbot.waitUntil(lambda: moved_row()["inserted"] != "")  # compared again a moment after the edit
    moved = moved_row()
    assert moved["inserted"] == "Công chức Tư pháp - Hộ tịch" and moved["deleted"]
    lan.click("Đóng", within=compare)
    assert not compare.isVisible()


def test_a_version_closed_with_its_plan_before_its_text_is_ready(window, lan, read, plan_id, qtbot):
    """The text is built off the GUI thread; a viewer gone by then (another plan opened) is left alone."""
    import shiboken6

    from ui.versions.viewer import VersionViewer

    window.runner.run(save_version, plan_id, "Dự thảo")
    (v,) = read(list_versions, plan_id)
    viewer = VersionViewer(window.runner, window.settings, plan_id, v, read(load_version, plan_id, v.id), window)
    shiboken6.delete(viewer)
    qtbot.waitUntil(lambda: not window.runner._jobs, timeout=30000)  # the job reported: nothing raised


def test_a_task_deleted_after_issue_is_listed_as_repealed_in_tracking(window, lan, stored, plan_id):
    """Issued, then a task deleted at the table (Delete key): the tracking overview lists it as
    repealed instead of letting it vanish; Ctrl+Z brings it back and the line goes."""
    from PySide6.QtWidgets import QTableView

    lan.menu("Phiên bản", "Ban hành…")
    dialog = lan.dialog("Ban hành kế hoạch")
    type_over(lan, dialog.number, "15")
    lan.click("Ban hành", within=dialog)
    lan.click_outline("Phụ lục II")
    gone = stored(plan_id).appendices[1].tasks[0].content
    lan.click_cell(lan.widget(QTableView, within=window), 0, 1)
    lan.press(Qt.Key.Key_Delete)
    assert all(t.content != gone for t in stored(plan_id).appendices[1].tasks)

    lan.click_outline("Theo dõi thực hiện")
    page = window.editors.tracking_views["overview"]
    line = page.repealed_line
    assert line.isVisible()
    assert line.text().startswith(
        "Đã bãi bỏ 1 nhiệm vụ sau khi ban hành (không tính vào tổng): nhiệm vụ số 1 Phụ lục II"
    )
    assert line.text().endswith("— Bãi bỏ.")
    assert " ".join(gone.split())[:40] in line.text()

    lan.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not line.isVisible()


def test_a_draft_saved_by_mistake_is_deleted_and_undone_an_issued_one_cannot_be(window, lan, read, plan_id):
    lan.menu("Phiên bản", "Ban hành…")
    dialog = lan.dialog("Ban hành kế hoạch")
    type_over(lan, dialog.number, "15")
    lan.click("Ban hành", within=dialog)
    lan.menu("Phiên bản", "Lưu phiên bản…")
    lan.click("Lưu", within=lan.dialog("Lưu phiên bản"))
    page, listed = version_rows(lan)
    assert [r[1] for r in listed] == ["Dự thảo", "Ban hành"]

    lan.click_cell(page.tree, 1, 2)  # the issued version: no deleting it
    assert not page.delete_button.isEnabled()
    lan.click_cell(page.tree, 0, 2)
    lan.click("Xóa bản dự thảo")
    _, listed = version_rows(lan)
    assert [r[1] for r in listed] == ["Ban hành"]
    assert [v.kind for v in read(list_versions, plan_id)] == ["issued"]

    lan.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _, listed = version_rows(lan)
    assert [r[1] for r in listed] == ["Dự thảo", "Ban hành"]
    assert [v.kind for v in read(list_versions, plan_id)] == ["issued", "draft"]


def test_the_comparison_lists_a_version_saved_while_it_is_open(window, lan, plan_id):
    lan.menu("Phiên bản", "Ban hành…")
    dialog = lan.dialog("Ban hành kế hoạch")
    type_over(lan, dialog.number, "15")
    lan.click("Ban hành", within=dialog)
    page, _ = version_rows(lan)
    lan.click_cell(page.tree, 0, 2)
    lan.click("So sánh…")
    compare = lan.dialog("So sánh phiên bản")
    assert compare.old_box.count() == 1 and compare.new_box.count() == 2

    lan.menu("Phiên bản", "Lưu phiên bản…")  # the comparison stays open beside the window
    lan.click("Lưu", within=lan.dialog("Lưu phiên bản"))
    olds = [compare.old_box.itemText(i) for i in range(compare.old_box.count())]
    assert len(olds) == 2 and olds[0].startswith("Dự thảo lấy ý kiến") and olds[1].startswith("Ban hành số 15"), olds
    assert compare.old_box.currentText().startswith("Ban hành số 15")  # what she compared stays chosen
    assert compare.new_box.currentData() == "now" and compare.new_box.count() == 3
