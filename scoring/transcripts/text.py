"""Plain-text transcripts: ``Interviewer: ...``, ``Q: ...``, ``[00:01:02] Priya Raman: ...``.

A line that starts with a speaker label starts a turn; any other line continues the turn
before it, paragraphs kept. In a conversation, a one-word label seen only once is a line of
the turn it sits in. Lines before the first label (a title, a date) become one
"other" turn without a speaker, so nothing in the file is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.labels import role_of_label, split_label
from scoring.transcripts.model import Transcript
from scoring.transcripts.roles import Segment, build_turns


def parse_text(
    text: str,
    *,
    candidate_label: str | None = None,
    origin: str = "<text>",
    transcript_id: str = "transcript",
) -> Transcript:
    """Read a plain-text transcript; ``origin`` (usually the path) starts every error message."""
    segments = _without_stray_labels(list(_segments(text)))
    if not any(s.speaker is not None for s in segments):
        raise TranscriptError(
            origin,
            "no speaker labels found; expected lines like 'Interviewer: ...', "
            "'Candidate: ...' or 'Priya Raman: ...'",
        )
    turns = build_turns(segments, joiner="\n", candidate_label=candidate_label, origin=origin)
    return Transcript(id=transcript_id, turns=turns, source={"format": "txt"})


# In a conversation (two speakers with at least this many turns each), a one-word label seen
# once ("Coverage: ...", "SYSTEM: ...") is a line of the turn it sits in, not a new speaker.
CONVERSATION_TURNS = 3


def _without_stray_labels(segments: list[Segment]) -> list[Segment]:
    counts = Counter(s.speaker for s in segments if s.speaker is not None)
    if sum(1 for n in counts.values() if n >= CONVERSATION_TURNS) < 2:
        return segments
    kept: list[Segment] = []
    for segment in segments:
        name = segment.speaker
        stray = (
            name is not None
            and counts[name] == 1
            and " " not in name
            and role_of_label(name) is None
            and kept
        )
        if stray:
            before = kept[-1]
            line = f"{name}: {segment.text}"
            kept[-1] = replace(before, text=f"{before.text}\n{line}" if before.text else line)
        else:
            kept.append(segment)
    return kept


def _segments(text: str) -> Iterator[Segment]:
    speaker: str | None = None
    start: float | None = None
    lines: list[str] = []
    for line in text.splitlines():
        label = split_label(line)
        if label is None:
            lines.append(line.strip())
            continue
        yield Segment(speaker, _paragraphs(lines), start)
        speaker, start, lines = label.speaker, label.start, [label.text]
    yield Segment(speaker, _paragraphs(lines), start)


def _paragraphs(lines: list[str]) -> str:
    """Lines joined with newlines; blank lines at the ends dropped, runs of them made one."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
