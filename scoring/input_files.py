"""Reading a file the user named: a transcript, answers, a brief, a rubric, ratings, notes.

Regular files only: a named pipe would block the read forever and a device such as /dev/zero
never ends, so both are refused before they are opened for reading. A symlink is followed
and what it points to is checked the same way. The size is checked before reading, and the
read itself stops one byte past the limit, so a file that grows meanwhile is still refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MB = 1024 * 1024

_NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


class InputFileError(ValueError):
    """The file cannot be read; ``problem`` says why, the message adds the path in front."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def read_input(path: Path, *, limit: int, kind: str) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    ``kind`` names the file in messages ("transcript", "answers file"). Anything else, or a
    larger file, is an InputFileError whose problem is one line.
    """
    info = _stat(path)
    _check(path, info, limit, kind)
    # O_NONBLOCK: if the name was swapped for a pipe since the stat, opening it cannot hang.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    with open(fd, "rb", closefd=True) as handle:
        opened = os.fstat(fd)
        _check(path, opened, limit, kind)  # what was opened, not what was looked at
        try:
            data = _read_at_most(handle, limit + 1, expected=opened.st_size)
        except OSError as exc:
            raise InputFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputFileError(path, _too_large(limit, kind))
    return data


def _read_at_most(handle: BinaryIO, most: int, *, expected: int) -> bytes:
    """Up to ``most`` bytes, asked for in a size the file said it has: a read of ``most``
    makes a buffer of that size first, 5 MB for a 2 KB transcript."""
    data = handle.read(min(expected + 1, most))
    if len(data) <= expected or len(data) >= most:
        return data
    # The file is longer than its size said (it grew, or it is a /proc file): read on.
    return data + handle.read(most - len(data))


def size_text(limit: int) -> str:
    """A limit as a user reads it: "5 MB", "256 KB" or "1,000 bytes"."""
    if limit % MB == 0:
        return f"{limit // MB} MB"
    if limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit:,} bytes"


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputFileError(path, f"links to {_target(path)}, which does not exist") from None
        raise InputFileError(path, "no such file") from None
    except OSError as exc:
        raise InputFileError(path, f"cannot read the file ({exc.strerror or exc})") from None


def _check(path: Path, info: os.stat_result, limit: int, kind: str) -> None:
    mode = stat.S_IFMT(info.st_mode)
    via = f"links to {_target(path)}, which " if path.is_symlink() else ""
    if mode == stat.S_IFDIR:
        raise InputFileError(path, f"{via}is a folder, not a {kind}")
    if mode != stat.S_IFREG:
        what = _NOT_REGULAR.get(mode, "not a regular file")
        raise InputFileError(path, f"{via}is {what}, not a {kind}; give a regular file")
    if info.st_size > limit:
        raise InputFileError(path, _too_large(limit, kind))


def _too_large(limit: int, kind: str) -> str:
    return f"file is larger than the {size_text(limit)} limit for a {kind}"


def _target(path: Path) -> str:
    return os.path.realpath(path)
