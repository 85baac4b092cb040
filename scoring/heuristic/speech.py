"""Speech as a reader hears it: a transcript made by a speech-to-text tool keeps every "um",
", like," and false start ("we, we looked", "I was, I was involved"), which break the phrases
the scorer reads ("get, like, a feel for it"). The cleaned text drops them; every offset in it
maps back to the words as said, so quotes stay verbatim.

What goes: hesitation sounds (um, uh, erm, ah, hmm) and the fillers "like", "you know" and
"I mean" when commas set them apart; a word or up to three words said twice in a row with a
comma between ("the, the", "I was, I was"), and a single word said twice ("we we"). What
stays: everything that carries meaning, hedges too ("kind of" is how vague an answer is).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from scoring.vocabulary.matcher import gated

# Sounds that are never words, with the comma that follows them.
_SOUNDS = r"(?:u+h+m*|u+m+|e+r+m+|e+r+|a+h+|h+m+|m+h*m+)"
_FILLER = re.compile(
    rf",\s(?:like|you know|i mean|{_SOUNDS}),(?=\s)"  # ", like," ", uh,": both commas
    rf"|(?<![\w'’-]){_SOUNDS}(?![\w'’-])[,.]?\s*",  # "Um, so" "uh we" "Uh. Yeah"
    re.I,
)
# A word or a few said again straight after a comma: "the, the", "I was, I was".
_REPEAT = re.compile(r"(?<![\w'’])((?:[\w'’]+ ){0,2}[\w'’]+), \1(?![\w'’])", re.I)
# One word said twice: "we we", but not "that that" or "had had", which can be grammar.
_DOUBLED = re.compile(r"(?<![\w'’])([\w'’]+) \1(?![\w'’])", re.I)
_GRAMMAR_DOUBLES = frozenset({"that", "had", "is", "do", "very", "really", "so", "no", "bye"})
# Speech-to-text output is full of these from its first lines: a sample tells whether a
# round was spoken, so written rounds are not searched for them at all. They are searched in
# the lower-cased sample when they can be (`Gated.found_in`), and a sound that opens the text
# is matched apart: an alternative starting with "^" would make `re` try every position.
_SPOKEN = gated(rf"[\s,.]{_SOUNDS}(?![\w'’-])|, (?:like|you know),")
_SPOKEN_FIRST = gated(rf"{_SOUNDS}(?![\w'’-])")
SAMPLE = 4000  # characters of the candidate's first answers


@dataclass(frozen=True)
class Cleaned:
    """The text as read, and where each of its pieces starts in the text as said."""

    text: str
    starts: tuple[int, ...] = (0,)  # start of each kept piece in `text`
    origins: tuple[int, ...] = (0,)  # ... and where that piece starts in the words as said

    def said_at(self, offset: int) -> int:
        """The offset in the words as said of this offset in the cleaned text."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.origins[i] + offset - self.starts[i]

    def said_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the cleaned text as a span of the words as said (the end is the end of
        its last kept character)."""
        return self.said_at(start), self.said_at(end - 1) + 1 if end > start else start


def sounds_spoken(answers: Iterable[str]) -> bool:
    """Whether the candidate's first answers hold the hesitations and fillers of speech."""
    sample: list[str] = []
    size = 0
    for answer in answers:
        sample.append(answer[: SAMPLE - size])
        size += len(sample[-1])
        if size >= SAMPLE:
            break
    return any(_SPOKEN_FIRST.found_in(t, at_start=True) or _SPOKEN.found_in(t) for t in sample)


def cleaned(said: str) -> Cleaned:
    """`said` without hesitations, set-apart fillers and words said twice."""
    keep = [(0, len(said))]  # spans of `said` that are kept
    for pattern, drop in ((_FILLER, _whole), (_REPEAT, _first_saying), (_DOUBLED, _first_word)):
        text, starts, origins = _joined(said, keep)
        piece = Cleaned(text, starts, origins)
        cut: list[tuple[int, int]] = []
        for match in pattern.finditer(text):
            span = drop(match)
            if span is not None:
                cut.append(piece.said_span(*span))
        keep = _without(keep, cut)
    text, starts, origins = _joined(said, keep)
    return Cleaned(text, starts, origins)


def _whole(match: re.Match[str]) -> tuple[int, int] | None:
    return match.span()


def _first_saying(match: re.Match[str]) -> tuple[int, int] | None:
    """The first saying and its comma ("the, " of "the, the")."""
    return match.start(), match.start(1) + len(match.group(1)) + 2


def _first_word(match: re.Match[str]) -> tuple[int, int] | None:
    if match.group(1).lower() in _GRAMMAR_DOUBLES or match.group(1).isdigit():
        return None
    return match.start(), match.start() + len(match.group(1)) + 1


def _joined(said: str, keep: list[tuple[int, int]]) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    at = 0
    for a, b in keep:
        starts.append(at)
        origins.append(a)
        parts.append(said[a:b])
        at += b - a
    return "".join(parts), tuple(starts) or (0,), tuple(origins) or (0,)


def _without(keep: list[tuple[int, int]], cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The kept spans minus the cut ones (all offsets in the words as said)."""
    result: list[tuple[int, int]] = []
    for a, b in keep:
        pieces = [(a, b)]
        for c, d in cut:
            pieces = [
                part
                for x, y in pieces
                for part in ((x, min(y, c)), (max(x, d), y))
                if part[1] > part[0]
            ]
        result.extend(pieces)
    return sorted(result)
