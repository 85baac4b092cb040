"""Plain-text transcripts: ``Interviewer: ...``, ``Q: ...``, ``[00:01:02] Priya Raman: ...``.

A line that starts with a speaker label starts a turn; any other line continues the turn
before it, paragraphs kept. In a conversation, a one-word label seen only once is a line of
the turn it sits in. Lines before the first label (a title, a date) become one
"other" turn without a speaker, so nothing in the file is dropped.

The file is read line by line and labels by one speaker in a row are gathered as they come,
so a file of a million tiny turns stops at the turn limit instead of filling memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.labels import role_of_label, split_label
from scoring.transcripts.limits import MAX_TURNS, JoinedText, lines_of, too_many_turns
from scoring.transcripts.model import Transcript
from scoring.transcripts.roles import Segment, build_turns

# In a conversation (two speakers with at least this many turns each), a one-word label seen
# once ("Coverage: ...", "SYSTEM: ...") is a line of the turn it sits in, not a new speaker.
CONVERSATION_TURNS = 3
# Runs of one speaker read before the turns are counted exactly: empty labels and stray
# one-word labels fold away later, so a run is not yet a turn; twice the turn limit leaves
# room for them and still bounds memory.
MAX_RUNS = 2 * MAX_TURNS


def parse_text(
    text: str,
    *,
    candidate_label: str | None = None,
    origin: str = "<text>",
    transcript_id: str = "transcript",
) -> Transcript:
    """Read a plain-text transcript; ``origin`` (usually the path) starts every error message."""
    runs, labels = _runs(_segments(text), origin)
    segments = _without_stray_labels(runs, labels)
    if not any(s.speaker is not None for s in segments):
        raise TranscriptError(
            origin,
            "no speaker labels found; expected lines like 'Interviewer: ...', "
            "'Candidate: ...' or 'Priya Raman: ...'",
        )
    turns = build_turns(segments, joiner="\n", candidate_label=candidate_label, origin=origin)
    return Transcript(id=transcript_id, turns=turns, source={"format": "txt"})


@dataclass
class _Run:
    """Labels by one speaker in a row: their non-empty texts, and what a stray label folded
    into the last of them needs (whether it was empty, and its time)."""

    speaker: str | None
    texts: JoinedText = field(default_factory=lambda: JoinedText("\n"))
    start: float | None = None  # of the first label with text
    last_start: float | None = None
    last_empty: bool = True

    def add(self, segment: Segment) -> None:
        self.last_start, self.last_empty = segment.start, not segment.text
        if segment.text:
            self.texts.add(segment.text)
            self.start = segment.start if self.start is None else self.start

    def fold(self, line: str) -> None:
        """The stray label's line joins the last label's text (or is it, when that was empty)."""
        self.texts.add(line)
        if self.last_empty:
            self.start = self.last_start if self.start is None else self.start
            self.last_empty = False

    def segment(self) -> Segment:
        return Segment(self.speaker, self.texts.text(), self.start)


def _runs(segments: Iterator[Segment], origin: str) -> tuple[list[_Run], Counter[str]]:
    """Segments gathered into runs by speaker, and how many labels each speaker has."""
    runs: list[_Run] = []
    labels: Counter[str] = Counter()
    for segment in segments:
        if segment.speaker is not None:
            labels[segment.speaker] += 1
        if not runs or runs[-1].speaker != segment.speaker:
            if len(runs) == MAX_RUNS:
                raise too_many_turns(origin)
            runs.append(_Run(segment.speaker))
        runs[-1].add(segment)
    return runs, labels


def _without_stray_labels(runs: list[_Run], labels: Counter[str]) -> list[Segment]:
    if sum(1 for n in labels.values() if n >= CONVERSATION_TURNS) < 2:
        return [run.segment() for run in runs]
    kept: list[_Run] = []
    for run in runs:
        name = run.speaker
        stray = (
            name is not None
            and labels[name] == 1
            and " " not in name
            and role_of_label(name) is None
            and kept
        )
        if stray:
            kept[-1].fold(f"{name}: {run.texts.text()}")
        else:
            kept.append(run)
    return [run.segment() for run in kept]


def _segments(text: str) -> Iterator[Segment]:
    speaker: str | None = None
    start: float | None = None
    lines = _Paragraphs()
    for line in lines_of(text):
        label = split_label(line)
        if label is None:
            lines.add(line.strip())
            continue
        yield Segment(speaker, lines.text(), start)
        speaker, start, lines = label.speaker, label.start, _Paragraphs()
        lines.add(label.text)
    yield Segment(speaker, lines.text(), start)


class _Paragraphs:
    """Lines joined with newlines; blank lines at the ends dropped, runs of them made one."""

    def __init__(self) -> None:
        self._kept = JoinedText("\n")
        self._blank = False

    def add(self, line: str) -> None:
        if not line:
            self._blank = bool(self._kept)
            return
        if self._blank:
            self._kept.add("")
        self._kept.add(line)
        self._blank = False

    def text(self) -> str:
        return self._kept.text()
