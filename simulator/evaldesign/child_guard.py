"""The audit hook of the sandbox process (copied into the sandbox folder as
`_mockloop_guard.py`; standard library only, never imports mockloop).

`install_guard(root)` refuses, for the rest of the process:

- the network: socket connect, bind, sendto, sendmsg and name lookups;
- new processes: subprocess, os.system, exec, fork, posix_spawn, pty; `_posixsubprocess`
  (whose fork_exec raises no audit event) is taken out of `subprocess` and of `sys.modules`
  and may not be imported again; signals to other processes;
- writing outside the folder: `open` with a write flag, and remove, rename, mkdir, rmdir,
  chmod, chown, utime, truncate, xattrs and sqlite files on a path outside it; hard and
  symbolic links (either could point outside); opening a directory outside the folder (its fd
  would let `dir_fd=` write there); a relative path with `..` (with a `dir_fd` it is relative
  to a folder the hook cannot see); mkfifo and mknod (they raise no audit event: stubbed);
  creating more than MAX_CREATED files and folders in it;
- ctypes, cffi, sub-interpreters and CPython's test modules (each reaches C directly);
  raising resource limits; and what would reach the hook itself: gc referrers, setting the
  hook's `__code__` or `__defaults__`.

A path is judged on its string (links cannot be made, so none can lead out); only str, bytes,
an fd and pathlib's own path classes are accepted as paths, and a pathlib path only while the
code that turns it into a string is still pathlib's (setting an attribute on a class raises no
audit event, so this is checked on every use). The hook keeps everything it calls
in default arguments, so patching `os`, `os.path` or `builtins` from the eval changes nothing
it decides. A refusal raises PermissionError in the eval and is written at once, as one line
starting with REFUSED_MARK, to a copy of the original stderr that pytest's capture does not
redirect.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import pathlib
import signal
import sys
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

REFUSED_MARK = "mockloop-sandbox-refused: "

_NETWORK = frozenset(
    {
        "socket.connect",
        "socket.bind",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "socket.sendto",
        "socket.sendmsg",
        "socket.sethostname",
    }
)
_PROCESSES = frozenset(
    {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.spawn",
        "os.posix_spawn",
        "os.fork",
        "os.forkpty",
        "pty.spawn",
        "os.startfile",
        "webbrowser.open",
    }
)
_ALWAYS = frozenset(
    {
        "os.link",
        "os.symlink",
        "os.killpg",
        "resource.setrlimit",
        "resource.prlimit",
        "gc.get_objects",
        "gc.get_referrers",
        "gc.get_referents",
        "sqlite3.enable_load_extension",
        "sqlite3.load_extension",
    }
)
# Event -> the positions of its path arguments and of its dir_fd argument (or None).
_PATHS: dict[str, tuple[tuple[int, ...], int | None]] = {
    "os.remove": ((0,), 1),
    "os.rmdir": ((0,), 1),
    "os.mkdir": ((0,), 2),
    "os.rename": ((0, 1), 2),  # src_dir_fd at 2, dst_dir_fd at 3
    "os.chmod": ((0,), 2),
    "os.chown": ((0,), 3),
    "os.utime": ((0,), 3),
    "os.truncate": ((0,), None),
    "os.setxattr": ((0,), None),
    "os.removexattr": ((0,), None),
    "os.chflags": ((0,), None),
    "shutil.rmtree": ((0,), 1),
}
_MODULES = frozenset(
    {
        "_posixsubprocess",
        "ctypes",
        "_ctypes",
        "cffi",
        "_cffi_backend",
        "_xxsubinterpreters",
        "_xxinterpchannels",
        "_testcapi",
        "_testinternalcapi",
    }
)
_ATTRIBUTES = frozenset({"__code__", "__defaults__", "__kwdefaults__"})
_PATH_TYPES = (pathlib.PurePath, pathlib.PurePosixPath, pathlib.Path, pathlib.PosixPath)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_WRITABLE_DEVICES = frozenset({"/dev/null"})
# With RLIMIT_FSIZE this bounds what an eval can put on the disk (files x size).
MAX_CREATED = 500
_HANDLED = frozenset(
    {"open", "import", "sqlite3.connect", "os.kill", "object.__setattr__", "object.__delattr__"}
    | _NETWORK
    | _PROCESSES
    | _ALWAYS
    | set(_PATHS)
)


class SandboxRefusal(PermissionError):
    """The sandbox refused what the eval tried; the message says what, in one line."""


def install_guard(root: str) -> None:
    """From now on, refuse what an eval must not do (see the module docstring)."""
    import subprocess

    report_fd = os.dup(2)
    os.set_inheritable(report_fd, False)
    subprocess._posixsubprocess = _NoProcesses(report_fd)  # type: ignore[attr-defined]
    sys.modules.pop("_posixsubprocess", None)
    for module in (os, sys.modules["posix"]):
        for name in ("mkfifo", "mknod"):
            if hasattr(module, name):
                setattr(module, name, _refusing(f"os.{name}", report_fd))
    if hasattr(signal, "pidfd_send_signal"):
        signal.pidfd_send_signal = _refusing("signal.pidfd_send_signal", report_fd)
    sys.addaudithook(_make_hook(root, report_fd))


def _make_hook(root: str, report_fd: int) -> Any:
    paths = MappingProxyType(dict(_PATHS))
    itself: list[Any] = []
    created = [0]
    pure_dict = vars(pathlib.PurePath)
    pathlib_globals = vars(pathlib)
    builtins_dict = vars(builtins)

    def hook(
        event: str,
        args: tuple[Any, ...],
        _root: str = root,
        _fd: int = report_fd,
        _handled: frozenset[str] = _HANDLED,
        _network: frozenset[str] = _NETWORK,
        _processes: frozenset[str] = _PROCESSES,
        _always: frozenset[str] = _ALWAYS,
        _paths: MappingProxyType[str, tuple[tuple[int, ...], int | None]] = paths,
        _modules: frozenset[str] = _MODULES,
        _attributes: frozenset[str] = _ATTRIBUTES,
        _path_types: tuple[type, ...] = _PATH_TYPES,
        _write_flags: int = _WRITE_FLAGS,
        _create: int = os.O_CREAT,
        _devices: frozenset[str] = _WRITABLE_DEVICES,
        _getcwd: Any = os.getcwd,
        _getpid: Any = os.getpid,
        _readlink: Any = os.readlink,
        _stat: Any = os.stat,
        _write: Any = os.write,
        _path_fspath: Any = pathlib.PurePath.__fspath__,
        _path_str: Any = pathlib.PurePath.__str__,
        _str_slot: Any = pure_dict["_str"],
        _pure_dict: Any = pure_dict,
        _pathlib_globals: dict[str, Any] = pathlib_globals,
        _builtins: dict[str, Any] = builtins_dict,
        _type: Any = type,
        _len: Any = len,
        _repr: Any = repr,
        _str: type = str,
        _bytes: type = bytes,
        _int: type = int,
        _exception: type[Exception] = Exception,
        _error: type[Exception] = SandboxRefusal,
        _encode: Any = str.encode,
        _decode: Callable[..., str] = bytes.decode,
        _itself: list[Any] = itself,
        _created: list[int] = created,
        _max_created: int = MAX_CREATED,
    ) -> None:
        if event not in _handled and not event.startswith("ctypes."):
            return

        def plain(value: Any) -> str:
            """`value` as an exact str (a str subclass could lie to `in` and `==`)."""
            if _type(value) is _bytes:
                return _decode(value, "utf-8", "surrogateescape")
            return _decode(_encode(value, "utf-8", "surrogateescape"), "utf-8", "surrogateescape")

        def absolute(path: Any, dir_fd: Any) -> str | None:
            """The normalised absolute path, or None when it cannot be known safely."""
            try:
                kind = _type(path)
                if kind is _int:
                    text = plain(_readlink("/proc/self/fd/" + _repr(path)))
                elif kind is _str or kind is _bytes:
                    text = plain(path)
                elif kind in _path_types:
                    # What open() got came from __fspath__ -> str() -> __str__, which caches
                    # it in the `_str` slot: read the slot, if that chain is still pathlib's.
                    if (
                        kind.__fspath__ is not _path_fspath
                        or kind.__str__ is not _path_str
                        or _pure_dict.get("_str") is not _str_slot
                        or "str" in _pathlib_globals
                        or _builtins.get("str") is not _str
                    ):
                        return None
                    text = plain(_str_slot.__get__(path, kind))
                else:
                    return None
                if not text.startswith("/"):
                    if ".." in text.split("/"):
                        return None
                    if dir_fd is None or dir_fd == -1:
                        base = plain(_getcwd())
                    else:
                        base = plain(_readlink("/proc/self/fd/" + _repr(_int(dir_fd))))
                    text = base + "/" + text
            except _exception:
                return None
            parts: list[str] = []
            for part in text.split("/"):
                if part in ("", "."):
                    continue
                if part == "..":
                    if parts:
                        parts.pop()
                    continue
                parts.append(part)
            return "/" + "/".join(parts)

        def inside(path: Any, dir_fd: Any = None) -> bool:
            full = absolute(path, dir_fd)
            if full is None:
                return False
            return full == _root or full.startswith(_root + "/") or full in _devices

        def refuse(what: str) -> None:
            line = _encode(what.replace("\n", " ")[:300], "utf-8", "replace")
            try:  # noqa: SIM105 - contextlib is a module global the eval could replace
                _write(_fd, b"mockloop-sandbox-refused: " + line + b"\n")
            except _exception:
                pass
            raise _error("mockloop sandbox: " + what)

        def exists(path: Any) -> bool:
            try:
                _stat(absolute(path, None))
            except _exception:
                return False
            return True

        def count_one() -> None:
            _created[0] += 1
            if _created[0] > _max_created:
                refuse("creating more than " + _repr(_max_created) + " files in the sandbox")

        if event == "open":
            path, flags = args[0], args[2]
            if _type(path) is _int:
                return  # an fd already open: it was checked when it was opened
            if flags & _write_flags:
                if not inside(path):
                    refuse("writing " + _repr(path) + " outside the sandbox folder")
                if flags & _create and not exists(path):
                    count_one()
            elif not inside(path):
                full = absolute(path, None)
                if full is None:
                    refuse("opening " + _repr(path) + ": use a plain path without ..")
                try:
                    is_dir = (_stat(full).st_mode & 0o170000) == 0o040000
                except _exception:
                    is_dir = False  # missing: the open itself fails
                if is_dir:
                    refuse("opening the folder " + _repr(path) + " outside the sandbox folder")
        elif event in _paths:
            positions, fd_at = _paths[event]
            for at in positions:
                fd_index = 3 if event == "os.rename" and at == 1 else fd_at
                dir_fd = args[fd_index] if fd_index is not None and fd_index < _len(args) else None
                if not inside(args[at], dir_fd):
                    refuse(event + " " + _repr(args[at]) + " outside the sandbox folder")
            if event == "os.mkdir":
                count_one()
        elif event in _network:
            shown = args[:2] if event == "socket.getaddrinfo" else args[1:2]
            refuse(event + " " + _repr(shown) + ": the sandbox has no network")
        elif event in _processes:
            refuse(event + " " + _repr(args[:2])[:120] + ": no new processes in the sandbox")
        elif event in _always:
            refuse(event + " is not allowed in the sandbox")
        elif event.startswith("ctypes."):
            refuse(event + ": ctypes is not allowed in the sandbox")
        elif event == "import":
            if plain(args[0]) in _modules:
                refuse("importing " + plain(args[0]) + " is not allowed in the sandbox")
        elif event == "sqlite3.connect":
            database = args[0]
            if _type(database) is _str and database in (":memory:", ""):
                return
            if not inside(database):
                refuse("sqlite3.connect " + _repr(database) + " outside the sandbox folder")
        elif event == "os.kill":
            if args[0] not in (0, _getpid()):
                refuse("os.kill " + _repr(args[0]) + ": only the eval's own process")
        elif event in ("object.__setattr__", "object.__delattr__"):
            target, name = args[0], plain(args[1])
            if name in _attributes and target is _itself[0]:
                refuse("changing the sandbox's audit hook is not allowed")

    itself.append(hook)
    return hook


class _NoProcesses:
    """Stands in for `_posixsubprocess` inside `subprocess`."""

    def __init__(self, report_fd: int) -> None:
        self.fork_exec = _refusing("starting a process", report_fd)


def _refusing(name: str, report_fd: int) -> Any:
    """A stand-in for a call that raises no audit event: it refuses like the hook."""

    def refused(*args: Any, **kwargs: Any) -> Any:
        what = f"{name} is not allowed in the sandbox"
        with contextlib.suppress(OSError):
            os.write(report_fd, f"{REFUSED_MARK}{what}\n".encode())
        raise SandboxRefusal(f"mockloop sandbox: {what}")

    return refused
