"""Common English words: known to be words, too frequent to tell texts apart."""

from __future__ import annotations

from functools import cache
from pathlib import Path

COMMON_WORDS_PATH = Path(__file__).with_name("common_words.txt")


@cache
def common_words() -> frozenset[str]:
    return frozenset(COMMON_WORDS_PATH.read_text(encoding="utf-8").split())


# Words in nearly every sentence: useless as a gate literal for a pattern.
UBIQUITOUS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "is",
        "are",
        "it",
        "i",
        "we",
        "you",
        "they",
        "with",
        "for",
        "that",
        "this",
        "be",
        "at",
        "as",
        "by",
        "if",
        "so",
        "not",
        "but",
        "was",
        "were",
        "have",
        "has",
        "from",
    ]
)
