"""The right side of the window: the editor of the outline node on screen, made on first use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.numbering import appendix_label
from app.ops.changes import Changes, Part
from app.text_walk import Place
from ui.context import PlanContext
from ui.editors.appendix_form import sentence_case
from ui.editors.header_form import HeaderForm, LegalBasesForm, SignerForm
from ui.editors.section_editor import SectionEditor
from ui.editors.table_editor import TargetTableEditor, TaskTableEditor

Node = tuple[str, int | None]  # ("header", None), ("section", id), ("appendix", id) …
TRACKING_NODES = ("overview", "tracking", "target_results", "index", "versions")  # pages made on first use


class EditorStack(QStackedWidget):
    """Shows one editor at a time; task tables and tracking views are made when first shown."""

    structure_requested = Signal(str, int)  # "add_tasks" | "add_targets" | "delete" | "up" | "down", appendix id

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.header_form = HeaderForm(context)
        self.bases_form = LegalBasesForm(context)
        self.section_editor = SectionEditor(context)
        self.targets_editor = TargetTableEditor(context)
        self.signer_form = SignerForm(context)
        for w in (self.header_form, self.bases_form, self.section_editor, self.targets_editor, self.signer_form):
            self.addWidget(w)
        self.task_editors: dict[int, TaskTableEditor] = {}
        self.tracking_views: dict[str, QWidget] = {}
        self.make_tracking_view: Callable[[str], QWidget] | None = None  # set by the window (it wires them)
        context.changed.connect(self._on_changed)
        context.switched.connect(lambda _id: self.drop_editors())

    # ---------------------------------------------------------------- showing a node
    def show_node(self, node: Node) -> None:
        kind, ref = node
        fixed = {
            "header": self.header_form,
            "bases": self.bases_form,
            "targets": self.targets_editor,
            "signer": self.signer_form,
        }
        if kind in fixed:
            self.setCurrentWidget(fixed[kind])
        elif kind == "section":
            self.section_editor.show_section(ref)
            self.setCurrentWidget(self.section_editor)
        elif kind == "appendix" and ref is not None:
            self.setCurrentWidget(self.appendix_editor(ref))
        elif kind in TRACKING_NODES:
            view = self.tracking_view(kind)
            view.refresh()  # type: ignore[attr-defined]
            self.setCurrentWidget(view)

    def appendix_editor(self, appendix_id: int) -> QWidget:
        a = next((a for a in self.context.plan.appendices if a.id == appendix_id), None)
        if a is not None and a.kind == "targets":
            return self.targets_editor
        editor = self.task_editors.get(appendix_id)
        if editor is None:
            editor = self.task_editors[appendix_id] = TaskTableEditor(self.context, appendix_id)
            editor.panel.structure_requested.connect(
                lambda key, e=editor: self.structure_requested.emit(key, e.appendix_id)
            )
            self.addWidget(editor)
        editor.title.setText(self.appendix_title(appendix_id))
        return editor

    def appendix_title(self, appendix_id: int) -> str:
        plan = self.context.plan
        for n, a in enumerate(plan.appendices, 1):
            if a.id == appendix_id:
                return f"{appendix_label(plan.appendix_numbering, n)} — {sentence_case(a.title)}"
        return ""

    def tracking_view(self, kind: str) -> QWidget:
        view = self.tracking_views.get(kind)
        if view is None:
            assert self.make_tracking_view is not None
            view = self.tracking_views[kind] = self.make_tracking_view(kind)
            self.addWidget(view)
        return view

    def current_task_editor(self) -> TaskTableEditor | None:
        w = self.currentWidget()
        return w if isinstance(w, TaskTableEditor) else None

    # ---------------------------------------------------------------- keeping up with the data
    def drop_editors(self, keep: set[int] | None = None) -> None:
        """Forget the task tables (all, or those not in `keep`) and, on a switch, the tracking views."""
        for aid in [a for a in self.task_editors if keep is None or a not in keep]:
            editor = self.task_editors.pop(aid)
            editor.model.detach()
            self.removeWidget(editor)
            editor.deleteLater()
        if keep is None:
            for view in self.tracking_views.values():
                self.removeWidget(view)
                view.deleteLater()
            self.tracking_views.clear()

    def _on_changed(self, changes: Changes) -> None:
        if not self.context.mine(changes) or not changes.touches(Part.APPENDICES, Part.HEADER):
            return
        plan = self.context.plan
        self.drop_editors({a.id for a in plan.appendices if a.id is not None})
        for aid, editor in self.task_editors.items():
            editor.title.setText(self.appendix_title(aid))

    # ---------------------------------------------------------------- going to a text
    def focus_place(self, place: Place) -> None:
        """Put the cursor on a text shown by the current editor (after find, check or leftovers)."""
        kind = place.kind
        if kind == "decision":
            fields = self.header_form.decision
            widget = getattr(fields, "bases" if place.field == "legal_bases" else place.field, fields.bases)
            self.header_form.ensureWidgetVisible(widget)
            widget.setFocus()
        elif kind == "legal_basis":
            self.bases_form.select_line(place.ref or 0)
        elif kind == "plan" and place.field == "closing":
            self.signer_form.focus_field("closing")
        elif kind in ("signer", "recipient"):
            self.signer_form.focus_field(place.field if kind == "signer" else "recipients")
        elif kind == "plan":
            self.header_form.focus_field(place.field)
        elif kind == "section":
            self.section_editor.focus_field(place.field, place.index)
        elif kind == "target":
            self.targets_editor.select_id(place.ref, self.targets_editor.model.column_of(place.field))
            self.targets_editor.view.setFocus()
        elif kind == "index" and place.ref is not None:
            self.tracking_view("index").focus_criterion(place.ref, place.field)  # type: ignore[attr-defined]
        elif kind == "task":
            editor = self.current_task_editor()
            if editor is not None:
                editor.select_id(place.ref, editor.model.column_of(place.field))
                editor.view.setFocus()


def node_of(place: Place, appendix_of_task) -> Node | None:
    """The outline node that holds a text."""
    kind = place.kind
    if kind == "decision" or (kind == "plan" and place.field != "closing"):
        return ("header", None)
    if kind == "legal_basis":
        return ("bases", None)
    if kind in ("signer", "recipient") or (kind == "plan" and place.field == "closing"):
        return ("signer", None)
    if kind == "section":
        return ("section", place.ref)
    if kind == "appendix":
        return ("appendix", place.ref)
    if kind == "target":
        return ("targets", None)
    if kind == "index":
        return ("index", None)
    if kind == "task" and place.ref is not None:
        appendix = appendix_of_task(place.ref)
        return ("appendix", appendix) if appendix is not None else None
    return None
