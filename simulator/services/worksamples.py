"""Work samples by task id: the shipped ones (`worksamples/`) and the user's own
(MOCKLOOP_HOME/worksamples/<task>/), a user's folder replacing a shipped one of the same id.

Also what the command line and the app both do with them: list them, export the candidate's
copy of one, grade a candidate's outputs file (and note) on its dataset, and, with Claude, run
the candidate's prompt over the dataset and grade what it got (plan, run, grade: the caller
shows the estimate and asks between planning and running). Errors are typed (UnknownIdError,
ContentError, WorkSampleError, PromptRunError, EngineUnavailableError, EffortError); nothing
here prints or exits."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoring.content import ContentError
from scoring.input_files import MB
from simulator.files import WriteError, output_target, write_output

if TYPE_CHECKING:
    from scoring.worksample.grade import WorkSampleGrade
    from scoring.worksample.models import WorkSample
    from simulator.engines.claude.calls import UsageTotals
    from simulator.engines.claude.prompt_runner import ItemOutcome, PromptRunner, RunEstimate

FOLDER = "worksamples"
# One line per item of a few dozen items: a few KB. The limit only stops a wrong file.
MAX_OUTPUTS_BYTES = 5 * MB
MAX_NOTE_BYTES = 256 * 1024  # a paragraph; a few pages at most


def work_sample_folders() -> dict[str, Path]:
    """Task id -> its folder, every folder holding a task.yaml, sorted by id."""
    from simulator.paths import shipped_dir, user_dir

    found: dict[str, Path] = {}
    for root in (shipped_dir(FOLDER), user_dir(FOLDER)):
        if root.is_dir():
            found.update({p.parent.name: p.parent for p in root.glob("*/task.yaml")})
    return dict(sorted(found.items()))


def work_sample(task_id: str) -> WorkSample:
    """The work sample for `task_id`, read whole; UnknownIdError (listing the tasks) when
    there is none, ContentError when its files are wrong."""
    from scoring.ids import overlong_id
    from scoring.worksample.models import read_work_sample
    from simulator.content.loader import UnknownIdError

    if (problem := overlong_id(task_id, "task")) is not None:
        raise UnknownIdError(problem)
    folders = work_sample_folders()
    if task_id not in folders:
        known = ", ".join(folders) or "none"
        raise UnknownIdError(f"unknown work-sample task {task_id!r} (known: {known})")
    return read_work_sample(folders[task_id])


class WorkSampleError(ContentError):
    """A file or folder the user named for a work sample cannot be used; one line naming
    it. A ContentError, so every front end already shows it as one line."""


@dataclass(frozen=True)
class WorkSampleEntry:
    """A work-sample folder as listed: the sample, or why it cannot be read."""

    task_id: str
    folder: Path
    sample: WorkSample | None
    problem: str = ""


def list_work_samples() -> list[WorkSampleEntry]:
    """Every work sample by task id; one that cannot be read is listed with its problem."""
    from scoring.worksample.models import read_work_sample

    entries = []
    for task_id, folder in work_sample_folders().items():
        try:
            entries.append(WorkSampleEntry(task_id, folder, read_work_sample(folder)))
        except ContentError as exc:
            entries.append(WorkSampleEntry(task_id, folder, None, str(exc).splitlines()[0]))
    return entries


def export_work_sample(
    task_id: str, out_dir: Path, *, force: bool = False, good_prompt: bool = False
) -> list[Path]:
    """Write the candidate's copy of a work sample into `out_dir` (created if missing) and
    return the files written. Each file is written atomically; a non-empty folder is
    refused unless `force`, which replaces the files of the same name and leaves any other
    file alone. WorkSampleError when the folder cannot be used."""
    from scoring.worksample.export import candidate_files

    files = candidate_files(work_sample(task_id), good_prompt=good_prompt)
    _check_export_folder(out_dir, force=force)
    written = []
    for relative, text in files.items():
        path = out_dir / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_output(path, text, overwrite=force)
        except WriteError as exc:
            raise WorkSampleError(str(exc)) from None
        except OSError as exc:
            raise WorkSampleError(f"{path.parent}: cannot write ({exc.strerror or exc})") from None
        written.append(path)
    return written


def _check_export_folder(out_dir: Path, *, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise WorkSampleError(f"{out_dir}: is a file, not a folder; give a folder to export into")
    if out_dir.is_dir():
        try:
            taken = next(out_dir.iterdir(), None) is not None
        except OSError as exc:
            raise WorkSampleError(f"{out_dir}: cannot read ({exc.strerror or exc})") from None
        if taken and not force:
            raise WorkSampleError(
                f"{out_dir}: folder is not empty; use --force to write into it "
                "(files of the same name are replaced)"
            )
        if not os.access(out_dir, os.W_OK | os.X_OK):
            raise WorkSampleError(f"{out_dir}: cannot write into this folder (permission denied)")
        return
    try:
        out_dir.mkdir(parents=True)
    except OSError as exc:
        raise WorkSampleError(f"{out_dir}: cannot create it ({exc.strerror or exc})") from None


def grade_outputs_file(
    task_id: str, outputs_path: Path, note_path: Path | None = None
) -> WorkSampleGrade:
    """Grade a candidate's outputs file (JSONL of `{"id", "output"}`) on the task's dataset,
    and their failure-mode note when given. Malformed lines and outputs are part of the
    grade; a file that cannot be read at all is a WorkSampleError."""
    from scoring.worksample.grade import grade_outputs

    sample = work_sample(task_id)
    outputs = _read_text(outputs_path, MAX_OUTPUTS_BYTES, "outputs file")
    note = _read_text(note_path, MAX_NOTE_BYTES, "note") if note_path is not None else None
    return grade_outputs(sample.task, sample.items, outputs, note)


def _read_text(path: Path, limit: int, kind: str) -> str:
    from scoring.input_files import InputFileError, read_input

    try:
        data = read_input(path, limit=limit, kind=kind)
    except InputFileError as exc:
        raise WorkSampleError(str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkSampleError(f"{path}: not UTF-8 text") from None


# -- running the candidate's prompt with Claude ----------------------------------------------

MAX_PROMPT_BYTES = 256 * 1024  # a prompt of a few pages, its examples included


class PromptRunError(RuntimeError):
    """The prompt run cannot go on: a batch cannot be sent or collected (the API is down, the
    key was refused, the spend limit is reached). One line; the items already answered are
    in the call log."""


@dataclass(frozen=True)
class PromptRunPlan:
    """Everything a prompt run needs, checked and read before anything is sent: the task, the
    prompt, the note, one request per item, and what it may cost."""

    sample: WorkSample
    runner: PromptRunner
    requests: list[tuple[str, dict[str, Any]]]  # (item id, Messages params), dataset order
    unsendable: dict[str, ItemOutcome]  # items the API would refuse (an empty turn), not sent
    estimate: RunEstimate
    batch: bool
    open_batch: tuple[str, dict[str, str]] | None  # a stored batch of exactly this run
    note: str | None
    save_to: Path | None

    def estimate_text(self) -> str:
        return self.estimate.text(self.runner.model, self.runner.effort)


@dataclass(frozen=True)
class PromptRunResult:
    outcomes: dict[str, ItemOutcome]  # by item id, dataset order
    usage: UsageTotals  # of this run's calls, from the call log
    batch_id: str | None = None

    def count(self, kind: str) -> int:
        return sum(o.kind == kind for o in self.outcomes.values())


def plan_prompt_run(
    task_id: str,
    prompt_path: Path,
    *,
    model: str | None = None,
    effort: str | None = None,
    batch: bool = False,
    note_path: Path | None = None,
    save_to: Path | None = None,
) -> PromptRunPlan:
    """Check and read everything a run of the candidate's prompt needs, and estimate it; sends
    nothing. EngineUnavailableError without a usable ANTHROPIC_API_KEY, EffortError for a bad
    effort, UnknownIdError, WorkSampleError for a file that cannot be used."""
    from simulator.engines.claude.client import ClaudeClient
    from simulator.engines.claude.prompt_batches import PromptBatches
    from simulator.engines.claude.prompt_runner import (
        DEFAULT_EFFORT,
        CandidatePrompt,
        PromptRunner,
        empty_turn,
        estimate_run,
    )
    from simulator.engines.claude.settings import ClaudeSettings, effort_level
    from simulator.engines.select import claude_wanted

    claude_wanted("claude")
    settings = ClaudeSettings.from_env(model=model)
    level = effort_level(effort, "--effort") if effort else DEFAULT_EFFORT
    sample = work_sample(task_id)
    text = _read_text(prompt_path, MAX_PROMPT_BYTES, "prompt")
    if not text.strip():
        raise WorkSampleError(f"{prompt_path}: the prompt is empty")
    note = _read_text(note_path, MAX_NOTE_BYTES, "note") if note_path is not None else None
    if save_to is not None:
        _check_save_path(save_to, [p for p in (prompt_path, note_path) if p is not None])
    client = ClaudeClient(settings)
    runner = PromptRunner(client, CandidatePrompt(text), model=settings.model, effort=level)
    requests, unsendable = [], {}
    for item in sample.items:
        params = runner.params(item.input)
        if (empty := empty_turn(item.id, params)) is not None:
            unsendable[item.id] = empty
        else:
            requests.append((item.id, params))
    open_batch = None
    if batch:
        ids = [item_id for item_id, _ in requests]
        open_batch = PromptBatches(client.log.db).open_for(runner, task_id, ids)
    return PromptRunPlan(
        sample=sample,
        runner=runner,
        requests=requests,
        unsendable=unsendable,
        estimate=estimate_run([p for _, p in requests], settings.model, client.prices, batch=batch),
        batch=batch,
        open_batch=open_batch,
        note=note,
        save_to=save_to,
    )


def _check_save_path(save_to: Path, inputs: list[Path]) -> None:
    """Before anything is paid for: the outputs file can be written, and is not an input."""
    try:
        target = output_target(save_to, overwrite=True)
    except WriteError as exc:
        raise WorkSampleError(str(exc)) from None
    for path in inputs:
        if path.exists() and target.path.exists() and target.path.samefile(path):
            raise WorkSampleError(f"{save_to}: is {path.name}, an input; save to another file")


def run_prompt(
    plan: PromptRunPlan,
    *,
    poll_every: float = 30.0,
    on_notice: Callable[[str], None] | None = None,
    on_item: Callable[[ItemOutcome], None] | None = None,
) -> PromptRunResult:
    """Run the planned prompt over the dataset: directly, or as a Message Batch whose id is
    stored before waiting (running the same plan again collects it). A refused or failed item
    is that item's outcome; PromptRunError when a batch cannot be sent or collected."""
    from simulator.engines.claude.calls import UsageTotals
    from simulator.engines.claude.client import ClaudeError
    from simulator.engines.claude.prompt_batches import PromptBatches

    runner, task_id = plan.runner, plan.sample.task.id
    log = runner.client.log
    if not plan.requests:  # nothing the API would take: no batch of nothing
        return PromptRunResult(_in_order(plan, {}), UsageTotals())
    if not plan.batch:
        scope = f"worksample:{task_id}:run-{uuid.uuid4().hex[:8]}"
        outcomes = runner.run(plan.requests, scope, on_item, on_notice)
        return PromptRunResult(_in_order(plan, outcomes), log.totals(scope=scope))
    store = PromptBatches(log.db)
    try:
        if plan.open_batch is not None:
            batch_id, keys = plan.open_batch
        else:
            batch_id, keys = runner.submit(plan.requests)
            store.add(batch_id, runner, task_id, keys)
            if on_notice is not None:
                on_notice(
                    f"submitted batch {batch_id}; if you stop waiting, the same command "
                    "collects it later"
                )
        runner.wait(batch_id, poll_every=poll_every, on_wait=on_notice)
        scope = f"worksample:{task_id}:{batch_id}"
        outcomes = runner.results(batch_id, keys, scope)
    except ClaudeError as exc:
        raise PromptRunError(str(exc)) from None
    store.collected(batch_id, outcomes)
    return PromptRunResult(_in_order(plan, outcomes), log.totals(scope=scope), batch_id)


def _in_order(plan: PromptRunPlan, outcomes: dict[str, ItemOutcome]) -> dict[str, ItemOutcome]:
    """Every item's outcome in dataset order, the unsendable ones included."""
    every = {**outcomes, **plan.unsendable}
    return {item.id: every[item.id] for item in plan.sample.items}


def grade_prompt_run(plan: PromptRunPlan, result: PromptRunResult) -> WorkSampleGrade:
    """Grade what the run got exactly as an outputs file is graded (saving that file first
    when asked); an item without an output is a `no_output` problem that says why."""
    from scoring.worksample.grade import grade_outputs

    text = outputs_file_text(result.outcomes)
    if plan.save_to is not None:
        try:
            write_output(plan.save_to, text, overwrite=True)
        except WriteError as exc:
            raise WorkSampleError(str(exc)) from None
    sample = plan.sample
    grade = grade_outputs(sample.task, sample.items, text, plan.note)
    problems = [
        p.model_copy(update={"detail": result.outcomes[p.id].problem})
        if p.kind == "no_output" and p.id in result.outcomes and result.outcomes[p.id].problem
        else p
        for p in grade.problems
    ]
    return grade.model_copy(update={"problems": problems})


def outputs_file_text(outcomes: dict[str, ItemOutcome]) -> str:
    """The outputs file of a run: `{"id", "output"}` per item that got an output, in order."""
    rows = (
        json.dumps({"id": o.item_id, "output": o.output}, ensure_ascii=False)
        for o in outcomes.values()
        if o.kind == "output"
    )
    return "".join(row + "\n" for row in rows)
