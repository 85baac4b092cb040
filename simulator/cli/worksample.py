"""`mockloop worksample list|show|export|grade`: the seed's stage-1 work samples."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from simulator.cli.show import show


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """A user mistake (unknown task, a file or folder that cannot be used) is one line and
    exit 2, when this group runs on its own as well as under `mockloop`."""
    from scoring.content import ContentError
    from scoring.ids import IdError
    from simulator.cli.errors import fail
    from simulator.content.loader import UnknownIdError

    try:
        yield
    except (ContentError, IdError, UnknownIdError) as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


@click.group()
def worksample() -> None:
    """Stage-1 work samples: list the tasks, show one, export a candidate's copy, and grade
    a candidate's outputs and failure-mode note on the dataset."""


@worksample.command("list")
def list_tasks() -> None:
    """List the tasks: id, kind, items per label, title."""
    from scoring.worksample.export import label_counts
    from simulator.services.worksamples import list_work_samples

    with _one_line_errors():
        entries = list_work_samples()
    if not entries:
        show("No work samples found.")
    for entry in entries:
        if entry.sample is None:
            show(f"{entry.task_id:<28} cannot be read: {entry.problem}")
            continue
        counts = label_counts(entry.sample)
        split = ", ".join(f"{n} {label}" for label, n in counts.items())
        items = f"{sum(counts.values())} items ({split})"
        kind, title = entry.sample.task.kind, entry.sample.task.title
        show(f"{entry.task_id:<28} {kind:<11} {items:<44} {title}")


@worksample.command("show")
@click.argument("task")
@click.option(
    "--prompt",
    type=click.Choice(["good", "broken"]),
    default=None,
    help="Print that prompt instead (the broken one is for interviewers and stage 2).",
)
def show_task(task: str, prompt: str | None) -> None:
    """Show a task, or one of its prompts.

    What the prompt must do, the output format, the fields or categories, the items per
    label, and the datasheet's opening paragraph.
    """
    from scoring.worksample.export import datasheet_opening, label_counts
    from simulator.services.worksamples import work_sample

    with _one_line_errors():
        sample = work_sample(task)
    if prompt is not None:
        show(sample.prompts[prompt], nl=not sample.prompts[prompt].endswith("\n"))
        return
    spec = sample.task
    show(f"{spec.title}", bold=True)
    show(f"{spec.id} ({spec.kind})\n")
    show(" ".join(spec.summary.split()))
    show(f"\nInput: {' '.join(spec.input.split())}")
    show(f"\nOutput: {' '.join(spec.output.split())}")
    if spec.fields:
        show("\nFields:")
        for field in spec.fields:
            null = ", may be null" if field.nullable else ""
            show(f"  {field.name} ({field.type}{null}): {' '.join(field.description.split())}")
    if spec.categories:
        show("\nCategories:")
        for category in spec.categories:
            show(f"  - {category}")
    counts = label_counts(sample)
    split = ", ".join(f"{n} {label}" for label, n in counts.items())
    show(f"\nItems: {len(sample.items)} ({split})")
    if opening := datasheet_opening(sample.datasheet):
        show(f"\nDatasheet: {opening}")


@worksample.command("export")
@click.argument("task")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder to write into (created if missing; refused if not empty, see --force).",
)
@click.option("--force", is_flag=True, help="Write into a non-empty folder, replacing files.")
@click.option(
    "--with-good-prompt",
    "good_prompt",
    is_flag=True,
    help="Also write prompts/good.md, the reference prompt (it answers stage 1).",
)
def export_task(task: str, out_dir: Path, force: bool, good_prompt: bool) -> None:
    """Write the candidate's copy of a task into a folder.

    The candidate gets dataset.jsonl (each item's id, label, input and expected output),
    task.yaml (the task, without the paragraph on what the broken prompt breaks) and
    README.md (the task, what to hand back, and the grade command). Never the broken
    prompt, the recorded outputs, the datasheet or the items' notes: those are for the
    interviewer and for stage 2. The good prompt is the reference answer to stage 1, so it
    is left out unless --with-good-prompt (to practise iterating on a working prompt).
    """
    from simulator.services.worksamples import export_work_sample

    with _one_line_errors():
        written = export_work_sample(task, out_dir, force=force, good_prompt=good_prompt)
    for path in written:
        show(f"wrote {path}", err=True)


@worksample.command("grade")
@click.argument("task")
@click.argument("outputs", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--note",
    type=click.Path(path_type=Path),
    default=None,
    help="The candidate's failure-mode note (Markdown or text), read against a rubric.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def grade_task(task: str, outputs: Path, note: Path | None, fmt: str) -> None:
    """Grade a candidate's outputs on a task's dataset, and their note.

    OUTPUTS is JSONL: {"id": ..., "output": ...} per item, the output being the model's raw
    text or a JSON object. Reported by kind (extraction: field exact match and F1; triage:
    accuracy, per-class recall, confusions, calibration; summary: required and forbidden
    facts, numbers not in the input), overall and per label. Malformed lines and outputs are
    counted, listed and graded as failures. The note is read offline by a heuristic (ids,
    failure, cause, eval words and figures) into a level 1-4 per dimension, each with the
    sentences that earned it.
    """
    from scoring.worksample.report import grade_table
    from simulator.services.worksamples import grade_outputs_file

    with _one_line_errors():
        grade = grade_outputs_file(task, outputs, note)
    if fmt == "json":
        show(grade.model_dump_json(indent=2))
    else:
        show(grade_table(grade), nl=False)
