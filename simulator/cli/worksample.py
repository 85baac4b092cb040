"""`mockloop worksample list|show|export|grade`: the seed's stage-1 work samples (grade
takes an outputs file, or runs the candidate's prompt with Claude: `--prompt`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.cli.options import effort_option
from simulator.cli.show import show

if TYPE_CHECKING:
    from scoring.worksample.grade import WorkSampleGrade


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """A user mistake (unknown task, a file or folder that cannot be used) is one line and
    exit 2, when this group runs on its own as well as under `mockloop`."""
    from scoring.content import ContentError
    from scoring.ids import IdError
    from simulator.cli.errors import fail
    from simulator.content.loader import UnknownIdError
    from simulator.engines.claude.settings import EffortError
    from simulator.engines.select import EngineUnavailableError

    try:
        yield
    except (ContentError, IdError, UnknownIdError, EngineUnavailableError, EffortError) as exc:
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
@click.argument("outputs", type=click.Path(path_type=Path, dir_okay=True), required=False)
@click.option(
    "--note",
    type=click.Path(path_type=Path),
    default=None,
    help="The candidate's failure-mode note (Markdown or text), read against a rubric.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--prompt",
    "prompt_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Claude: run this prompt (Markdown) over the dataset and grade what it answers, "
    "instead of an outputs file. The item's input replaces {{input}} in it, else it is the "
    "user turn and the prompt the system prompt.",
)
@click.option(
    "--model",
    default=None,
    metavar="MODEL",
    help="Claude model for --prompt; default MOCKLOOP_MODEL, else claude-haiku-5-5.",
)
@effort_option("Claude: how hard the model thinks for --prompt (default medium).")
@click.option(
    "--batch",
    is_flag=True,
    help="Claude: send --prompt's items as one Message Batch (half price, may take hours); "
    "the batch is stored, and the same command collects it later.",
)
@click.option(
    "--poll",
    type=click.FloatRange(0.01, 3600),
    default=30.0,
    show_default=True,
    help="Seconds between checks on a batch.",
)
@click.option("--yes", is_flag=True, help="Run --prompt without asking (needed with no terminal).")
@click.option(
    "--save-outputs",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the outputs --prompt got as an outputs file (JSONL; replaced if it exists).",
)
def grade_task(
    task: str,
    outputs: Path | None,
    note: Path | None,
    fmt: str,
    prompt_path: Path | None,
    model: str | None,
    effort: str | None,
    batch: bool,
    poll: float,
    yes: bool,
    save_outputs: Path | None,
) -> None:
    """Grade a candidate's outputs on a task's dataset, and their note.

    OUTPUTS is JSONL: {"id": ..., "output": ...} per item, the output being the model's raw
    text or a JSON object. Reported by kind (extraction: field exact match and F1; triage:
    accuracy, per-class recall, confusions, calibration; summary: required and forbidden
    facts, numbers not in the input), overall and per label. Malformed lines and outputs are
    counted, listed and graded as failures. The note is read offline by a heuristic (ids,
    failure, cause, eval words and figures) into a level 1-4 per dimension, each with the
    sentences that earned it.

    With --prompt instead of OUTPUTS, Claude runs the candidate's prompt on every item
    (the estimate is shown and confirmed first) and what it answers is graded the same way;
    an item it refuses, or whose request fails, is an item with no output that says why.
    """
    from scoring.worksample.report import grade_table
    from simulator.cli.errors import fail
    from simulator.services.worksamples import grade_outputs_file

    if (outputs is None) == (prompt_path is None):
        fail("give either an OUTPUTS file or --prompt PROMPT.md")
    claude_only: dict[str, object] = {"--model": model, "--effort": effort, "--batch": batch}
    claude_only |= {"--yes": yes, "--save-outputs": save_outputs}
    if prompt_path is None and (used := [name for name, v in claude_only.items() if v]):
        fail(f"{used[0]} is for --prompt")
    with _one_line_errors():
        if prompt_path is not None:
            grade = _run_and_grade(
                task, prompt_path, note, model, effort, batch, poll, yes, save_outputs
            )
        else:
            assert outputs is not None
            grade = grade_outputs_file(task, outputs, note)
    if fmt == "json":
        show(grade.model_dump_json(indent=2))
    else:
        show(grade_table(grade), nl=False)


def _run_and_grade(
    task: str,
    prompt_path: Path,
    note: Path | None,
    model: str | None,
    effort: str | None,
    batch: bool,
    poll: float,
    yes: bool,
    save_outputs: Path | None,
) -> WorkSampleGrade:
    """Plan (nothing sent), show the estimate, ask, run, say what it cost, grade."""
    from simulator.cli.errors import fail
    from simulator.cli.output import is_stdout
    from simulator.cli.show import notice
    from simulator.services.worksamples import (
        PromptRunError,
        grade_prompt_run,
        plan_prompt_run,
        run_prompt,
    )

    if is_stdout(save_outputs):
        fail("--save-outputs: the grade is written to standard output; give a file name")
    plan = plan_prompt_run(
        task,
        prompt_path,
        model=model,
        effort=effort,
        batch=batch,
        note_path=note,
        save_to=save_outputs,
    )
    if plan.open_batch is not None:
        notice(f"collecting batch {plan.open_batch[0]}, sent earlier with this prompt and model")
    else:
        notice(f"{prompt_path.name}: {plan.estimate_text()}")
        _agree_to_spend(yes)
    try:
        result = run_prompt(
            plan,
            poll_every=poll,
            on_notice=notice,
            on_item=lambda o: notice(f"{o.item_id}: {o.problem}") if o.problem else None,
        )
    except PromptRunError as exc:
        fail(str(exc), code=1)
    refused, failed = result.count("refused"), result.count("error") + result.count("not_sent")
    notice(
        f"{prompt_path.name}: {result.count('output')} of {len(result.outcomes)} items "
        f"answered, {refused} refused, {failed} failed · {result.usage.line()}"
    )
    return grade_prompt_run(plan, result)


def _agree_to_spend(yes: bool) -> None:
    """Go on with --yes, or when the user says so at a terminal; else stop, nothing sent."""
    from simulator.cli.errors import fail

    if yes:
        return
    if not _on_a_terminal():
        fail("running the prompt costs money: pass --yes to run it without a terminal")
    if not click.confirm("Run it?", default=False, err=True):
        fail("not run; nothing was sent", code=1)


def _on_a_terminal() -> bool:
    return sys.stdin.isatty()
