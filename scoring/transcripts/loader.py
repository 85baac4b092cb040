"""Reading a transcript file of any supported format, and exporting one.

Every problem with the file (too big, empty, binary, not UTF-8, unknown format, unreadable
content, nobody in the candidate's seat) is a ``TranscriptError`` whose one-line message
starts with the path.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from scoring.input_files import MB, InputFileError, read_input
from scoring.transcripts.encodable import encodable_transcript
from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.formats import (
    ReadRequest,
    TranscriptFormat,
    format_by_name,
    format_names,
    main_extensions,
    sniffed,
)
from scoring.transcripts.json_format import to_json
from scoring.transcripts.markdown import to_markdown
from scoring.transcripts.model import Transcript

# A two-hour meeting's transcript is well under 1 MB; a few hours of it still fit.
MAX_TRANSCRIPT_BYTES = 5 * MB
ExportFormat = Literal["md", "json"]

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MOSTLY_BINARY = 0.05


def load_transcript(
    path: Path,
    *,
    candidate_label: str | None = None,
    fmt: str | None = None,
) -> Transcript:
    """Read ``path`` as a transcript, sniffing the format unless ``fmt`` names it.

    ``candidate_label`` settles who the candidate is in text and WebVTT files (JSON and
    Markdown exports already carry roles). The id is the file stem unless the file stores
    one; ``source`` records the ``format`` read and the ``file`` name. Text no output could
    encode (a lone surrogate) is replaced with U+FFFD.
    """
    origin = str(path)
    text = _read_text(path, origin)
    kind = _format_of(path, text, fmt, origin)
    request = ReadRequest(origin, candidate_label, path.stem)
    transcript = kind.read(text, request)
    if not transcript.candidate_turns():
        raise TranscriptError(origin, _no_candidate_problem(transcript, kind))
    source = {**transcript.source, "format": kind.name, "file": path.name}
    return encodable_transcript(transcript.model_copy(update={"source": source}))


def export_transcript(transcript: Transcript, fmt: ExportFormat) -> str:
    """The transcript as Markdown (``"md"``) or the project's JSON (``"json"``)."""
    if fmt == "md":
        return to_markdown(transcript)
    if fmt == "json":
        return to_json(transcript)
    raise ValueError(f"unknown export format {fmt!r} (choose md or json)")


def _read_text(path: Path, origin: str) -> str:
    try:
        data = read_input(path, limit=MAX_TRANSCRIPT_BYTES, kind="transcript")
    except InputFileError as exc:
        raise TranscriptError(origin, exc.problem) from None
    if not data.strip():
        raise TranscriptError(origin, "file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TranscriptError(origin, "file is UTF-16 encoded; save it as UTF-8")
    if b"\x00" in data:
        raise TranscriptError(origin, "looks like a binary file (it has NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            origin,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
        ) from None
    if len(_CONTROL.findall(text)) > _MOSTLY_BINARY * len(text):
        raise TranscriptError(origin, "looks like a binary file (mostly non-text), not text")
    if not text.strip():
        raise TranscriptError(origin, "file is empty")
    return text


def _format_of(path: Path, text: str, fmt: str | None, origin: str) -> TranscriptFormat:
    if fmt is not None:
        named = format_by_name(fmt)
        if named is None:
            raise TranscriptError(
                origin, f"unknown format {fmt!r}; choose one of {', '.join(format_names())}"
            )
        return named
    kind = sniffed(text, path.suffix)
    if kind is None:
        *most, last = main_extensions()
        raise TranscriptError(
            origin,
            f"unknown transcript format (extension {path.suffix or 'none'!r}); expected "
            f"{', '.join(most)} or {last}, or pass --input-format",
        )
    return kind


def _no_candidate_problem(transcript: Transcript, kind: TranscriptFormat) -> str:
    speakers = list(dict.fromkeys(t.speaker for t in transcript.turns if t.speaker))
    found = ", ".join(speakers) if speakers else "no named speakers"
    hint = "; pass --candidate-label NAME" if kind.speaker_names else ""
    return f"no candidate turns (speakers: {found}){hint}"
