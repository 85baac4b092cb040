"""The project's own JSON: exactly ``Transcript.model_dump(mode="json")``."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from scoring.transcripts.errors import TranscriptError, validation_problem
from scoring.transcripts.limits import MAX_TURNS, check_turn_count, too_many_turns
from scoring.transcripts.model import Transcript

# Characters json.dumps leaves raw with ensure_ascii=False that editors show as line breaks
# or that make a file look binary. They only occur inside JSON strings, so \uXXXX is exact.
_INVISIBLE = re.compile(r"[\x7f-\x9f\u2028\u2029]")
# A transcript holds one object for itself, one for its source, and a turn and its meta for
# each turn: past this many the file is over the turn limit, and reading stops there.
_MAX_OBJECTS = 2 + 2 * MAX_TURNS


def to_json(transcript: Transcript) -> str:
    """The transcript as pretty-printed JSON (UTF-8 text, non-ASCII kept readable)."""
    return dumps_visible(transcript.model_dump(mode="json"), indent=2) + "\n"


def dumps_visible(value: Any, *, indent: int | None = None, also: str = "") -> str:
    """``json.dumps`` keeping non-ASCII readable but escaping invisible controls (and ``also``)."""
    dumped = json.dumps(value, indent=indent, ensure_ascii=False)
    pattern = re.compile(f"[{re.escape(also)}\x7f-\x9f\u2028\u2029]") if also else _INVISIBLE
    return pattern.sub(lambda m: f"\\u{ord(m[0]):04x}", dumped)


def parse_json(text: str, *, origin: str = "<json>") -> Transcript:
    """Read the project's JSON; a bad field is reported with its path, e.g. ``turns[2].role``.

    Reading stops at the first object past what ``MAX_TURNS`` turns can hold.
    """
    objects = 0

    def counted(value: dict[str, Any]) -> dict[str, Any]:
        nonlocal objects
        objects += 1
        if objects > _MAX_OBJECTS:
            raise too_many_turns(origin)
        return value

    try:
        data = json.loads(text, object_hook=counted)
    except TranscriptError:
        raise
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            origin, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise TranscriptError(origin, "invalid JSON: nested too deeply") from None
    except ValueError:
        raise TranscriptError(origin, "invalid JSON: a number is too long to read") from None
    if not isinstance(data, dict):
        raise TranscriptError(
            origin, f"expected a JSON object with 'id' and 'turns', got {_json_kind(data)}"
        )
    if isinstance(data.get("turns"), list):
        check_turn_count(len(data["turns"]), origin)
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        raise TranscriptError(origin, validation_problem(exc)) from None


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", int: "a number"}
    return kinds.get(type(value), "a number" if isinstance(value, float) else "null")
