"""The window's menus and toolbar, and what their entries open: new plan, export, print, backups,
settings, table import, reports, the check, the appendix structure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from app.ops import appendices
from app.ops.changes import Changes

if TYPE_CHECKING:
    from ui.main_window.window import MainWindow

TRACKING_ENTRIES = (
    ("&Tổng quan", "overview"),
    ("Tiến độ &nhiệm vụ", "tracking"),
    ("Kết quả &chỉ tiêu", "target_results"),
)
APPENDIX_ENTRIES = (
    ("add_tasks", "Thêm phụ lục nhiệm vụ"),
    ("add_targets", "Thêm phụ lục chỉ tiêu"),
    ("up", "Đưa phụ lục lên"),
    ("down", "Đưa phụ lục xuống"),
    ("delete", "Xóa phụ lục…"),
)


class WindowActions:
    """Builds the menus and the toolbar of a MainWindow and runs what they ask for."""

    def __init__(self, window: MainWindow):
        self.w = window
        self.dialogs: dict[str, object] = {}  # the dialog last opened of each kind (kept alive)
        self.by_name: dict[str, QAction] = {}
        self._file_menu()
        self._edit_menu()
        self._appendix_menu()
        self._versions_menu()
        self._tracking_menu()
        self._view_menu()
        self._toolbar()

    def _action(self, name: str, text: str, slot, keys=None, tip: str = "") -> QAction:
        act = QAction(text, self.w)
        if keys is not None:
            act.setShortcuts([QKeySequence(k) for k in (keys if isinstance(keys, list) else [keys])])
        if tip:
            act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.by_name[name] = act
        return act

    # ---------------------------------------------------------------- menus
    def _file_menu(self) -> None:
        menu = self.w.menuBar().addMenu("&Tệp")
        for entry in (
            self._action("new", "Kế hoạch &mới…", self.new_plan, QKeySequence.StandardKey.New),
            self._action(
                "import_docx",
                "Mở kế hoạch từ tệp &Word…",
                self.import_plan_docx,
                tip="Tạo kế hoạch từ văn bản Word (.docx) của năm trước hoặc của đơn vị khác",
            ),
            self._action("export", "&Xuất văn bản…", self.export, "Ctrl+E", "Xuất Word, PDF, Excel (Ctrl+E)"),
            None,
            self._action(
                "preview",
                "Xem &trước và in…",
                lambda: self.print_document(False),
                QKeySequence.StandardKey.Print,
                "Xem trước đúng như tệp PDF rồi in (Ctrl+P)",
            ),
            self._action(
                "print_appendix",
                "In &phụ lục…",
                lambda: self.print_document(True),
                tip="Xem trước và in các trang phụ lục (khổ ngang)",
            ),
            None,
            self._action("backups", "&Sao lưu và khôi phục…", self.show_backups),
            self._action("settings", "&Cài đặt…", self.show_settings),
            None,
            self._action("quit", "&Thoát", self.w.close, "Ctrl+Q"),
        ):
            menu.addAction(entry) if entry is not None else menu.addSeparator()

    def _edit_menu(self) -> None:
        menu = self.w.menuBar().addMenu("&Sửa")
        group = self.w.runner.group
        self.undo = group.createUndoAction(self.w, "Hoàn tác")
        self.undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo = group.createRedoAction(self.w, "Làm lại")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        menu.addAction(self.undo)
        menu.addAction(self.redo)
        menu.addSeparator()
        menu.addAction(self._action("find", "&Tìm…", self.show_find, QKeySequence.StandardKey.Find))
        menu.addAction(
            self._action("check", "&Kiểm tra", self.w.run_checks, "F7", "Kiểm tra kế hoạch trước khi trình ký (F7)")
        )

    def _appendix_menu(self) -> None:
        menu = self.w.menuBar().addMenu("&Phụ lục")
        for key, text in APPENDIX_ENTRIES:
            menu.addAction(self._action(f"appendix_{key}", text, lambda k=key: self.appendix_structure(k)))
        menu.addSeparator()
        menu.addAction(self._action("import_table", "&Nhập bảng từ tệp…", self.import_table))
        menu.addAction(
            self._action(
                "last_year_comparison",
                "Thêm phụ lục &so sánh với kế hoạch năm trước",
                self.add_last_year_comparison,
                tip="Phụ lục cuối liệt kê nội dung năm trước, năm nay và ghi chú những gì đã thay đổi",
            )
        )

    def _versions_menu(self) -> None:
        menu = self.w.menuBar().addMenu("Phiên &bản")
        for name, text, tip in (
            ("issue", "&Ban hành…", "Ghi số, ngày văn thư cấp và lưu cố định bản ban hành"),
            ("save_version", "&Lưu phiên bản…", "Lưu kế hoạch như hiện tại thành một bản dự thảo có tên"),
            ("versions", "&Danh sách phiên bản", "Xem, xuất, so sánh các phiên bản đã lưu"),
        ):
            menu.addAction(self._action(name, text, lambda n=name: self.versions(n), tip=tip))

    def versions(self, what: str) -> None:
        """The versions page, and on it "Ban hành…" or "Lưu phiên bản…" when asked."""
        self.w.select_node(("versions", None))
        page = self.w.editors.tracking_views.get("versions")
        if page is not None and what in ("issue", "save_version"):
            getattr(page, what)()

    def _tracking_menu(self) -> None:
        menu = self.w.menuBar().addMenu("&Theo dõi")
        for text, node in TRACKING_ENTRIES:
            menu.addAction(self._action(f"show_{node}", text, lambda n=node: self.w.select_node((n, None))))
        menu.addSeparator()
        menu.addAction(self._action("report", "&Lập báo cáo…", self.make_report))

    def _view_menu(self) -> None:
        menu: QMenu = self.w.menuBar().addMenu("&Xem")
        for dock in (self.w.find_dock, self.w.leftovers_dock, self.w.check_dock):
            menu.addAction(dock.toggleViewAction())

    def _toolbar(self) -> None:
        """Fixed labels: the undo text goes into the tooltip so the buttons never move."""
        bar = QToolBar("Thao tác", self.w)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        self.w.addToolBar(bar)
        undo = self._action("undo_button", "Hoàn tác", self.w.runner.group.undo)
        redo = self._action("redo_button", "Làm lại", self.w.runner.group.redo)
        group = self.w.runner.group
        group.canUndoChanged.connect(undo.setEnabled)
        group.canRedoChanged.connect(redo.setEnabled)
        group.undoTextChanged.connect(
            lambda t: undo.setToolTip(f"Hoàn tác: {t} (Ctrl+Z)" if t else "Hoàn tác (Ctrl+Z)")
        )
        group.redoTextChanged.connect(lambda t: redo.setToolTip(f"Làm lại: {t} (Ctrl+Y)" if t else "Làm lại (Ctrl+Y)"))
        undo.setEnabled(group.canUndo())
        redo.setEnabled(group.canRedo())
        short = {
            "new": "Kế hoạch mới",
            "export": "Xuất văn bản",
            "preview": "Xem trước và in",
            "find": "Tìm",
            "check": "Kiểm tra",
            "print_appendix": "In phụ lục",
        }
        for name in (
            "new",
            "export",
            "preview",
            "print_appendix",
            None,
            "undo_button",
            "redo_button",
            None,
            "find",
            "check",
        ):
            if name is None:
                bar.addSeparator()
                continue
            act = self.by_name[name]
            if name in short:
                button_action = QAction(short[name], self.w)
                button_action.setToolTip(act.toolTip() or short[name])
                button_action.triggered.connect(act.trigger)
                act = button_action
            bar.addAction(act)

    # ---------------------------------------------------------------- what the entries open
    def _keep(self, name: str, dialog):
        self.dialogs[name] = dialog
        return dialog

    def new_plan(self) -> None:
        from ui.dialogs.new_plan import NewPlanDialog

        dialog = self._keep("new_plan", NewPlanDialog(self.w.runner, self.w.settings, self.w))
        dialog.created.connect(self.w.plan_created)
        dialog.open()

    def import_plan_docx(self) -> None:
        from ui.dialogs.import_plan_docx import ImportPlanDocxDialog

        dialog = self._keep("import_docx", ImportPlanDocxDialog(self.w.runner, self.w))
        dialog.created.connect(self.w.plan_created)
        dialog.open()

    def export(self) -> None:
        from ui.dialogs.export import ExportDialog

        self.w.runner.commit_pending()  # what is being typed goes into the files
        context = self.w.context
        dialog = ExportDialog(self.w.runner, lambda: context.plan, self.w.settings, self.w, self.w.run_checks)
        context.switched.connect(dialog.reject)  # its file name and choices were for the plan it opened on
        self._keep("export", dialog).show()

    def print_document(self, appendix_only: bool) -> None:
        from ui.printing import PrintDialog

        self.w.runner.commit_pending()
        dialog = PrintDialog(self.w.runner, self.w.context.plan, self.w.settings, appendix_only, self.w)
        self._keep("print", dialog).open()

    def show_backups(self) -> None:
        from ui.dialogs.backups import BackupsDialog

        self._keep("backups", BackupsDialog(self.w.runner, self.w)).open()

    def show_settings(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        self._keep("settings", SettingsDialog(self.w.settings, self.w.runner.ws.paths, self.w)).open()

    def import_table(self) -> None:
        from ui.dialogs.import_table import ImportTableDialog

        editor = self.w.editors.current_task_editor()
        appendix_id = editor.appendix_id if editor is not None else None
        dialog = ImportTableDialog(self.w.context, appendix_id, self.w)
        dialog.imported.connect(lambda message: self.w.statusBar().showMessage(message, 10000))
        self._keep("import", dialog).open()

    def make_report(self) -> None:
        from ui.tracking import ReportDialog

        self.w.runner.commit_pending()
        dialog = ReportDialog(self.w.context, self.w.settings, self.w)
        dialog.exported.connect(
            lambda paths: self.w.statusBar().showMessage(f"Đã xuất {len(paths)} tệp báo cáo.", 10000)
        )
        self._keep("report", dialog).open()

    def show_find(self) -> None:
        dock = self.w.find_dock
        dock.show()
        dock.raise_()
        dock.query.setFocus()
        dock.query.selectAll()

    # ---------------------------------------------------------------- appendix structure
    def appendix_structure(self, key: str, appendix_id: int | None = None) -> Changes | None:
        """Add, delete or move an appendix (each an undo step)."""
        w = self.w
        plan = w.context.plan
        aid = appendix_id if appendix_id is not None else w.current_appendix_id()
        ids = [a.id for a in plan.appendices]
        pos = ids.index(aid) if aid in ids else None
        if key in ("add_tasks", "add_targets"):
            kind = "tasks" if key == "add_tasks" else "targets"
            done = w.context.run(
                appendices.add, w.plan_id, appendices.new_appendix(kind), None if pos is None else pos + 1
            )
            if done is not None and done.created is not None:
                w.select_node(("appendix", done.created))
            return done
        if aid is None or pos is None:
            w.statusBar().showMessage("Hãy chọn một phụ lục trong cây bên trái trước.", 8000)
            return None
        if key == "delete":
            return self._delete_appendix(aid, ids, pos)
        j = pos + (-1 if key == "up" else 1)
        if not 0 <= j < len(ids):
            return None
        done = w.context.run(appendices.move, aid, j)
        w.select_node(("appendix", aid))
        return done

    def add_last_year_comparison(self) -> Changes | None:
        """The carried plan's "what changed from last year" appendix, added or made again (one undo step)."""
        from app.versions.last_year import add_last_year_comparison

        done = self.w.context.run(add_last_year_comparison, self.w.plan_id)
        if done is not None and done.appendix_ids:
            self.w.select_node(("appendix", next(iter(done.appendix_ids))))
        return done

    def _delete_appendix(self, aid: int, ids: list[int | None], pos: int) -> Changes | None:
        w = self.w
        if not self.confirm_delete_appendix(w.editors.appendix_title(aid)):
            return None
        after = ids[pos + 1] if pos + 1 < len(ids) else (ids[pos - 1] if pos > 0 else None)
        done = w.context.run(appendices.delete, aid)
        if done is not None:
            w.select_node(("appendix", after) if after is not None else ("targets", None))
        return done

    def confirm_delete_appendix(self, title: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Xóa phụ lục",
            f"Xóa «{title}» cùng mọi nhiệm vụ trong đó?\nPhần mềm sao lưu trước khi xóa; Ctrl+Z để lấy lại.",
            parent=self.w,
        )
        yes = box.addButton("Xóa phụ lục", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes
