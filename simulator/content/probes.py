"""The vocabulary's technique probes, worded for one brief.

A concept's `follow_up` may name slots of the brief's context in braces ("what does the
{user} see when it fires?"), so one probe reads right on every brief. This is the one place
they are filled: the live interviewer's policy and the interviewer guide both ask for them
here, so the two always ask the same words.
"""

from __future__ import annotations

from string import Formatter

from scoring.content import ContentError
from scoring.vocabulary.models import Vocabulary
from simulator.content.models import CandidateContext

SLOTS: tuple[str, ...] = tuple(CandidateContext.model_fields)


def unknown_slots(template: str) -> list[str]:
    """The placeholders in `template` that are not slots of a brief's context.

    Raises ValueError when the braces themselves are malformed (a lone "{" or "}").
    """
    fields = [(name, spec, conversion) for _, name, spec, conversion in Formatter().parse(template)]
    for name, spec, conversion in fields:
        if name is not None and (spec or conversion):
            raise ValueError(f"{{{name}}} takes no format spec or conversion")
    return [name for name, _, _ in fields if name is not None and name not in SLOTS]


def fill_slots(template: str, context: CandidateContext) -> str:
    """`template` with each {slot} replaced by the brief's context value."""
    return template.format_map(context.model_dump())


def technique_probes(vocabulary: Vocabulary, context: CandidateContext) -> dict[str, str]:
    """Concept id -> its follow-up probe, filled with the brief's context.

    An unknown or malformed placeholder is a content error naming the concept's field.
    """
    probes: dict[str, str] = {}
    for concept in vocabulary.concepts:
        if not concept.follow_up:
            continue
        where = f"{vocabulary.where(concept.id)}.follow_up ({concept.id})"
        try:
            unknown = unknown_slots(concept.follow_up)
        except ValueError as exc:
            raise ContentError(f"{where}: {exc}") from None
        if unknown:
            raise ContentError(
                f"{where}: unknown slot {{{unknown[0]}}} (slots: {', '.join(SLOTS)})"
            )
        probes[concept.id] = fill_slots(concept.follow_up, context)
    return probes
