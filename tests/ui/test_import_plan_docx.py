"""'Tệp > Mở kế hoạch từ tệp Word…': a clerk's .docx previewed — the plan recognised beside the
document's paragraphs, what fits nowhere highlighted — then created and opened."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from test_docx_plan_clerk import _header_table, _write  # noqa: E402

from ui.dialogs.import_plan_docx import UNPLACED


def open_dialog(lan, monkeypatch, qtbot, path: Path):
    from ui.dialogs import import_plan_docx

    lan.menu("Tệp", "Mở kế hoạch từ tệp Word…")
    dialog = lan.dialog("Mở kế hoạch từ tệp Word")
    monkeypatch.setattr(import_plan_docx.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    lan.click("Chọn tệp…", within=dialog)
    qtbot.waitUntil(lambda: not dialog.summary.text().startswith("Đang đọc"))
    return dialog


def _tree_texts(item) -> list[str]:
    out = [item.text(0)]
    for i in range(item.childCount()):
        out += _tree_texts(item.child(i))
    return out


def test_preview_then_create(lan, window, stored, read, tmp_path, monkeypatch, qtbot):
    from app.ops import plans

    before = {p.id for p in read(plans.summaries)}
    dialog = open_dialog(lan, monkeypatch, qtbot, _write(tmp_path, _header_table))
    assert dialog.summary.text().startswith("Đã nhận ra: cơ quan ban hành, 3 mục, 2 căn cứ, 1 phụ lục")
    texts = [t for i in range(dialog.tree.topLevelItemCount()) for t in _tree_texts(dialog.tree.topLevelItem(i))]
    assert "Cơ quan ban hành: ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN" in texts
    assert "II. NHIỆM VỤ TRỌNG TÂM" in texts and "1. Cải cách thể chế" in texts and "a) Mục tiêu" in texts
    assert any(t.startswith("Phụ lục I: NHIỆM VỤ CẢI CÁCH") and "3 nhiệm vụ, 1 nhiệm vụ con" in t for t in texts)
    marked = [
        dialog.paragraphs.item(i).text()
        for i in range(dialog.paragraphs.count())
        if dialog.paragraphs.item(i).background().color() == UNPLACED
    ]
    assert marked == ["Ghi chú: phụ lục được cập nhật hằng quý."]
    assert dialog.paragraphs.count() > 20
    dialog.grab().save(str(tmp_path / "import-plan-docx.png"))
    lan.click("Tạo kế hoạch", within=dialog)
    assert not dialog.isVisible()
    (new_id,) = {p.id for p in read(plans.summaries)} - before
    assert window.plan_id == new_id
    plan = stored(new_id)
    assert [s.heading for s in plan.sections] == ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ TRỌNG TÂM", "TỔ CHỨC THỰC HIỆN"]
    assert plan.appendices[0].tasks[0].subtasks[0].content == "Rà soát văn bản về đất đai"


def test_a_pdf_is_refused_and_nothing_is_created(lan, window, read, tmp_path, monkeypatch, qtbot):
    from app.ops import plans

    before = read(plans.summaries)
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    dialog = open_dialog(lan, monkeypatch, qtbot, path)
    box = dialog.error_box
    assert isinstance(box, QMessageBox) and "là tệp PDF" in box.text()
    lan.click("Đóng", within=box)
    assert not dialog.create_button.isEnabled()
    lan.click("Hủy", within=dialog)
    assert read(plans.summaries) == before
