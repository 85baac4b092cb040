"""A text prepared once for many searches: its sentences, word tokens and where each gate
literal occurs, found in one pass with an Aho-Corasick automaton."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from scoring.vocabulary.gate import DIGIT

TOKEN = re.compile(r"[A-Za-z0-9]+")
NUMBER = re.compile(r"\d+")
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
    token_starts: list[int]  # where each word token starts in `text`
    token_lengths: list[int]
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
    lower = text.lower()
    same_length = len(lower) == len(text)
    tokens = TOKEN.findall(lower) if same_length else [t.lower() for t in TOKEN.findall(text)]
    lengths = list(map(len, tokens))
    # Offsets of each token in token_string (tokens joined by one space), computed in C.
    offsets = [total + i for i, total in enumerate(accumulate(lengths, initial=0))][:-1]
    index = TextIndex(
        text=text,
        sentences=sentences,
        starts=[s.start for s in sentences],
        token_starts=[m.start() for m in TOKEN.finditer(text)],
        token_lengths=lengths,
        token_string=" ".join(tokens),
        token_offsets=offsets,
    )
    if gate is not None and same_length:
        index.gated = True
        found = index.literal_sentences
        _sweep(found, sentences, gate.iter(lower))
        _sweep(found, sentences, ((m.end() - 1, DIGIT) for m in NUMBER.finditer(text)))
    return index


def _sweep(
    found: dict[str, set[int]], sentences: list[Sentence], matches: Iterable[tuple[int, str]]
) -> None:
    """Record each match's sentence. Matches come in order of their end, so one sweep over
    the sentences places them all."""
    ends = [s.end for s in sentences]
    count = len(ends)
    current = 0
    for end, literal in matches:
        while current < count and end >= ends[current]:
            current += 1
        if current < count and end >= sentences[current].start:
            found.setdefault(literal, set()).add(current)
