"""The tracking views, the report dialog and the table import are reachable from the window's menus,
and the views follow the plan on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.templates import Agency

from given import new_plan as create_from_template


def test_tracking_menu_views_jump_report_import_and_another_plan(prepare, start, person, stored):
    plan_id = prepare(create_from_template, "ward-grouped", 2027, Agency("Phường Phú Sơn", chairman="A"))
    other = prepare(create_from_template, "reform-index", 2027, Agency())
    window = start()
    lan = person(window)
    plans = window.plan_list.list
    lan.click_list_item(
        plans, next(i for i in range(plans.count()) if plans.item(i).data(Qt.ItemDataRole.UserRole) == plan_id)
    )
    assert window.plan_id == plan_id
    views = window.editors.tracking_views
    for entry, kind in (
        ("Tổng quan", "overview"),
        ("Tiến độ nhiệm vụ", "tracking"),
        ("Kết quả chỉ tiêu", "target_results"),
    ):
        lan.menu("Theo dõi", entry)
        assert window.editors.currentWidget() is views[kind]
        assert window.outline.current_node() == (kind, None)

    # A task named in the overview opens in its appendix.
    lan.menu("Theo dõi", "Tổng quan")
    no_due = views["overview"].lists["no_due"]
    assert no_due.item(0).data(Qt.ItemDataRole.UserRole) is not None
    task_id = no_due.item(0).data(Qt.ItemDataRole.UserRole)
    lan.click_list_item(no_due, 0, double=True)
    editor = window.editors.current_task_editor()
    assert editor is not None and editor.appendix_id == stored(plan_id).appendices[0].id
    assert editor.current_id() == task_id

    lan.menu("Theo dõi", "Lập báo cáo…")
    report = lan.dialog("Lập báo cáo")
    lan.click("Đóng", within=report)
    lan.menu("Phụ lục", "Nhập bảng từ tệp…")
    lan.click("Đóng", within=lan.dialog("Nhập bảng từ tệp"))

    # Another plan: the views are made again for it.
    lan.click_list_item(
        plans, next(i for i in range(plans.count()) if plans.item(i).data(Qt.ItemDataRole.UserRole) == other)
    )
    assert window.plan_id == other
    assert views == {}
    lan.menu("Theo dõi", "Tiến độ nhiệm vụ")
    table = views["tracking"]
    assert table.model.rowCount() == 0  # the PAR-Index plan has no task appendix
    assert table.count_label.text() == "Hoàn thành 0/0 · 0 quá hạn"
