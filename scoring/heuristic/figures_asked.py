"""A figure asked for and not given. Pressed with "Roughly how many tokens is one
classification?" or "How big a set?", a candidate who knows the design answers with a number,
even a rough one; one who answers "That would depend on the length of the ticket" or "Large
enough to be statistically meaningful" has not made the estimate the level-3 and level-4
anchors are about, however well the rest is worded. The dimension the question is about (its
rubric's `figure_topics`) stays at 2.

A question asks for a figure when it is short (a follow-up, not the brief or an area's opening)
and says how many, how much, how big, roughly, ballpark or what number. The figure may come in
the answer or the one after it ("I'd have to make some assumptions." "Go ahead." "Say 2,000
tokens in ..."). Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scoring.reading.quantities import says_a_figure
from scoring.rubrics.models import Rubric
from scoring.transcripts.model import Transcript

DODGED_CAP = 2
FOLLOW_UP_WORDS = 40  # a longer interviewer turn reads a brief or opens an area
ANSWERS_READ = 2  # the answer to the question, and the next one
_ASKS_FOR_A_FIGURE = re.compile(
    r"\b(?:how (?:big|many|much|long|fast|large|often|slow|expensive)|ballpark|roughly"
    r"|rough (?:number|figure|estimate)|give me a number|what(?:'s| is)? the number"
    r"|what (?:number|figure|threshold|percentage|rate|budget|size)"
    r"|what does (?:it|that|one \w+) cost)\b"
)


def dodged_caps(rubric: Rubric, transcript: Transcript) -> list[tuple[str, int, str]]:
    """(dimension, cap, why) for the first figure each dimension was asked for and not given."""
    topics = [
        (d.id, [re.compile(p) for p in d.signals.figure_topics])
        for d in rubric.dimensions
        if d.signals.figure_topics
    ]
    if not topics:
        return []
    capped: dict[str, str] = {}
    for question, answers in _figures_asked(transcript):
        lowered = question.lower()
        owner = next((d for d, found in topics if any(p.search(lowered) for p in found)), None)
        if owner is None or owner in capped or any(map(says_a_figure, answers)):
            continue
        capped[owner] = (
            f'asked for a figure ("{question}") and gave none in that answer or the next'
        )
    return [(dimension, DODGED_CAP, why) for dimension, why in capped.items()]


def _figures_asked(transcript: Transcript) -> Iterator[tuple[str, list[str]]]:
    """Each short follow-up that asks for a figure (its words), with the candidate's next
    answers (`ANSWERS_READ` of them)."""
    turns = transcript.turns
    for at, turn in enumerate(turns[:-1]):
        if turn.role != "interviewer" or turns[at + 1].role != "candidate":
            continue
        words = turn.text.split()
        if "?" not in turn.text or len(words) > FOLLOW_UP_WORDS:
            continue  # no question, or too long for a follow-up
        text = " ".join(words)
        if _ASKS_FOR_A_FIGURE.search(text.lower()) is None:
            continue
        answers = [t.text for t in turns[at + 1 :] if t.role == "candidate"][:ANSWERS_READ]
        yield text, answers
