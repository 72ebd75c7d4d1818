"""The main window: plan list and outline on the left, the selected node's editor on the right."""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, Qt, QThread
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QWidget

from app.carry_forward import Leftover
from app.errors import UserError
from app.model import Appendix
from app.numbering import appendix_label
from app.text_walk import Place
from storage.db import Store
from ui.commands import (
    AddAppendixCommand,
    DeleteAppendixCommand,
    MoveAppendixCommand,
    UnifyToneCommand,
    find_task,
)
from ui.dialogs.export import ExportDialog
from ui.dialogs.new_plan import NewPlanDialog, create_plan
from ui.editors.appendix_form import sentence_case
from ui.editors.header_form import HeaderForm, LegalBasesForm, SignerForm
from ui.editors.section_editor import SectionEditor
from ui.editors.table_editor import TargetTableEditor, TaskTableEditor
from ui.main_window.docks import CheckDock, FindDock, LeftoversDock
from ui.main_window.outline import Outline
from ui.main_window.plan_list import PlanList
from ui.session import Change, PlanSession
from ui.settings import Settings

APP_TITLE = "Kế hoạch CCHC"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, plan_id: int, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.settings = settings or Settings()
        self.session = PlanSession(store, plan_id, self)

        self.plan_list = PlanList(store)
        self.outline = Outline()
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.plan_list)
        left.addWidget(self.outline)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 4)
        left.setSizes([self.fontMetrics().lineSpacing() * 8, self.fontMetrics().lineSpacing() * 40])

        self.stack = QStackedWidget()
        self.header_form = HeaderForm(self.session)
        self.bases_form = LegalBasesForm(self.session)
        self.section_editor = SectionEditor(self.session)
        self.targets_editor = TargetTableEditor(self.session)
        self.signer_form = SignerForm(self.session)
        for w in (self.header_form, self.bases_form, self.section_editor, self.targets_editor, self.signer_form):
            self.stack.addWidget(w)
        self.task_editors: dict[int, TaskTableEditor] = {}
        self.tracking_views: dict[str, QWidget] = {}  # overview, tracking table, target results

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([self.fontMetrics().averageCharWidth() * 58, self.fontMetrics().averageCharWidth() * 140])
        self.setCentralWidget(split)
        self.splitters = {"left": left, "main": split}

        self.find_dock = FindDock(self)
        self.find_dock.plan_source = lambda: self.session.plan
        self.leftovers_dock = LeftoversDock(self)
        self.check_dock = CheckDock(self)
        self.check_dock.recheck_button.clicked.connect(self.run_checks)
        self.check_dock.unify_requested.connect(self.ask_unify_tone)
        self.synchronous_jobs = False  # tests run the PDF build on the GUI thread
        self._pdf_job = None
        self.preview_dialog = None
        self.print_dialog = None
        for dock in (self.find_dock, self.leftovers_dock, self.check_dock):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.goto.connect(self.goto)

        self.saved_label = QLabel("")
        self.statusBar().addPermanentWidget(self.saved_label)
        self._make_menus()

        self.plan_list.opened.connect(self.open_plan)
        self.plan_list.new_requested.connect(self.new_plan)
        self.outline.currentItemChanged.connect(lambda *_: self._show_node(self.outline.current_node()))
        self.section_editor.navigate.connect(lambda sid: self.select_node(("section", sid)))
        self.session.changed.connect(self._on_changed)
        self.session.saved.connect(self._on_saved)
        self.session.failed.connect(self._on_failed)

        self._load_view()
        self.resize(self.fontMetrics().averageCharWidth() * 200, self.fontMetrics().lineSpacing() * 48)
        geometry = self.settings.get("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for name, splitter in self.splitters.items():
            state = self.settings.get(f"window/splitter_{name}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    # ---------------------------------------------------------------- menus
    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self.new_action = QAction("Kế hoạch &mới…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_plan)
        self.export_action = QAction("&Xuất văn bản…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export)
        self.preview_action = QAction("Xem &trước", self)
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.preview_action.setToolTip("Xem toàn bộ văn bản đúng như khi xuất PDF (Ctrl+Shift+P)")
        self.preview_action.triggered.connect(self.preview)
        self.print_action = QAction("&In…", self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(lambda: self.print_document(False))
        self.print_appendix_action = QAction("In &phụ lục…", self)
        self.print_appendix_action.triggered.connect(lambda: self.print_document(True))
        self.backups_action = QAction("&Sao lưu và khôi phục…", self)
        self.backups_action.triggered.connect(self.show_backups)
        self.settings_action = QAction("&Cài đặt…", self)
        self.settings_action.triggered.connect(self.show_settings)
        quit_action = QAction("&Thoát", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        for a in (self.new_action, self.export_action, None, self.preview_action, self.print_action):
            file_menu.addAction(a) if a is not None else file_menu.addSeparator()
        file_menu.addAction(self.print_appendix_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backups_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit = self.menuBar().addMenu("&Sửa")
        self.undo_action = self.session.stack.createUndoAction(self, "Hoàn tác")
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = self.session.stack.createRedoAction(self, "Làm lại")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.find_action = QAction("&Tìm…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.show_find)
        for a in (self.undo_action, self.redo_action):
            edit.addAction(a)
        edit.addSeparator()
        edit.addAction(self.find_action)

        self.check_action = QAction("&Kiểm tra", self)
        self.check_action.setShortcut(QKeySequence("F7"))
        self.check_action.setToolTip("Kiểm tra kế hoạch trước khi trình ký (F7)")
        self.check_action.triggered.connect(self.run_checks)
        edit.addAction(self.check_action)

        appendix = self.menuBar().addMenu("&Phụ lục")
        self.appendix_actions: dict[str, QAction] = {}
        for key, text in (
            ("add_tasks", "Thêm phụ lục nhiệm vụ"),
            ("add_targets", "Thêm phụ lục chỉ tiêu"),
            ("up", "Đưa phụ lục lên"),
            ("down", "Đưa phụ lục xuống"),
            ("delete", "Xóa phụ lục…"),
        ):
            act = QAction(text, self)
            act.triggered.connect(lambda _=False, k=key: self.appendix_structure(k))
            appendix.addAction(act)
            self.appendix_actions[key] = act

        self.import_table_action = QAction("&Nhập bảng từ tệp…", self)
        self.import_table_action.triggered.connect(self.import_table)
        appendix.addSeparator()
        appendix.addAction(self.import_table_action)

        follow = self.menuBar().addMenu("&Theo dõi")
        for text, node in (
            ("&Tổng quan", "overview"),
            ("Tiến độ &nhiệm vụ", "tracking"),
            ("Kết quả &chỉ tiêu", "target_results"),
        ):
            act = QAction(text, self)
            act.triggered.connect(lambda _=False, n=node: self.select_node((n, None)))
            follow.addAction(act)
        follow.addSeparator()
        self.report_action = QAction("&Lập báo cáo…", self)
        self.report_action.triggered.connect(self.make_report)
        follow.addAction(self.report_action)

        view = self.menuBar().addMenu("&Xem")
        view.addAction(self.find_dock.toggleViewAction())
        view.addAction(self.leftovers_dock.toggleViewAction())
        view.addAction(self.check_dock.toggleViewAction())

        bar = self.addToolBar("Thao tác")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        for a in (
            self.new_action,
            self.export_action,
            self.preview_action,
            self.print_action,
            self.undo_action,
            self.redo_action,
            self.find_action,
            self.check_action,
        ):
            bar.addAction(a)

    # ---------------------------------------------------------------- plan
    def _load_view(self) -> None:
        self.plan_list.reload(self.session.plan_id)
        self.outline.rebuild(self.session.plan)
        self._update_title()
        if self.outline.current_node() is None:
            self.select_node(("header", None))

    def _update_title(self) -> None:
        summary = " ".join(self.session.plan.summary.split())
        self.setWindowTitle(f"{APP_TITLE} — {summary}" if summary else APP_TITLE)

    def open_plan(self, plan_id: int) -> None:
        if plan_id == self.session.plan_id:
            return
        self._drop_task_editors(set())
        self._drop_tracking_views()
        self.session.open_plan(plan_id)
        self.outline.clear()
        self._load_view()
        self.select_node(("header", None))

    def new_plan(self) -> None:
        dialog = NewPlanDialog(self.store, self.settings, self)
        if dialog.exec() != NewPlanDialog.DialogCode.Accepted:
            return
        self.create_and_open(dialog.choice())

    def create_and_open(self, choice) -> int | None:
        """Create the plan the dialog chose, open it, and list the years left over."""
        try:
            result = create_plan(self.store, choice)
        except UserError as e:
            self._on_failed(e.message)
            return None
        self.open_plan(result.plan_id)
        self.show_leftovers(result.leftovers, bool(choice.source_plan_id))
        return result.plan_id

    def show_leftovers(self, leftovers: list[Leftover], carried: bool) -> None:
        self.leftovers_dock.set_leftovers(leftovers)
        self.leftovers_dock.setVisible(carried)

    def export(self) -> None:
        self.export_dialog = ExportDialog(self.session.plan, self.settings, self, show_checks=self.run_checks)
        self.export_dialog.exec()

    # ---------------------------------------------------------------- check
    def run_checks(self) -> list:
        from app.checks import check_plan

        findings = check_plan(self.session.plan)
        self.check_dock.set_findings(findings)
        self.check_dock.show()
        self.check_dock.raise_()
        return findings

    def ask_unify_tone(self) -> None:
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        new = menu.addAction("hòa, ủy (kiểu mới)")
        menu.addAction("hoà, uỷ (kiểu cũ)")
        button = self.check_dock.unify_button
        chosen = menu.exec(button.mapToGlobal(button.rect().bottomLeft()))
        if chosen is not None:
            self.unify_tone("new" if chosen is new else "old")

    def unify_tone(self, style: str) -> bool:
        ok = self.session.push(UnifyToneCommand(self.session, style))
        if self.check_dock.isVisible():
            self.run_checks()
        return ok

    # ---------------------------------------------------------------- preview and print
    def _with_pdf(self, then) -> None:
        """Build the exporter's PDF off the GUI thread, then call `then(pages)` on the GUI thread."""
        from ui.printing import start_pdf_job

        self.statusBar().showMessage("Đang dựng văn bản để xem trước…")
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._pdf_then = then
        # Bound methods of this QObject: the job's signals are queued to the GUI thread.
        self._pdf_job = start_pdf_job(self.session.plan, self._pdf_done, self._pdf_failed, self.synchronous_jobs)

    def _pdf_done(self, pages) -> None:
        self.unsetCursor()
        self.statusBar().clearMessage()
        self.pdf_thread_ok = QThread.currentThread() is self.thread()
        self._pdf_then(pages)

    def _pdf_failed(self, message: str) -> None:
        self.unsetCursor()
        self.statusBar().clearMessage()
        self._on_failed(message)

    def preview(self) -> None:
        from ui.printing import PreviewDialog

        def show(pages) -> None:
            self.preview_dialog = PreviewDialog(pages, self)
            self.preview_dialog.print_requested.connect(lambda appendix: self._open_print(pages, appendix))
            self.preview_dialog.open()

        self._with_pdf(show)

    def print_document(self, appendix_only: bool) -> None:
        self._with_pdf(lambda pages: self._open_print(pages, appendix_only))

    def _open_print(self, pages, appendix_only: bool) -> None:
        from ui.printing import print_preview

        title = "In phụ lục" if appendix_only else "In kế hoạch"
        self.print_dialog = print_preview(pages, self, appendix_only, title)
        self.print_dialog.open()

    # ---------------------------------------------------------------- backups and settings
    def show_backups(self) -> None:
        from ui.dialogs.backups import BackupsDialog

        self.backups_dialog = BackupsDialog(self.store, self.restore_backup, self)
        self.backups_dialog.open()

    def restore_backup(self, path) -> bool:
        """Close the data file, put the backup in its place, reopen and show it again."""
        from app.usecases.plans import ensure_sample_plan
        from storage.backup import restore
        from storage.db import open_store
        from storage.plans import list_plans

        db_path = self.store.path
        assert db_path is not None
        self.store.close()
        ok = True
        try:
            restore(db_path, path)
        except UserError as e:
            self._on_failed(e.message)
            ok = False
        self.store = open_store(db_path)
        self.session.store = self.store
        self.plan_list.store = self.store
        ids = {p.id for p in list_plans(self.store)}
        plan_id = self.session.plan_id if self.session.plan_id in ids else ensure_sample_plan(self.store)
        self._drop_task_editors(set())
        self.session.plan_id = -1  # force a full switch even to the same id
        self.session.open_plan(plan_id)
        self.outline.clear()
        self._load_view()
        self.select_node(("header", None))
        return ok

    def show_settings(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        assert self.store.path is not None
        self.settings_dialog = SettingsDialog(self.settings, self.store.path, self)
        self.settings_dialog.open()

    # ---------------------------------------------------------------- appendices
    def current_appendix_id(self) -> int | None:
        node = self.outline.current_node()
        if node is not None and node[0] == "appendix":
            return node[1]
        if node is not None and node[0] == "targets":
            return next((a.id for a in self.session.plan.appendices if a.kind == "targets"), None)
        return None

    def appendix_structure(self, key: str, appendix_id: int | None = None) -> bool:
        """Add, delete or move an appendix (each an undo step)."""
        plan = self.session.plan
        aid = appendix_id if appendix_id is not None else self.current_appendix_id()
        ids = [a.id for a in plan.appendices]
        pos = ids.index(aid) if aid in ids else None
        if key in ("add_tasks", "add_targets"):
            if key == "add_targets" and any(a.kind == "targets" for a in plan.appendices):
                self._on_failed("Kế hoạch đã có một phụ lục chỉ tiêu; mỗi kế hoạch chỉ cần một bảng chỉ tiêu.")
                return False
            new = (
                Appendix("tasks", "Nhiệm vụ", group_by_area=False)
                if key == "add_tasks"
                else Appendix("targets", "Chỉ tiêu", columns=("content", "lead", "partners", "note"))
            )
            text = "Thêm phụ lục nhiệm vụ" if key == "add_tasks" else "Thêm phụ lục chỉ tiêu"
            ok = self.session.push(AddAppendixCommand(self.session, new, None if pos is None else pos + 1, text))
            if ok:
                self.select_node(("appendix", self.session.last_inserted))
            return ok
        if aid is None or pos is None:
            self.statusBar().showMessage("Hãy chọn một phụ lục trong cây bên trái trước.", 8000)
            return False
        if key == "delete":
            if not self.confirm_delete_appendix(aid):
                return False
            after = ids[pos + 1] if pos + 1 < len(ids) else (ids[pos - 1] if pos > 0 else None)
            ok = self.session.push(DeleteAppendixCommand(self.session, aid))
            if ok:
                self.select_node(("appendix", after) if after is not None else ("targets", None))
            return ok
        j = pos + (-1 if key == "up" else 1)
        if not 0 <= j < len(ids):
            return False
        ok = self.session.push(MoveAppendixCommand(self.session, aid, j))
        self.select_node(("appendix", aid))
        return ok

    def confirm_delete_appendix(self, appendix_id: int) -> bool:
        """Asks before deleting (tests replace this)."""
        title = self._appendix_title(appendix_id)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Xóa phụ lục",
            f"Xóa «{title}» cùng mọi nhiệm vụ trong đó?\nPhần mềm sao lưu trước khi xóa; Ctrl+Z để lấy lại.",
            parent=self,
        )
        yes = box.addButton("Xóa phụ lục", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    def _drop_task_editors(self, keep: set[int]) -> None:
        for aid in [a for a in self.task_editors if a not in keep]:
            editor = self.task_editors.pop(aid)
            editor.model.detach()
            self.stack.removeWidget(editor)
            editor.deleteLater()

    def show_find(self) -> None:
        self.find_dock.show()
        self.find_dock.raise_()
        self.find_dock.query.setFocus()
        self.find_dock.query.selectAll()

    # ---------------------------------------------------------------- navigation
    def select_node(self, node) -> bool:
        return self.outline.select_node(node)

    def _show_node(self, node) -> None:
        if node is None:
            return
        kind, ref = node
        if kind == "header":
            self.stack.setCurrentWidget(self.header_form)
        elif kind == "bases":
            self.stack.setCurrentWidget(self.bases_form)
        elif kind == "section":
            self.section_editor.show_section(ref)
            self.stack.setCurrentWidget(self.section_editor)
        elif kind == "targets":
            self.stack.setCurrentWidget(self.targets_editor)
        elif kind == "signer":
            self.stack.setCurrentWidget(self.signer_form)
        elif kind == "appendix":
            self.stack.setCurrentWidget(self.appendix_editor(ref))
        elif kind in ("overview", "tracking", "target_results"):
            view = self.tracking_view(kind)
            view.refresh()
            self.stack.setCurrentWidget(view)

    # ---------------------------------------------------------------- tracking and reports
    def tracking_view(self, kind: str) -> QWidget:
        """The overview, the tracking table or the target results of the open plan (made once)."""
        view = self.tracking_views.get(kind)
        if view is not None:
            return view
        from ui.tracking import OverviewPage, TargetsWidget, TaskTrackingWidget

        plan_id = self.session.plan_id
        if kind == "overview":
            view = OverviewPage(self.store, plan_id, self)
            view.jump_requested.connect(self._jump_to_task)
            view.report_requested.connect(self.make_report)
        elif kind == "tracking":
            view = TaskTrackingWidget(self.store, plan_id, self, stack=self.session.stack)
            view.changed.connect(self._on_saved)
            view.failed.connect(self._on_failed)
            view.jump_requested.connect(self._jump_to_task)
        else:
            view = TargetsWidget(self.store, plan_id, self)
            view.changed.connect(self._on_saved)
            view.failed.connect(self._on_failed)
        self.tracking_views[kind] = view
        self.stack.addWidget(view)
        return view

    def _drop_tracking_views(self) -> None:
        for view in self.tracking_views.values():
            self.stack.removeWidget(view)
            view.deleteLater()
        self.tracking_views.clear()

    def _jump_to_task(self, kind: str, task_id: int) -> None:
        """A task named in the overview or the tracking table, opened in its appendix."""
        self.goto(Place(kind, task_id, "content", ""))

    def make_report(self) -> None:
        from ui.tracking import ReportDialog

        self.report_dialog = ReportDialog(self.store, self.session.plan_id, self, self.settings)
        self.report_dialog.exported.connect(
            lambda paths: self.statusBar().showMessage(f"Đã xuất {len(paths)} tệp báo cáo.", 10000)
        )
        self.report_dialog.open()

    def import_table(self) -> None:
        from ui.dialogs.import_table import ImportTableDialog

        self.import_dialog = ImportTableDialog(self.store, self.session.plan_id, self)
        self.import_dialog.imported.connect(self._after_import)
        self.import_dialog.open()

    def _after_import(self, tasks: int, subtasks: int) -> None:
        self.session.notify(Change("appendices"))
        self._on_saved()
        self.statusBar().showMessage(f"Đã thêm {tasks} nhiệm vụ, {subtasks} nhiệm vụ con.", 10000)

    def appendix_editor(self, appendix_id: int) -> QWidget:
        a = next((a for a in self.session.plan.appendices if a.id == appendix_id), None)
        if a is not None and a.kind == "targets":
            return self.targets_editor
        editor = self.task_editors.get(appendix_id)
        if editor is None:
            editor = TaskTableEditor(self.session, appendix_id)
            editor.panel.structure_requested.connect(
                lambda key, e=editor: self.appendix_structure(key, e.panel.appendix_id)
            )
            self.task_editors[appendix_id] = editor
            self.stack.addWidget(editor)
        self._title_appendix(editor)
        return editor

    def _title_appendix(self, editor: TaskTableEditor) -> None:
        editor.title.setText(self._appendix_title(editor.model.ref))

    def _appendix_title(self, appendix_id: int) -> str:
        plan = self.session.plan
        for n, a in enumerate(plan.appendices, 1):
            if a.id == appendix_id:
                return f"{appendix_label(plan.appendix_numbering, n)} — {sentence_case(a.title)}"
        return ""

    def goto(self, place: Place) -> None:
        """Show the editor holding a text (from find results or leftovers) and focus it."""
        kind = place.kind
        if kind == "decision":
            self.select_node(("header", None))
            widget = (
                self.header_form.decision.articles if place.field == "articles" else self.header_form.decision.bases
            )
            self.header_form.ensureWidgetVisible(widget)
            widget.setFocus()
            return
        if kind in ("plan", "legal_basis", "signer", "recipient"):
            if kind == "legal_basis":
                self.select_node(("bases", None))
                self.bases_form.focus_field("legal_bases")
            elif kind == "plan" and place.field in ("closing",):
                self.select_node(("signer", None))
                self.signer_form.focus_field("closing")
            elif kind in ("signer", "recipient"):
                self.select_node(("signer", None))
                self.signer_form.focus_field(place.field if kind == "signer" else "recipients")
            else:
                self.select_node(("header", None))
                self.header_form.focus_field(place.field)
        elif kind == "section":
            self.select_node(("section", place.ref))
            self.section_editor.focus_field(place.field, place.index)
        elif kind == "appendix":
            self.select_node(("appendix", place.ref))
        elif kind == "target":
            self.select_node(("targets", None))
            self.targets_editor.select_id(place.ref, self.targets_editor.model.column_of(place.field))
            self.targets_editor.view.setFocus()
        elif kind == "task":
            found = find_task(self.session.plan, place.ref)
            if found is None:
                return
            self.select_node(("appendix", found[0]))
            editor = self.task_editors[found[0]]
            editor.select_id(place.ref, editor.model.column_of(place.field))
            editor.view.setFocus()

    # ---------------------------------------------------------------- change feedback
    def _on_changed(self, change: Change) -> None:
        if change.scope == "header":
            keys = {k for k, _ in change.fields}
            if keys & {"summary", "year"}:
                self._update_title()
                self.plan_list.reload(self.session.plan_id)
            if "appendix_numbering" in keys:
                self.outline.rebuild(self.session.plan)
        elif change.scope == "sections" or (change.scope == "cell" and change.kind == "sections"):
            self.outline.rebuild(self.session.plan)
        elif change.scope in ("appendix", "appendices", "all"):
            plan = self.session.plan
            if change.scope != "appendix":
                self._drop_task_editors({a.id for a in plan.appendices if a.id is not None})
            self.outline.rebuild(plan)
            for editor in self.task_editors.values():
                self._title_appendix(editor)
            if change.scope == "all":
                self._update_title()

    def _on_saved(self) -> None:
        self.saved_label.setText(f"Đã lưu tự động lúc {time.strftime('%H:%M:%S')}")

    def _on_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, message, QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
        self.error_box = box
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is already committed; only the geometry is left to keep.
        focus = self.focusWidget()
        if focus is not None:
            focus.clearFocus()  # commits a field being typed in (editingFinished / focus-out)
        self.settings.set("window/geometry", self.saveGeometry())
        for name, splitter in self.splitters.items():
            self.settings.set(f"window/splitter_{name}", splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
