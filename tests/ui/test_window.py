"""The window: outline, header and section editing, targets, find, new plan, plans' own undo
history, smoke mode, remembered size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from app.model import Period
from app.numbering import heading_text, numbered_sections
from ui.main_window.outline import NODE_ROLE

from person import _tree_items

ROOT = Path(__file__).resolve().parents[2]
CTRL = Qt.KeyboardModifier.ControlModifier


def outline_texts(lan) -> list[str]:
    """The outline as read on screen; an appendix by its whole title (its tooltip)."""
    return [
        item.toolTip(0) if item.data(0, NODE_ROLE)[0] == "appendix" else item.text(0)
        for item in _tree_items(lan.outline())
    ]


def type_into(lan, field, text: str) -> None:
    """Click a field, select what it holds and type over it."""
    lan.click(field)
    lan.select_all()
    lan.type(text)


def test_window_title_and_outline(window, lan, stored, plan_id):
    plan = stored(plan_id)
    assert window.windowTitle() == f"Kế hoạch CCHC — {plan.summary}"
    texts = outline_texts(lan)
    assert texts[:2] == ["Thông tin chung", "Căn cứ"]
    assert texts[-6:] == [
        "Ký và nơi nhận",
        "Phiên bản",
        "Theo dõi thực hiện",
        "Tiến độ nhiệm vụ",
        "Kết quả chỉ tiêu",
        "Tự đánh giá chỉ số CCHC",
    ]
    assert "Chỉ tiêu" in texts
    first = numbered_sections(plan)[0]
    assert heading_text(first.label, first.section.heading) in texts
    assert "2.1. Cải cách thể chế" in texts
    assert plan.appendices[0].title in texts


def test_header_edit_is_saved_on_leaving_and_undone(window, lan, stored, plan_id):
    form = window.editors.header_form
    original = stored(plan_id).summary
    lan.click_outline("Thông tin chung")
    type_into(lan, form.summary, "Cải cách hành chính năm 2027 của phường")
    lan.press(Qt.Key.Key_Tab)
    assert lan.undo_text() == "Sửa trích yếu"
    assert window.windowTitle().endswith("của phường")
    assert stored(plan_id).summary == "Cải cách hành chính năm 2027 của phường"

    type_into(lan, form.day, "5")
    lan.press(Qt.Key.Key_Tab)
    assert stored(plan_id).date.day == 5
    lan.click(form.day)
    lan.press(Qt.Key.Key_PageDown)  # down to the lowest value: "(để trống)"
    assert form.day.text() == "(để trống)"
    lan.press(Qt.Key.Key_Tab)
    assert stored(plan_id).date.day is None

    lan.undo()
    assert stored(plan_id).date.day == 5
    assert form.day.value() == 5
    lan.undo()
    lan.undo()
    assert stored(plan_id).summary == original
    assert form.summary.text() == original
    assert window.windowTitle() == f"Kế hoạch CCHC — {original}"


def test_legal_bases_and_signer(window, lan, stored, plan_id):
    lan.click_outline("Căn cứ")
    bases = window.editors.bases_form
    type_into(lan, bases.bases, "Căn cứ Luật Tổ chức chính quyền địa phương;\n\n  Căn cứ Kế hoạch số 1/KH-UBND  ")
    lan.click(bases.italic)  # leaving the text saves it; the box is unticked
    lan.click_outline("Ký và nơi nhận")
    signer = window.editors.signer_form
    type_into(lan, signer.name, "Trần Thị Lan")
    lan.press(Qt.Key.Key_Tab)
    plan = stored(plan_id)
    assert plan.legal_bases == ("Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Kế hoạch số 1/KH-UBND")
    assert plan.legal_bases_italic is False
    assert plan.signer.name == "Trần Thị Lan" and plan.signer.position == "CHỦ TỊCH"


def test_section_editor_edit_add_delete_move_undo(window, lan, stored, plan_id):
    before = stored(plan_id).sections
    lan.click_outline("III. KINH PHÍ")
    ed = window.editors.section_editor
    assert ed.label.text() == "Mục III."
    type_into(lan, ed.heading, "KINH PHÍ THỰC HIỆN")
    lan.click(ed.run_in)  # leaving the heading saves it
    assert "III. KINH PHÍ THỰC HIỆN" in outline_texts(lan)
    type_into(lan, ed.paragraphs, "Đoạn một.\nĐoạn hai.")
    lan.press(Qt.Key.Key_Tab)
    s = stored(plan_id).sections[2]
    assert (s.heading, s.run_in, s.paragraphs) == ("KINH PHÍ THỰC HIỆN", True, ("Đoạn một.", "Đoạn hai."))

    lan.click("Thêm mục", within=ed)
    sections = stored(plan_id).sections
    assert len(sections) == len(before) + 1
    assert window.outline.current_node() == ("section", sections[3].id)
    lan.click("Xóa mục", within=ed)
    assert len(stored(plan_id).sections) == len(before)

    lan.click_outline("III. KINH PHÍ THỰC HIỆN")
    lan.click("Lên", within=ed)
    assert stored(plan_id).sections[1].heading == "KINH PHÍ THỰC HIỆN"
    assert window.outline.current_node() == ("section", s.id)
    lan.click("Lùi vào", within=ed)
    assert stored(plan_id).sections[0].sections[-1].heading == "KINH PHÍ THỰC HIỆN"
    assert ed.label.text() == f"Mục {len(before[0].sections) + 1}."

    while lan.can_undo():
        lan.undo()
    assert stored(plan_id).sections == before


def test_targets_table(window, lan, stored, plan_id):
    before = [t.content for t in stored(plan_id).targets]
    lan.click_outline("Chỉ tiêu")
    ed = window.editors.targets_editor
    view, model = ed.view, ed.model
    n = model.rowCount()
    assert n == len(before)
    lan.click_cell(view, 0, model.column_of("content"), double=True)
    lan.select_all()
    lan.type("Chỉ tiêu đã sửa")
    lan.press(Qt.Key.Key_Return)
    lan.click_cell(view, 0, 1)
    lan.press(Qt.Key.Key_Insert)
    assert lan.undo_text() == "Thêm chỉ tiêu"
    assert model.rowCount() == n + 1
    lan.press(Qt.Key.Key_Down, CTRL)
    assert lan.undo_text() == "Di chuyển dòng"
    lan.press(Qt.Key.Key_Delete)
    assert lan.undo_text() == "Xóa chỉ tiêu"
    assert model.rowCount() == n
    assert [t.content for t in stored(plan_id).targets] == ["Chỉ tiêu đã sửa", *before[1:]]
    for _ in range(4):
        lan.undo()
    assert [t.content for t in stored(plan_id).targets] == before
    assert model.index(0, model.column_of("content")).data() == before[0]


def test_find_is_accent_insensitive_and_jumps(window, lan, qtbot):
    lan.press(Qt.Key.Key_F, CTRL)
    dock = window.find_dock
    assert dock.isVisible() and dock.query.hasFocus()
    lan.type("hai long")
    qtbot.waitUntil(lambda: dock.results.count() > 0)
    labels = [dock.results.item(i).text() for i in range(dock.results.count())]
    assert any("hài lòng" in t.lower() for t in labels)
    assert dock.count.text() == f"Tìm thấy {len(labels)} chỗ"
    row = next(i for i, t in enumerate(labels) if ", dòng " in t)
    lan.click_list_item(dock.results, row)
    editor = window.editors.current_task_editor()
    assert editor is not None
    assert "lòng" in editor.model.data(editor.view.currentIndex()).lower()


def test_new_plan_from_a_template_remembers_the_ward(window, lan, stored, qtbot):
    lan.click("Kế hoạch mới")
    dialog = lan.dialog("Kế hoạch mới")
    lan.click(dialog.from_template)
    assert dialog.template.currentData() == "ward-annual"  # the ward template first, not the first by name
    type_into(lan, dialog.year, "2028")
    lan.choose(dialog.template, dialog.template.itemText(dialog.template.findData("ward-grouped")))
    for key, text in (
        ("agency", "Phường Đông Hòa"),
        ("province", "tỉnh Thanh Hóa"),
        ("chairman", "Lê Văn Bình"),
    ):
        type_into(lan, dialog.fields[key], text)
    lan.click("Tạo kế hoạch", within=dialog)

    new = max(stored(), key=lambda p: p.id)
    plan = stored(new.id)
    assert window.plan_id == new.id and plan.year == 2028
    assert "ĐÔNG HÒA" in plan.agency and plan.signer.name == "Lê Văn Bình"
    assert plan.appendices[0].group_by_area  # the ward-grouped template
    assert window.plan_list.list.currentItem().text().startswith("2028")

    lan.click("Kế hoạch mới")
    again = lan.dialog("Kế hoạch mới")
    assert again.fields["agency"].text() == "Phường Đông Hòa"  # remembered
    assert again.fields["chairman"].text() == "Lê Văn Bình"
    assert again.template.currentData() == "ward-grouped"
    lan.click("Hủy", within=again)

    # The file name offered for the export is plain ASCII ("Đông Hòa" -> "Dong-Hoa").
    lan.press(Qt.Key.Key_E, CTRL)
    export = lan.dialog("Xuất văn bản")
    names = [w.text() for w in export.findChildren(QLineEdit) if w.text().startswith("KH-CCHC")]
    assert names == ["KH-CCHC-2028-phuong-Dong-Hoa"]
    lan.click("Đóng", within=export)


def test_new_plan_from_the_period_template_takes_its_first_year(window, lan, stored):
    lan.click("Kế hoạch mới")
    dialog = lan.dialog("Kế hoạch mới")
    lan.click(dialog.from_template)
    type_into(lan, dialog.year, "2028")
    lan.choose(dialog.template, dialog.template.itemText(dialog.template.findData("ward-2026-2030")))
    assert dialog.year.value() == 2026 and not dialog.year.isEnabled()
    assert "giai đoạn 2026 - 2030" in dialog.year.text()
    lan.choose(dialog.template, dialog.template.itemText(dialog.template.findData("ward-annual")))
    assert dialog.year.value() == 2028 and dialog.year.isEnabled()  # the year she chose comes back
    lan.choose(dialog.template, dialog.template.itemText(dialog.template.findData("ward-2026-2030")))
    type_into(lan, dialog.fields["agency"], "Xã Xuân Phú")
    lan.click("Tạo kế hoạch", within=dialog)

    plan = stored(window.plan_id)
    assert plan.period == Period(2026, 2030) and plan.year == 2026
    assert plan.summary == "Cải cách hành chính giai đoạn 2026 - 2030"
    assert "XÃ XUÂN PHÚ" in plan.agency


def test_each_plan_keeps_its_own_undo_history(window, lan, stored):
    first = window.plan_id
    original = stored(first).summary
    lan.click_outline("Thông tin chung")
    type_into(lan, window.editors.header_form.summary, "Đổi")
    lan.press(Qt.Key.Key_Tab)
    assert lan.undo_text() == "Sửa trích yếu"

    lan.click("Kế hoạch mới")
    dialog = lan.dialog("Kế hoạch mới")
    lan.click(dialog.from_template)
    type_into(lan, dialog.year, "2030")
    lan.choose(dialog.template, dialog.template.itemText(dialog.template.findData("reform-index")))
    lan.click("Tạo kế hoạch", within=dialog)
    second = window.plan_id
    assert second != first
    assert lan.undo_text() != "Sửa trích yếu"  # the new plan's history has none of the first's edits

    plans = window.plan_list.list
    row = next(i for i in range(plans.count()) if plans.item(i).data(Qt.ItemDataRole.UserRole) == first)
    lan.click_list_item(plans, row)
    assert window.plan_id == first
    assert lan.undo_text() == "Sửa trích yếu"
    lan.undo()
    assert stored(first).summary == original
    assert window.editors.header_form.summary.text() == original


def test_smoke_mode_prints_first_paint(tmp_path):
    r = subprocess.run(
        [sys.executable, "main.py", "--smoke", "--db", str(tmp_path / "s.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("first paint: ") and r.stdout.strip().endswith(" ms")


def test_window_size_and_splitters_are_remembered(start, person):
    first = start()
    split = first.splitters["main"]
    handle = split.handle(1)
    start_at = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start_at)
    to = QPoint(start_at.x() - (handle.mapTo(split, start_at).x() - 150), start_at.y())
    QTest.mouseMove(handle, to)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to)
    sizes = split.sizes()
    assert abs(sizes[0] - 150) < 20, sizes
    first.close()

    second = start()
    again = second.splitters["main"].sizes()
    # The offscreen platform may give the second window another width; the split is kept.
    assert abs(again[0] / sum(again) - sizes[0] / sum(sizes)) < 0.03
    assert again[0] < 0.2 * sum(again)  # not the default split (about a third)
