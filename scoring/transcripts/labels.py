"""Recognising a speaker label at the start of a line: ``Priya Raman: ...``, ``[00:01:02] Q: ...``.

Shared by the plain-text and the WebVTT importers, so both agree on what a label is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.transcripts.model import Role

# Role words that say which side of the table a speaker is on. "Interviewer 2" counts too.
ROLE_LABELS: dict[str, Role] = {
    "interviewer": "interviewer",
    "q": "interviewer",
    "question": "interviewer",
    "candidate": "candidate",
    "interviewee": "candidate",
    "a": "candidate",
    "answer": "candidate",
}

# Words that look like a one-word name before a colon but start a note or a header line, not
# a turn ("Note: the cache key...", "Date: 2024-03-01"). Only checked for single-word labels.
NOT_SPEAKERS = frozenset(
    # One string reads better than a 60-line list.
    """
    note notes nb ps example examples eg ie edit update summary step steps tip tips warning
    caveat pros cons todo input output result results context goal goals assumption
    assumptions problem solution option options idea plan risk risks tldr re subject date time
    agenda title topic participants attendees duration location meeting recording transcript
    company position http https ftp mailto file
    """.split()  # noqa: SIM905
)

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A word of a name starts with a letter; later words may also be a small number ("Speaker 2").
_WORD = r"[^\W\d_][\w'’.-]{0,30}"
_NAME = rf"{_WORD}(?:[ \t]{{1,3}}(?:{_WORD}|\d{{1,2}})){{0,3}}"
_LABEL = re.compile(
    rf"""
    [ \t]*
    (?:[\[(]?(?P<time1>{_TIME})[\])]?[ \t]*(?:[-–—|][ \t]*)?)?   # [00:01:02] before the name
    (?:\*\*)?
    (?P<name>{_NAME})
    (?:[ \t]*[\[(](?P<time2>{_TIME})[\])])?                       # Priya (00:01:02): ...
    [ \t]*(?P<colon>(?:\*\*[ \t]*)?[:：](?:\*\*)?)                # :  **Name:**  **Name**:
    (?P<rest>.*)
    """,
    re.VERBOSE | re.DOTALL,
)
# Lower-case words that belong inside a name ("Ana de Souza"); any other lower-case word
# means the line is prose ("The answer is: 42").
_NAME_PARTICLES = frozenset(
    "de da di del della van von der den la le du dos das bin binti al el ter ten y".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Label:
    """A speaker label found at the start of a line, and what follows it on that line."""

    speaker: str
    text: str
    start: float | None


def split_label(line: str) -> Label | None:
    """The speaker label that starts ``line``, or None when the line just continues a turn."""
    match = _LABEL.match(line)
    if match is None:
        return None
    rest = match["rest"]
    # "Name: text" needs a space after an ASCII colon, so "http://..." and "10:30" are prose.
    if rest and not rest[0].isspace() and "：" not in match["colon"]:
        return None
    name = " ".join(match["name"].split())
    if not _spelled_like_a_label(name):
        return None
    if role_of_label(name) is None and not _looks_like_a_name(name):
        return None
    stamp = match["time1"] or match["time2"]
    return Label(speaker=name, text=rest.strip(), start=parse_clock(stamp) if stamp else None)


def _spelled_like_a_label(label: str) -> bool:
    r"""Every word starts with a letter, or is a number after the first word ("Speaker 2").

    The pattern's words start with `[^\W\d_]`, the nearest re has to "a letter": it also
    takes the numbers that are not decimal digits (², ½, Ⅻ), so a line such as "²: x" got
    this far, and a label that is only a number is prose."""
    words = label.split(" ")
    return words[0][:1].isalpha() and all(
        word[:1].isalpha() or word.isdecimal() for word in words[1:]
    )


def _looks_like_a_name(label: str) -> bool:
    words = label.split(" ")
    if words[-1].isdecimal():  # what the pattern's `\d` takes
        words = words[:-1]
    if len(words) == 1 and words[0].rstrip(".").casefold() in NOT_SPEAKERS:
        return False
    if words[-1].endswith((".", "-", "'", "’")):
        return False
    # Real names are capitalised (or written in a script without case); "so:" is prose.
    return not words[0][0].islower() and all(
        not word[0].islower() or word in _NAME_PARTICLES for word in words[1:]
    )


def role_of_label(speaker: str) -> Role | None:
    """The role a role-word label names ("Q" → interviewer), or None for a person's name."""
    words = speaker.casefold().split()
    if words and words[-1].isdecimal():
        words = words[:-1]
    return ROLE_LABELS.get(" ".join(words))


def parse_clock(stamp: str) -> float:
    """Seconds in ``hh:mm:ss``, ``mm:ss`` or ``hh:mm:ss.mmm`` (a comma works as the dot)."""
    clock, _, fraction = stamp.replace(",", ".").partition(".")
    seconds = 0
    for part in clock.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds + (int(fraction.ljust(3, "0")[:3]) / 1000 if fraction else 0.0)
