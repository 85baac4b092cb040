"""WebVTT transcripts from Zoom (``Dana Lee: text`` cues) and Teams (``<v Dana Lee>text</v>``).

Cue times become the turn's start and end in seconds. A cue without a name continues the
speaker before it; consecutive cues by one speaker are joined into one turn with a space.
Roles are decided by the same rules as plain text (see ``roles.py``).

Cues are parsed a batch at a time and merged into turns as they come, so a file of a million
tiny cues stops at the turn limit instead of holding a million captions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.labels import split_label
from scoring.transcripts.model import Transcript
from scoring.transcripts.roles import Segment, build_turns, merge_segments

_VOICE = re.compile(r"<v(?:\.[^\s>.]*)*[ \t]+([^>\s][^>]*)>")
_TAG = re.compile(r"<[^<>]*>")
# A blank line ends every WebVTT block, so cutting the file there parses the same cues.
_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r|\n)")
_BATCH_CHARS = 64 * 1024


def parse_vtt(
    text: str,
    *,
    candidate_label: str | None = None,
    origin: str = "<vtt>",
    transcript_id: str = "transcript",
) -> Transcript:
    """Read a WebVTT transcript; ``origin`` (usually the path) starts every error message."""
    seen = _Seen()
    try:
        merged = merge_segments(
            _segments(_captions(text.lstrip()), seen), joiner=" ", origin=origin
        )
    except TranscriptError:
        raise
    except MalformedFileError:
        raise TranscriptError(
            origin, "not a WebVTT file (the first line must be 'WEBVTT')"
        ) from None
    except (MalformedCaptionError, ValueError) as exc:
        raise TranscriptError(origin, f"malformed WebVTT: {exc}") from None
    if not seen.speaker:
        raise TranscriptError(
            origin,
            f"no speaker names in {seen.cues} cue(s); expected cues like "
            "'Dana Lee: text' (Zoom) or '<v Dana Lee>text</v>' (Teams)",
        )
    turns = build_turns(merged, joiner=" ", candidate_label=candidate_label, origin=origin)
    return Transcript(id=transcript_id, turns=turns, source={"format": "vtt"})


@dataclass
class _Seen:
    """What the cues held, for the message when no speaker is named."""

    cues: int = 0
    speaker: bool = False


def _captions(text: str) -> Iterator[webvtt.Caption]:
    """The file's captions, parsed a batch of blocks at a time."""
    start = 0
    while True:
        cut = _BLANK_LINE.search(text, min(start + _BATCH_CHARS, len(text)))
        end = cut.end() if cut else len(text)
        batch = text[start:end] if start == 0 else "WEBVTT\n\n" + text[start:end]
        yield from webvtt.from_string(batch).captions
        if end >= len(text):
            return
        start = end


def _segments(captions: Iterator[webvtt.Caption], seen: _Seen) -> Iterator[Segment]:
    speaker: str | None = None
    for caption in captions:
        seen.cues += 1
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        words: list[str] = []
        for line in caption.lines:
            named, text = _speaker_and_text(line)
            if named is not None and named != speaker:
                yield Segment(speaker, " ".join(words), start, end)
                speaker, words, seen.speaker = named, [], True
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
