"""The tracking views, the report dialog and the table import are reachable from the window."""

from app.templates import Agency
from app.usecases.plans import create_from_template
from storage.db import open_store
from ui.main_window import MainWindow


def test_tracking_nodes_menu_and_jump(qtbot, tmp_path):
    store = open_store(tmp_path / "w.db")
    pid = create_from_template(store, "ward-grouped", 2027, Agency("Phường Phú Sơn", chairman="A"))
    window = MainWindow(store, pid)
    qtbot.addWidget(window)
    for kind in ("overview", "tracking", "target_results"):
        assert window.select_node((kind, None))
        assert window.stack.currentWidget() is window.tracking_views[kind]
    # A task named in the overview opens in its appendix.
    task = window.session.plan.appendices[0].tasks[0]
    window.tracking_views["overview"].jump_requested.emit("task", task.id)
    assert window.stack.currentWidget() is window.task_editors[window.session.plan.appendices[0].id]
    window.make_report()
    assert window.report_dialog.isVisible()
    window.report_dialog.close()
    window.import_table()
    assert window.import_dialog.isVisible()
    window.import_dialog.close()
    # Another plan: the views are made again for it.
    other = create_from_template(store, "reform-index", 2027, Agency())
    window.open_plan(other)
    assert window.tracking_views == {}
    window.close()
    store.close()
