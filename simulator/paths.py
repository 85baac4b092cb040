"""Where mockloop keeps its data: one folder, moved as a whole by MOCKLOOP_HOME."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    """The user's mockloop folder (created on first use)."""
    override = os.environ.get("MOCKLOOP_HOME")
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("mockloop", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return home() / "mockloop.db"


def checkpoints_path() -> Path:
    return home() / "checkpoints.db"


def shipped_dir(name: str) -> Path:
    """A shipped content folder: inside the wheel, or at the repository root when run from a
    checkout (editable install)."""
    packaged = PACKAGE_DIR / "content" / "data" / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / name


def user_dir(name: str) -> Path:
    """The user's own content folder for `name` (briefs, personas) under MOCKLOOP_HOME."""
    return home() / name
