"""The window: outline, header and section editing, targets, find, new plan, export, smoke mode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.numbering import appendix_label, heading_text, numbered_sections
from app.templates import Agency
from ui.dialogs.new_plan import NewPlanChoice, NewPlanDialog
from ui.main_window.outline import NODE_ROLE

ROOT = Path(__file__).resolve().parents[2]


def outline_texts(window) -> list[str]:
    out = []
    stack = [window.outline.topLevelItem(i) for i in range(window.outline.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        out.append(item.toolTip(0) if item.data(0, NODE_ROLE)[0] == "appendix" else item.text(0))
        stack[0:0] = [item.child(i) for i in range(item.childCount())]
    return out


def test_window_title_and_outline(window):
    plan = window.session.plan
    assert window.windowTitle() == f"Kế hoạch CCHC — {plan.summary}"
    texts = outline_texts(window)
    assert texts[:2] == ["Thông tin chung", "Căn cứ"]
    assert texts[-4:] == ["Ký và nơi nhận", "Theo dõi thực hiện", "Tiến độ nhiệm vụ", "Kết quả chỉ tiêu"]
    assert "Chỉ tiêu" in texts
    first = numbered_sections(plan)[0]
    assert heading_text(first.label, first.section.heading) in texts
    assert "2.1. Cải cách thể chế" in texts
    assert f"{appendix_label(plan.appendix_numbering, 1)} — {plan.appendices[0].title}" in " ".join(texts) or any(
        t == plan.appendices[0].title for t in texts
    )


def test_header_edit_commits_on_editing_finished_and_undoes(window, reopen):
    form = window.header_form
    assert window.select_node(("header", None))
    form.summary.setText("Cải cách hành chính năm 2027 của phường")
    form.summary.editingFinished.emit()
    assert window.session.stack.undoText() == "Sửa trích yếu"
    assert window.windowTitle().endswith("của phường")
    assert reopen(window.session.plan_id).summary == "Cải cách hành chính năm 2027 của phường"
    form.day.setValue(5)
    form.day.editingFinished.emit()
    assert reopen(window.session.plan_id).date.day == 5
    form.day.setValue(0)  # back to blank
    form.day.editingFinished.emit()
    assert reopen(window.session.plan_id).date.day is None
    window.session.stack.undo()
    assert reopen(window.session.plan_id).date.day == 5
    window.session.stack.undo()
    window.session.stack.undo()
    assert reopen(window.session.plan_id).summary == "Cải cách hành chính năm 2027"
    assert form.summary.text() == "Cải cách hành chính năm 2027"


def test_legal_bases_and_signer(window, reopen):
    bases = window.bases_form
    bases.bases.setPlainText("Căn cứ Luật Tổ chức chính quyền địa phương;\n\n  Căn cứ Kế hoạch số 1/KH-UBND  ")
    bases.bases.editingFinished.emit()
    bases.italic.setChecked(False)
    signer = window.signer_form
    signer.name.setText("Trần Thị Lan")
    signer.name.editingFinished.emit()
    plan = reopen(window.session.plan_id)
    assert plan.legal_bases == ("Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Kế hoạch số 1/KH-UBND")
    assert plan.legal_bases_italic is False
    assert plan.signer.name == "Trần Thị Lan" and plan.signer.position == "CHỦ TỊCH"


def test_section_editor_edit_add_delete_undo(window, reopen):
    plan = window.session.plan
    sec = plan.sections[2]  # III. KINH PHÍ
    assert window.select_node(("section", sec.id))
    ed = window.section_editor
    assert ed.label.text() == "Mục III."
    ed.heading.setText("KINH PHÍ THỰC HIỆN")
    ed.heading.editingFinished.emit()
    assert "III. KINH PHÍ THỰC HIỆN" in outline_texts(window)
    ed.run_in.setChecked(True)
    ed.paragraphs.setPlainText("Đoạn một.\nĐoạn hai.")
    ed.paragraphs.editingFinished.emit()
    s = reopen(window.session.plan_id).sections[2]
    assert (s.heading, s.run_in, s.paragraphs) == ("KINH PHÍ THỰC HIỆN", True, ("Đoạn một.", "Đoạn hai."))
    ed.add(child=False)
    assert len(window.session.plan.sections) == len(plan.sections) + 1
    assert window.outline.current_node() == ("section", window.session.plan.sections[3].id)
    ed.delete()
    assert len(window.session.plan.sections) == len(plan.sections)
    ed.show_section(window.session.plan.sections[2].id)
    ed.move(-1)
    assert window.session.plan.sections[1].heading == "KINH PHÍ THỰC HIỆN"
    ed.indent(True)
    assert window.session.plan.sections[0].sections[-1].heading == "KINH PHÍ THỰC HIỆN"
    stack = window.session.stack
    while stack.canUndo():
        stack.undo()
    assert reopen(window.session.plan_id).sections == plan.sections


def test_targets_table(window, reopen):
    assert window.select_node(("targets", None))
    ed = window.targets_editor
    model = ed.model
    n = model.rowCount()
    assert n == len(window.session.plan.targets)
    assert model.setData(model.index(0, model.column_of("content")), "Chỉ tiêu đã sửa")
    ed.view.setCurrentIndex(model.index(0, 1))
    ed.add_row()
    assert window.session.stack.undoText() == "Thêm chỉ tiêu"
    ed.move(+1)
    ed.delete_rows()
    assert window.session.stack.undoText() == "Xóa chỉ tiêu"
    assert model.rowCount() == n
    assert reopen(window.session.plan_id).targets[0].content == "Chỉ tiêu đã sửa"
    for _ in range(4):
        window.session.stack.undo()
    assert [t.content for t in reopen(window.session.plan_id).targets] == [
        t.content for t in window.session.plan.targets
    ]
    assert reopen(window.session.plan_id).targets[0].content != "Chỉ tiêu đã sửa"


def test_find_is_accent_insensitive_and_jumps(window):
    window.show_find()
    dock = window.find_dock
    n = dock.search("hai long")
    assert n > 0
    labels = [dock.results.item(i).text() for i in range(n)]
    assert any("hài lòng" in t.lower() for t in labels)
    task_rows = [i for i in range(n) if ", dòng " in dock.results.item(i).text()]
    assert task_rows
    dock._jump(dock.results.item(task_rows[0]))
    editor = window.stack.currentWidget()
    assert editor in window.task_editors.values()
    assert "lòng" in editor.model.data(editor.view.currentIndex()).lower()


def test_new_plan_from_template_and_carry_forward(window, qtbot, store, reopen):
    dialog = NewPlanDialog(store, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.from_template.setChecked(True)
    dialog.year.setValue(2028)
    dialog.template.setCurrentIndex(dialog.template.findData("ward-grouped"))
    dialog.fields["agency"].setText("Phường Hạc Thành")
    dialog.fields["province"].setText("tỉnh Thanh Hóa")
    dialog.fields["chairman"].setText("Lê Văn Bình")
    choice = dialog.choice()
    assert choice == NewPlanChoice(
        2028, "ward-grouped", None, Agency("Phường Hạc Thành", "", "", "tỉnh Thanh Hóa", "Lê Văn Bình")
    )
    dialog.accept()
    again = NewPlanDialog(store, window.settings)
    qtbot.addWidget(again)
    assert again.fields["agency"].text() == "Phường Hạc Thành"  # remembered

    new_id = window.create_and_open(choice)
    assert window.session.plan_id == new_id
    assert "HẠC THÀNH" in reopen(new_id).agency
    assert window.plan_list.list.currentItem().text().startswith("2028")

    carry = NewPlanChoice(2029, source_plan_id=new_id)
    next_id = window.create_and_open(carry)
    assert reopen(next_id).year == 2029
    dock = window.leftovers_dock
    assert dock.isVisible()
    assert dock.windowTitle() == f"Còn {dock.list.count()} chỗ ghi năm cũ"
    if dock.list.count():
        dock._jump(dock.list.item(0))


def test_switching_plans_clears_undo(window, store):
    first = window.session.plan_id
    window.header_form.summary.setText("Đổi")
    window.header_form.summary.editingFinished.emit()
    new_id = window.create_and_open(NewPlanChoice(2030, "reform-index", agency=Agency("Xã Mẫu")))
    assert window.session.stack.count() == 0
    window.plan_list.list.setCurrentRow(
        next(i for i in range(window.plan_list.list.count()) if window.plan_list.list.item(i).data(256) == first)
    )
    assert window.session.plan_id == first and new_id != first


def test_smoke_mode_prints_first_paint(tmp_path):
    r = subprocess.run(
        [sys.executable, "main.py", "--smoke", "--db", str(tmp_path / "s.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("first paint: ") and r.stdout.strip().endswith(" ms")


def test_window_size_and_splitters_are_remembered(qtbot, tmp_path):
    from app.templates import Agency
    from app.usecases.plans import create_from_template
    from storage.db import open_store
    from ui.main_window import MainWindow
    from ui.settings import Settings

    store = open_store(tmp_path / "s.db")
    pid = create_from_template(store, "reform-index", 2027, Agency())
    settings = Settings()
    first = MainWindow(store, pid, settings)
    qtbot.addWidget(first)
    first.show()
    first.splitters["main"].setSizes([150, 900])
    sizes = first.splitters["main"].sizes()
    first.close()
    second = MainWindow(store, pid, settings)
    qtbot.addWidget(second)
    second.show()
    again = second.splitters["main"].sizes()
    # The offscreen platform may give the second window another width; the split is kept.
    assert abs(again[0] / sum(again) - sizes[0] / sum(sizes)) < 0.03
    assert again[0] < 0.2 * sum(again)  # not the default split (about a third)
    second.close()
    store.close()
