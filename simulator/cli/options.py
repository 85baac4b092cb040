"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

F = Callable[..., Any]

# What `-` does for an output-path option, as the code does it: standard output passes the
# terminal gate (simulator/terminal.py) whether it is a terminal or a pipe, and a file named
# is written as it is (simulator/files.py).
_DASH = (
    "- for standard output, where control characters but newline and tab are written as "
    "escapes such as \\u001b for ESC, so escape sequences show as inert text"
)
DASH_IS_STDOUT = f"{_DASH}; a file gets the exact text"
DASH_IS_STDOUT_JSON = f"{_DASH} and JSON stays valid with the same data; a file gets the exact text"


def briefs_dir_option(fn: F) -> F:
    return click.option(
        "--briefs-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="An extra folder of brief YAML files (MOCKLOOP_HOME/briefs is always read).",
    )(fn)


def minutes_option(fn: F) -> F:
    from simulator.interview.timing import MAX_MINUTES, MIN_MINUTES

    return click.option(
        "--minutes",
        type=click.IntRange(MIN_MINUTES, MAX_MINUTES),
        default=60,
        show_default=True,
        help="Length of the round.",
    )(fn)


def engine_option(fn: F) -> F:
    return click.option(
        "--engine",
        type=click.Choice(["auto", "offline", "claude"]),
        default="auto",
        show_default=True,
        help="auto = claude when ANTHROPIC_API_KEY is set, else offline.",
    )(fn)


def model_option(fn: F) -> F:
    return click.option(
        "--model",
        default=None,
        metavar="MODEL",
        help="Claude model for the interviewer (and simulated candidates); "
        "default MOCKLOOP_MODEL, else claude-haiku-5-5.",
    )(fn)


def judge_model_option(fn: F) -> F:
    return click.option(
        "--judge-model",
        default=None,
        metavar="MODEL",
        help="Claude model for scoring; default MOCKLOOP_JUDGE_MODEL, else claude-sonnet-5-5.",
    )(fn)


def effort_option(help_text: str, name: str = "--effort") -> Callable[[F], F]:
    """An `output_config.effort` level for the current Claude models."""
    from simulator.engines.claude.settings import EFFORTS

    def decorate(fn: F) -> F:
        return click.option(
            name, type=click.Choice(EFFORTS), default=None, metavar="LEVEL", help=help_text
        )(fn)

    return decorate
