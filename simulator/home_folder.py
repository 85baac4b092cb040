"""mockloop's folder (MOCKLOOP_HOME) must be a folder it can write in; else one line says
which path is wrong and what to do, before anything is read or written there."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

MOVE_HOME = "point MOCKLOOP_HOME at a folder you can write to"


class HomeError(OSError):
    """mockloop's folder cannot be used; the message is one line naming the path."""


def usable_home(path: Path) -> Path:
    """`path`, created if missing, once it is known to be a writable folder.

    Checked once per path and process: every command reaches it many times."""
    if path not in _checked:
        _check(path)
        _checked.add(path)
    return path


_checked: set[Path] = set()


def _check(path: Path) -> None:
    # Looking at the path fails too, when a name in it is longer than the file system takes.
    try:
        if path.is_symlink() and not path.exists():
            target = os.readlink(path)
            raise HomeError(
                f"{path}: mockloop's folder is a link to {target}, which does not exist; "
                f"create that folder or {MOVE_HOME}"
            )
        if path.exists() and not path.is_dir():
            raise HomeError(
                f"{path}: mockloop's folder is {_kind(path)}, not a folder; {MOVE_HOME}"
            )
        path.mkdir(parents=True, exist_ok=True)
        probe_writable(path)
    except HomeError:
        raise
    except OSError as exc:
        raise home_problem(path, exc) from None


def probe_writable(folder: Path) -> None:
    """Create and remove a file in `folder`: the only test that holds for root and for
    read-only or full file systems alike."""
    with tempfile.TemporaryFile(dir=folder, prefix=".mockloop-probe-"):
        pass


def home_problem(path: Path, exc: OSError) -> HomeError:
    """One line for an OS error met in mockloop's folder: read-only, full, or else."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return HomeError(f"{path}: mockloop's folder is read-only; make it writable or {MOVE_HOME}")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return HomeError(
            f"{path}: no space left on the disk holding mockloop's folder; free some space or "
            f"{MOVE_HOME}"
        )
    if exc.errno == errno.ENOTDIR:
        return HomeError(f"{path}: part of this path is a file, not a folder; {MOVE_HOME}")
    if exc.errno == errno.ENAMETOOLONG:
        return HomeError(f"{path}: the name is too long for the file system; {MOVE_HOME}")
    return HomeError(f"{path}: mockloop's folder cannot be used ({exc.strerror}); {MOVE_HOME}")


def _kind(path: Path) -> str:
    mode = path.stat().st_mode
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file"


def disk_problem(exc: BaseException) -> HomeError | None:
    """A full, read-only or vanished disk met mid-command (by SQLite or a file write) as one
    line naming mockloop's folder; None for any other error."""
    import sqlite3

    from simulator.paths import home_path

    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc)
        if "disk is full" in text:
            return home_problem(home_path(), OSError(errno.ENOSPC, "disk full"))
        if "readonly database" in text:
            return home_problem(home_path(), OSError(errno.EROFS, "read-only"))
        return None
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return home_problem(Path(exc.filename) if exc.filename else home_path(), exc)
    return None
