"""Windows and dialogs that fit the screen they open on (1280×720 at 150 % leaves 853×480 points)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

MARGIN = 8  # keep the frame and the title bar on screen


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget) -> None:
    """Shrink a window larger than the available screen area and move it back onto it."""
    area = available(widget)
    frame = widget.frameGeometry()
    extra_w = max(0, frame.width() - widget.width())
    extra_h = max(0, frame.height() - widget.height())
    width = min(widget.width(), area.width() - extra_w - 2 * MARGIN)
    height = min(widget.height(), area.height() - extra_h - 2 * MARGIN)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(max(width, 200), max(height, 150))
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        widget.move(x, y)


def size_for(widget: QWidget, chars: int, lines: int) -> None:
    """A size in characters and lines of the widget's font, no larger than the screen."""
    fm = widget.fontMetrics()
    area = available(widget)
    widget.resize(
        min(fm.averageCharWidth() * chars, area.width() - 4 * MARGIN),
        min(fm.lineSpacing() * lines, area.height() - 8 * MARGIN),
    )


class Dialog(QDialog):
    """A dialog that opens within the screen, whatever the scaling."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        fit_to_screen(self)
