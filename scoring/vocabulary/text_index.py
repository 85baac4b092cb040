"""A text prepared once for many searches: its sentences, word tokens and where each gate
literal occurs, found in one pass with an Aho-Corasick automaton."""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import not_
from typing import Any, NamedTuple

from scoring.vocabulary.ascii_fold import ascii_table, fold_ascii
from scoring.vocabulary.gate import DIGIT

TOKEN = re.compile(r"[A-Za-z0-9]+")
_ALPHANUMERIC = frozenset(string.ascii_letters + string.digits)  # what TOKEN matches
NUMBER = re.compile(r"\d+")
# A sentence ends at . ! ? followed by space (not in "e.g." or "i.e."), at a blank line, or
# before a list item. A single line break is a hard wrap inside a sentence.
# Characters that a case-insensitive regex matches to an ASCII letter but that lower() keeps:
# fold them too, so that the folded text reads as the regex would.
_GATE_FOLDS = str.maketrans({"\u0131": "i", "\u017f": "s"})
# Each alternative starts with its own character, so `re` skips ahead to those; a match that
# starts at . ! or ? keeps that character in the sentence before it.
SENTENCE_END = re.compile(
    r"!\s+|\?\s+|\.(?<!\be\.g\.)(?<!\bi\.e\.)\s+|\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)"
)
_STOPS = frozenset(".!?")


class Sentence(NamedTuple):
    """A sentence of a text, with its character span in that text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split a text into sentences, keeping exact character offsets (whitespace trimmed)."""
    sentences: list[Sentence] = []
    position = 0
    for match in SENTENCE_END.finditer(text):
        end = match.start()
        _append_trimmed(sentences, text, position, end + 1 if text[end] in _STOPS else end)
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
    sentence_texts: list[str]
    # The text lower-cased (and folded like a case-insensitive regex folds), when that keeps
    # every offset; case-free patterns run on it case-sensitively, which is faster.
    folded: str | None
    folded_sentences: list[str]
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
    folded = lower.translate(_GATE_FOLDS) if same_length else None
    if text.isascii():
        tokens, token_starts = _ascii_tokens(text)
    else:
        tokens = TOKEN.findall(lower) if same_length else [t.lower() for t in TOKEN.findall(text)]
        token_starts = list(map(re.Match.start, TOKEN.finditer(text)))
    lengths = list(map(len, tokens))
    # Offsets of each token in token_string (tokens joined by one space), computed in C.
    offsets = list(accumulate(map((1).__add__, lengths), initial=0))[:-1]
    index = TextIndex(
        text=text,
        sentences=sentences,
        starts=[s.start for s in sentences],
        token_starts=token_starts,
        token_lengths=lengths,
        token_string=" ".join(tokens),
        token_offsets=offsets,
        sentence_texts=[s.text for s in sentences],
        folded=folded,
        folded_sentences=[folded[s.start : s.end] for s in sentences] if folded else [],
    )
    if gate is not None and folded is not None:
        index.gated = True
        _record_literals(index.literal_sentences, index.folded_sentences, gate)
        if text.isascii():  # a digit is in a token, and a token in one sentence
            numbered = compress(token_starts, map(not_, map(str.isalpha, tokens)))
            with_digit = {i - 1 for i in map(bisect.bisect_right, repeat(index.starts), numbered)}
        else:
            with_digit = {i for i, s in enumerate(index.folded_sentences) if NUMBER.search(s)}
        if with_digit:
            index.literal_sentences[DIGIT] = with_digit
    return index


# Each ASCII character lower-cased when TOKEN matches it, else a space.
_TOKEN_CHARACTERS = ascii_table(lambda c: c.lower() if c in _ALPHANUMERIC else " ")


def _ascii_tokens(text: str) -> tuple[list[str], list[int]]:
    """TOKEN's lower-cased matches in an ASCII text and where each starts, found with string
    methods (in C) rather than a regex match per token."""
    pieces = fold_ascii(text, _TOKEN_CHARACTERS).split(" ")
    # Each piece is followed by one space: a piece starts one past the end of the one before.
    positions = accumulate(map((1).__add__, map(len, pieces)), initial=0)
    return list(filter(None, pieces)), list(compress(positions, pieces))


def _record_literals(found: dict[str, set[int]], sentences: list[str], gate: Any) -> None:
    """For each gate literal, the sentences that contain it."""
    get = found.get
    for i, sentence in enumerate(sentences):
        for _, literal in gate.iter(sentence):
            having = get(literal)
            if having is None:
                found[literal] = {i}
            else:
                having.add(i)
