"""A person at the window: finds what she sees by its label and acts with the mouse and keyboard.

Every click and every key command is counted (typing text is not), so a journey can assert the
budget of ../shared/docs/journeys.md. Nothing here calls an editor's method: widgets are driven
with QTest events on the rectangles a person would aim at, the real clipboard and the buttons of
dialogs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QListWidget,
    QMenu,
    QMenuBar,
    QRadioButton,
    QTreeWidget,
    QWidget,
)

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def plain(text: str) -> str:
    """A label as read on screen: without '&' mnemonics, spaces squeezed."""
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


@dataclass
class Person:
    """chị Lan: `actions` counts her clicks and key commands; `log` says what they were."""

    qtbot: object
    window: QWidget
    actions: int = 0
    log: list[str] = field(default_factory=list)

    def _count(self, what: str) -> None:
        self.actions += 1
        self.log.append(what)

    def settle(self) -> None:
        """Let the event loop run, as it does between two things a person does (queued commits,
        a dialog becoming active). A window manager gives the activation back to the window on top
        when a popup or a dialog closes; the offscreen platform does not, so it is done here."""
        for _ in range(3):
            QApplication.processEvents()
        active = QApplication.activeWindow()
        if active is None or not active.isVisible():
            top = QApplication.activeModalWidget() or self.top_windows()[-1]
            top.activateWindow()
            for _ in range(3):
                QApplication.processEvents()

    # ---------------------------------------------------------------- finding what she sees
    def top_windows(self) -> list[QWidget]:
        """The main window and every dialog shown, the newest (last shown) last."""
        out = [w for w in QApplication.topLevelWidgets() if visible(w) and not isinstance(w, QMenu)]
        return sorted(out, key=lambda w: (w is not self.window, isinstance(w, QDialog)))

    def dialog(self, title: str | None = None) -> QDialog:
        """The dialog on top (with this window title, when given)."""
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and visible(w) and (title is None or plain(w.windowTitle()) == title)
        ]
        assert found, f"no dialog «{title}» on screen: {[plain(w.windowTitle()) for w in self.top_windows()]}"
        modal = QApplication.activeModalWidget()
        return modal if modal in found else found[-1]  # type: ignore[return-value]

    def button(self, text: str, within: QWidget | None = None) -> QAbstractButton:
        """A visible, enabled button (push or tool button) showing exactly this label."""
        roots = [within] if within is not None else list(reversed(self.top_windows()))
        for root in roots:
            for b in root.findChildren(QAbstractButton):
                if visible(b) and plain(b.text()) == text:
                    assert b.isEnabled(), f"button «{text}» is greyed out"
                    return b
        seen = sorted({plain(b.text()) for r in roots for b in r.findChildren(QAbstractButton) if visible(b)})
        raise AssertionError(f"no button «{text}» on screen; buttons: {seen}")

    def widget(self, cls: type, within: QWidget | None = None, where: Callable[[QWidget], bool] | None = None):
        """The visible widget of a class (the largest, when there are several)."""
        root = within or self.window
        found = [w for w in root.findChildren(cls) if visible(w) and (where is None or where(w))]
        assert found, f"no visible {cls.__name__}"
        return max(found, key=lambda w: w.width() * w.height())

    def outline(self) -> QTreeWidget:
        return self.widget(QTreeWidget, where=lambda w: w.topLevelItemCount() > 3)

    # ---------------------------------------------------------------- mouse
    def click(self, target: QWidget | str, within: QWidget | None = None) -> None:
        """Click a widget, or the button with this label."""
        w = self.button(target, within) if isinstance(target, str) else target
        self._count(f"click {plain(getattr(w, 'text', lambda: '')()) or type(w).__name__}")
        QTest.mouseClick(w, LEFT, NO_MOD, _aim(w))
        self.settle()

    def click_outline(self, starts_with: str) -> None:
        """Click the outline entry whose label starts with this text."""
        tree = self.outline()
        item = next(
            (i for i in _tree_items(tree) if plain(i.text(0)).startswith(starts_with)),
            None,
        )
        assert item is not None, f"no outline entry «{starts_with}…»: {[i.text(0) for i in _tree_items(tree)]}"
        tree.scrollToItem(item)
        rect = tree.visualItemRect(item)
        self._count(f"click outline {starts_with}")
        QTest.mouseClick(tree.viewport(), LEFT, NO_MOD, rect.center())
        self.settle()

    def click_cell(
        self, view: QAbstractItemView, row: int, column: int, modifiers=NO_MOD, double: bool = False
    ) -> None:
        index = view.model().index(row, column)
        view.scrollTo(index)
        rect = view.visualRect(index)
        assert rect.isValid() and not rect.isEmpty(), f"cell ({row}, {column}) is not on screen"
        point = QPoint(rect.left() + min(12, rect.width() // 2), rect.top() + min(8, rect.height() // 2))
        self._count(f"{'double-' if double else ''}click cell {row},{column}")
        if double:
            # A double click is a press/release then a double-click event, as Qt gets it from the system.
            QTest.mouseClick(view.viewport(), LEFT, modifiers, point)
            QTest.mouseDClick(view.viewport(), LEFT, modifiers, point)
        else:
            QTest.mouseClick(view.viewport(), LEFT, modifiers, point)
        self.settle()

    def click_list_item(self, view: QListWidget, row: int, double: bool = False) -> None:
        item = view.item(row)
        view.scrollToItem(item)
        rect = view.visualItemRect(item)
        self._count(f"{'double-' if double else ''}click list item {row}")
        QTest.mouseClick(view.viewport(), LEFT, NO_MOD, rect.center())
        if double:
            QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, rect.center())
        self.settle()

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open a drop-down list with a click, go to the entry showing this text with the arrow keys
        and take it with Enter. (A click on the entry would do, but Qt ignores a click that comes
        sooner than a double-click interval after the list opened.)"""
        row = combo.findText(text)
        assert row >= 0, f"no «{text}» in the list: {[combo.itemText(i) for i in range(combo.count())]}"
        if not combo.view().isVisible():
            self.click(combo)
        view = combo.view()
        assert view.isVisible(), "the list did not open"
        self._count(f"choose {text}")
        current = view.currentIndex().row()
        key = Qt.Key.Key_Down if row > current else Qt.Key.Key_Up
        for _ in range(abs(row - current)):
            QTest.keyClick(view, key)
        QTest.keyClick(view, Qt.Key.Key_Return)
        shown = combo.currentText()  # before the events run: a cell editor closes when chosen
        self.settle()
        assert shown == text, f"chose «{text}», the list shows «{shown}»"

    def click_link(self, label: QLabel) -> None:
        """Click the link of a label: the pointer is moved over it until it turns into a hand."""
        hovered: list[str] = []
        label.linkHovered.connect(hovered.append)
        step = max(4, label.fontMetrics().averageCharWidth())
        rect = label.contentsRect()
        try:
            for y in range(rect.top() + 2, rect.bottom(), max(4, label.fontMetrics().height() // 2)):
                for x in range(rect.left() + 2, rect.right(), step):
                    QTest.mouseMove(label, QPoint(x, y))
                    if hovered and hovered[-1]:
                        self._count(f"click link {hovered[-1]}")
                        QTest.mouseClick(label, LEFT, NO_MOD, QPoint(x, y))
                        self.settle()
                        return
        finally:
            label.linkHovered.disconnect(hovered.append)
        raise AssertionError(f"no link in «{label.text()}»")

    def choose_in_open_list(self, text: str) -> None:
        """Click an entry of the drop-down list that is open (a combo box's popup)."""
        from PySide6.QtWidgets import QListView

        popup = QApplication.focusWidget()
        assert isinstance(popup, QListView), f"no drop-down list is open ({popup})"
        model = popup.model()
        row = next((r for r in range(model.rowCount()) if model.index(r, 0).data() == text), None)
        assert row is not None, f"no «{text}» in the list"
        rect = popup.visualRect(model.index(row, 0))
        self._count(f"choose {text}")
        QTest.mouseClick(popup.viewport(), LEFT, NO_MOD, rect.center())
        self.settle()

    def drag_row(self, view: QAbstractItemView, row: int, to_row: int) -> None:
        """Press on a row, move to another and release: Qt's drag of a row inside a view."""
        src = view.visualRect(view.model().index(row, 1)).center()
        dst_rect = view.visualRect(view.model().index(to_row, 1))
        dst = QPoint(dst_rect.center().x(), dst_rect.top() + 2)
        self._count(f"drag row {row} to {to_row}")
        _drag_internal(view, src, dst)
        self.settle()

    def drop_files(self, target: QWidget, paths: Iterable[str], at: QPoint | None = None) -> None:
        """Files dropped from the file manager onto a widget."""
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        pos = at or target.rect().center()
        self._count("drop files")
        _drop(target, mime, pos)
        self.settle()

    # ---------------------------------------------------------------- keyboard
    def press(self, key: Qt.Key, modifiers=NO_MOD, widget: QWidget | None = None) -> None:
        """One key command (Ctrl+V, F7, Delete, Tab …) to the focused widget."""
        target = widget or QApplication.focusWidget() or self.window
        self._count(f"key {QTest_key_name(key, modifiers)}")
        QTest.keyClick(target, key, modifiers)
        self.settle()

    def type(self, text: str, widget: QWidget | None = None) -> None:
        """Type text where the cursor is, as Unikey delivers it (not counted).

        ASCII goes as ordinary key presses; a Vietnamese letter arrives as a key event with
        key()==0 carrying the composed character, which is what Unikey/EVKey send on Windows.
        """
        for ch in text:
            target = widget or QApplication.focusWidget() or self.window
            if ch == "\n":
                QTest.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
            elif ch.isascii() and ch.isprintable():
                QTest.keyClick(target, ch)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, 0, NO_MOD, ch))

    def select_all(self, widget: QWidget | None = None) -> None:
        """Ctrl+A in the field being typed in: what she types next replaces its text."""
        self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, widget)

    # ---------------------------------------------------------------- undo
    def undo(self) -> None:
        self.click("Hoàn tác")

    def redo(self) -> None:
        self.click("Làm lại")

    def undo_text(self) -> str:
        """What the "Hoàn tác" button says it will undo (its tooltip), '' when there is nothing."""
        tip = self.button("Hoàn tác").toolTip() if self.can_undo() else ""
        return tip.removeprefix("Hoàn tác: ").removesuffix(" (Ctrl+Z)") if tip.startswith("Hoàn tác: ") else ""

    def can_undo(self) -> bool:
        return self._tool_button("Hoàn tác").isEnabled()

    def can_redo(self) -> bool:
        return self._tool_button("Làm lại").isEnabled()

    def _tool_button(self, text: str) -> QAbstractButton:
        found = [b for b in self.window.findChildren(QAbstractButton) if visible(b) and plain(b.text()) == text]
        assert found, f"no button «{text}»"
        return found[0]

    # ---------------------------------------------------------------- menus and dialogs
    def menu(self, *path: str) -> None:
        """Open a menu of the menu bar and click an entry: one click each."""
        bar = self.window.findChild(QMenuBar)
        assert bar is not None
        action = next((a for a in bar.actions() if plain(a.text()) == path[0]), None)
        assert action is not None, f"no menu «{path[0]}»"
        self._count(f"menu {path[0]}")
        QTest.mouseClick(bar, LEFT, NO_MOD, bar.actionGeometry(action).center())
        menu = action.menu()
        for name in path[1:]:
            assert menu is not None and menu.isVisible(), f"menu «{path[0]}» did not open"
            item = next((a for a in menu.actions() if plain(a.text()) == name), None)
            assert item is not None, f"no entry «{name}» in «{path[0]}»: {[plain(a.text()) for a in menu.actions()]}"
            self._count(f"menu entry {name}")
            QTest.mouseClick(menu, LEFT, NO_MOD, menu.actionGeometry(item).center())
            self.settle()
            menu = item.menu()

    def when_asked(self, button: str, then: Callable[[QDialog], None] | None = None) -> None:
        """Answer the next modal dialog (a message box opened with exec()) by clicking a button."""

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if box is None:
                QTimer.singleShot(20, answer)
                return
            assert isinstance(box, QDialog)
            if then is not None:
                then(box)
            self.click(button, within=box)

        QTimer.singleShot(0, answer)


def QTest_key_name(key: Qt.Key, modifiers) -> str:  # noqa: N802 (reads like the Qt call it names)
    from PySide6.QtGui import QKeySequence

    return QKeySequence(int(modifiers.value if hasattr(modifiers, "value") else modifiers) | int(key.value)).toString()


def _aim(w: QWidget) -> QPoint:
    """Where a person clicks a widget: a tick box or a round button on its box (the widget may be
    stretched far wider than its label), anything else in the middle."""
    if isinstance(w, QCheckBox | QRadioButton):
        return QPoint(min(w.height() // 2, w.width() // 2), w.height() // 2)
    return w.rect().center()


def _tree_items(tree: QTreeWidget):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        yield item
        stack[0:0] = [item.child(i) for i in range(item.childCount())]


def _drag_internal(view: QAbstractItemView, src: QPoint, dst: QPoint) -> None:
    """Qt starts a drag with QDrag.exec(), a nested loop that reads the real mouse; offscreen there
    is none, so deliver what a drop onto the viewport would: the view's own mime data for the
    pressed row, dropped at the destination."""
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, src)
    index = view.indexAt(src)
    mime = view.model().mimeData([index])
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, src)
    _drop(view.viewport(), mime, dst, source=view)


def _drop(target: QWidget, mime: QMimeData, pos: QPoint, source: QWidget | None = None) -> None:
    import warnings

    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent

    action = Qt.DropAction.MoveAction if source is not None else Qt.DropAction.CopyAction
    actions = action | Qt.DropAction.CopyAction
    with warnings.catch_warnings():  # PySide6 marks the QPoint constructors deprecated; Qt has no other
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos, actions, mime, LEFT, NO_MOD)
        move = QDragMoveEvent(pos, actions, mime, LEFT, NO_MOD)
    QApplication.sendEvent(target, enter)
    QApplication.sendEvent(target, move)
    assert move.isAccepted(), "the drop is refused here"
    drop = QDropEvent(pos.toPointF(), actions, mime, LEFT, NO_MOD)
    QApplication.sendEvent(target, drop)
