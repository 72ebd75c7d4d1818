"""Where things live: the data folder and everything in it, bundled resources (source or bundle).

The one place that names the files of the data folder; everything else asks a `Paths`."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "KeHoachCCHC"
DB_NAME = "kehoach.db"
ENV_DATA_DIR = "KEHOACH_DATA_DIR"
BACKUPS_DIR = "backups"
EVIDENCE_DIR = "evidence"  # evidence/<plan id>/<file>: the copies of evidence files
LOG_NAME = "kehoach.log"
SETTINGS_NAME = "settings.ini"


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
    return db_path.parent / BACKUPS_DIR


@dataclass(frozen=True)
class Paths:
    """Every place of the data folder, derived from the database file once."""

    db: Path

    @property
    def folder(self) -> Path:
        return self.db.parent

    @property
    def backups(self) -> Path:
        return backups_dir(self.db)

    @property
    def evidence(self) -> Path:
        return self.folder / EVIDENCE_DIR

    @property
    def log(self) -> Path:
        return self.folder / LOG_NAME

    @property
    def settings(self) -> Path:
        return self.folder / SETTINGS_NAME

    @property
    def lock(self) -> Path:
        return self.folder / (self.db.name + ".lock")

    @classmethod
    def default(cls) -> Paths:
        """The user's data folder (platformdirs), or $KEHOACH_DATA_DIR."""
        return cls(data_dir() / DB_NAME)
