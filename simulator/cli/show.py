"""Printing for the command line: every line goes through the terminal gate."""

from __future__ import annotations

from typing import Any

import click

from simulator.terminal import terminal_safe


def show(text: str = "", *, err: bool = False, nl: bool = True, **style: Any) -> None:
    """Print `text` (to stderr with `err`), its control characters and escape sequences made
    visible by `terminal_safe`; `style` is click's (fg, bold), added after the gate."""
    click.secho(terminal_safe(text), err=err, nl=nl, **style)


def notice(message: str) -> None:
    """A status line for the user, on stderr: `mockloop: message`."""
    show(f"mockloop: {message}", err=True)
