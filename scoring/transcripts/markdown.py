"""Markdown export and import, lossless: ``from_markdown(to_markdown(t)) == t`` for any ``t``.

The document reads well rendered or raw::

    <!-- mockloop:transcript v1 {"id": "churn-01", "title": "Churn round"} -->
    # Churn round

    - **id:** churn-01
    - **turns:** 2 (1 by the candidate)

    ## 1. Dana Lee · interviewer · 00:00:01

    <!-- mockloop:turn {"role": "interviewer", "speaker": "Dana Lee", "start": 1.24} -->
    > How would you structure the prompt?

    ## 2. Priya Raman · candidate · 00:00:05

    <!-- mockloop:turn {"role": "candidate", "speaker": "Priya Raman", "start": 5.0} -->
    > A system prompt with the rubric,
    >
    > then the tickets as data.

The HTML comments are the machine-readable part (JSON with ``<`` and ``>`` escaped, so no
value can close the comment); headings and the bullet list are for people and are ignored
when reading. A turn's text is the quoted block right under its comment: every line of the
text prefixed with ``> `` (an empty line as ``>``), which reverses exactly whatever the text
holds — headings, ``---``, fences, leading or trailing spaces. Text with characters that
editors treat as line breaks or that are invisible controls (``\\r``, form feed, U+2028...)
is also stored in the comment's ``"text"``, which then wins over the quoted display copy -
when it is that copy's original; a comment text that says something else is dropped, the
quoted words are read, and the transcript carries a warning.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from scoring.transcripts.errors import TranscriptError, validation_problem
from scoring.transcripts.json_format import dumps_visible
from scoring.transcripts.limits import JoinedText, check_turn_count
from scoring.transcripts.model import Transcript, Turn

MARKER = "<!-- mockloop:transcript "
VERSION = "v1"
_TURN_MARKER = "<!-- mockloop:turn "
_END = " -->"
_LINE_BREAK = re.compile("\r\n|\r|\n")
_RISKY = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def to_markdown(transcript: Transcript) -> str:
    """The transcript as a readable Markdown document that ``from_markdown`` reads back exactly."""
    header: dict[str, Any] = {"id": transcript.id}
    if transcript.title is not None:
        header["title"] = transcript.title
    if transcript.source:
        header["source"] = transcript.source
    candidate_turns = len(transcript.candidate_turns())
    lines = [
        f"{MARKER}{VERSION} {_comment_json(header)}{_END}",
        f"# {_display(transcript.title or '') or 'Transcript ' + _display(transcript.id)}",
        "",
        f"- **id:** {_display(transcript.id)}",
        *(f"- **{_display(k)}:** {_display(v)}" for k, v in transcript.source.items()),
        f"- **turns:** {len(transcript.turns)} ({candidate_turns} by the candidate)",
    ]
    for number, turn in enumerate(transcript.turns, start=1):
        lines += ["", _heading(number, turn), "", _turn_comment(turn), *_quoted(turn.text)]
    return "\n".join(lines) + "\n"


def from_markdown(text: str, *, origin: str = "<markdown>") -> Transcript:
    """Read a document written by ``to_markdown``; errors name ``origin`` and the line.

    The text is read a line at a time and a turn's quoted lines are held as a few long
    strings, so a turn of a million short lines costs a small multiple of the file's size.
    """
    lines = enumerate(_lines(text.removeprefix("\ufeff")), start=1)
    first, marker = next(((n, line) for n, line in lines if line.strip()), (0, ""))
    if not marker.startswith(MARKER):
        raise TranscriptError(
            origin,
            f"not a mockloop Markdown transcript (the first line must be the '{MARKER}{VERSION} "
            "...-->' marker that 'mockloop transcripts export' writes)",
        )
    header = _header(marker, first, origin)
    turns: list[Turn] = []
    differing: list[int] = []
    quoted: _QuotedTurn | None = None
    for n, raw in lines:
        if quoted is not None and raw.startswith(">"):
            quoted.body.add(_unquote(raw))
            continue
        if quoted is not None:
            turns.append(quoted.turn(len(turns) + 1, differing, origin))
            quoted = None
        line = raw.rstrip()
        if line.startswith(_TURN_MARKER):
            check_turn_count(len(turns) + 1, origin)
            quoted = _QuotedTurn(_marker_json(line, _TURN_MARKER, n, origin), n)
        elif line.startswith(">"):
            raise TranscriptError(
                origin,
                f"line {n}: quoted text outside a turn; every line of a turn's text starts "
                "with '>' right under its '<!-- mockloop:turn' comment, with no blank line",
            )
    if quoted is not None:
        turns.append(quoted.turn(len(turns) + 1, differing, origin))
    if differing:
        numbers = ", ".join(map(str, differing))
        header["source"] = {
            **header.get("source", {}),
            "warning": (
                f"turn {numbers}: the text stored in the turn comment differs from the quoted "
                "text; the quoted text was read"
            ),
        }
    try:
        return Transcript.model_validate({**header, "turns": turns})
    except ValidationError as exc:
        raise TranscriptError(origin, f"line {first}: {validation_problem(exc)}") from None


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, with ``\r\n``, ``\r`` and ``\n`` each ending one, one at a time
    (a last empty line after a final line break included, as ``str.split`` gives it)."""
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield text[start : found.start()]
        start = found.end()
    yield text[start:]


class _QuotedTurn:
    """A turn comment read, and the quoted lines under it so far."""

    def __init__(self, fields: dict[str, Any], line_number: int) -> None:
        self.fields = fields
        self.line_number = line_number
        self.body = JoinedText("\n")

    def turn(self, number: int, differing: list[int], origin: str) -> Turn:
        """The turn, its quoted text read; ``number`` joins ``differing`` when the comment
        holds a text that is not the quoted one."""
        shown = self.body.text()
        fields = self.fields
        if "text" in fields and not _shows(fields["text"], shown):
            # a hidden text that says something else than the quoted one: the quoted
            # words, the ones a person reading the file sees, are read
            fields = {k: v for k, v in fields.items() if k != "text"}
            differing.append(number)
        return _turn(fields, shown, self.line_number, origin)


def _header(line: str, line_number: int, origin: str) -> dict[str, Any]:
    rest = line.rstrip()[len(MARKER) :]
    version, _, _ = rest.partition(" ")
    if version != VERSION:
        raise TranscriptError(
            origin, f"line {line_number}: unsupported transcript format version {version!r}"
        )
    fields = _marker_json(line, f"{MARKER}{VERSION} ", line_number, origin)
    unknown = sorted(set(fields) - {"id", "title", "source"})
    if unknown:
        raise TranscriptError(origin, f"line {line_number}: unknown field {unknown[0]!r}")
    return fields


def _turn(fields: dict[str, Any], body: str, line_number: int, origin: str) -> Turn:
    try:
        return Turn.model_validate({"text": body, **fields})
    except ValidationError as exc:
        raise TranscriptError(origin, f"line {line_number}: {validation_problem(exc)}") from None


def _marker_json(line: str, prefix: str, line_number: int, origin: str) -> dict[str, Any]:
    line = line.rstrip()
    if not line.endswith(_END):
        raise TranscriptError(origin, f"line {line_number}: comment not closed with '-->'")
    try:
        fields = json.loads(line[len(prefix) : -len(_END)])
    except (ValueError, RecursionError):
        raise TranscriptError(
            origin, f"line {line_number}: the comment does not hold valid JSON"
        ) from None
    if not isinstance(fields, dict):
        raise TranscriptError(origin, f"line {line_number}: the comment must hold a JSON object")
    return fields


def _turn_comment(turn: Turn) -> str:
    fields: dict[str, Any] = {"role": turn.role}
    if turn.speaker is not None:
        fields["speaker"] = turn.speaker
    if turn.start is not None:
        fields["start"] = turn.start
    if turn.end is not None:
        fields["end"] = turn.end
    if turn.meta:
        fields["meta"] = turn.meta
    if _RISKY.search(turn.text):
        fields["text"] = turn.text
    return f"{_TURN_MARKER}{_comment_json(fields)}{_END}"


def _comment_json(fields: dict[str, Any]) -> str:
    # No "<" or ">" in the JSON, so no value can close the HTML comment it sits in.
    return dumps_visible(fields, also="<>")


def _quoted(text: str) -> list[str]:
    shown = _RISKY.sub(" ", text) if _RISKY.search(text) else text
    return [f"> {line}" if line else ">" for line in shown.split("\n")]


def _shows(hidden: object, shown: str) -> bool:
    """Whether the comment's text is the one quoted below it (its display copy, with line
    breaks and invisible controls shown as spaces)."""
    return isinstance(hidden, str) and _RISKY.sub(" ", hidden) == shown


def _unquote(line: str) -> str:
    return line[2:] if line.startswith("> ") else line[1:]


def _heading(number: int, turn: Turn) -> str:
    who = _display(turn.speaker or "") or "(no speaker)"
    parts = [f"## {number}. {who}", turn.role]
    if turn.start is not None and math.isfinite(turn.start) and turn.start >= 0:
        whole = int(turn.start)
        parts.append(f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}")
    return " · ".join(parts)


def _display(value: str) -> str:
    """One line for headings and the metadata list (display only, never read back)."""
    return " ".join(_RISKY.sub(" ", value).split())
