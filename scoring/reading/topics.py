"""The slots an answer touches: a loose, high-recall reading for the interviewer only.

Filling a slot takes a committed sentence in one of the slot's forms, and it earns credit.
Touching one takes a single distinctive word of the slot's own description (its `means` and
`ask` lines) anywhere in the candidate's statements: "we'd sample real tickets" touches where
the examples come from without saying it well. The interviewer never asks for a touched slot
(asking again for what a candidate said in other words is the worst thing it can do), and the
scorer never credits one.

A word is distinctive when at most two slots' descriptions use it, and it is not one of the
words every part of a design uses (input, output, model, check, test...). Words are folded to
a crude stem so that "labelled", "labels" and "labeller" meet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from scoring.reading.catalogue import slot_catalogue

MAX_SLOTS_PER_WORD = 2
_WORD = re.compile(r"[A-Za-z]+")
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s", "ly", "er", "ion", "ions")
_PLAIN_PATH = Path(__file__).with_name("plain_words.txt")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    word = word.lower()
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            if suffix == "es" and word[-3] not in "sxzh":
                suffix = "s"  # "languages" meets "language", "matches" meets "match"
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        # "labelled" meets "label"
        word = word[:-1]
    return word


@cache
def plain_stems() -> frozenset[str]:
    """Stems of grammar and of the words every part of a design uses: they tell no topic
    apart."""
    lines = _PLAIN_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(stem(w) for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=4096)
def content_stems(text: str) -> frozenset[str]:
    """The stems of a text's words, without grammar and the words every design uses."""
    plain = plain_stems()
    return frozenset(s for w in _WORD.findall(text) if len(w) > 2 and (s := stem(w)) not in plain)


@cache
def topic_stems() -> dict[str, frozenset[str]]:
    """Slot id -> the distinctive stems of its description."""
    described = {s.id: content_stems(f"{s.means} {s.ask}") for s in slot_catalogue().slots}
    used_by = Counter(word for stems in described.values() for word in stems)
    return {
        slot: frozenset(w for w in stems if used_by[w] <= MAX_SLOTS_PER_WORD)
        for slot, stems in described.items()
    }


def touched_slots(statements: Iterable[str]) -> tuple[str, ...]:
    """The slots the candidate's statements (not their questions) touch, in catalogue order."""
    said = frozenset().union(*(content_stems(text) for text in statements))
    return tuple(slot for slot, stems in topic_stems().items() if stems & said)


@cache
def _described(slot: str) -> frozenset[str]:
    spec = slot_catalogue().spec(slot)
    return content_stems(f"{spec.means} {spec.ask} {spec.deeper}")


def bears_on(sentence: str, slot: str) -> bool:
    """The sentence shares a word with what the slot is about: a follow-up on the slot that
    reads it back will not quote something beside the point."""
    return bool(content_stems(sentence) & _described(slot))


def shares_words(text: str, other: str) -> bool:
    """The two texts share a distinctive word."""
    return bool(content_stems(text) & content_stems(other))
