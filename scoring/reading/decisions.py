"""The design choices an answer commits to, each with the reason given for it, if any."""

from __future__ import annotations

import re

from scoring.reading.models import Decision, Span

_CHOICES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (kind, value, re.compile(pattern))
    for kind, value, pattern in (
        ("delivery", "streamed", r"\bstream(s|ed|ing)?\b|as (they|it) (come|arrive)"),
        (
            "delivery",
            "asynchronous",
            r"\basync(hronous(ly)?)?\b|\bbackground (job|worker|task)\b"
            r"|\bwebhook\b|\bnotif(y|ication)\b|\bwhen it\W?s (done|ready)\b",
        ),
        (
            "delivery",
            "synchronous",
            r"\b(?<!a)synchronous(ly)?\b|\bsync\b|\bblocking\b"
            r"|\bwhile (they|the \w+) waits?\b",
        ),
        (
            "delivery",
            "precomputed",
            r"\b(nightly|overnight|precompute[sd]?|pre-?comput\w+|"
            r"batch (job|run|it|them))\b",
        ),
        (
            "model_tier",
            "small",
            r"\b(haiku|mini|flash|nano|small(er|est)? (model|one|tier)|"
            r"cheap(er|est)? (model|one|tier)|light(weight)? model)\b",
        ),
        ("model_tier", "mid", r"\b(sonnet|mid[- ]?(size[d]?|tier|range|sized)|medium[- ]sized?)\b"),
        (
            "model_tier",
            "large",
            r"\b(opus|biggest|largest|frontier|most capable|strongest|"
            r"best (available )?model|top[- ]tier|gpt-?4)\b",
        ),
        ("output", "structured", r"\b(json|structured output|schema|tool call|fields)\b"),
        ("output", "free text", r"\b(free[- ]text|plain text|prose|a paragraph)\b"),
    )
)
_REASON = re.compile(
    r"\b(because|since|so that|so the|that way|to (keep|avoid|make|save|cut|stay|get|hit)|"
    r"otherwise|which (means|keeps|lets|gives))\b"
)


def find_decisions(sentence: Span, lowered: str, dismissed_here: bool) -> list[Decision]:
    """The choices one sentence commits to (none in a sentence that dismisses something)."""
    if dismissed_here:
        return []
    reason = _REASON.search(lowered)
    because = sentence.text[reason.start() :].strip() if reason else ""
    found: list[Decision] = []
    for kind, value, pattern in _CHOICES:
        if any(d.kind == kind for d in found):
            continue
        if pattern.search(lowered):
            found.append(Decision(kind, value, sentence, because))  # type: ignore[arg-type]
    return found
