"""Loading rubrics: the shipped ones plus any folder of a team's own, checked against the
concept vocabulary."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from scoring.content import ContentError, load_model
from scoring.rubrics.dimensions import SHIPPED_RUBRICS
from scoring.rubrics.models import Rubric
from scoring.vocabulary.loader import default_vocabulary


def load_rubric_file(path: Path) -> Rubric:
    """One rubric file, validated, with every signal concept known to the vocabulary (the
    shipped concepts and the user's own, MOCKLOOP_HOME/vocabulary)."""
    # Imported here: the slot catalogue checks its dimensions against the rubric files.
    from scoring.reading.catalogue import slot_catalogue

    rubric = load_model(path, Rubric)
    known = {concept.id for concept in default_vocabulary().concepts}
    quotable = known | {f"slot:{slot.id}" for slot in slot_catalogue().slots}
    for d_index, dimension in enumerate(rubric.dimensions):
        for field, allowed in (("concepts", known), ("quote_first", quotable)):
            for c_index, concept_id in enumerate(getattr(dimension.signals, field)):
                if concept_id not in allowed:
                    raise ContentError(
                        f"{path}: dimensions.{d_index}.signals.{field}.{c_index}: "
                        f"unknown concept {concept_id!r}"
                    )
        for s_index, slot_id in enumerate(dimension.signals.slots or []):
            if f"slot:{slot_id}" not in quotable:
                raise ContentError(
                    f"{path}: dimensions.{d_index}.signals.slots.{s_index}: "
                    f"unknown slot {slot_id!r}"
                )
    return rubric


def load_rubrics(extra: Iterable[Path] = ()) -> dict[str, Rubric]:
    """Every rubric by id; a later folder's rubric may not reuse a shipped id."""
    rubrics: dict[str, Rubric] = {}
    for folder in (SHIPPED_RUBRICS, *extra):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            rubric = load_rubric_file(path)
            if rubric.id in rubrics:
                raise ContentError(f"{path}: id: duplicate rubric id {rubric.id!r}")
            rubrics[rubric.id] = rubric
    return rubrics
