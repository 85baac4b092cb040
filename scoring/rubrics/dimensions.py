"""The dimension ids there are: the ones the rubric files define, and nowhere else.

A brief's probe areas, a persona's expected levels and answers, the vocabulary's concepts,
the slot catalogue and the guide's signal questions all name dimensions; each is checked
against this set, so adding a dimension to a rubric (and a concept for it to the
vocabulary) needs no change to code. Only each rubric's `dimensions[].id` is read here, so
the check needs neither the vocabulary nor the slot catalogue that a whole rubric is
validated against.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from scoring.content import load_model

SHIPPED_RUBRICS = Path(__file__).resolve().parent


class _NamedDimension(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str


class _RubricDimensions(BaseModel):
    """A rubric file read for its dimension ids alone."""

    model_config = ConfigDict(extra="ignore")

    dimensions: list[_NamedDimension] = Field(min_length=1)


# A file is named with its size and modification time, so an edited rubric is read again.
FileStamp = tuple[str, int, int]


def file_stamps(folders: Iterable[Path]) -> tuple[FileStamp, ...]:
    """The `*.yaml` files of each folder that exists, in order (sorted within a folder), each
    with its size and modification time."""
    stamps: list[FileStamp] = []
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            stat = path.stat()
            stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def known_dimension_ids(extra: Iterable[Path] = ()) -> frozenset[str]:
    """Every dimension id a rubric defines: the shipped rubrics and those in `extra` folders
    (the user's MOCKLOOP_HOME/rubrics). A rubric file that cannot be read is a ContentError."""
    return _dimension_ids(file_stamps((SHIPPED_RUBRICS, *extra)))


def shipped_dimension_ids() -> frozenset[str]:
    """The dimension ids of the shipped rubrics (what shipped content may name)."""
    return known_dimension_ids()


@lru_cache(maxsize=32)
def _dimension_ids(stamps: tuple[FileStamp, ...]) -> frozenset[str]:
    return frozenset(
        dimension.id
        for path, _, _ in stamps
        for dimension in load_model(Path(path), _RubricDimensions).dimensions
    )


def unknown_dimension(where: str, dimension_id: str, known: frozenset[str]) -> str:
    """The one-line refusal of a dimension no rubric defines: the field, the id, the known ids."""
    known_ids = ", ".join(sorted(known))
    return f"{where}: unknown dimension {dimension_id!r} (the rubrics define: {known_ids})"
