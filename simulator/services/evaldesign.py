"""The evaluation-design check (stage 2) as a feature: find a work sample, read a candidate's
eval, run it in the sandbox against the good and the broken version, and report.

Work samples are found like briefs: the shipped ones (`shipped_dir("worksamples")`), then the
user's own (MOCKLOOP_HOME/worksamples), one folder per task named by its id; a user's folder
with a shipped id replaces the shipped one. Errors are typed and one line (`EvalDesignError`
and `UnknownIdError`); nothing here exits or prints.

An eval with a syntax error is not started: both runs are reported as that error, the same
verdict the sandbox would give, a second sooner.

Grading (`grade_eval`, `grade_eval_file`) runs the check, then reads its report and the
candidate's short note against the `eval-design` rubric (scoring/evaldesign/grading.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from scoring.content import ContentError
from scoring.evaldesign import (
    EvalDesignGrade,
    EvalDesignReport,
    RunOutcome,
    analyse_eval,
    build_report,
    grade_eval_design,
)
from scoring.input_files import InputFileError, read_input
from scoring.worksample.models import VERSIONS, WorkSample, parsed_output
from simulator.evaldesign.sandbox import Limits, run_versions
from simulator.evaldesign.verdict import judge_run
from simulator.services.worksamples import work_sample

# An eval is a page or two of Python; a file many times that is a mistake.
MAX_EVAL_BYTES = 256 * 1024
# The note is a short paragraph or two; a few pages at most.
MAX_NOTE_BYTES = 64 * 1024


class EvalDesignError(ContentError):
    """The check cannot run (the eval file cannot be used, pytest is missing); one line."""


def read_eval_file(path: Path) -> str:
    """The text of the eval at `path`: a regular UTF-8 text file of at most MAX_EVAL_BYTES."""
    try:
        data = read_input(path, limit=MAX_EVAL_BYTES, kind="pytest eval")
    except InputFileError as exc:
        raise EvalDesignError(str(exc)) from None
    if b"\0" in data:
        raise EvalDesignError(f"{path}: a binary file, not an eval (a pytest module)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise EvalDesignError(f"{path}: not UTF-8 text, not an eval (a pytest module)") from None


def version_cases(sample: WorkSample, version: str) -> list[dict[str, Any]]:
    """What the eval's `cases` fixture hands out for `version`: {"id", "input", "expected",
    "output"} per item, the output parsed as JSON where it parses."""
    outputs = sample.outputs[version]
    return [
        {
            "id": item.id,
            "input": item.input,
            "expected": item.expected,
            "output": parsed_output(outputs[item.id]),
        }
        for item in sample.items
    ]


def check_eval(
    sample: WorkSample,
    source: str,
    eval_file: str = "eval.py",
    *,
    limits: Limits | None = None,
    parent: Path | None = None,
) -> EvalDesignReport:
    """Run the eval `source` (shown as `eval_file`) against both versions of `sample` in the
    sandbox (folders under `parent`, the system's temporary folder by default) and report."""
    limits = limits or Limits()
    analysis = analyse_eval(source)
    if analysis.syntax_error is not None:
        good, broken = (
            RunOutcome(version=v, verdict="error", detail=analysis.syntax_error)
            for v in ("good", "broken")
        )
    else:
        _require_pytest()
        cases = {version: version_cases(sample, version) for version in VERSIONS}
        runs = run_versions(source, cases, limits=limits, parent=parent)
        good, broken = (
            judge_run(runs[version], limits, eval_file, analysis.syntax_error)
            for version in ("good", "broken")
        )
    return build_report(sample.task.id, eval_file, analysis, good, broken, sample.labels())


def check_eval_file(task_id: str, path: Path, *, limits: Limits | None = None) -> EvalDesignReport:
    """`mockloop evaldesign check TASK EVAL.py`: the work sample first (a typo in the task is
    the likelier mistake), then the file, then the run."""
    sample = work_sample(task_id)
    return check_eval(sample, read_eval_file(path), path.name, limits=limits)


def read_note_file(path: Path) -> str:
    """The text of the candidate's note at `path`: a regular UTF-8 text file of at most
    MAX_NOTE_BYTES (Markdown or plain text)."""
    try:
        data = read_input(path, limit=MAX_NOTE_BYTES, kind="note")
    except InputFileError as exc:
        raise EvalDesignError(str(exc)) from None
    if b"\0" in data:
        raise EvalDesignError(f"{path}: a binary file, not a note (Markdown or plain text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EvalDesignError(f"{path}: not UTF-8 text, not a note") from None


def grade_eval(
    sample: WorkSample,
    source: str,
    eval_file: str = "eval.py",
    note: str | None = None,
    *,
    limits: Limits | None = None,
    parent: Path | None = None,
) -> tuple[EvalDesignReport, EvalDesignGrade]:
    """Check the eval `source` (as `check_eval` does), then grade the report and the
    candidate's `note` (None or blank: no note) against the `eval-design` rubric."""
    report = check_eval(sample, source, eval_file, limits=limits, parent=parent)
    return report, grade_eval_design(report, sample.task.kind, note)


def grade_eval_file(
    task_id: str, path: Path, note_path: Path | None = None, *, limits: Limits | None = None
) -> tuple[EvalDesignReport, EvalDesignGrade]:
    """`mockloop evaldesign grade TASK EVAL.py [--note NOTE.md]`: the work sample, the eval
    file and the note are all read before anything runs."""
    sample = work_sample(task_id)
    source = read_eval_file(path)
    note = read_note_file(note_path) if note_path is not None else None
    return grade_eval(sample, source, path.name, note, limits=limits)


def _require_pytest() -> None:
    if importlib.util.find_spec("pytest") is None:
        raise EvalDesignError(
            "running an eval needs pytest in mockloop's Python environment: pip install pytest"
        )


__all__ = [
    "MAX_EVAL_BYTES",
    "MAX_NOTE_BYTES",
    "EvalDesignError",
    "check_eval",
    "check_eval_file",
    "grade_eval",
    "grade_eval_file",
    "read_eval_file",
    "read_note_file",
    "version_cases",
]
