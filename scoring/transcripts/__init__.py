"""Transcripts: the model, importers (JSON, Markdown, plain text, WebVTT) and exporters."""

from scoring.transcripts.errors import TranscriptError
from scoring.transcripts.json_format import parse_json, to_json
from scoring.transcripts.loader import (
    MAX_TRANSCRIPT_BYTES,
    ExportFormat,
    export_transcript,
    load_transcript,
)
from scoring.transcripts.markdown import from_markdown, to_markdown
from scoring.transcripts.model import Role, Transcript, Turn
from scoring.transcripts.text import parse_text
from scoring.transcripts.vtt import parse_vtt

__all__ = [
    "MAX_TRANSCRIPT_BYTES",
    "ExportFormat",
    "Role",
    "Transcript",
    "TranscriptError",
    "Turn",
    "export_transcript",
    "from_markdown",
    "load_transcript",
    "parse_json",
    "parse_text",
    "parse_vtt",
    "to_json",
    "to_markdown",
]
