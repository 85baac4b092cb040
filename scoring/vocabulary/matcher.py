"""Finding concepts and depth signals in a candidate's words, sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

import ahocorasick

from scoring.vocabulary.ascii_fold import ascii_table, fold_ascii
from scoring.vocabulary.gate import DIGIT, WORD, case_free, required_literals
from scoring.vocabulary.loader import VocabularyKey, vocabulary_for, vocabulary_key
from scoring.vocabulary.models import Vocabulary
from scoring.vocabulary.text_index import TOKEN, TextIndex, build_index, fold_case
from scoring.vocabulary.word_start import WordStart

DEPTH_KINDS = ("quantity", "reason", "tradeoff", "failure_mode", "rule")
SIGNAL_KINDS = (*DEPTH_KINDS, "vague", "grader_injection", "clarifying_question")

_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class Gated:
    """A compiled pattern and the literals one of which any match must contain."""

    regex: WordStart
    folded: WordStart | None  # the same, case-sensitive, for lower-cased text
    literals: tuple[frozenset[str], ...] | None  # one of each set is in every match

    def found_in(self, text: str, *, at_start: bool = False) -> bool:
        """Whether the pattern matches `text` (only at its start, with `at_start`): searched
        case-sensitively in the lower-cased text when the pattern allows, so that `re` skips
        ahead to the letters a match starts with instead of trying every position."""
        folded = fold_case(text) if self.folded is not None else None
        runs, said = (self.regex, text) if folded is None else (self.folded, folded)
        assert runs is not None
        found = runs.regex.match(said) if at_start else runs.search(said)
        return found is not None


@cache
def gated(pattern: str) -> Gated:
    """A pattern compiled once, with its gate (the same pattern text always gives one)."""
    return Gated(
        WordStart(pattern, re.I),
        WordStart(pattern) if case_free(pattern) else None,
        required_literals(pattern),
    )


class Hit(NamedTuple):
    """One concept or signal found in a text, with its span."""

    kind: str
    start: int
    end: int


_BY_POSITION = itemgetter(1, 0, 2)  # a hit's (start, kind, end)


_SAME_LENGTH_FOLDS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalize(text: str) -> str:
    """Fold typographic quotes to plain ones. Keeps every character offset unchanged."""
    return text.translate(_SAME_LENGTH_FOLDS)


def phrase_regex(phrase: str) -> str:
    """A phrase as a whole-word pattern in which any run of whitespace matches."""
    words = [re.escape(word) for word in phrase.split()]
    return r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"


# Each ASCII character lower-cased when _WORD matches it, else a space.
_WORD_CHARACTERS = ascii_table(
    lambda c: c.lower() if _WORD.fullmatch(c.lower()) or c in "'-" else " "
)


def words(text: str) -> list[str]:
    """The lower-cased words of `text` (`_WORD`'s matches)."""
    if not text.isascii():
        return _WORD.findall(text.lower())
    # Each run of word characters holds one match: from its first letter to its end. The
    # apostrophes and hyphens a run starts with go first, one in a row per pass (in C, where
    # stripping each run cost more than the split).
    spaced = " " + fold_ascii(text, _WORD_CHARACTERS)
    while " '" in spaced or " -" in spaced:
        spaced = spaced.replace(" '", " ").replace(" -", " ")
    return spaced.split()


class Matcher:
    """Compiled vocabulary: which concepts and signals a piece of text carries.

    Phrases are matched on word tokens (lenient about hyphens, case and spacing) with one
    Aho-Corasick pass; patterns are regular expressions for paraphrases, run sentence by
    sentence, and only on sentences that contain one of their required literals.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        phrases: dict[str, set[str]] = {}
        self._patterns: list[tuple[str, Gated]] = []
        for concept in vocabulary.concepts:
            for phrase in concept.phrases:
                key = " ".join(TOKEN.findall(phrase.lower()))
                if key:
                    phrases.setdefault(key, set()).add(concept.id)
            self._patterns.extend((concept.id, gated(p)) for p in concept.patterns)
        self._phrases = ahocorasick.Automaton()
        for key, concept_ids in phrases.items():
            self._phrases.add_word(key, (key, tuple(sorted(concept_ids))))
        self._phrases.make_automaton()
        signals = vocabulary.signals
        self._signals: dict[str, list[Gated]] = {
            kind: [gated(p) for p in getattr(signals, kind).patterns] for kind in SIGNAL_KINDS
        }
        self.domain_words = frozenset(w.lower() for w in signals.domain_words)
        self.techniques = frozenset(c.id for c in vocabulary.concepts if c.technique)
        self.phrase_words = frozenset(w for key in phrases for w in words(key))
        self._known: frozenset[str] = frozenset()
        self._gate: Any = None
        self._words: frozenset[str] = frozenset()
        self._gate_ready: dict[tuple[frozenset[str], ...], bool] = {}
        self._registered: dict[int, Gated] = {}  # by id, held so that no id is reused
        self.index = lru_cache(maxsize=8)(self._build_index)
        self.register([g for _, g in self._patterns])
        self.register([g for gs in self._signals.values() for g in gs])

    def register(self, patterns: Iterable[Gated]) -> None:
        """Make these patterns' gate literals part of every index (e.g. a rubric's red flags).
        Patterns registered before are passed over at once (scoring registers per transcript)."""
        new = [g for g in patterns if id(g) not in self._registered]
        if not new:
            return
        self._registered.update((id(g), g) for g in new)
        literals = {lit for g in new if g.literals for group in g.literals for lit in group}
        if literals <= self._known:
            return
        self._known = self._known | literals
        self._gate_ready = {}
        self._gate = ahocorasick.Automaton()
        # Digits and whole words are found by the index itself.
        self._words = frozenset(lit[len(WORD) :] for lit in self._known if lit.startswith(WORD))
        for literal in self._known - {DIGIT} - {WORD + word for word in self._words}:
            self._gate.add_word(literal, literal)
        self._gate.make_automaton()
        self.index.cache_clear()

    def _knows(self, groups: tuple[frozenset[str], ...]) -> bool:
        """Whether the index records every literal of these groups (so the gate is usable)."""
        known = self._gate_ready.get(groups)
        if known is None:
            known = self._gate_ready[groups] = all(group <= self._known for group in groups)
        return known

    def _build_index(self, text: str) -> TextIndex:
        return build_index(normalize(text), self._gate, self._words)

    def _scan(
        self,
        index: TextIndex,
        pattern: Gated,
        settled: set[int] | None = None,
        only: Collection[int] | None = None,
    ) -> Iterator[tuple[int, int]]:
        """Spans of `pattern` within single sentences of the indexed text, skipping the
        sentences in `settled` (whose answer is already known) and, when `only` is given,
        every sentence not in it."""
        candidates: Iterable[int]
        regex, texts = self.runnable(index, pattern)
        found = self.gated_sentences(index, pattern)
        if found is not None:
            candidates = sorted(found if only is None else found.intersection(only))
        elif only is not None:
            candidates = sorted(only)
        else:
            candidates = range(len(index.sentences))
        for i in candidates:
            if settled is not None and i in settled:
                continue
            start = index.starts[i]
            for m in regex.finditer(texts[i]):
                if m.end() > m.start():
                    yield start + m.start(), start + m.end()

    def gated_sentences(self, index: TextIndex, pattern: Gated) -> set[int] | None:
        """The sentences holding one literal of each of the pattern's sets: the only ones it
        can match (None when it has no usable gate: any sentence may match)."""
        if pattern.literals is None or not index.gated or not self._knows(pattern.literals):
            return None
        get = index.literal_sentences.get
        found: set[int] | None = None
        for group in pattern.literals:
            having: set[int] = set().union(*filter(None, map(get, group)))
            found = having if found is None else found & having
            if not found:
                return set()
        return found

    @staticmethod
    def runnable(index: TextIndex, pattern: Gated) -> tuple[WordStart, list[str]]:
        """The faster form of the pattern and the sentence texts it runs on: case-free
        patterns run case-sensitively on the lower-cased sentences."""
        if pattern.folded is not None and index.folded is not None:
            return pattern.folded, index.folded_sentences
        return pattern.regex, index.sentence_texts

    def find(self, text: str, pattern: Gated) -> Iterator[tuple[int, int]]:
        """Spans of any gated pattern (e.g. a rubric's red flag) within sentences of `text`."""
        return self._scan(self.index(text), pattern)

    def concept_hits(self, text: str) -> list[Hit]:
        """Every concept occurrence in `text`, in text order, never spanning two sentences."""
        index = self.index(text)
        hits: set[Hit] = set()
        token_string = index.token_string
        for end, (key, concept_ids) in self._phrases.iter(token_string):
            begin = end - len(key) + 1
            if begin > 0 and token_string[begin - 1] != " ":
                continue  # starts inside a token
            if end + 1 < len(token_string) and token_string[end + 1] != " ":
                continue  # ends inside a token
            start = index.text_offset(begin)
            stop = index.text_offset(end) + 1
            if index.sentence_of(start) != index.sentence_of(stop - 1):
                continue
            for concept_id in concept_ids:
                hits.add(Hit(concept_id, start, stop))
        for concept_id, pattern in self._patterns:
            for start, stop in self._scan(index, pattern):
                hits.add(Hit(concept_id, start, stop))
        return sorted(hits, key=_BY_POSITION)

    def concepts(self, text: str) -> set[str]:
        return {hit.kind for hit in self.concept_hits(text)}

    def signal_per_sentence(
        self, text: str, kind: str, accept: Callable[[int, int], bool] | None = None
    ) -> list[Hit]:
        """At most one accepted hit of `kind` per sentence: enough to know which sentences
        carry it, and much less scanning than every hit."""
        index = self.index(text)
        settled: set[int] = set()
        hits: list[Hit] = []
        for pattern in self._signals[kind]:
            for start, stop in self._scan(index, pattern, settled):
                owner = index.sentence_of(start)
                if owner is None or owner in settled:
                    continue
                if accept is None or accept(start, stop):
                    settled.add(owner)
                    hits.append(Hit(kind, start, stop))
        return hits

    def sentences_with(self, text: str, kind: str, among: Collection[int]) -> set[int]:
        """Which of the sentences `among` (indices into `self.index(text).sentences`) carry
        a signal of `kind`."""
        index = self.index(text)
        carrying: set[int] = set()
        for pattern in self._signals[kind]:
            for start, _ in self._scan(index, pattern, carrying, among):
                owner = index.sentence_of(start)
                if owner is not None:
                    carrying.add(owner)
        return carrying

    def has(self, text: str, kind: str) -> bool:
        index = self.index(text)
        return any(next(self._scan(index, p), None) is not None for p in self._signals[kind])


def default_matcher() -> Matcher:
    """The matcher of default_vocabulary() (the shipped concepts and the user's own)."""
    return _matcher_for(vocabulary_key())


@lru_cache(maxsize=8)
def _matcher_for(key: VocabularyKey) -> Matcher:
    return Matcher(vocabulary_for(key))
