"""Running the real `mockloop` entry point in-process, as the console script does."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from simulator.cli.main import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def mockloop(*args: str | Path) -> Run:
    """Run the real entry point in-process, as the console script does."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Run(code, out.getvalue(), err.getvalue())


def one_line_error(run: Run) -> str:
    """The single stderr line of a user error (exit 2, no traceback)."""
    assert run.code == 2, (run.out, run.err)
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("mockloop: ")
    return lines[0]
