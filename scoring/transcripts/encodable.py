"""Text that every output can carry: lone surrogates become U+FFFD at import.

`json.loads` accepts an escaped lone surrogate ("\\ud800") and a file name that is not UTF-8
reaches Python as surrogate escapes; neither can be encoded as UTF-8, so SQLite, the terminal
and every export would fail on them far from where they came in. They are replaced once, when
a transcript is read, as a UTF-8 decoder replaces a bad byte.
"""

from __future__ import annotations

import re
from typing import Any

from scoring.transcripts.model import Transcript

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with every surrogate code point replaced by U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text)


def encodable_transcript(transcript: Transcript) -> Transcript:
    """The transcript itself when all its text encodes; else a copy with U+FFFD in place."""
    data = transcript.model_dump()
    cleaned = _replace(data)
    if cleaned == data:
        return transcript
    return Transcript.model_validate(cleaned)


def _replace(value: Any) -> Any:
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, list):
        return [_replace(item) for item in value]
    if isinstance(value, dict):
        return {_replace(key): _replace(item) for key, item in value.items()}
    return value
