"""The serif faces: Times New Roman when the system has it (Windows), else the bundled Liberation Serif."""

# Liberation Serif (SIL OFL) is metric-compatible with Times New Roman: the PDF draws with
# these faces and the DOCX and XLSX writers measure text with them.

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
_SUFFIXES = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bolditalic": "-BoldItalic"}  # reportlab names


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


@lru_cache(maxsize=1)
def reportlab_faces() -> dict[str, str]:
    """reportlab's names of the four serif faces by style, registered once per process for every
    writer (the PDF draws with them, the DOCX and XLSX writers measure text with them) and as one
    family, so that <b> and <i> in PDF markup pick the real faces."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    family = serif_family()
    names = {style: family.name + suffix for style, suffix in _SUFFIXES.items()}
    # Not pdfmetrics.getFont(name) to ask: for a name it does not know, it parses every Type 1
    # metrics file on the disk (about a second on a machine with LibreOffice's fonts).
    registered = set(pdfmetrics.getRegisteredFontNames())
    for style, name in names.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(family.files[style])))
    pdfmetrics.registerFontFamily(
        family.name,
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bolditalic"],
    )
    return names
