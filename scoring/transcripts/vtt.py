"""WebVTT transcripts from Zoom (``Dana Lee: text`` cues) and Teams (``<v Dana Lee>text</v>``).

Cue times become the turn's start and end in seconds. A cue without a name continues the
speaker before it; consecutive cues by one speaker are joined into one turn with a space.
Roles are decided by the same rules as plain text (see ``roles.py``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.labels import split_label
from scoring.transcripts.model import Transcript
from scoring.transcripts.roles import Segment, build_turns

_VOICE = re.compile(r"<v(?:\.[^\s>.]*)*[ \t]+([^>\s][^>]*)>")
_TAG = re.compile(r"<[^<>]*>")


def parse_vtt(
    text: str,
    *,
    candidate_label: str | None = None,
    origin: str = "<vtt>",
    transcript_id: str = "transcript",
) -> Transcript:
    """Read a WebVTT transcript; ``origin`` (usually the path) starts every error message."""
    try:
        captions = webvtt.from_string(text.lstrip()).captions
    except MalformedFileError:
        raise TranscriptError(
            origin, "not a WebVTT file (the first line must be 'WEBVTT')"
        ) from None
    except (MalformedCaptionError, ValueError) as exc:
        raise TranscriptError(origin, f"malformed WebVTT: {exc}") from None
    segments = list(_segments(captions))
    if not any(s.speaker is not None for s in segments):
        raise TranscriptError(
            origin,
            f"no speaker names in {len(captions)} cue(s); expected cues like "
            "'Dana Lee: text' (Zoom) or '<v Dana Lee>text</v>' (Teams)",
        )
    turns = build_turns(segments, joiner=" ", candidate_label=candidate_label, origin=origin)
    return Transcript(id=transcript_id, turns=turns, source={"format": "vtt"})


def _segments(captions: list[webvtt.Caption]) -> Iterator[Segment]:
    speaker: str | None = None
    for caption in captions:
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        words: list[str] = []
        for line in caption.lines:
            named, text = _speaker_and_text(line)
            if named is not None and named != speaker:
                yield Segment(speaker, " ".join(words), start, end)
                speaker, words = named, []
            if text:
                words.append(text)
        yield Segment(speaker, " ".join(words), start, end)


def _speaker_and_text(line: str) -> tuple[str | None, str]:
    """The speaker a cue line names (voice tag or "Name:" prefix), and its plain text."""
    voice = _VOICE.match(line.lstrip())
    speaker = " ".join(voice[1].split()) if voice else None
    text = " ".join(html.unescape(_TAG.sub("", line)).split())
    if not speaker:
        label = split_label(text)
        if label is None:
            return None, text
        return label.speaker, label.text
    return speaker, text
