"""Finding the blocks of a WebVTT file as offsets into its text.

The webvtt library turns the whole text into a list of lines before it finds the blocks, so
one cue of a million short lines costs a Python string and a list slot per line: a 5 MB file
grew the process by 90 MB. Here the blocks are found by the library's rules (webvtt 0.6,
``vtt._iter_blocks_of_lines``) with a regular expression, keeping no line: an empty line ends
a block, and a line holding ``-->`` starts a new one unless it can be the cue timings line of
the block so far (its second line, after an identifier, outside the header). Lines whose only
characters are spaces belong to the block. The importer then hands the library short blocks
and only the first two lines of a long one, and reads the rest a chunk at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

ARROW = "-->"
# WebVTT's line terminators; U+2028 or a form feed stay inside a line, as in the library.
_LINE_END = re.compile(r"\r\n|\r|\n")
# Line breaks in a row: the one ending a block's last line and the empty lines after it.
_GAP = re.compile(r"[\r\n]+")
# The line break before the first line that ends the block so far: an empty line, or one
# that holds "-->" (a later line of a block can never be its timings line).
_BLOCK_END = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?=[\r\n]|[^\r\n]*-->)")
# Long cue text is cut into lines this many characters at a time.
_CHUNK_CHARS = 16 * 1024


@dataclass(frozen=True)
class Block:
    """A block's place in the text: ``text[start:end]`` is its lines, ``text[start:head_end]``
    its first two (or only) lines."""

    start: int
    end: int
    head_end: int
    lines: int


def blocks(text: str) -> Iterator[Block]:
    """The blocks of ``text`` in order, the header (the ``WEBVTT`` line and what follows it)
    first; the empty lines between blocks belong to none."""
    pos, header = 0, True
    while True:
        gap = _GAP.match(text, pos)
        start = gap.end() if gap else pos
        if start >= len(text):
            return
        first_end = _line_end(text, start)
        second = _next_line(text, first_end)
        head_end = first_end if second is None else _line_end(text, second)
        # After an identifier (a first line without "-->", past the header) a second line
        # joins the block whatever it holds, since it may be the cue timings.
        joins = not header and text.find(ARROW, start, first_end) < 0
        found = _BLOCK_END.search(text, head_end if joins else first_end)
        end = found.start() if found else _without_last_break(text)
        head_end = min(head_end, end)
        yield Block(start, end, head_end, _line_count(text, start, end))
        pos, header = end, False


def lines_after(text: str, block: Block, line_end: int) -> Iterator[str]:
    """The block's lines after the one that ends at ``line_end``, split a chunk at a time."""
    after = _LINE_END.match(text, line_end)
    pos = after.end() if after else block.end
    while pos < block.end:
        cut = min(pos + _CHUNK_CHARS, block.end)
        if text.startswith("\n", cut) and text[cut - 1] == "\r":
            cut += 1  # not between the two characters of one "\r\n"
        found = _LINE_END.search(text, cut, block.end)
        chunk_end = found.start() if found else block.end
        yield from _LINE_END.split(text[pos:chunk_end])
        pos = found.end() if found else block.end


def _next_line(text: str, line_end: int) -> int | None:
    """Where the line after the one ending at ``line_end`` starts, unless it is empty."""
    after = _LINE_END.match(text, line_end)
    if after is None or after.end() >= len(text) or text[after.end()] in "\r\n":
        return None
    return after.end()


def _line_end(text: str, start: int) -> int:
    found = _LINE_END.search(text, start)
    return found.start() if found else len(text)


def _without_last_break(text: str) -> int:
    """Where the text's last line ends: before a final line break, which starts no line."""
    for ending in ("\r\n", "\r", "\n"):
        if text.endswith(ending):
            return len(text) - len(ending)
    return len(text)


def _line_count(text: str, start: int, end: int) -> int:
    breaks = text.count("\n", start, end) + text.count("\r", start, end)
    return breaks - text.count("\r\n", start, end) + 1
