"""Writing a file the user named, from the command line: one-line errors, exit 2."""

from __future__ import annotations

from pathlib import Path

from simulator.cli.errors import fail
from simulator.files import WriteError, write_atomically


def write_text_file(path: Path, text: str, *, overwrite: bool) -> None:
    """Write `text` to `path` atomically; exit 2 with one line when the path cannot be used."""
    try:
        write_atomically(path, text, overwrite=overwrite)
    except WriteError as exc:
        fail(str(exc))
