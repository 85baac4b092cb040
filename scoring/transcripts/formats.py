"""The transcript formats mockloop reads: one registry, so a new format is one entry here.

Each format has a name (what `--input-format` takes), other names people use for it, the file
extensions it comes in, the text its files start with (when it has one) and its reader. The
command line's choices, the bench's folder scan and the loader's guessing all come from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scoring.transcripts.json_format import parse_json
from scoring.transcripts.markdown import MARKER, from_markdown
from scoring.transcripts.model import Transcript
from scoring.transcripts.text import parse_text
from scoring.transcripts.vtt import parse_vtt


@dataclass(frozen=True)
class ReadRequest:
    """What a reader gets besides the text: the path (starting every error message), who
    the candidate is when the file only has speaker names, and the id to give the transcript
    when the file does not store one."""

    origin: str
    candidate_label: str | None = None
    transcript_id: str = "transcript"


Reader = Callable[[str, ReadRequest], Transcript]


@dataclass(frozen=True)
class TranscriptFormat:
    name: str
    read: Reader
    extensions: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    signature: str | None = None  # the text a file of this format starts with
    # A file with this format's extension but not its signature is read as that format
    # instead (hand-written Markdown notes are plain text with speaker labels).
    unsigned_as: str | None = None
    speaker_names: bool = False  # turns carry speakers' names: --candidate-label may help


_FORMATS: dict[str, TranscriptFormat] = {}


def register(fmt: TranscriptFormat) -> None:
    _FORMATS[fmt.name] = fmt


def transcript_format(name: str) -> TranscriptFormat:
    return _FORMATS[name]


def format_names() -> tuple[str, ...]:
    """Every format's name, in the order they were registered."""
    return tuple(_FORMATS)


def format_by_name(name: str) -> TranscriptFormat | None:
    """The format `name` (or one of its other names) means, whatever its case."""
    wanted = name.strip().lower()
    for fmt in _FORMATS.values():
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    return None


def transcript_extensions() -> tuple[str, ...]:
    """Every extension a transcript file may have (a folder is scanned for these)."""
    return tuple(ext for fmt in _FORMATS.values() for ext in fmt.extensions)


def main_extensions() -> tuple[str, ...]:
    """Each format's usual extension, for messages."""
    return tuple(fmt.extensions[0] for fmt in _FORMATS.values())


def sniffed(text: str, suffix: str) -> TranscriptFormat | None:
    """The format a file's opening text says, else the one its extension says, else None."""
    head = text.lstrip()
    for fmt in _FORMATS.values():
        if fmt.signature is not None and head.startswith(fmt.signature):
            return fmt
    for fmt in _FORMATS.values():
        if suffix.lower() in fmt.extensions:
            return _FORMATS[fmt.unsigned_as] if fmt.unsigned_as else fmt
    return None


def _json(text: str, request: ReadRequest) -> Transcript:
    return parse_json(text, origin=request.origin)


def _markdown(text: str, request: ReadRequest) -> Transcript:
    return from_markdown(text, origin=request.origin)


def _vtt(text: str, request: ReadRequest) -> Transcript:
    return parse_vtt(
        text,
        candidate_label=request.candidate_label,
        origin=request.origin,
        transcript_id=request.transcript_id,
    )


def _text(text: str, request: ReadRequest) -> Transcript:
    return parse_text(
        text,
        candidate_label=request.candidate_label,
        origin=request.origin,
        transcript_id=request.transcript_id,
    )


register(TranscriptFormat("json", _json, (".json",), signature="{"))
register(
    TranscriptFormat(
        "md", _markdown, (".md", ".markdown"), ("markdown",), signature=MARKER, unsigned_as="txt"
    )
)
register(TranscriptFormat("vtt", _vtt, (".vtt",), ("webvtt",), "WEBVTT", speaker_names=True))
register(TranscriptFormat("txt", _text, (".txt",), ("text",), speaker_names=True))
