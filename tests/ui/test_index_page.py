"""The "Tự đánh giá chỉ số CCHC" page in the window: create the year's assessment (the sample set
on first use), score a criterion in place (a score above the maximum refused in one line), the
filters, and one click from a criterion to its linked task."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

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
