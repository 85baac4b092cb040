"""Recitation: a candidate's sentence that reproduces the rubric's own words (its anchors,
descriptions and hints) or the interviewer's turns earns nothing. Pasting the level-4 anchor
or reading the question back is not an answer.

A sentence is recited when most of its word four-grams occur in those texts: ordinary
answers share a phrase now and then ("the system prompt and the user turn"), never most of a
sentence. A short one (three to five words) is recited when it occurs in the rubric whole:
"Who reads the analysis?" copied from an anchor's list of good questions. Fillers ("really",
"just", "um") are dropped first, so padding a copied anchor does not hide it. Only what the
interviewer said before the sentence counts, and never the candidate's own words quoted back
to them. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, filterfalse, repeat

from scoring.rubrics.models import Rubric
from scoring.transcripts.model import Transcript
from scoring.vocabulary.ascii_fold import ascii_table, fold_ascii

GRAM = 4  # words per n-gram
MIN_GRAMS = 3  # a sentence of GRAM + 2 words or more is judged by its n-grams
MIN_WORDS = 3  # a shorter one with at least this many words must occur whole
RECITED_SHARE = 0.4  # share of the sentence's n-grams found in the rubric or the questions
_PUNCTUATION = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…"})
_ASCII_PUNCTUATION = ascii_table(lambda c: c.lower().translate(_PUNCTUATION))
_SHORTEST = 10  # characters: three words at the least
_FILLERS = frozenset(
    {
        "really", "very", "just", "actually", "basically", "um", "uh", "like", "quite", "so",
        "well", "literally", "totally", "definitely", "certainly", "simply",
    }
)  # fmt: skip
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class Echoes:
    """What a candidate may not earn credit for repeating: the rubric's descriptions,
    anchors and hints, and the interviewer's turns (as n-grams, and as runs of words)."""

    grams: frozenset[tuple[str, ...]] = frozenset()  # the rubric's, every GRAM words in a row
    # every MIN_WORDS to GRAM + 1 words in a row of the rubric (a short sentence copied whole)
    runs: frozenset[tuple[str, ...]] = frozenset()
    asked: Mapping[tuple[str, ...], int] = field(default_factory=dict)  # gram -> first turn

    @cached_property
    def echoed_after(self) -> dict[tuple[str, ...], int]:
        """Each gram -> the turn after which saying it echoes something: the rubric's from
        the start (-1: turns count from 0), the interviewer's after the turn that asked it."""
        return {**self.asked, **_from_the_start(self.grams)}

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word of a gram: a gram with any other word in it echoes nothing."""
        return _words_of(self.grams) | frozenset(chain.from_iterable(self.asked))


@lru_cache(maxsize=8)
def _from_the_start(grams: frozenset[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    return dict.fromkeys(grams, -1)


@lru_cache(maxsize=8)
def _words_of(grams: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(chain.from_iterable(grams))


def grams(text: str) -> list[tuple[str, ...]]:
    words = _words(text)
    return list(zip(*(words[i:] for i in range(GRAM)), strict=False))


def _words(text: str) -> list[str]:
    """Lower-cased words, punctuation and fillers dropped (a quick split: scoring reads every
    sentence)."""
    if text.isascii():
        spaced = fold_ascii(text, _ASCII_PUNCTUATION)
    else:
        spaced = text.lower().translate(_PUNCTUATION)
    return list(filterfalse(_FILLERS.__contains__, spaced.split()))


def echoes_of(rubric: Rubric, transcript: Transcript) -> Echoes:
    written = _rubric_echoes(rubric.id, rubric.version, tuple(_rubric_texts(rubric)))
    said: list[tuple[tuple[str, ...], int]] = []
    for number, turn in enumerate(transcript.turns, start=1):
        if turn.role != "candidate":  # the candidate's words quoted back are theirs
            said.extend(zip(grams(_QUOTED.sub(" ", turn.text)), repeat(number)))
    asked = dict(reversed(said))  # each gram's first turn is the one left standing
    return Echoes(grams=written.grams, runs=written.runs, asked=asked)


@lru_cache(maxsize=8)
def _rubric_echoes(rubric_id: str, version: str, texts: tuple[str, ...]) -> Echoes:
    """A rubric's own words, read once per rubric (id and version name the texts)."""
    grams_: set[tuple[str, ...]] = set()
    runs: set[tuple[str, ...]] = set()
    for text in texts:
        words = _words(text)
        for size in range(MIN_WORDS, GRAM + 2):
            found = zip(*(words[i:] for i in range(size)), strict=False)
            (grams_ if size == GRAM else runs).update(found)
    return Echoes(grams=frozenset(grams_), runs=frozenset(runs | grams_))


def _rubric_texts(rubric: Rubric) -> Iterable[str]:
    for dimension in rubric.dimensions:
        yield dimension.description
        yield from (dimension.anchors.for_level(level) for level in (1, 2, 3, 4))
        yield from dimension.signals.next_level_hints.values()


def is_recited(sentence: str, echoes: Echoes, turn: int) -> bool:
    """Whether the sentence (said in turn number `turn`) is recited."""
    if len(sentence) < _SHORTEST:
        return False
    words = _words(sentence)
    count = len(words) - GRAM + 1  # its grams
    if count < MIN_GRAMS:
        return tuple(words) in echoes.runs
    needed = RECITED_SHARE * count
    if _grams_within(words, echoes.vocabulary) < needed:
        return False  # most sentences: too few of their grams could echo anything
    # Each gram in the rubric's words, or asked by the interviewer before this turn (counted
    # in C: scoring reads every sentence).
    own = zip(*(words[i:] for i in range(GRAM)), strict=False)
    echoed = sum(map(turn.__gt__, map(echoes.echoed_after.get, own, repeat(turn))))
    return echoed >= needed


def _grams_within(words: list[str], vocabulary: frozenset[str]) -> int:
    """How many of the grams of `words` have every word in `vocabulary`: those within its
    runs of such words (a bound on the grams that can echo, found without making them)."""
    known = bytes(map(vocabulary.__contains__, words))  # 1 for each word in it, else 0
    # As one integer, a byte per word: AND-ed with itself shifted by one to GRAM - 1 words,
    # a byte stays 1 where it ends GRAM known words in a row (counted in C, not per run).
    row = within = int.from_bytes(known, "big")
    for shift in range(8, 8 * GRAM, 8):
        within &= row >> shift
    return within.bit_count()


def from_rubric(sentences: Iterable[str], echoes: Echoes) -> list[str]:
    """Of these recited sentences, those that recite the rubric itself (not the interviewer:
    reading a question back while thinking is a habit, reading the anchors is a performance)."""
    written = Echoes(grams=echoes.grams, runs=echoes.runs)
    return [s for s in sentences if is_recited(s, written, 0)]
