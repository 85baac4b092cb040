"""`mockloop evaldesign check TASK EVAL.py`: run a candidate's eval against a work sample's
good and broken outputs in a sandbox and say whether it catches the regression.
`mockloop evaldesign grade TASK EVAL.py [--note NOTE.md]`: the same check, then a grade
against the `eval-design` rubric from its report and the candidate's note.

Exit 0 whenever the check ran, whatever it found (the finding is in the report and in
`caught_regression`); exit 2 with one line for an unknown task or an unusable eval or note
file."""

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


@evaldesign.command(
    "grade", short_help="Check an eval, then grade it and its note against the eval-design rubric."
)
@click.argument("task")
@click.argument("eval_file", metavar="EVAL.py", type=click.Path(path_type=Path))
@click.option(
    "--note",
    "note_file",
    metavar="NOTE.md",
    type=click.Path(path_type=Path),
    default=None,
    help="The candidate's short note: eval style, threshold and CI, keeping the suite up.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="json carries the check's report and the grade.",
)
def grade(task: str, eval_file: Path, note_file: Path | None, fmt: str) -> None:
    """Check EVAL.py as `check` does, then grade it against the eval-design rubric: does it
    catch the regression; positive, edge and adversarial cases; the right eval style for the
    task; a threshold and how it runs in CI; how the suite is kept up to date. A level 1-4 per
    dimension with its evidence (a fact from the check, or a sentence of the note), and a
    recommendation computed from the levels. A heuristic reading, offline. Without --note,
    the plans only a note can show rest on the code alone."""
    from scoring.content import ContentError
    from scoring.evaldesign import grade_json, render_grade, report_table
    from simulator.content.loader import UnknownIdError
    from simulator.services.evaldesign import grade_eval_file

    try:
        report, result = grade_eval_file(task, eval_file, note_file)
    except (ContentError, UnknownIdError) as exc:
        fail(str(exc))
    if fmt == "json":
        show(grade_json(result, report), nl=False)
    else:
        show(report_table(report) + "\n" + render_grade(result), nl=False)
