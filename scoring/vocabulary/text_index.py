"""A text prepared once for many searches: its sentences, word tokens and where each gate
literal occurs, found in one pass with an Aho-Corasick automaton."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

TOKEN = re.compile(r"[A-Za-z0-9]+")
# A sentence ends at . ! ? followed by space (not in "e.g." or "i.e."), at a blank line, or
# before a list item. A single line break is a hard wrap inside a sentence.
SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)\s+|\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text, with its character span in that text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split a text into sentences, keeping exact character offsets (whitespace trimmed)."""
    sentences: list[Sentence] = []
    position = 0
    for match in SENTENCE_END.finditer(text):
        _append_trimmed(sentences, text, position, match.start())
        position = match.end()
    _append_trimmed(sentences, text, position, len(text))
    return sentences


def _append_trimmed(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(text[start:end], start, end))


@dataclass
class TextIndex:
    text: str
    sentences: list[Sentence]
    starts: list[int]
    tokens: list[tuple[str, int, int]]  # lower-cased token, start, end
    token_string: str  # the lower-cased tokens joined by single spaces
    token_offsets: list[int]  # where each token starts in token_string
    literal_sentences: dict[str, set[int]] = field(default_factory=dict)
    gated: bool = False  # literal_sentences is complete, so gates may skip sentences

    def sentence_of(self, position: int) -> int | None:
        index = bisect.bisect_right(self.starts, position) - 1
        if index < 0 or position >= self.sentences[index].end:
            return None
        return index


def build_index(text: str, gate: Any) -> TextIndex:
    """Index `text`; `gate` is an Aho-Corasick automaton over lower-case gate literals (or
    None)."""
    sentences = split_sentences(text)
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    offsets: list[int] = []
    position = 0
    for token, _, _ in tokens:
        offsets.append(position)
        position += len(token) + 1
    index = TextIndex(
        text=text,
        sentences=sentences,
        starts=[s.start for s in sentences],
        tokens=tokens,
        token_string=" ".join(t for t, _, _ in tokens),
        token_offsets=offsets,
    )
    lower = text.lower()
    if gate is not None and len(lower) == len(text):
        index.gated = True
        found = index.literal_sentences
        for end, literal in gate.iter(lower):
            owner = index.sentence_of(end)
            if owner is not None:
                found.setdefault(literal, set()).add(owner)
    return index
