"""WebVTT transcripts from Zoom (``Dana Lee: text`` cues) and Teams (``<v Dana Lee>text</v>``).

Cue times become the turn's start and end in seconds. A cue without a name continues the
speaker before it; consecutive cues by one speaker are joined into one turn with a space.
Roles are decided by the same rules as plain text (see ``roles.py``).

Cues are parsed a batch at a time and merged into turns as they come, so a file of a million
tiny cues stops at the turn limit instead of holding a million captions. A cue of many lines
is parsed by its first two lines (identifier, timings, settings) and the rest of its lines
are read a chunk at a time (see ``vtt_blocks.py``), so one cue of a million short lines costs a
small multiple of the file's size.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.labels import split_label
from scoring.transcripts.limits import JoinedText
from scoring.transcripts.model import Transcript
from scoring.transcripts.roles import Segment, build_turns, merge_segments
from scoring.transcripts.vtt_blocks import Block, blocks, lines_after

_VOICE = re.compile(r"<v(?:\.[^\s>.]*)*[ \t]+([^>\s][^>]*)>")
_TAG = re.compile(r"<[^<>]*>")
_BATCH_CHARS = 64 * 1024
# A block of more lines is handed to the library by its first two lines only: the rest are
# cue text, which the library would hold as a list of strings.
_LONG_BLOCK_LINES = 64
_HEADER = "WEBVTT\n\n"


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


def _captions(text: str) -> Iterator[tuple[webvtt.Caption, Iterable[str]]]:
    """The file's captions, each with its lines, parsed a batch of blocks at a time."""
    found = blocks(text)
    header = next(found, None)
    # The header is never a cue; the library checks that it starts with "WEBVTT".
    webvtt.from_string(text[: header.head_end] if header else "")
    batch: tuple[int, int] | None = None
    for block in found:
        if block.lines > _LONG_BLOCK_LINES:
            if batch:
                yield from _parsed(text, *batch)
                batch = None
            yield from _long_cue(text, block)
            continue
        batch = (batch[0] if batch else block.start, block.end)
        if batch[1] - batch[0] >= _BATCH_CHARS:
            yield from _parsed(text, *batch)
            batch = None
    if batch:
        yield from _parsed(text, *batch)


def _parsed(text: str, start: int, end: int) -> Iterator[tuple[webvtt.Caption, Iterable[str]]]:
    # Whole blocks, so the library cuts them where it would in the whole file.
    for caption in webvtt.from_string(_HEADER + text[start:end]).captions:
        yield caption, caption.lines


def _long_cue(text: str, block: Block) -> Iterator[tuple[webvtt.Caption, Iterable[str]]]:
    # Whether a block is a cue, and its timings, are in its first two lines; no line past a
    # block's second holds "-->", so none of them can change that.
    for caption in webvtt.from_string(_HEADER + text[block.start : block.head_end]).captions:
        yield caption, chain(caption.lines, lines_after(text, block, block.head_end))


def _segments(
    captions: Iterator[tuple[webvtt.Caption, Iterable[str]]], seen: _Seen
) -> Iterator[Segment]:
    speaker: str | None = None
    for caption, lines in captions:
        seen.cues += 1
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        words = JoinedText(" ")
        for line in lines:
            named, text = _speaker_and_text(line)
            if named is not None and named != speaker:
                yield Segment(speaker, words.text(), start, end)
                speaker, words, seen.speaker = named, JoinedText(" "), True
            if text:
                words.add(text)
        yield Segment(speaker, words.text(), start, end)


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
