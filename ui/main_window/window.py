"""The main window: plan list and outline on the left, the selected node's editor on the right."""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QWidget

from app.carry_forward import Leftover
from app.errors import UserError
from app.numbering import appendix_label
from app.text_walk import Place
from storage.db import Store
from ui.commands import find_task
from ui.dialogs.export import ExportDialog
from ui.dialogs.new_plan import NewPlanDialog, create_plan
from ui.editors.header_form import HeaderForm, LegalBasesForm, SignerForm
from ui.editors.section_editor import SectionEditor
from ui.editors.table_editor import TargetTableEditor, TaskTableEditor
from ui.main_window.docks import FindDock, LeftoversDock
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

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([self.fontMetrics().averageCharWidth() * 48, self.fontMetrics().averageCharWidth() * 140])
        self.setCentralWidget(split)

        self.find_dock = FindDock(self)
        self.find_dock.plan_source = lambda: self.session.plan
        self.leftovers_dock = LeftoversDock(self)
        for dock in (self.find_dock, self.leftovers_dock):
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

    # ---------------------------------------------------------------- menus
    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self.new_action = QAction("Kế hoạch &mới…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_plan)
        self.export_action = QAction("&Xuất văn bản…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export)
        quit_action = QAction("&Thoát", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        for a in (self.new_action, self.export_action):
            file_menu.addAction(a)
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

        view = self.menuBar().addMenu("&Xem")
        view.addAction(self.find_dock.toggleViewAction())
        view.addAction(self.leftovers_dock.toggleViewAction())

        bar = self.addToolBar("Thao tác")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        for a in (self.new_action, self.export_action, self.undo_action, self.redo_action, self.find_action):
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
        for editor in self.task_editors.values():
            self.stack.removeWidget(editor)
            editor.deleteLater()
        self.task_editors.clear()
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
        ExportDialog(self.session.plan, self.settings, self).exec()

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

    def appendix_editor(self, appendix_id: int) -> QWidget:
        a = next((a for a in self.session.plan.appendices if a.id == appendix_id), None)
        if a is not None and a.kind == "targets":
            return self.targets_editor
        editor = self.task_editors.get(appendix_id)
        if editor is None:
            editor = TaskTableEditor(self.session, appendix_id)
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
                return f"{appendix_label(plan.appendix_numbering, n)} — {a.title}"
        return ""

    def goto(self, place: Place) -> None:
        """Show the editor holding a text (from find results or leftovers) and focus it."""
        kind = place.kind
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
        self.settings.sync()
        super().closeEvent(event)
