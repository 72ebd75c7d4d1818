"""Draw the application icon: resources/icons/kehoach.png (256 px) and kehoach.ico (256/48/32/16 px).

A white document with a few text lines on a calm-blue rounded square, and a red seal with a yellow
check mark (the colours of the national flag). Drawn with Qt (offscreen, no Pillow needed), so the
icon is reproducible from source:

    python packaging/make_icon.py

The .ico is written by hand: a standard ICONDIR with one PNG-compressed entry per size, which Windows
(Vista and later), PyInstaller and Inno Setup all read.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
ICO_SIZES = (256, 48, 32, 16)

BLUE = QColor("#1d5fa8")
BLUE_DARK = QColor("#164a84")
PAPER = QColor("#ffffff")
FOLD = QColor("#cfdcec")
LINE = QColor("#8aa5c6")
RED = QColor("#da251d")  # flag red
YELLOW = QColor("#ffdd00")  # flag yellow


def draw(size: int) -> QImage:
    """The icon at `size` px, drawn on a 256-unit canvas; small sizes drop detail so they stay crisp."""
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    small = size <= 32

    # Background: rounded square.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.setBrush(BLUE_DARK)
    bottom = QPainterPath()
    bottom.addRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    band = QPainterPath()
    band.addRect(QRectF(8, 200, 240, 48))
    p.drawPath(bottom.intersected(band))

    # The document, with a folded corner.
    doc = QPainterPath()
    left, top, right, foot, fold = 56.0, 34.0, 184.0, 222.0, 40.0
    doc.moveTo(left, top)
    doc.lineTo(right - fold, top)
    doc.lineTo(right, top + fold)
    doc.lineTo(right, foot)
    doc.lineTo(left, foot)
    doc.closeSubpath()
    p.setBrush(PAPER)
    p.drawPath(doc)
    corner = QPainterPath()
    corner.moveTo(right - fold, top)
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(FOLD)
    p.drawPath(corner)

    # Text lines: a centred title, then body lines.
    pen = QPen(LINE, 18 if small else 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    if small:
        for y in (92, 132):
            p.drawLine(QPointF(78, y), QPointF(162, y))
    else:
        p.drawLine(QPointF(78, 58), QPointF(124, 58))
        p.drawLine(QPointF(78, 96), QPointF(162, 96))
        for y, end in ((124, 162), (152, 150), (180, 118)):
            p.drawLine(QPointF(78, y), QPointF(end, y))

    # The seal: a red disc with a yellow check mark.
    cx, cy, r = 178.0, 178.0, 60.0 if small else 54.0
    p.setPen(QPen(PAPER, 12 if small else 8))
    p.setBrush(RED)
    p.drawEllipse(QPointF(cx, cy), r, r)
    check = QPainterPath()
    check.moveTo(cx - 0.52 * r, cy + 0.02 * r)
    check.lineTo(cx - 0.14 * r, cy + 0.40 * r)
    check.lineTo(cx + 0.52 * r, cy - 0.34 * r)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(YELLOW, 0.26 * r, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.drawPath(check)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """ICONDIR + ICONDIRENTRY per size + PNG payloads (a width/height byte of 0 means 256)."""
    sizes = sorted(images, reverse=True)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for s in sizes:
        data = images[s]
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = {s: png_bytes(draw(s)) for s in ICO_SIZES}
    (OUT / "kehoach.png").write_bytes(pngs[256])
    (OUT / "kehoach.ico").write_bytes(ico_bytes(pngs))
    for name in ("kehoach.png", "kehoach.ico"):
        print(f"{OUT / name}  {(OUT / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
