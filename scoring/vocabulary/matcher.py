"""Finding concepts and depth signals in a candidate's words, sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from scoring.content import load_model
from scoring.vocabulary.gate import required_literals
from scoring.vocabulary.models import Vocabulary

VOCABULARY_PATH = Path(__file__).with_name("concepts.yaml")

DEPTH_KINDS = ("quantity", "reason", "tradeoff", "failure_mode")
SIGNAL_KINDS = (*DEPTH_KINDS, "vague", "grader_injection", "clarifying_question")

# A sentence ends at . ! ? (not inside numbers like 2.5 or e.g.) or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)\s+|\n+")
_WORD = re.compile(r"[a-z][a-z'-]*")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_CROSSES_SENTENCE = re.compile(r"[.!?]\s")


@dataclass(frozen=True)
class Gated:
    """A compiled pattern and the literals one of which any match must contain."""

    regex: re.Pattern[str]
    literals: frozenset[str] | None


def gated(pattern: str) -> Gated:
    return Gated(re.compile(pattern, re.I), required_literals(pattern))


Line = tuple[int, str, str]  # start offset, text, lower-cased text


@lru_cache(maxsize=16)
def _lines(text: str) -> tuple[Line, ...]:
    """The text's lines (no sentence crosses a line break), each with its offset."""
    out: list[Line] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((position, line, line.lower()))
        position += len(line) + 1
    return tuple(out)


def _scan(lines: tuple[Line, ...], pattern: Gated) -> Iterator[tuple[int, int]]:
    """Spans of `pattern` in the lines, skipping lines without any required literal."""
    for offset, line, lower in lines:
        if pattern.literals is not None and not any(lit in lower for lit in pattern.literals):
            continue
        for m in pattern.regex.finditer(line):
            if m.end() > m.start():
                yield offset + m.start(), offset + m.end()


@dataclass(frozen=True)
class Sentence:
    """A sentence of one turn, with its character span in that turn's text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    """One concept or signal found in a text, with its span."""

    kind: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split a turn into sentences, keeping exact character offsets (whitespace trimmed)."""
    sentences: list[Sentence] = []
    position = 0
    for match in _SENTENCE_END.finditer(text):
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


_SAME_LENGTH_FOLDS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalize(text: str) -> str:
    """Fold typographic quotes to plain ones. Keeps every character offset unchanged."""
    return text.translate(_SAME_LENGTH_FOLDS)


def phrase_regex(phrase: str) -> str:
    """A phrase as a whole-word pattern in which any run of whitespace matches."""
    words = [re.escape(word) for word in phrase.split()]
    return r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class Matcher:
    """Compiled vocabulary: which concepts and signals a piece of text carries."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        # Phrases are matched on word tokens (fast, and lenient about hyphens and apostrophes);
        # patterns are regular expressions for paraphrases with words in between.
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._patterns: list[tuple[str, Gated]] = []
        for concept in vocabulary.concepts:
            for phrase in concept.phrases:
                tokens = tuple(_TOKEN.findall(phrase.lower()))
                if tokens:
                    self._phrases.setdefault(tokens[0], []).append((tokens, concept.id))
            self._patterns.extend((concept.id, gated(p)) for p in concept.patterns)
        for entries in self._phrases.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        signals = vocabulary.signals
        self._signals: dict[str, list[Gated]] = {
            kind: [gated(p) for p in getattr(signals, kind).patterns] for kind in SIGNAL_KINDS
        }
        self.domain_words = frozenset(w.lower() for w in signals.domain_words)
        self.techniques = frozenset(c.id for c in vocabulary.concepts if c.technique)

    def concept_hits(self, text: str) -> list[Hit]:
        """Every concept occurrence in `text`, in text order (a pattern match never spans
        two sentences)."""
        hits: set[Hit] = set()
        text = normalize(text)
        tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        for i, (token, start, _) in enumerate(tokens):
            for phrase, concept_id in self._phrases.get(token, ()):
                n = len(phrase)
                if i + n <= len(tokens) and all(tokens[i + k][0] == phrase[k] for k in range(1, n)):
                    hits.add(Hit(concept_id, start, tokens[i + n - 1][2]))
        lines = _lines(text)
        for concept_id, pattern in self._patterns:
            for start, end in _scan(lines, pattern):
                if not _CROSSES_SENTENCE.search(text, start, end):
                    hits.add(Hit(concept_id, start, end))
        return sorted(hits, key=lambda h: (h.start, h.kind, h.end))

    def concepts(self, text: str) -> set[str]:
        return {hit.kind for hit in self.concept_hits(text)}

    def signal_hits(self, text: str, kind: str) -> list[Hit]:
        lines = _lines(normalize(text))
        return [
            Hit(kind, a, b) for pattern in self._signals[kind] for a, b in _scan(lines, pattern)
        ]

    def signals(self, text: str) -> set[str]:
        """The depth and warning signals present in `text` (kinds from SIGNAL_KINDS)."""
        return {kind for kind in SIGNAL_KINDS if self.has(text, kind)}

    def has(self, text: str, kind: str) -> bool:
        lines = _lines(normalize(text))
        return any(next(iter(_scan(lines, p)), None) is not None for p in self._signals[kind])

    def domain_word_count(self, text: str) -> int:
        return sum(1 for word in words(text) if word in self.domain_words)


@cache
def default_vocabulary() -> Vocabulary:
    return load_model(VOCABULARY_PATH, Vocabulary)


@cache
def default_matcher() -> Matcher:
    return Matcher(default_vocabulary())
