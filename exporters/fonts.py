"""The serif faces for the PDF and for text measurement: Times New Roman when the system has
it (Windows), otherwise the bundled, metric-compatible Liberation Serif (SIL OFL)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.paths import resource_dir

STYLES = ("regular", "bold", "italic", "bolditalic")
_LIBERATION = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}
_TIMES = {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bolditalic": "timesbi.ttf"}


@dataclass(frozen=True)
class FontFamily:
    name: str  # the family as it will appear in the PDF
    files: dict[str, Path]


def _windows_fonts_dir() -> Path | None:
    if sys.platform != "win32":
        return None
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


@lru_cache(maxsize=1)
def serif_family() -> FontFamily:
    win = _windows_fonts_dir()
    if win is not None:
        files = {s: win / f for s, f in _TIMES.items()}
        if all(p.is_file() for p in files.values()):
            return FontFamily("TimesNewRoman", files)
    base = resource_dir() / "fonts"
    return FontFamily("LiberationSerif", {s: base / f for s, f in _LIBERATION.items()})
