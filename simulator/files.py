"""Writing a file the user named without changing what the name is.

A regular file (or a name not taken yet) is written atomically: a temporary file beside it,
then a rename, so a reader never sees half a file and nothing half-written is left behind.
A symlink is followed and its target written the same way, so the link stays a link. A named
pipe or a character device (/dev/null, /dev/stdout, a terminal) is written to as a stream:
replacing it would turn it into a regular file, which is never what the user meant.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path


class WriteError(OSError):
    """The file cannot be written; the message is one line naming it."""


@dataclass(frozen=True)
class OutputTarget:
    """Where the text goes: the real path (symlinks followed) and how it is written."""

    path: Path
    stream: bool  # a pipe or a device: written in place, never replaced
    mode: int | None = None  # an existing regular file's permissions, kept when it is replaced


def output_target(path: Path, *, overwrite: bool) -> OutputTarget:
    """What writing to `path` would do; a WriteError (one line) when it cannot be written.

    Cheap and side-effect free, so a command can check its output paths before slow work.
    """
    try:
        info = path.stat()  # follows links, /dev/stdout's too
    except FileNotFoundError:
        if not overwrite and path.is_symlink():
            raise WriteError(f"{path}: already exists; not overwriting it") from None
        return _new_file(path)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write ({exc.strerror or exc})") from None
    kind = stat.S_IFMT(info.st_mode)
    if kind == stat.S_IFDIR:
        raise WriteError(f"{path}: is a folder; give a file name")
    if not overwrite:
        raise WriteError(f"{path}: already exists; not overwriting it")
    if kind == stat.S_IFREG:
        real = Path(os.path.realpath(path))
        return OutputTarget(real, stream=False, mode=stat.S_IMODE(info.st_mode))
    if kind in (stat.S_IFIFO, stat.S_IFCHR):
        return OutputTarget(path, stream=True)
    # A block device is a disk: writing a report onto it would destroy what is on it.
    what = {stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}.get(kind, "not a file")
    raise WriteError(f"{path}: is {what}; give a file name")


def _new_file(path: Path) -> OutputTarget:
    """A name not taken yet, or a link to one: the file is created where the link points."""
    real = Path(os.path.realpath(path))
    if real.parent.is_dir():
        return OutputTarget(real, stream=False)
    if path.is_symlink():
        raise WriteError(f"{path}: links to {real}, in a folder that does not exist")
    raise WriteError(f"{path}: folder {path.parent} does not exist")


def write_output(path: Path, text: str, *, overwrite: bool) -> None:
    """Write `text` to `path` as UTF-8: atomically for a file, as a stream for a pipe or device.

    With `overwrite=False` an existing name (file, link or anything else) is left alone.
    """
    target = output_target(path, overwrite=overwrite)
    data = text.encode("utf-8", "replace")  # a stray surrogate must not lose the whole file
    try:
        if target.stream:
            _write_stream(target.path, data)
        else:
            _write_replacing(target, data, overwrite=overwrite)
    except FileExistsError:
        raise WriteError(f"{path}: already exists; not overwriting it") from None
    except OSError as exc:
        raise WriteError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _write_stream(path: Path, data: bytes) -> None:
    # No O_CREAT and no O_TRUNC: the pipe or device is opened as it is, never made anew.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "wb", closefd=True) as handle:
        handle.write(data)


def _write_replacing(target: OutputTarget, data: bytes, *, overwrite: bool) -> None:
    tmp = target.path.with_name(f".{target.path.name}.{secrets.token_hex(4)}.part")
    try:
        with tmp.open("xb") as handle:
            handle.write(data)
        if target.mode is not None:
            os.chmod(tmp, target.mode)
        _place(tmp, target.path, overwrite=overwrite)
    finally:
        # In a read-only folder the write already failed: keep that error, not this one.
        with contextlib.suppress(OSError):
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
