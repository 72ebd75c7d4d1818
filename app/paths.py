"""Where things live: the data folder, the database, bundled resources (source or bundle)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "KeHoachCCHC"
DB_NAME = "kehoach.db"
ENV_DATA_DIR = "KEHOACH_DATA_DIR"


def resource_dir() -> Path:
    """resources/ next to the code, or inside a PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data folder (platformdirs), or $KEHOACH_DATA_DIR when set."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_db_path() -> Path:
    return data_dir() / DB_NAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"
