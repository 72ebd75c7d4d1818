"""'Nhập bảng từ tệp…' end to end: choose a .docx, see its tables and rows, untick, remap, import."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt

from app.legacy_encoding import from_unicode
from app.model import iter_tasks
from app.templates import Agency
from app.usecases.plans import create_from_template
from storage.plans import load_plan
from ui.dialogs import import_table as dialog_mod
from ui.dialogs.import_table import ImportTableDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from import_builders import seed000_docx  # noqa: E402


@pytest.fixture
def plan_id(store):
    return create_from_template(store, "ward-grouped", 2027, Agency(agency="Ủy ban nhân dân phường Phú Sơn"))


def all_contents(store, plan_id) -> list[str]:
    plan = load_plan(store, plan_id)
    return [t.content for a in plan.appendices for t in iter_tasks(a.tasks)]


@pytest.fixture
def dialog(qtbot, store, plan_id):
    d = ImportTableDialog(store, plan_id)
    qtbot.addWidget(d)
    return d


def test_import_end_to_end(dialog, store, plan_id, tmp_path, monkeypatch):
    path = seed000_docx(tmp_path / "Phụ lục tỉnh.docx")
    monkeypatch.setattr(dialog_mod.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    before = all_contents(store, plan_id)
    dialog.choose_file()
    assert dialog.file.text() == str(path)
    assert dialog.table_list.count() == 1
    assert "PHÂN CÔNG THỰC HIỆN" in dialog.table_list.item(0).text()
    assert "Tham mưu HĐND" in dialog.preview.toPlainText()
    res = dialog.result
    assert res is not None and res.counts() == (5, 4)
    assert dialog.counts.text() == "Sẽ thêm 5 nhiệm vụ, 4 nhiệm vụ con."
    model = dialog.model
    # level indentation and the proposed area
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "    2.1" in labels and "I" in labels
    sub = labels.index("    2.1")
    assert model.index(sub, 1).data() == "Cải cách chế độ công vụ"
    assert model.index(sub, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # untick the second task of group I
    second = next(i for i, r in enumerate(res.rows) if r.fields.get("content", "").startswith("Thực hiện tốt công tác"))
    assert model.setData(model.index(second, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.counts.text() == "Sẽ thêm 4 nhiệm vụ, 4 nhiệm vụ con."
    # remap "Sản phẩm" (column 3) to "Ghi chú": the tick survives the new reading
    product_col = next(c for c, k in dialog.mapping.items() if k == "product")
    combo = dialog.column_combos[product_col]
    combo.setCurrentIndex(combo.findData("note"))
    combo.activated.emit(combo.currentIndex())
    assert dialog.mapping[product_col] == "note"
    first = dialog.result.rows[1]
    assert first.fields.get("note", "").startswith("Văn bản quy phạm pháp luật") and not first.fields.get("product")
    assert not dialog.result.rows[second].checked
    assert dialog.counts.text() == "Sẽ thêm 4 nhiệm vụ, 4 nhiệm vụ con."
    # change an area before importing
    row = next(
        i for i, r in enumerate(dialog.result.rows) if r.fields.get("content", "").startswith("Rà soát, đơn giản")
    )
    assert model.setData(model.index(row, 1), "direction")
    got = []
    dialog.imported.connect(lambda n, m: got.append((n, m)))
    dialog.import_button.click()
    assert got == [(4, 4)]
    assert dialog.counts.text() == "Đã thêm 4 nhiệm vụ, 4 nhiệm vụ con."
    assert dialog.backup_path is not None and dialog.backup_path.is_file()
    assert "truoc-nhap-bang" in dialog.backup_path.name
    after = all_contents(store, plan_id)
    assert len(after) == len(before) + 8
    assert any(c.startswith("Tham mưu HĐND, UBND cấp huyện") for c in after)
    assert not any(c.startswith("Thực hiện tốt công tác phổ biến") for c in after)
    plan = load_plan(store, plan_id)
    imported = [
        t for a in plan.appendices for t in iter_tasks(a.tasks) if t.content.startswith("Tham mưu HĐND, UBND cấp huyện")
    ]
    assert imported[0].note.startswith("Văn bản quy phạm pháp luật") and imported[0].product == ""
    moved = [t for a in plan.appendices for t in a.tasks if t.content.startswith("Rà soát, đơn giản hóa")]
    assert moved and moved[0].area == "direction"


def test_year_shift_moves_years(dialog, tmp_path):
    path = seed000_docx(tmp_path / "pl.docx")
    dialog.open_file(path)
    assert "2023" in dialog.shift_hint.text()
    dialog.shift.setValue(4)
    texts = [r.fields.get("timeline", "") for r in dialog.result.rows]
    assert "Quý II/2027" in texts and "Quý II/2023" not in texts
    assert dialog.shift_hint.text() == "năm 2023 → 2027"


def test_problems_are_listed(dialog, tmp_path):
    path = seed000_docx(tmp_path / "pl.docx")
    d = docx.Document(str(path))
    col = d.tables[0].add_column(docx.shared.Cm(2))
    col.cells[0].text = "Mã hồ sơ"
    d.save(str(path))
    dialog.open_file(path)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("Mã hồ sơ" in t for t in texts)
    assert dialog.problems_box.title().startswith("Những chỗ chưa hiểu được (")


def test_legacy_table_says_it_was_converted(dialog, tmp_path):
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
    dialog.open_file(path)
    assert dialog.preview.toPlainText().startswith("Đã chuyển từ mã TCVN3 sang Unicode.")
    assert dialog.result.rows[0].fields["content"] == "Rà soát thủ tục hành chính thuộc thẩm quyền"


def test_broken_file_one_sentence_nothing_changes(dialog, store, plan_id, tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip at all")
    before = all_contents(store, plan_id)
    assert not dialog.open_file(bad)
    assert dialog.error_box.text() and "hong.xlsx" in dialog.error_box.text()
    assert dialog.result is None and not dialog.import_button.isEnabled()
    assert all_contents(store, plan_id) == before


def test_target_appendix_default_and_choice(dialog, store, plan_id, tmp_path):
    assert dialog.appendix.currentData() is None  # the use case's default (by area, else the first)
    plan = load_plan(store, plan_id)
    task_appendices = [i for i, a in enumerate(plan.appendices) if a.kind == "tasks"]
    assert dialog.appendix.count() == 1 + len(task_appendices)
    dialog.open_file(seed000_docx(tmp_path / "pl.docx"))
    dialog.appendix.setCurrentIndex(1)
    chosen = dialog.appendix.currentData()
    before = len(list(iter_tasks(plan.appendices[chosen].tasks)))
    assert dialog.do_import() == (5, 4)
    after = load_plan(store, plan_id)
    assert len(list(iter_tasks(after.appendices[chosen].tasks))) == before + 9
