"""Start the window: the store, the sample plan, Qt's Vietnamese translation, bundled fonts, smoke mode."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QLockFile, QObject, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import DatabaseLocked, UserError
from app.ops import backups, directory, plans
from app.paths import Paths, default_db_path, resource_dir
from app.workspace import (
    Workspace,
    data_file_problem,
    data_folder_problem,
    is_locked,
    open_checked_workspace,
)

_IMPORTED_AT = time.perf_counter()


def _process_age_ms() -> float:
    """Milliseconds since the process started (Linux /proc), else since this module was imported."""
    try:
        import os

        with open("/proc/self/stat", encoding="ascii") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000


def install_translations(app: QApplication) -> None:
    """Qt's own strings (standard dialogs, context menus) in Vietnamese.

    Qt 6 ships no qtbase_vi catalogue; if a later Qt does, it is installed and wins (installed
    last = asked first). Our own small catalogue covers the standard buttons and dialogs.
    """
    from ui.qt_vi import VietnameseQtTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    ours = VietnameseQtTranslator(app)
    app.installTranslator(ours)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load("qtbase_vi", path):
        app.installTranslator(translator)


def register_fonts() -> list[str]:
    """The bundled Liberation Serif faces, so previews match the exported documents."""
    families = []
    for ttf in sorted((resource_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


class _FirstPaint(QObject):
    """Prints the time of the window's first paint, then quits (smoke mode)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.app = app
        self.done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first paint: {_process_age_ms():.0f} ms", flush=True)
        self.app.quit()


ALREADY_OPEN = (
    "Kế hoạch CCHC đang mở trong một cửa sổ khác với cùng dữ liệu. Hãy dùng cửa sổ đó "
    "(xem trên thanh tác vụ); mở hai cửa sổ cùng lúc có thể làm mất thay đổi."
)
WAITING = "Đang chờ tệp dữ liệu được giải phóng…"
START_WAIT = 1.0  # seconds a lock held by another program is waited for before the officer is asked
RETRY_MS = 2000  # while she is asked, the file is tried again this often


def acquire_single_instance(db_path: Path) -> QLockFile | None:
    """One window per database: None when another instance really holds the lock.

    QLockFile records the process id, so a lock left by a crash (power cut) is stale and taken over.
    A lock that cannot even be written (folder read-only, disk full) is not another instance:
    that raises the UserError that says what is really wrong.
    """
    problem = data_folder_problem(db_path)
    if problem is not None:
        raise problem
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)  # only a dead owner makes it stale, never age alone
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    raise data_folder_problem(db_path) or UserError(
        f"Không tạo được tệp khóa «{db_path.name}.lock» trong thư mục dữ liệu «{db_path.parent}»; "
        "hãy kiểm tra quyền ghi của thư mục."
    )


def tell(message: str, smoke: bool, critical: bool = False) -> None:
    """A message box for the officer; in smoke mode (no one to click) a line on stderr instead."""
    if smoke:
        sys.stderr.write(message + "\n")
    elif critical:
        QMessageBox.critical(None, "Kế hoạch CCHC", message)
    else:
        QMessageBox.information(None, "Kế hoạch CCHC", message)


def wait_for_release(db_path: Path, why: str) -> bool:
    """The file is locked by another program: wait, visibly. True to try again ("Thử lại", or
    the lock went away by itself), False when she chose "Thoát"."""
    box = QMessageBox(QMessageBox.Icon.Information, "Kế hoạch CCHC", WAITING)
    box.setInformativeText(why)
    retry = box.addButton("Thử lại", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Thoát", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    timer = QTimer(box)
    timer.setInterval(RETRY_MS)
    timer.timeout.connect(lambda: None if is_locked(db_path) else retry.click())
    timer.start()
    box.exec()
    timer.stop()
    return box.clickedButton() is retry


def _open_waiting(db_path: Path, smoke: bool) -> Workspace | None:
    """Open at start; while another program holds the file, ask (never set a locked file aside)."""
    while True:
        try:
            return open_checked_workspace(db_path, START_WAIT)
        except DatabaseLocked as e:
            if smoke:
                tell(e.message, smoke)
                return None
            if not wait_for_release(db_path, e.message):
                return None


def open_data(db_path: Path, smoke: bool = False) -> Workspace | None:
    """Open the data folder; a damaged file is set aside and the newest good backup offered.
    None when the file stayed locked and she chose "Thoát"."""
    ws = _open_waiting(db_path, smoke)
    recovery = ws.recovery if ws is not None else None
    if ws is None or recovery is None:
        return ws
    if smoke:
        tell(recovery.message, smoke)
        return ws
    box = QMessageBox(QMessageBox.Icon.Warning, "Kế hoạch CCHC", recovery.message)
    restore_button = None
    if recovery.newest_backup is not None:
        restore_button = box.addButton("Khôi phục bản sao lưu", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Bắt đầu với dữ liệu trống", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore_button is not None and box.clickedButton() is restore_button:
        assert recovery.newest_backup is not None
        try:
            backups.restore(ws, recovery.newest_backup)
        except UserError as e:
            tell(e.message, smoke, critical=True)
    return ws


def install_excepthook(log_path: Path) -> None:
    """A bug anywhere in the window (a slot, an event handler) is written to the log with its
    traceback and told to the officer in one short sentence; the window stays open."""
    from ui.ops import log_bug

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        message = exc.message if isinstance(exc, UserError) else log_bug(exc.with_traceback(tb), log_path)
        app = QApplication.instance()
        if app is None:
            sys.stderr.write(message + "\n")
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Kế hoạch CCHC", message, QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
        app.setProperty("last_error", message)
        hook.box = box  # type: ignore[attr-defined]  # keep the box alive while it is shown
        box.open()

    sys.excepthook = hook


def prepare_application(app: QApplication) -> None:
    """Name, icon, Qt's own strings in Vietnamese and the bundled fonts (once per process)."""
    app.setApplicationName("Kế hoạch CCHC")
    app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "kehoach.png")))
    install_translations(app)
    register_fonts()


def open_window(db_path: Path, smoke: bool = False):
    """The window on a data file, as a double-click on the icon opens it (the sample plan when
    empty); None when the file stayed locked by another program and she chose "Thoát".

    A daily backup that fails (disk full, backups folder read-only) never stops the start: it is
    a warning in the status bar, as is a data file that cannot be written."""
    ws = open_data(db_path, smoke)
    if ws is None:
        return None
    try:
        plan_id = plans.ensure_sample_plan(ws)
        directory.ensure_defaults(ws)
    except BaseException:
        ws.close()
        raise
    warning = _start_warning(ws)
    from ui.main_window import MainWindow

    window = MainWindow(ws, plan_id)
    window.start_warning = warning
    if warning:
        window.statusBar().showMessage(warning)
    return window


def _start_warning(ws: Workspace) -> str:
    """What the officer should know at start but need not stop for."""
    warnings = []
    problem = data_file_problem(ws.paths.db)
    if problem is not None:
        warnings.append(problem.message)
    try:
        ws.db.daily_backup()
    except UserError as e:
        warnings.append(f"Chưa sao lưu tự động được hôm nay. {e.message}")
    return " ".join(warnings)


def run_window(db: Path | None, smoke: bool) -> int:
    from ui.refcount_guard import guard_singletons

    guard_singletons()  # PySide6 6.12 on Python 3.11: see ui/refcount_guard.py
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    prepare_application(app)
    db_path = Path(db) if db else default_db_path()
    install_excepthook(Paths(db_path).log)
    try:
        lock = acquire_single_instance(db_path)
    except UserError as e:
        tell(e.message, smoke, critical=True)
        return 1
    if lock is None:
        tell(ALREADY_OPEN, smoke)
        return 1
    try:
        window = open_window(db_path, smoke)
    except UserError as e:
        tell(e.message, smoke, critical=True)
        lock.unlock()
        return 1
    if window is None:
        lock.unlock()
        return 1
    if smoke:
        watcher = _FirstPaint(app)
        window.installEventFilter(watcher)
        QTimer.singleShot(5000, app.quit)  # never hang a smoke run
    window.show()
    try:
        code = app.exec()
    finally:
        window.runner.ws.close()
        lock.unlock()
    return 0 if smoke else code
