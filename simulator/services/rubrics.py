"""Rubrics by id: the shipped ones and the user's own (MOCKLOOP_HOME/rubrics)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring.rubrics.models import Rubric

DEFAULT_RUBRIC = "system-design"


def user_rubrics_dir() -> Path:
    from simulator.paths import user_dir

    return user_dir("rubrics")


def all_rubrics() -> dict[str, Rubric]:
    from scoring.rubrics import load_rubrics

    return load_rubrics([user_rubrics_dir()])


def rubric_by_id(rubric_id: str) -> Rubric:
    """The rubric; UnknownIdError (one line, listing what exists) when there is none."""
    from scoring.ids import overlong_id
    from simulator.content.loader import UnknownIdError

    if (problem := overlong_id(rubric_id, "rubric")) is not None:
        raise UnknownIdError(problem)
    rubrics = all_rubrics()
    if rubric_id not in rubrics:
        raise UnknownIdError(f"unknown rubric {rubric_id!r} (known: {', '.join(sorted(rubrics))})")
    return rubrics[rubric_id]
