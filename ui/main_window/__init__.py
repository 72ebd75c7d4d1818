"""The main window: plan list, outline, the editor stack, docks and menus."""

from ui.main_window.window import MainWindow

__all__ = ["MainWindow"]
