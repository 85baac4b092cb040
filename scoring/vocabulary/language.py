"""Telling talk from noise: gibberish, off-topic text and near-repeats, without a model."""

from __future__ import annotations

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


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the two texts' word sets (1.0 = same words)."""
    set_a, set_b = set(words(a)), set(words(b))
    if not set_a or not set_b:
        return 0.0
    return len(set_a & set_b) / len(set_a | set_b)


def is_repeat(text: str, earlier: list[str]) -> bool:
    return RepeatDetector(earlier).is_repeat(text)


class RepeatDetector:
    """Near-repeats of earlier answers, comparing word sets computed once per answer."""

    def __init__(self, earlier: list[str] | None = None) -> None:
        self._seen: list[set[str]] = []
        for text in earlier or []:
            self.add(text)

    def add(self, text: str) -> None:
        self._seen.append(set(words(text)))

    def is_repeat(self, text: str) -> bool:
        tokens = words(text)
        current = set(tokens)
        return len(tokens) >= 5 and self._repeats(current)

    def observe(self, text: str) -> tuple[bool, int]:
        """Whether `text` repeats an earlier answer, and its word count; then remember it.
        One pass over the text."""
        tokens = words(text)
        current = set(tokens)
        repeated = len(tokens) >= 5 and self._repeats(current)
        self._seen.append(current)
        return repeated, len(tokens)

    def _repeats(self, current: set[str]) -> bool:
        size = len(current)
        for seen in self._seen:
            # Jaccard >= r needs the smaller set to be at least r times the larger one.
            if not seen or min(size, len(seen)) < REPEAT_MIN_OVERLAP * max(size, len(seen)):
                continue
            if len(current & seen) / len(current | seen) >= REPEAT_MIN_OVERLAP:
                return True
        return False
