"""How much one transcript may hold, and reading it in a bounded amount of memory.

A three-hour round has a few hundred turns; a file of a million tiny turns is not an
interview, and building a million objects for it took 20 s and 1.8 GB. The importers count
turns while they read and stop at the first one past the limit, so memory stays a small
multiple of the file's size whatever the file holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scoring.transcripts.errors import TranscriptError

# Ten times the longest real round we know of, so only a file that is no interview meets it.
MAX_TURNS = 5_000

# The line breaks str.splitlines() knows, "\r\n" as one.
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def too_many_turns(origin: str) -> TranscriptError:
    """The one-line error for a transcript past ``MAX_TURNS``, worded like the size limit."""
    return TranscriptError(
        origin, f"file has more turns than the {MAX_TURNS:,}-turn limit for a transcript"
    )


def check_turn_count(count: int, origin: str) -> None:
    """Raise ``too_many_turns`` when ``count`` is past the limit."""
    if count > MAX_TURNS:
        raise too_many_turns(origin)


def lines_of(text: str) -> Iterator[str]:
    """``text.splitlines()`` one line at a time, so no list of every line is built."""
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield text[start : found.start()]
        start = found.end()
    if start < len(text):
        yield text[start:]


class JoinedText:
    """Pieces joined with ``sep``, held as a few long strings rather than one object per
    piece: a million one-word lines would otherwise cost ten times the file in overhead."""

    _BLOCK = 256

    def __init__(self, sep: str) -> None:
        self._sep = sep
        self._blocks: list[str] = []
        self._pending: list[str] = []

    def add(self, piece: str) -> None:
        self._pending.append(piece)
        if len(self._pending) >= self._BLOCK:
            self._blocks.append(self._sep.join(self._pending))
            self._pending.clear()

    def __bool__(self) -> bool:
        return bool(self._blocks or self._pending)

    def text(self) -> str:
        return self._sep.join([*self._blocks, *self._pending])
