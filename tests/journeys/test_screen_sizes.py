"""Every window and dialog fits the screen at 1280×720, and at 1280×720 with 150 % scaling
(853×480 points): nothing opens larger than the screen or off it, the import dialog included
once a wide table is loaded, and the tracking table keeps a readable task column."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREEN = {"screens": [{"name": "s0", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "dpr": 1.0}]}


def open_everything(tmp_path: Path, scale: str) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", KEHOACH_DATA_DIR=str(data))
    if scale != "1":
        env["QT_SCALE_FACTOR"] = scale
    r = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "journeys" / "screen_fit.py"), str(data)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scale", ["1", "1.5"], ids=["1280x720", "1280x720-150%"])
def test_every_window_fits_the_screen(tmp_path, scale):
    seen = open_everything(tmp_path, scale)
    sx, sy, sw, sh = seen["screen"]
    assert (sw, sh) == ((1280, 720) if scale == "1" else (853, 480))
    outside = {
        name: (x, y, w, h)
        for name, (x, y, w, h) in seen["windows"].items()
        if x < sx or y < sy or x + w > sx + sw or y + h > sy + sh
    }
    assert not outside, f"larger than or off the {sw}×{sh} screen: {outside}"
    assert set(seen["windows"]) >= {
        "main",
        "new_plan",
        "export",
        "print",
        "backups",
        "settings",
        "report",
        "import_loaded",
        "done",
        "issue",
        "compare",
        "viewer",
    }
    assert not seen["still_open"]


def test_tracking_task_column_is_readable_at_1280(tmp_path):
    seen = open_everything(tmp_path, "1")
    assert seen["task_column"] >= seen["char"] * 25, seen
