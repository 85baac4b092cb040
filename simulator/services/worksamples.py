"""Work samples by task id: the shipped ones (`worksamples/`) and the user's own
(MOCKLOOP_HOME/worksamples/<task>/), a user's folder replacing a shipped one of the same id."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring.worksample.models import WorkSample

FOLDER = "worksamples"


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
