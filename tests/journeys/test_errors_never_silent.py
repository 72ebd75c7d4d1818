"""A bug is never silent: an exception raised inside a slot fails the test that caused it, and in
the app it is written to kehoach.log and told to the officer in one short Vietnamese sentence."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

pytest_plugins = ["pytester"]

SLOT_RAISES = """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton


def test_a_click_whose_slot_raises(qtbot):
    button = QPushButton("Dán")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: "".join([1]))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
"""


def test_an_exception_in_a_slot_fails_the_test(pytester):
    pytester.makepyfile(test_slot=SLOT_RAISES)
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Exceptions caught in Qt event loop*"])


def test_the_app_logs_a_bug_and_tells_the_officer(tmp_path, monkeypatch, qapp):
    from ui.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    log = tmp_path / "kehoach.log"
    install_excepthook(log)
    try:
        "".join([1])  # type: ignore[list-item]
    except TypeError:
        sys.excepthook(*sys.exc_info())
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "TypeError" in text
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert box.text().startswith("Rất tiếc, đã xảy ra lỗi ngoài dự kiến.") and str(log) in box.text()
    box.close()
