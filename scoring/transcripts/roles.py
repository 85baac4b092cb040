"""Who is the candidate: turning labelled speech segments into turns with roles.

Shared by the plain-text and WebVTT importers. The rules, in order:

1. ``candidate_label`` names the candidate (exact label, or a unique first name); everyone
   else is an interviewer.
2. Role-word labels (Interviewer, Candidate, Interviewee, Q, A) map directly. Names next to
   them are "other" when both sides already have a role label, the interviewer when only
   the candidate side has one, and the candidate when they are the one name opposite an
   interviewer label.
3. Exactly two people with real names: the one who speaks first and asks more questions
   (counting "?") is the interviewer. When that is not clear-cut, the importer refuses to
   guess and asks for ``--candidate-label``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.labels import role_of_label
from scoring.transcripts.limits import JoinedText, check_turn_count
from scoring.transcripts.model import Role, Turn


@dataclass
class Segment:
    """A stretch of speech by one speaker (None: before anyone was named), as read from a file."""

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None


def build_turns(
    segments: Iterable[Segment],
    *,
    joiner: str,
    candidate_label: str | None,
    origin: str,
) -> list[Turn]:
    """Merge consecutive segments by one speaker (joined with ``joiner``) and assign roles.

    ``segments`` is read lazily and the merge stops at the first turn past ``MAX_TURNS``.
    """
    merged = merge_segments(segments, joiner=joiner, origin=origin)
    roles = assign_roles(
        speakers_in_order(merged),
        questions=question_counts(merged),
        candidate_label=candidate_label,
        origin=origin,
    )
    return [
        Turn(
            role=roles[s.speaker] if s.speaker is not None else "other",
            speaker=s.speaker,
            text=s.text,
            start=s.start,
            end=s.end,
        )
        for s in merged
    ]


def merge_segments(segments: Iterable[Segment], *, joiner: str, origin: str) -> list[Segment]:
    """Drop empty segments and join runs by the same speaker into one; a TranscriptError as
    soon as there are more runs (turns) than ``MAX_TURNS``."""
    merged: list[Segment] = []
    for speaker, run in groupby((s for s in segments if s.text), key=lambda s: s.speaker):
        check_turn_count(len(merged) + 1, origin)
        texts = JoinedText(joiner)  # a million tiny cues by one speaker: a few strings
        start: float | None = None
        end: float | None = None
        for part in run:
            texts.add(part.text)
            start = part.start if start is None else start
            end = part.end if part.end is not None else end
        merged.append(Segment(speaker, texts.text(), start=start, end=end))
    return merged


def speakers_in_order(segments: Iterable[Segment]) -> list[str]:
    """Each named speaker once, in the order they first speak."""
    return list(dict.fromkeys(s.speaker for s in segments if s.speaker is not None))


def question_counts(segments: Iterable[Segment]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in segments:
        if s.speaker is not None:
            counts[s.speaker] = counts.get(s.speaker, 0) + s.text.count("?")
    return counts


def assign_roles(
    speakers: Sequence[str],
    *,
    questions: dict[str, int],
    candidate_label: str | None,
    origin: str,
) -> dict[str, Role]:
    """The role of every speaker, or a TranscriptError saying what to pass to settle it."""
    if candidate_label is not None:
        candidate = match_candidate_label(speakers, candidate_label, origin=origin)
        return {s: "candidate" if s == candidate else "interviewer" for s in speakers}
    fixed: dict[str, Role] = {}
    for speaker in speakers:
        role = role_of_label(speaker)
        if role is not None:
            fixed[speaker] = role
    names = [s for s in speakers if s not in fixed]
    if fixed:
        return {**fixed, **_roles_beside_role_labels(names, set(fixed.values()), origin)}
    if len(names) == 2:
        first, second = names
        if questions.get(first, 0) > questions.get(second, 0):
            return {first: "interviewer", second: "candidate"}
    raise _ambiguous(origin, speakers)


def _roles_beside_role_labels(names: list[str], covered: set[Role], origin: str) -> dict[str, Role]:
    if not names:
        return {}
    if "candidate" in covered:
        role: Role = "other" if "interviewer" in covered else "interviewer"
        return dict.fromkeys(names, role)
    if len(names) == 1:
        return {names[0]: "candidate"}
    raise _ambiguous(origin, names)


def match_candidate_label(speakers: Sequence[str], label: str, *, origin: str) -> str:
    """The speaker ``label`` names: the exact label (any case) or a unique first name."""
    wanted = " ".join(label.split()).casefold()
    exact = [s for s in speakers if s.casefold() == wanted]
    if exact:
        return exact[0]
    by_first_name = [s for s in speakers if s.split(" ")[0].casefold() == wanted]
    if len(by_first_name) == 1:
        return by_first_name[0]
    if by_first_name:
        raise TranscriptError(
            origin,
            f"--candidate-label {label!r} matches several speakers "
            f"({', '.join(by_first_name)}); use the full label",
        )
    raise TranscriptError(
        origin,
        f"no speaker matches --candidate-label {label!r} (found: {_listing(speakers)})",
    )


def _ambiguous(origin: str, speakers: Sequence[str]) -> TranscriptError:
    return TranscriptError(
        origin,
        f"cannot tell which speaker is the candidate (found: {_listing(speakers)}); "
        "pass --candidate-label NAME",
    )


def _listing(speakers: Sequence[str]) -> str:
    return ", ".join(speakers) if speakers else "no speaker labels"
