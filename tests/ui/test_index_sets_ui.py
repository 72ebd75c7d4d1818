"""Criteria sets from the self-assessment page: a province's table previewed before it is stored
(the tree, the points, the maximum total and, in one Vietnamese line each, why a set that does not
add up cannot be stored), stored as one undo step, and a set exported to a file to share."""

from __future__ import annotations

from datetime import date

import openpyxl

from app.index.set_file import read_set_file
from app.templates import Agency

from given import new_plan as create_from_template

HEAD1 = ["STT", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm", "", "Hướng dẫn chấm điểm"]
HEAD2 = ["", "", "Điểm tối đa", "Điểm tự chấm", ""]
BODY = [
    ["1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "3", "", ""],
    ["1.1", "Kế hoạch CCHC năm", "2.0", "", ""],
    ["1.1.1", "Ban hành kế hoạch đúng hạn", "0,5", "", "Ban hành trước ngày 15/01: 0,5 điểm"],
    ["1.1.2", "Hoàn thành kế hoạch", "1,5", "", "100%: 1,5 điểm"],
    ["1.2", "Báo cáo CCHC", "1", "", "Đủ, đúng hạn: 1 điểm"],
    ["2", "CẢI CÁCH THỂ CHẾ", "2", "", ""],
    ["2.1", "Rà soát văn bản", "2", "", ""],
    ["", "Tổng cộng", "5", "", ""],
]


def province_xlsx(path, total="5"):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [HEAD1, HEAD2, *BODY[:-1], ["", "Tổng cộng", total, "", ""]]:
        ws.append(row)
    for rng in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        ws.merge_cells(rng)
    wb.save(path)
    return path


def a_plan(ws) -> int:
    return create_from_template(ws, "ward-annual", 2027, Agency("Phường Phú Sơn", chairman="A"))


def open_preview(lan, page, qtbot, monkeypatch, path):
    from ui.dialogs import import_index_set

    lan.click("Nhập bộ tiêu chí…")
    dialog = lan.dialog("Nhập bộ tiêu chí Chỉ số CCHC")
    monkeypatch.setattr(import_index_set.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog.got = None
    lan.click("Chọn tệp…", within=dialog)
    qtbot.waitUntil(lambda: dialog.got is not None)
    lan.settle()
    return dialog


def test_a_province_table_is_previewed_refused_when_it_does_not_add_up_then_imported_and_exported(
    prepare, start, person, read, today, tmp_path, monkeypatch, qtbot
):
    from ui.tracking import index_page

    today(date(2027, 12, 10))
    prepare(a_plan)
    window = start()
    lan = person(window)
    lan.click_outline("Tự đánh giá chỉ số CCHC")
    page = window.editors.tracking_views["index"]

    dialog = open_preview(lan, page, qtbot, monkeypatch, province_xlsx(tmp_path / "Bộ tiêu chí tỉnh.xlsx", "6"))
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == ["Chưa nhập được: Các lĩnh vực cộng lại 5 điểm, khác tổng điểm 6 của bộ tiêu chí."]
    assert "tổng điểm tối đa 6 (các lĩnh vực cộng lại 5)" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert read(lambda ws: ws.db.list_index_sets()) == []

    province_xlsx(tmp_path / "Bộ tiêu chí tỉnh.xlsx")  # the table fixed in the file, chosen again
    dialog.got = None
    lan.click("Chọn tệp…", within=dialog)
    qtbot.waitUntil(lambda: dialog.got is not None)
    lan.settle()
    tree = dialog.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",
        "2. CẢI CÁCH THỂ CHẾ",
    ]
    sub = tree.topLevelItem(0).child(0).child(0)
    assert (sub.text(0), sub.text(1)) == ("1.1.1. Ban hành kế hoạch đúng hạn", "0,5")
    assert "7 tiêu chí trong 2 lĩnh vực; tổng điểm tối đa 5 (các lĩnh vực cộng lại 5)" in dialog.summary.text()
    assert dialog.problems.count() == 0 and dialog.import_button.isEnabled()
    lan.select_all(dialog.name)
    lan.type("Bộ tiêu chí tỉnh Phú Thọ 2027", dialog.name)
    lan.click("Nhập bộ tiêu chí", within=dialog)
    assert not dialog.isVisible()
    sets = read(lambda ws: ws.db.list_index_sets())
    assert [(name, str(total), n) for _i, name, total, _s, n in sets] == [("Bộ tiêu chí tỉnh Phú Thọ 2027", "5", 7)]
    assert lan.undo_text() == "Nhập bộ tiêu chí «Bộ tiêu chí tỉnh Phú Thọ 2027»"
    lan.undo()
    assert read(lambda ws: ws.db.list_index_sets()) == []
    lan.redo()
    assert len(read(lambda ws: ws.db.list_index_sets())) == 1

    lan.click(page.new_button)  # the newest set is the one scored against
    assert page.data is not None and page.data.set_name == "Bộ tiêu chí tỉnh Phú Thọ 2027"
    out = tmp_path / "chia se" / "bo-tieu-chi"
    out.parent.mkdir()
    monkeypatch.setattr(index_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    lan.click("Xuất bộ tiêu chí…")
    shared = read_set_file(out.with_name("bo-tieu-chi.json"))
    assert shared.name == "Bộ tiêu chí tỉnh Phú Thọ 2027" and len(shared.criteria) == 7
    assert f"Đã lưu bộ tiêu chí vào «{out.with_name('bo-tieu-chi.json')}»." in page.total.text()
