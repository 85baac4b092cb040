"""`mockloop evaldesign check TASK EVAL.py`: run a candidate's eval against a work sample's
good and broken outputs in a sandbox and say whether it catches the regression.

Exit 0 whenever the check ran, whatever it found (the finding is in the report and in
`caught_regression`); exit 2 with one line for an unknown task or an unusable eval file."""

from __future__ import annotations

from pathlib import Path

import click

from simulator.cli.errors import fail
from simulator.cli.show import show


@click.group()
def evaldesign() -> None:
    """The stage-2 exercise: write an eval that catches a broken prompt."""


@evaldesign.command("check")
@click.argument("task")
@click.argument("eval_file", metavar="EVAL.py", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="json carries everything, with caught_regression at the top level.",
)
def check(task: str, eval_file: Path, fmt: str) -> None:
    """Run EVAL.py, a pytest module whose tests take the fixture `cases`, against TASK's good
    and broken outputs in a sandbox (its own process and temporary folder, time and memory
    limits, no network, nothing written outside it) and report: does it pass on the good
    version and fail on the broken one, which kinds of items it reads, its threshold, its
    eval style and how it would run in CI."""
    from scoring.content import ContentError
    from scoring.evaldesign import report_json, report_table
    from simulator.content.loader import UnknownIdError
    from simulator.services.evaldesign import check_eval_file

    try:
        report = check_eval_file(task, eval_file)
    except (ContentError, UnknownIdError) as exc:
        fail(str(exc))
    show(report_json(report) if fmt == "json" else report_table(report), nl=False)
