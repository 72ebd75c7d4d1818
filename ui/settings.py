"""Every window preference declared once with its default; stored in an .ini file in the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.paths import Paths

DEFAULTS: dict[str, object] = {
    "agency/agency": "",
    "agency/parent": "",
    "agency/province": "",
    "agency/place": "",
    "agency/chairman": "",
    "export/folder": "",
    "new/template": "ward-annual",
    "export/formats": "docx,pdf,xlsx",
    "export/pdfa": False,  # the PDF as PDF/A-2b ("PDF/A (lưu trữ lâu dài)")
    "window/geometry": None,
    "window/splitter_left": None,
    "window/splitter_main": None,
    "window/state": None,
}


class Settings:
    """Typed access to the preferences; plans themselves live in SQLite, never here."""

    def __init__(self, path: Path | None = None):
        path = path or Paths.default().settings
        self.q = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str):
        default = DEFAULTS[key]
        value = self.q.value(key, default)
        if isinstance(default, bool):  # an .ini file gives "true"/"false" back as text
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        if isinstance(default, str):
            return str(value) if value is not None else default
        return value

    def set(self, key: str, value) -> None:
        assert key in DEFAULTS, key
        self.q.setValue(key, value)

    def sync(self) -> None:
        self.q.sync()
