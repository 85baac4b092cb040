"""Work samples by task id: the shipped ones (`worksamples/`) and the user's own
(MOCKLOOP_HOME/worksamples/<task>/), a user's folder replacing a shipped one of the same id.

Also what the command line and the app both do with them: list them, export the candidate's
copy of one, and grade a candidate's outputs file (and note) on its dataset. Errors are
typed (UnknownIdError, ContentError, WorkSampleError); nothing here prints or exits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.content import ContentError
from scoring.input_files import MB
from simulator.files import WriteError, write_output

if TYPE_CHECKING:
    from scoring.worksample.grade import WorkSampleGrade
    from scoring.worksample.models import WorkSample

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
