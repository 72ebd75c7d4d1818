"""The editor of one numbered section: heading, run-in flag, paragraphs, and section structure."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import limits
from app.model import Section, iter_sections
from app.numbering import numbered_sections
from app.ops import rows
from app.ops.changes import Changes, Part
from ui.context import PlanContext
from ui.editors.fields import Autosave, PlainText, add_note_action, cap_length

RUN_IN_TEXT = "Đoạn văn đánh số (không phải tiêu đề)"


class SectionEditor(QWidget):
    """Edits the section whose id is `section_id`; asks the window to show another via `navigate`."""

    navigate = Signal(object)  # section id (or None)

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.section_id: int | None = None
        self.label = QLabel()
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        self.heading = QLineEdit()
        cap_length(self.heading, limits.TITLE_CHARS)
        self.run_in = QCheckBox(RUN_IN_TEXT)
        self.paragraphs = PlainText(12, grow=True)
        self.paragraphs.setPlaceholderText("Mỗi dòng là một đoạn văn. Chú thích: ^[nội dung chú thích] (Ctrl+Alt+F).")
        self.note_action = add_note_action(self.paragraphs)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for text, slot, tip in (
            ("Thêm mục", lambda: self.add(child=False), "Thêm một mục cùng cấp ngay sau mục này"),
            ("Thêm mục con", lambda: self.add(child=True), "Thêm một mục con ở cuối mục này"),
            ("Xóa mục", self.delete, "Xóa mục này cùng các mục con (Ctrl+Z để lấy lại)"),
            ("Lên", lambda: self.move_by(-1), ""),
            ("Xuống", lambda: self.move_by(+1), ""),
            ("Lùi vào", lambda: self.indent(True), "Thành mục con của mục ngay trên"),
            ("Lùi ra", lambda: self.indent(False), "Thành mục cùng cấp với mục cha"),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip or text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        note = QToolButton()
        note.setDefaultAction(self.note_action)
        note.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the cursor in the paragraphs
        buttons.addWidget(note)
        buttons.addStretch(1)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow("Tiêu đề:", self.heading)
        form.addRow("", self.run_in)
        form.addRow("Các đoạn văn:", self.paragraphs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        layout.addLayout(form, 1)

        self.savers = [
            Autosave(
                context,
                self.heading.textEdited,
                self.heading.editingFinished,
                lambda: self._commit("heading", self.heading.text().strip(), "tiêu đề mục"),
                self,
            ),
            Autosave(
                context,
                self.paragraphs.textChanged,
                self.paragraphs.editingFinished,
                lambda: self._commit("paragraphs", self._paragraph_lines(), "đoạn văn của mục"),
                self,
            ),
        ]
        self.run_in.toggled.connect(lambda v: self._commit("run_in", v, "kiểu mục"))
        context.changed.connect(self._on_changed)

    def _paragraph_lines(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.paragraphs.toPlainText().splitlines() if p.strip())

    # ---------------------------------------------------------------- showing
    def section(self) -> Section | None:
        return next(
            (ns.section for ns in numbered_sections(self.context.plan) if ns.section.id == self.section_id), None
        )

    def show_section(self, section_id: int | None) -> None:
        if section_id != self.section_id:
            for saver in self.savers:
                saver.flush()  # what was typed belongs to the section shown until now
        self.section_id = section_id
        self.refresh()

    def refresh(self) -> None:
        if self.section_id is not None:
            self.section_id = self.context.ws.ids["sections"].resolve(self.section_id)
        ns = next((n for n in numbered_sections(self.context.plan) if n.section.id == self.section_id), None)
        self.setEnabled(ns is not None)
        for w in (self.heading, self.run_in, self.paragraphs):
            w.blockSignals(True)
        try:
            if ns is None:
                self.label.setText("")
                self.heading.clear()
                self.paragraphs.clear()
                return
            self.label.setText(f"Mục {ns.label}".strip() if ns.label else "Mục (không đánh số)")
            if self.heading.text().strip() != ns.section.heading:
                self.heading.setText(ns.section.heading)
            self.run_in.setChecked(ns.section.run_in)
            if self._paragraph_lines() != ns.section.paragraphs:
                self.paragraphs.setPlainText("\n".join(ns.section.paragraphs))
        finally:
            for w in (self.heading, self.run_in, self.paragraphs):
                w.blockSignals(False)

    def _on_changed(self, changes: Changes) -> None:
        if self.context.mine(changes) and changes.touches(Part.SECTIONS):
            self.refresh()

    def focus_field(self, field: str, index: int | None = None) -> None:
        if field == "paragraphs":
            self.paragraphs.setFocus()
            if index is not None:
                block = self.paragraphs.document().findBlockByNumber(index)
                cursor = self.paragraphs.textCursor()
                cursor.setPosition(block.position())
                self.paragraphs.setTextCursor(cursor)
        else:
            self.heading.setFocus()

    # ---------------------------------------------------------------- edits
    def _commit(self, field: str, new, label: str) -> None:
        s = self.section()
        if s is None or s.id is None or getattr(s, field) == new:
            return
        self.context.run(rows.set_fields, rows.SECTIONS, s.id, label=f"Sửa {label}", **{field: new})

    def _where(self, section_id: int) -> tuple[int | None, int, int]:
        """(parent id, position, number of siblings) of a section in the plan as loaded."""

        def walk(sections: tuple[Section, ...], parent: int | None):
            for i, s in enumerate(sections):
                if s.id == section_id:
                    return parent, i, len(sections)
                found = walk(s.sections, s.id)
                if found:
                    return found
            return None

        found = walk(self.context.plan.sections, None)
        if found is None:
            raise LookupError(section_id)
        return found

    def add(self, child: bool) -> None:
        if self.section_id is None:
            return
        parent: int | None
        position: int | None
        if child:
            parent, position, text = self.section_id, None, "Thêm mục con"
        else:
            parent, pos, _ = self._where(self.section_id)
            position, text = pos + 1, "Thêm mục"
        plan_id = self.context.plan_id
        done = self.context.run(rows.insert, rows.SECTIONS, plan_id, [Section()], parent, position, label=text)
        if done is not None and done.created is not None:
            self.navigate.emit(done.created)
            self.heading.setFocus()

    def delete(self) -> None:
        if self.section_id is None:
            return
        parent, pos, n = self._where(self.section_id)
        siblings = self._siblings(parent)
        after = siblings[pos + 1] if pos + 1 < n else (siblings[pos - 1] if pos > 0 else parent)
        if self.context.run(rows.remove, rows.SECTIONS, [self.section_id], label="Xóa mục"):
            self.navigate.emit(after)

    def _siblings(self, parent: int | None) -> list[int | None]:
        if parent is None:
            return [s.id for s in self.context.plan.sections]
        for _, s in iter_sections(self.context.plan.sections):
            if s.id == parent:
                return [c.id for c in s.sections]
        return []

    def move_by(self, delta: int) -> None:
        if self.section_id is not None:
            self._moved(self.context.run(rows.move_by, rows.SECTIONS, self.section_id, delta, label="Di chuyển mục"))

    def indent(self, inward: bool) -> None:
        if self.section_id is not None:
            op = rows.indent if inward else rows.outdent
            self._moved(self.context.run(op, rows.SECTIONS, self.section_id, label="Lùi vào" if inward else "Lùi ra"))

    def _moved(self, done: Changes | None) -> None:
        if done is not None and not done.empty:
            self.navigate.emit(self.section_id)
