"""A text prepared once for many searches: its sentences, word tokens and where each gate
literal occurs, found in one pass with an Aho-Corasick automaton."""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass, field
from itertools import accumulate
from operator import sub
from typing import Any, NamedTuple

from scoring.vocabulary.ascii_fold import ascii_table, fold_ascii
from scoring.vocabulary.gate import DIGIT, WORD

TOKEN = re.compile(r"[A-Za-z0-9]+")
_ALPHANUMERIC = frozenset(string.ascii_letters + string.digits)  # what TOKEN matches
NUMBER = re.compile(r"\d+")
_DIGITS = string.digits.encode("ascii")  # what NUMBER matches in an ASCII text
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
    token_string: str  # the lower-cased tokens joined by single spaces
    # Where in token_string the distance to `text` changes, and that distance from there on
    # (a token's characters are as far apart in both): see `text_offset`.
    shift_starts: list[int]
    shifts: list[int]
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

    def text_offset(self, position: int) -> int:
        """Where the character at `position` of token_string is in `text`."""
        return position + self.shifts[bisect.bisect_right(self.shift_starts, position) - 1]


def fold_case(text: str) -> str | None:
    """The text lower-cased and folded as a case-insensitive regex folds it, when that keeps
    every offset (else None): a case-free pattern (`gate.case_free`) finds the same spans in
    it case-sensitively, and faster."""
    lower = text.lower()
    if len(lower) != len(text):
        return None
    return lower if lower.isascii() else lower.translate(_GATE_FOLDS)


def build_index(text: str, gate: Any, words: frozenset[str] = frozenset()) -> TextIndex:
    """Index `text`; `gate` is an Aho-Corasick automaton over lower-case gate literals (or
    None), `words` the lower-case words whose sentences are wanted (`gate.WORD`)."""
    sentences = split_sentences(text)
    folded = fold_case(text)
    if text.isascii():
        token_string, shift_starts, shifts = _ascii_tokens(text)
    else:
        lower = text.lower()
        same_length = len(lower) == len(text)
        tokens = TOKEN.findall(lower) if same_length else [t.lower() for t in TOKEN.findall(text)]
        token_starts = list(map(re.Match.start, TOKEN.finditer(text)))
        token_string = " ".join(tokens)
        # Offsets of each token in token_string (tokens joined by one space), computed in C.
        shift_starts = list(accumulate(map((1).__add__, map(len, tokens)), initial=0))[:-1]
        shifts = list(map(sub, token_starts, shift_starts))
    index = TextIndex(
        text=text,
        sentences=sentences,
        starts=[s.start for s in sentences],
        token_string=token_string,
        shift_starts=shift_starts or [0],
        shifts=shifts or [0],
        sentence_texts=[s.text for s in sentences],
        folded=folded,
        folded_sentences=[folded[s.start : s.end] for s in sentences] if folded else [],
    )
    if gate is not None and folded is not None:
        index.gated = True
        _record_literals(index.literal_sentences, index.folded_sentences, gate)
        if text.isascii():  # deleting its digits shortens a sentence that holds one (in C)
            with_digit = {
                i
                for i, sentence in enumerate(index.folded_sentences)
                if len(sentence.encode("ascii").translate(None, _DIGITS)) != len(sentence)
            }
        else:
            with_digit = {i for i, s in enumerate(index.folded_sentences) if NUMBER.search(s)}
        if with_digit:
            index.literal_sentences[DIGIT] = with_digit
        _record_words(index, words)
    return index


def _record_words(index: TextIndex, words: frozenset[str]) -> None:
    """For each of `words` found whole among the tokens, the sentences holding it. In a text
    that is not ASCII a case-insensitive pattern may match letters the tokens leave out (the
    dotless i), so there every sentence counts as holding every word."""
    if not words:
        return
    if not index.text.isascii():
        every = set(range(len(index.sentences)))
        index.literal_sentences.update((WORD + word, every) for word in words)
        return
    spaced = f" {index.token_string} "
    for word in words:
        found = spaced.find(f" {word} ")
        if found < 0:
            continue
        having = index.literal_sentences[WORD + word] = set()
        while found >= 0:  # `found` is where the word starts in token_string
            owner = index.sentence_of(index.text_offset(found))
            if owner is not None:
                having.add(owner)
            found = spaced.find(f" {word} ", found + len(word) + 1)


# Each ASCII character lower-cased when TOKEN matches it, else a space.
_TOKEN_CHARACTERS = ascii_table(lambda c: c.lower() if c in _ALPHANUMERIC else " ")


# Two spaces or more: where joining the tokens by one space leaves spaces out. (It starts
# with a literal, so `re` skips ahead to each.)
_WIDE_GAP = re.compile("  +")


def _ascii_tokens(text: str) -> tuple[str, list[int], list[int]]:
    """TOKEN's lower-cased matches in an ASCII text joined by single spaces, and where their
    distance to the text changes (for `TextIndex.text_offset`), found with string methods
    (in C) rather than a regex match per token: only the gaps wider than one space are read."""
    spaced = fold_ascii(text, _TOKEN_CHARACTERS)  # each token's characters where they were
    left_out = len(spaced) - len(spaced.lstrip(" "))  # no space stays before the first token
    shift_starts, shifts = [0], [left_out]
    for gap in _WIDE_GAP.finditer(spaced, left_out):
        start, end = gap.span()
        left_out += end - start - 1  # one space stays between two tokens
        if end < len(spaced):  # a token follows
            shift_starts.append(end - left_out)
            shifts.append(left_out)
    return " ".join(spaced.split()), shift_starts, shifts


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
