"""Telling talk from noise: gibberish, off-topic text and near-repeats, without a model."""

from __future__ import annotations

import bisect
from functools import lru_cache

from scoring.vocabulary.common import common_words
from scoring.vocabulary.matcher import Matcher, words

GIBBERISH_MAX_KNOWN_SHARE = 0.2
OFF_TOPIC_MAX_DOMAIN_SHARE = 0.04
REPEAT_MIN_OVERLAP = 0.8


def known_share(text: str, matcher: Matcher) -> float:
    """Share of the tokens that are recognisable words (common English, domain or vocabulary)."""
    tokens = text.split()
    if not tokens:
        return 0.0
    known = common_words() | matcher.domain_words | matcher.phrase_words
    recognised = 0
    for token in tokens:
        token_words = words(token)
        if token_words and all(w.strip("'-") in known for w in token_words):
            recognised += 1
    return recognised / len(tokens)


def is_gibberish(text: str, matcher: Matcher) -> bool:
    return len(text.split()) >= 2 and known_share(text, matcher) < GIBBERISH_MAX_KNOWN_SHARE


def is_off_topic(text: str, matcher: Matcher, entity_words: frozenset[str]) -> bool:
    """Long enough to judge, and hardly any of the domain's or the brief's words (callers check
    for concepts first)."""
    tokens = words(text)
    if len(tokens) < 8:
        return False
    on_topic = sum(1 for w in tokens if w in matcher.domain_words or w in entity_words)
    return on_topic / len(tokens) < OFF_TOPIC_MAX_DOMAIN_SHARE


def is_repeat(text: str, earlier: list[str]) -> bool:
    """A near-repeat of an earlier answer (word-set Jaccard >= REPEAT_MIN_OVERLAP). Each
    answer's words are read once a process, however often it is compared."""
    count, current = _word_set(text)
    if count < 5:
        return False
    for other in earlier:
        seen = _word_set(other)[1]
        if _could_overlap(len(current), len(seen)) and _overlaps(
            len(current & seen), len(current), len(seen)
        ):
            return True
    return False


def _could_overlap(size: int, seen_size: int) -> bool:
    """Jaccard >= r needs the smaller set to be at least r times the larger one."""
    return bool(seen_size) and min(size, seen_size) >= REPEAT_MIN_OVERLAP * max(size, seen_size)


def _overlaps(shared: int, size: int, seen_size: int) -> bool:
    return shared / (size + seen_size - shared) >= REPEAT_MIN_OVERLAP


@lru_cache(maxsize=4096)
def _word_set(text: str) -> tuple[int, frozenset[str]]:
    tokens = words(text)
    return len(tokens), frozenset(tokens)


class RepeatDetector:
    """Near-repeats of earlier answers (word-set Jaccard >= REPEAT_MIN_OVERLAP).

    Each answer's words are kept as a set, made once (in C), in order of size, so that only
    those of a size that could overlap enough (`_could_overlap`) are compared, found by
    bisection; a comparison is one set intersection.
    """

    def __init__(self, earlier: list[str] | None = None) -> None:
        self._sizes: list[int] = []  # ascending
        self._seen: list[frozenset[str]] = []  # each earlier answer's words, in that order
        for text in earlier or []:
            self.add(text)

    def add(self, text: str) -> None:
        self._remember(frozenset(words(text)))

    def is_repeat(self, text: str) -> bool:
        tokens = words(text)
        return len(tokens) >= 5 and self._repeats(frozenset(tokens))

    def observe(self, text: str) -> tuple[bool, int]:
        """Whether `text` repeats an earlier answer, and its word count; then remember it.
        One pass over the text."""
        tokens = words(text)
        current = frozenset(tokens)
        repeated = len(tokens) >= 5 and self._repeats(current)
        self._remember(current)
        return repeated, len(tokens)

    def _remember(self, seen: frozenset[str]) -> None:
        at = bisect.bisect_right(self._sizes, len(seen))
        self._sizes.insert(at, len(seen))
        self._seen.insert(at, seen)

    def _repeats(self, current: frozenset[str]) -> bool:
        """`_could_overlap` and `_overlaps` against every earlier answer of a size that could
        overlap: a range a little wider (for rounding), each one checked exactly."""
        size = len(current)
        low = bisect.bisect_left(self._sizes, REPEAT_MIN_OVERLAP * size - 1)
        high = bisect.bisect_right(self._sizes, size / REPEAT_MIN_OVERLAP + 1)
        for at in range(low, high):
            seen_size = self._sizes[at]
            if _could_overlap(size, seen_size) and _overlaps(
                len(current & self._seen[at]), size, seen_size
            ):
                return True
        return False
