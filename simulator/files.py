"""Writing a file atomically: a temporary file beside it, then a rename, so a reader never
sees half a file and nothing half-written is left behind."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class WriteError(OSError):
    """The file cannot be written; the message is one line naming it."""


def write_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    if path.is_dir():
        raise WriteError(f"{path}: is a folder; give a file name")
    if not overwrite and path.exists():
        raise WriteError(f"{path}: already exists; not overwriting it")
    if not path.parent.is_dir():
        raise WriteError(f"{path}: folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with tmp.open("x", encoding="utf-8") as handle:
            handle.write(text)
        _place(tmp, path, overwrite=overwrite)
    except FileExistsError:
        raise WriteError(f"{path}: already exists; not overwriting it") from None
    except OSError as exc:
        raise WriteError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def _place(tmp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    # A hard link fails if the name appeared meanwhile, so a file is never overwritten.
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
