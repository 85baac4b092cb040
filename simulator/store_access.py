"""Whether the running command only reads mockloop's store, as the CLI declares it where the
command starts.

A store from a newer mockloop (it records a migration this version does not know) is never
written: its tables may mean something this version does not know. A command that only reads
the store may still read it, opened read-only, after a one-line warning; any other command is
refused in one line before it does anything. Kept apart from `simulator.store` so that the
CLI can declare it without loading SQLite helpers for `--help`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Warn = Callable[[str], None]

_reader: ContextVar[Warn | None] = ContextVar("_reader", default=None)


@contextmanager
def only_reading(warn: Warn) -> Iterator[None]:
    """Within it, the command only reads the store: a newer mockloop's store is read, and
    `warn` gets the one-line warning (once, however often the store is opened)."""
    said: set[str] = set()

    def warn_once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)

    token = _reader.set(warn_once)
    try:
        yield
    finally:
        _reader.reset(token)


def reader_warning() -> Warn | None:
    """Where to warn about a newer store when the running command only reads it; None when
    it may write (the store is then refused)."""
    return _reader.get()
