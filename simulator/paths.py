"""Where mockloop keeps its data: one folder, moved as a whole by MOCKLOOP_HOME."""

from __future__ import annotations

from pathlib import Path

from simulator.home_folder import usable_home

PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    """The user's mockloop folder (created on first use; HomeError when it cannot be used)."""
    return usable_home(home_path())


def home_path() -> Path:
    """Where the user's mockloop folder is, whether or not it exists."""
    from scoring.home import user_home

    return user_home()


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
