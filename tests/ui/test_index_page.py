"""The "Tự đánh giá chỉ số CCHC" page in the window: create the year's assessment (the sample set
on first use), score a criterion in place (a score above the maximum refused in one line), the
filters, and one click from a criterion to its linked task."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from app.index import assess
from app.index.model import TASK
from app.ops import tracking
from app.templates import Agency
from ui.tracking.index_page import EXPLANATION, SCORE

from given import new_plan as create_from_template


def plan_with_a_done_task(store) -> int:
    plan_id = create_from_template(store, "ward-grouped", 2027, Agency("Phường Phú Sơn", chairman="A"))
    first = tracking.tracked(store, plan_id)[0]
    tracking.mark_done(store, first.id, date(2027, 1, 5), "Kế hoạch số 02/KH-UBND")
    return plan_id


def find(page, number: str):
    tree = page.tree
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        if item.data(0, Qt.ItemDataRole.UserRole).row.number == number:
            return item
        stack.extend(item.child(i) for i in range(item.childCount()))
    return None


def type_in_cell(lan, page, number: str, column: int, text: str) -> None:
    """Double-click the criterion's cell, replace what it holds, press Enter: as the officer scores."""
    tree, item = page.tree, find(page, number)
    tree.scrollToItem(item)
    row = tree.visualItemRect(item)
    x = tree.header().sectionViewportPosition(column) + 8
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, row.center().y())
    )
    QTest.mouseDClick(
        tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, row.center().y())
    )
    lan.settle()
    lan.select_all()
    lan.type(text)
    lan.press(Qt.Key.Key_Return)


def test_the_page_scores_filters_and_jumps_to_the_linked_task(prepare, start, person, read, today):
    today(date(2027, 12, 10))
    plan_id = prepare(plan_with_a_done_task)
    window = start()
    lan = person(window)
    lan.click_outline("Tự đánh giá chỉ số CCHC")
    page = window.editors.tracking_views["index"]
    assert window.editors.currentWidget() is page
    assert page.total.text().startswith("Chưa có bản tự đánh giá")

    lan.click(page.new_button)
    aid = page.assessments.currentData()
    assert read(lambda ws: ws.db.list_assessments()) == [(aid, 1, plan_id, 2027)]
    assert page.tree.topLevelItemCount() == 8
    assert "Bộ tiêu chí mẫu — không phải của tỉnh nào — năm 2027" in page.total.text()

    type_in_cell(lan, page, "1.1.1", SCORE, "1")
    type_in_cell(lan, page, "1.1.1", EXPLANATION, "Ban hành ngày 05/01/2027")
    a, _ = read(assess.load, aid)
    assert (a.scores["1.1.1"].score, a.scores["1.1.1"].explanation) == (Decimal(1), "Ban hành ngày 05/01/2027")
    assert "Tổng điểm tự chấm: 1/100 điểm." in page.total.text()
    assert find(page, "1").text(2) == "1"  # the area's total

    type_in_cell(lan, page, "1.1.1", SCORE, "5")
    assert window.error_box.text() == "Điểm tự chấm 5 của tiêu chí 1.1.1 vượt điểm tối đa 1."
    window.error_box.close()
    assert read(assess.load, aid)[0].scores["1.1.1"].score == Decimal(1)
    assert find(page, "1.1.1").text(SCORE) == "1"

    lan.choose(page.filter, "Chưa chấm")
    assert find(page, "1.1.1") is None and find(page, "1.1.2") is not None

    task_id = read(tracking.tracked, plan_id)[0].id
    read(assess.link, aid, "1.1.2", TASK, task_id)
    page.refresh()
    page.tree.setCurrentItem(find(page, "1.1.2"))
    assert page.links.item(0).text().startswith("Nhiệm vụ: ")
    lan.click_list_item(page.links, 0, double=True)
    editor = window.editors.current_task_editor()
    assert editor is not None and editor.current_id() == task_id


def click_criterion(lan, page, number: str) -> None:
    tree, item = page.tree, find(page, number)
    tree.scrollToItem(item)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, tree.visualItemRect(item).center()
    )
    lan.settle()


def tick(lan, picker, starts_with: str) -> None:
    """Click the entry of the picker's list, then Space: its tick box changes."""
    row = next(i for i in range(picker.list.count()) if picker.list.item(i).text().startswith(starts_with))
    lan.click_list_item(picker.list, row)
    lan.press(Qt.Key.Key_Space, widget=picker.list)


def labels(page) -> list[str]:
    return [page.links.item(i).text() for i in range(page.links.count())]


def test_links_and_evidence_are_added_and_removed_from_the_page_with_undo(
    prepare, start, person, read, today, tmp_path, monkeypatch
):
    from app.ops import evidence
    from ui.tracking import index_page as page_module

    today(date(2027, 12, 10))

    def plan_with_a_file(store) -> int:
        plan_id = plan_with_a_done_task(store)
        src = tmp_path / "Kế hoạch số 02.pdf"
        src.write_bytes(b"%PDF ke hoach")
        evidence.add(store, tracking.tracked(store, plan_id)[0].id, src)
        return plan_id

    prepare(plan_with_a_file)
    window = start()
    lan = person(window)
    lan.click_outline("Tự đánh giá chỉ số CCHC")
    page = window.editors.tracking_views["index"]
    lan.click(page.new_button)
    aid = page.assessments.currentData()
    copies_before = sorted(p.name for p in (tmp_path / "data" / "evidence").rglob("*") if p.is_file())

    click_criterion(lan, page, "1.1.2")
    lan.click("Liên kết…")
    picker = lan.dialog("Liên kết tiêu chí 1.1.2")
    lan.type("ban hanh ke hoach", picker.search)  # the search ignores the tone marks
    shown = [picker.list.item(i).text() for i in range(picker.list.count()) if not picker.list.item(i).isHidden()]
    assert shown and all("Ban hành" in t or "ban hành" in t for t in shown), shown
    lan.select_all(picker.search)
    lan.press(Qt.Key.Key_Delete, widget=picker.search)
    tick(lan, picker, "Tệp: Kế hoạch số 02.pdf")
    assert picker.counts.text() == "Đã chọn 1 mục."
    lan.click("Lưu liên kết", within=picker)
    assert labels(page) == ["Tệp: Kế hoạch số 02.pdf (của nhiệm vụ)"]
    assert find(page, "1.1.2").text(3) == "1"  # the evidence count
    assert lan.undo_text() == "Sửa liên kết của tiêu chí 1.1.2"

    scan = tmp_path / "Biên bản kiểm tra.pdf"
    scan.write_bytes(b"%PDF bien ban")
    monkeypatch.setattr(page_module.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    lan.click("Thêm tệp…")
    assert labels(page)[-1] == "Tệp: Biên bản kiểm tra.pdf"
    copies = sorted(p.name for p in (tmp_path / "data" / "evidence").rglob("*") if p.is_file())
    assert len(copies) == len(copies_before) + 1  # the new file copied once, the task's file not at all
    lan.click("Thêm tệp…")  # the same file again: refused in one line
    assert window.error_box.text() == "Tệp «Biên bản kiểm tra.pdf» đã có trong tài liệu kiểm chứng của tiêu chí 1.1.2."
    window.error_box.close()

    lan.click_list_item(page.links, 0)
    lan.click("Gỡ khỏi tiêu chí")
    assert labels(page) == ["Tệp: Biên bản kiểm tra.pdf"]
    a, _ = read(assess.load, aid)
    assert [k.kind for k in a.links_of("1.1.2")] == [] and [f.file_name for f in a.files_of("1.1.2")] == [
        "Biên bản kiểm tra.pdf"
    ]
    lan.undo()
    assert labels(page) == ["Tệp: Kế hoạch số 02.pdf (của nhiệm vụ)", "Tệp: Biên bản kiểm tra.pdf"]
    lan.undo()
    assert labels(page) == ["Tệp: Kế hoạch số 02.pdf (của nhiệm vụ)"]
    lan.redo()
    assert len(read(assess.load, aid)[0].files_of("1.1.2")) == 1


def test_a_score_typed_on_the_page_is_undone_with_the_undo_button(prepare, start, person, read, today):
    today(date(2027, 12, 10))
    prepare(plan_with_a_done_task)
    window = start()
    lan = person(window)
    lan.click_outline("Tự đánh giá chỉ số CCHC")
    page = window.editors.tracking_views["index"]
    lan.click(page.new_button)
    aid = page.assessments.currentData()
    type_in_cell(lan, page, "2.1.1", SCORE, "0,5")
    assert read(assess.load, aid)[0].scores["2.1.1"].score == Decimal("0.5")
    lan.undo()
    assert find(page, "2.1.1").text(SCORE) == ""
    assert read(assess.load, aid)[0].score_of("2.1.1").score is None


def test_the_check_panel_lists_the_index_findings_and_a_click_goes_to_the_criterion(
    prepare, start, person, today, tmp_path
):
    from app.index import view
    from app.index.model import Score

    today(date(2027, 12, 10))

    def assessed(ws) -> int:
        plan_id = plan_with_a_done_task(ws)
        aid = view.start_for_plan(ws, plan_id)
        assess.set_score(ws, aid, "1.1.1", Decimal(1), "")  # neither evidence nor explanation
        gone = tmp_path / "Biên bản.pdf"
        gone.write_bytes(b"%PDF gone")
        assess.add_file(ws, aid, "2.1.1", gone)
        (ws.paths.folder / ws.db.get_assessment(aid).files[0].stored_path).unlink()  # lost from the data folder
        ws.db.put_index_score(aid, Score("3.1.1", Decimal(9), "Nhập từ bản cũ"))  # above the maximum
        return plan_id

    prepare(assessed)
    window = start()
    lan = person(window)
    lan.press(Qt.Key.Key_F7)
    dock = window.check_dock
    texts = [dock.list.item(i).text() for i in range(dock.list.count())]
    index_lines = [t for t in texts if "Tự đánh giá chỉ số CCHC năm 2027" in t]
    assert len(index_lines) == 3, texts
    assert any(
        t.startswith("Lỗi: ") and "Tiêu chí 2.1.1: không tìm thấy tệp kiểm chứng «Biên bản.pdf»" in t
        for t in index_lines
    )
    assert any(t.startswith("Lỗi: ") and "điểm tự chấm 9 vượt điểm tối đa" in t for t in index_lines)
    assert any(
        t.startswith("Cảnh báo: ") and "chưa có tài liệu kiểm chứng và chưa có giải trình" in t for t in index_lines
    )
    row = next(i for i, t in enumerate(texts) if "Tiêu chí 2.1.1: không tìm thấy" in t)
    lan.click_list_item(dock.list, row)
    page = window.editors.tracking_views["index"]
    assert window.editors.currentWidget() is page
    assert page.current_line().row.number == "2.1.1"
    assert page.links.item(0).text() == "Tệp: Biên bản.pdf"


def test_penalty_points_show_with_a_minus_and_a_typed_minus_is_understood(prepare, start, person, read, today):
    from app.index.model import BONUS, PENALTY, CriteriaSet, Criterion
    from app.index.sets import save_set

    today(date(2027, 12, 10))

    def with_parts(ws) -> int:
        plan_id = plan_with_a_done_task(ws)
        cs = CriteriaSet("Bộ có điểm thưởng, điểm trừ", Decimal(3), [Criterion("1", "Chỉ đạo", Decimal(3))])
        cs.criteria += [Criterion("1.1", "Kế hoạch", Decimal(3)), Criterion("2", "Khen thưởng", Decimal(2), part=BONUS)]
        cs.criteria += [Criterion("2.1", "Sáng kiến", Decimal(2)), Criterion("3", "Điểm trừ", Decimal(2), part=PENALTY)]
        cs.criteria += [Criterion("3.1", "Sai phạm", Decimal(2))]
        save_set(ws, cs)
        return plan_id

    prepare(with_parts)
    window = start()
    lan = person(window)
    lan.click_outline("Tự đánh giá chỉ số CCHC")
    page = window.editors.tracking_views["index"]
    lan.click(page.new_button)
    assert find(page, "3").text(0) == "3. Điểm trừ" and find(page, "2").text(0) == "2. Khen thưởng (điểm thưởng)"
    type_in_cell(lan, page, "1.1", SCORE, "3")
    type_in_cell(lan, page, "2.1", SCORE, "1")
    type_in_cell(lan, page, "3.1", SCORE, "-1")
    assert find(page, "3.1").text(SCORE) == "-1" and find(page, "3").text(SCORE) == "-1"
    assert read(assess.load, page.data.assessment_id)[0].scores["3.1"].score == Decimal(1)
    assert "Tổng điểm tự chấm: 3/3 điểm." in page.total.text()


def plan_and_two_sets(store) -> int:
    """The sample tried first, then the province's own set imported: two sets to choose from."""
    from dataclasses import replace

    from app.index.sets import criteria_set, sample_set_id, save_set

    plan_id = plan_with_a_done_task(store)
    sample = criteria_set(store, sample_set_id(store))
    save_set(store, replace(sample, id=None, name="Bộ tiêu chí tỉnh Phú Thọ", source="imported:pt.xlsx"))
    return plan_id


def test_with_two_sets_she_chooses_the_one_to_score_against(prepare, start, person, read, today):
    today(date(2027, 12, 10))
    plan_id = prepare(plan_and_two_sets)
    window = start()
    lan = person(window)
    lan.click_outline("Tự đánh giá chỉ số CCHC")
    page = window.editors.tracking_views["index"]
    offered = []

    def choose_sample(dialog) -> None:
        combo = dialog.findChild(QComboBox)
        offered.extend(combo.itemText(i) for i in range(combo.count()))
        combo.setCurrentIndex(1)

    lan.when_asked("Hủy")
    lan.click(page.new_button)
    assert read(lambda ws: ws.db.list_assessments()) == []  # cancelled: nothing made

    lan.when_asked("Tạo", then=choose_sample)
    lan.click(page.new_button)
    assert offered[0].startswith("Bộ tiêu chí tỉnh Phú Thọ — 74 tiêu chí, tối đa 100 điểm")  # newest first
    assert len(offered) == 2
    sets = {name: set_id for set_id, name, *_ in read(lambda ws: ws.db.list_index_sets())}
    [(_aid, set_id, plan, year)] = read(lambda ws: ws.db.list_assessments())
    assert (set_id, plan, year) == (sets[page.data.set_name], plan_id, 2027)
    assert page.data.set_name != "Bộ tiêu chí tỉnh Phú Thọ"
