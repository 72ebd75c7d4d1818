"""The main window: plan list and outline on the left, the selected node's editor on the right,
the find, leftovers and check panels, the menus. It assembles them; the editors own their actions."""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from app.carry_forward import past_years
from app.model import iter_tasks
from app.ops import checks, plans
from app.ops.changes import Changes, Part
from app.text_walk import Place
from app.workspace import Workspace
from ui.context import PlanContext
from ui.main_window.actions import WindowActions
from ui.main_window.check_dock import CheckDock
from ui.main_window.editor_stack import EditorStack, node_of
from ui.main_window.find_dock import FindDock
from ui.main_window.leftovers_dock import LeftoversDock
from ui.main_window.outline import Outline
from ui.main_window.plan_list import PlanList
from ui.ops import Runner
from ui.screen import fit_to_screen
from ui.settings import Settings

APP_TITLE = "Kế hoạch CCHC"
RECHECK_MS = 400  # the check panel checks again this long after the last edit


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, plan_id: int, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings(ws.paths.settings)
        self.runner = Runner(ws, self)
        self.context = PlanContext(self.runner, plan_id, self)

        self.plan_list = PlanList(self.runner)
        self.outline = Outline()
        self.editors = EditorStack(self.context)
        self.editors.make_tracking_view = self._make_tracking_view
        self._layout()
        self._make_docks()
        self.saved_label = QLabel("")
        self.start_warning = ""  # what the start-up could not do (a daily backup), shown in the status bar
        self.statusBar().addPermanentWidget(self.saved_label)
        # A message wider than the window is cut at its edge (a long folder path pushes the advice
        # out of sight): the whole of it is there on hover.
        self.statusBar().messageChanged.connect(lambda message: self.statusBar().setToolTip(message))
        self.menu_actions = WindowActions(self)

        self.plan_list.opened.connect(self.open_plan)
        self.plan_list.new_requested.connect(self.menu_actions.new_plan)
        self.outline.currentItemChanged.connect(lambda *_: self._show_node(self.outline.current_node()))
        self.editors.section_editor.navigate.connect(lambda sid: self.select_node(("section", sid)))
        self.editors.structure_requested.connect(self.menu_actions.appendix_structure)
        self.runner.changed.connect(self._on_changed)
        self.runner.failed.connect(self.show_error)
        self.runner.busy.connect(self._busy)

        self._load_view()
        self._restore_geometry()

    # ---------------------------------------------------------------- assembly
    def _layout(self) -> None:
        fm = self.fontMetrics()
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.plan_list)
        left.addWidget(self.outline)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 4)
        left.setSizes([fm.lineSpacing() * 13, fm.lineSpacing() * 36])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.editors)
        split.setStretchFactor(1, 1)
        split.setSizes([fm.averageCharWidth() * 52, fm.averageCharWidth() * 140])
        self.setCentralWidget(split)
        self.splitters = {"left": left, "main": split}

    def _make_docks(self) -> None:
        self.find_dock = FindDock(self)
        self.find_dock.plan_source = lambda: self.context.plan
        self.leftovers_dock = LeftoversDock(self)
        self.check_dock = CheckDock(self)
        self.check_dock.recheck_requested.connect(self.run_checks)
        self.check_dock.unify_requested.connect(self.unify_tone)
        self.check_dock.dismiss_requested.connect(lambda f: self._run_on_checks(checks.dismiss, f))
        self.check_dock.undismiss_requested.connect(lambda f: self._run_on_checks(checks.undismiss, f))
        self.check_dock.show_dismissed_toggled.connect(lambda _on: self._follow_edits())
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._follow_edits)
        for dock in (self.find_dock, self.leftovers_dock, self.check_dock):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.goto.connect(self.goto)

    def _restore_geometry(self) -> None:
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 200, fm.lineSpacing() * 48)
        geometry = self.settings.get("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for name, splitter in self.splitters.items():
            state = self.settings.get(f"window/splitter_{name}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        fit_to_screen(self)

    # ---------------------------------------------------------------- the plan on screen
    @property
    def plan_id(self) -> int:
        return self.context.plan_id

    def _load_view(self) -> None:
        self.plan_list.reload(self.plan_id)
        self.outline.rebuild(self.context.plan)
        self._update_title()
        if self.outline.current_node() is None:
            self.select_node(("header", None))

    def _update_title(self) -> None:
        summary = " ".join(self.context.plan.summary.split())
        self.setWindowTitle(f"{APP_TITLE} — {summary}" if summary else APP_TITLE)

    def open_plan(self, plan_id: int) -> None:
        if plan_id == self.plan_id:
            return
        self.context.open_plan(plan_id)
        self.outline.clear()
        self._load_view()
        self.select_node(("header", None))
        self._follow_edits()

    def plan_created(self, plan_id: int, leftovers: list | None = None) -> None:
        """A new plan: open it; after a carry-forward, list the years left over."""
        self.open_plan(plan_id)
        if leftovers is not None:
            self.leftovers_dock.set_leftovers(leftovers)
            self.leftovers_dock.setVisible(True)
            self.leftovers_dock.raise_()

    # ---------------------------------------------------------------- panels that follow the data
    def run_checks(self) -> list:
        self.runner.commit_pending()
        checked = checks.check(self.runner.ws, self.plan_id, with_index=True)
        self.check_dock.set_findings(checked.findings, checked.dismissed)
        self.check_dock.show()
        self.check_dock.raise_()
        return checked.findings

    def unify_tone(self, style: str) -> None:
        self.context.run(plans.unify_tone, self.plan_id, style)
        self._follow_edits()

    def _run_on_checks(self, op, finding) -> None:
        """Dismiss a warning or bring it back, and show the list as it is then at once."""
        self.context.run(op, self.plan_id, finding)
        self._follow_edits()

    def _follow_edits(self) -> None:
        """The check and leftovers panels, when shown, recomputed for the plan as it is now."""
        self._recheck.stop()
        plan = self.context.plan
        if self.check_dock.isVisible():
            checked = checks.check(self.runner.ws, self.plan_id, with_index=True)
            self.check_dock.set_findings(checked.findings, checked.dismissed)
        if self.leftovers_dock.isVisible():
            self.leftovers_dock.set_leftovers(past_years(plan))

    # ---------------------------------------------------------------- navigation
    def select_node(self, node) -> bool:
        return self.outline.select_node(node)

    def _show_node(self, node) -> None:
        if node is not None:
            self.runner.commit_pending()
            self.editors.show_node(node)

    def goto(self, place: Place) -> None:
        """Show the editor holding a text (from find, check or leftovers) and put the cursor there."""
        node = node_of(place, self._appendix_of_task)
        if node is None:
            return
        self.select_node(node)
        self.editors.focus_place(place)

    def _appendix_of_task(self, task_id: int) -> int | None:
        for a in self.context.plan.appendices:
            if any(t.id == task_id for t in iter_tasks(a.tasks)):
                return a.id
        return None

    def jump_to_task(self, kind: str, ref: int) -> None:
        """A task (or, from the self-assessment page, a target) named by a tracking view."""
        self.goto(Place("target" if kind == "target" else "task", ref, "content", ""))

    def _make_tracking_view(self, kind: str) -> QWidget:
        from ui.tracking import OverviewPage, TargetsWidget, TaskTrackingWidget
        from ui.tracking.index_page import IndexAssessmentPage

        view: OverviewPage | TaskTrackingWidget | IndexAssessmentPage
        if kind == "versions":
            from ui.versions.page import VersionsPage

            page = VersionsPage(self.context, self.settings, self)
            page.plan_created.connect(self.plan_created)
            return page
        if kind == "index":
            view = IndexAssessmentPage(self.context, self)
        elif kind == "overview":
            view = OverviewPage(self.context, self)
            view.report_requested.connect(self.menu_actions.make_report)
        elif kind == "tracking":
            view = TaskTrackingWidget(self.context, self)
            view.report_requested.connect(self.menu_actions.make_report)
        else:
            return TargetsWidget(self.context, self)
        view.jump_requested.connect(self.jump_to_task)
        return view

    def current_appendix_id(self) -> int | None:
        node = self.outline.current_node()
        if node is not None and node[0] == "appendix":
            return node[1]
        if node is not None and node[0] == "targets":
            return next((a.id for a in self.context.plan.appendices if a.kind == "targets"), None)
        return None

    # ---------------------------------------------------------------- feedback
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Part.EVERYTHING):
            self._after_restore()
            return
        if not self.context.mine(changes):
            return
        self.saved_label.setText(f"Đã lưu tự động lúc {time.strftime('%H:%M:%S')}")
        if changes.touches(Part.SECTIONS, Part.APPENDICES, Part.HEADER):
            self.outline.rebuild(self.context.plan)
        if changes.touches(Part.HEADER, Part.PLANS):
            self._update_title()
        self._recheck.start()

    def _after_restore(self) -> None:
        """The data file was replaced: no step can be undone; show the same plan if it exists."""
        self.runner.forget_history()
        ids = {p.id for p in plans.summaries(self.runner.ws)}
        plan_id = self.plan_id if self.plan_id in ids else plans.ensure_sample_plan(self.runner.ws)
        self.context.plan_id = -1  # force a full switch, even to the same id
        self.open_plan(plan_id)

    def _busy(self, on: bool) -> None:
        if on:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, message, QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
        self.error_box = box
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.commit_pending()  # what is being typed is kept
        self.runner.wait_for_jobs()  # an export being written is finished, not cut
        self.settings.set("window/geometry", self.saveGeometry())
        for name, splitter in self.splitters.items():
            self.settings.set(f"window/splitter_{name}", splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
