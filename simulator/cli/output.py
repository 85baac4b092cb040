"""Writing a file the user named, from the command line: one-line errors, exit 2.

`-` means standard output, for every output-path option (`--json -`, `--out -`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from simulator.cli.errors import fail
from simulator.cli.show import show
from simulator.files import WriteError, output_target, write_output

STDOUT = "-"


def is_stdout(path: Path | None) -> bool:
    """Whether an output option names standard output (`-`)."""
    return path is not None and str(path) == STDOUT


def check_output_paths(options: Iterable[tuple[str, Path | None]], *, overwrite: bool) -> None:
    """Before any slow work: every named output can be written, and at most one is `-`."""
    chosen = [(option, path) for option, path in options if path is not None]
    to_stdout = [option for option, path in chosen if is_stdout(path)]
    if len(to_stdout) > 1:
        fail(f"{' and '.join(to_stdout)} both name standard output (-); choose one")
    for option, path in chosen:
        if is_stdout(path):
            continue
        try:
            output_target(path, overwrite=overwrite)
        except WriteError as exc:
            fail(f"{option} {exc}")


def write_text_file(path: Path, text: str, *, overwrite: bool) -> None:
    """Write `text` to `path` (standard output for `-`, through the terminal gate, which keeps
    JSON valid and the same); exit 2 with one line when the path cannot be used. A file is
    replaced atomically and keeps the text exactly; a pipe or a device is written as a stream."""
    if is_stdout(path):
        show(text, nl=False)
        return
    try:
        write_output(path, text, overwrite=overwrite)
    except WriteError as exc:
        fail(str(exc))
