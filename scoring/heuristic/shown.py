"""Levels shown other than by naming the vocabulary's concepts: a reason given in most
answers (clear communication), and a behavioural story told in plain speech. Each is a floor
under the concepts' level, set per dimension in the rubric; caps still apply after. Pure."""

from __future__ import annotations

from dataclasses import replace

from scoring.heuristic.levels import MAX_QUOTES, REASONED_MIN_ANSWERS, DimensionReading
from scoring.heuristic.reading import ReadSentence
from scoring.heuristic.story import Story, carriers, describe_story, story_level
from scoring.rubrics.models import Dimension, Rubric


def shown_by_reasoned_answers(
    dimension: Dimension,
    reading: DimensionReading,
    explaining: list[ReadSentence],
    caps: list[tuple[int, str]],
    reasoned: tuple[int, int],
) -> DimensionReading | None:
    """Level 3 for a dimension shown by giving a reason in enough substantial answers
    (`shown_by_reasoned_answers` in the rubric), quoting the most reasoned sentences; level 4
    for one at 3 by its own concepts that gives a reason in nearly every answer
    (`clear_throughout`)."""
    share = dimension.signals.shown_by_reasoned_answers
    with_reason, answers = reasoned
    throughout = dimension.signals.clear_throughout
    if (
        throughout is not None
        and reading.level == 3
        and reading.explained
        and answers >= REASONED_MIN_ANSWERS
        and with_reason >= throughout * answers
        and min((cap for cap, _ in caps), default=4) >= 4
    ):
        return replace(reading, level=4, reasoned=reasoned)
    if share is None or reading.level >= 3:
        return None
    if with_reason < max(REASONED_MIN_ANSWERS, share * answers):
        return None
    if min((cap for cap, _ in caps), default=3) < 3:
        return None
    quoted = sorted(explaining, key=lambda s: (-len(s.depth), s.turn, s.start))[:MAX_QUOTES]
    return DimensionReading(
        3,
        reading.mentioned,
        reading.explained,
        reading.depth | {d for s in quoted for d in s.depth},
        quoted,
        reading.vague_share,
        explaining=len(explaining),
        reasoned=reasoned,
    )


def tells_stories(rubric: Rubric) -> bool:
    return any(d.signals.story for d in rubric.dimensions)


def told_in_plain_speech(
    reading: DimensionReading, told: Story, aspect: str, sentences: list[ReadSentence]
) -> DimensionReading:
    """The story's level on this aspect when it is higher than the concepts' (`story` in the
    rubric), quoting the sentences that show it."""
    level = story_level(told, aspect)
    if level <= reading.level:
        return reading
    shown = set(carriers(told, aspect))  # each with its spaces collapsed, as the story read it
    quoted = [s for s in sentences if " ".join(s.text.split()) in shown][:MAX_QUOTES]
    if not quoted:
        return reading
    return DimensionReading(
        level,
        reading.mentioned,
        reading.explained,
        reading.depth,
        quoted,
        reading.vague_share,
        explaining=reading.explaining,
        told=f"Told in plain words: {describe_story(told, aspect)}.",
    )
