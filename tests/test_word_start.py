"""The faster search of patterns that start at a word finds exactly what the pattern finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.heuristic.slots import slot_forms
from scoring.reading.dismissal import _AFTER, _BEFORE, _NEGATED_BEFORE, _UNNEEDED
from scoring.rubrics import load_rubrics
from scoring.rubrics.claims import claim_patterns
from scoring.vocabulary import default_vocabulary
from scoring.vocabulary.word_start import WordStart, _needed_tail

REWRITTEN = [
    r"\b(skip(s|ped|ping)?|forget( about)?|no need (for|to))\b",
    r"(?<![\w-])golden\s+set(?![\w-])",
    r"(?<!\w)p\s?(50|95|99)\b",
    r"\bno\b",
    r"\b[0-9][0-9]?ms\b",
    # an optional word first, a repeat first, alternatives that start with a group
    r"\b(a )?nice[- ]to[- ]have\b",
    r"\b\d+(\.\d+)?\s*(ms|seconds?)\b",
    r"\b_?id\b",
    r"\b(breaks|broke|(will|could|can) break)\b",
    r"#{2,}\s*(response|system)\s*:",
    # alternatives, each with its own boundary; a literal and a set of characters first
    r"\btime[sd]? out\b|\btimeouts?\b",
    r"\$\s?\d|\b\d+(\.\d+)?\s*(cents?|usd)\b",
]
# Either a match may start without a word character, or may be empty, or refers back to a
# group, or `re` could skip ahead anyway.
KEPT = [
    r"\b(x)?",
    r"\b-x",
    r"\b[^a]x",
    r"\b(?:ab|)c",
    r"x\b",
    r"(?i)\bx",
    r"\b(a|b)\1",
    r"\b(?<!be )privacy",
]
# A sentence that says the tail and none of the look-ahead's words: the tail is searched first.
TAILED = [
    r"(?s:^(?!.*\b(not|never|don\W?t)\b).*\b(skip|pick)\b (the )?(gold|best)\b)",
    r"^(?!.*\bno\b).*\bskip\w*",
    r"^(?!.*x).*ok",
]
# Word characters of several kinds beside the ones the patterns name, and the separators that
# decide a boundary: space, hyphen, apostrophe, underscore, digits, letters outside ASCII.
ALPHABET = "skipngoldetsa-'_ 0123456789.pmhvfrouxcéİ٣\n"


@pytest.mark.parametrize("pattern", REWRITTEN)
def test_a_pattern_that_starts_at_a_word_is_rewritten(pattern: str) -> None:
    assert WordStart(pattern).rest is not None


@pytest.mark.parametrize("pattern", KEPT)
def test_any_other_pattern_is_searched_as_it_is(pattern: str) -> None:
    assert WordStart(pattern).rest is None


def test_ignoring_case_keeps_a_pattern_that_starts_with_a_letter() -> None:
    """`re` cannot skip ahead to a letter when case is ignored: nothing to gain."""
    assert WordStart(r"\bno\b", re.I).rest is None
    assert WordStart(r"\b[0-9][0-9]?ms\b", re.I).rest is not None


@pytest.mark.parametrize("pattern", TAILED)
def test_a_sentence_without_the_tail_is_passed_over(pattern: str) -> None:
    assert _needed_tail(pattern, re.I) is not None
    assert WordStart(pattern, re.I).search("the gold set, then nothing else") is None


def test_a_pattern_that_looks_ahead_elsewhere_has_no_tail() -> None:
    assert _needed_tail(r"a(?!.*x).*ok", 0) is None
    assert _needed_tail(r"^(?=.*x).*ok", 0) is None  # a look-ahead that must match


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=60),
    which=st.sampled_from(REWRITTEN + KEPT + TAILED),
)
def test_same_matches_as_the_pattern(text: str, which: str) -> None:
    for flags in (0, re.I):
        fast, plain = WordStart(which, flags), re.compile(which, flags)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        found, expected = fast.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span())


def shipped_patterns() -> list[str]:
    rubric = load_rubrics()["system-design"]
    vocabulary = default_vocabulary()
    return [
        *(p for concept in vocabulary.concepts for p in concept.patterns),
        *(p for flag in rubric.red_flags for p in flag.patterns),
        *(p for flag in rubric.red_flags if flag.stance for p in flag.stance.says),
        *(p for flag in rubric.red_flags for p in claim_patterns(flag.claims)),
        *(form.regex.pattern for _, forms in slot_forms() for form in forms),
        *(p.pattern for p in (_BEFORE, _AFTER, _UNNEEDED, _NEGATED_BEFORE)),
    ]


def test_every_shipped_pattern_finds_the_same_spans_in_real_answers() -> None:
    """Over a sample of the sentences of the held-out transcripts (several hundred)."""
    folder = Path(__file__).parent / "data" / "heldout" / "transcripts"
    text = "\n".join(p.read_text("utf-8") for p in sorted(folder.glob("*.txt")))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()][::6]
    patterns = shipped_patterns()
    rewritten = 0
    for pattern in patterns:
        # as the matcher runs them: case ignored on the text as written, or case-sensitive on
        # the lower-cased text
        for flags, texts in ((re.I, sentences), (0, [s.lower() for s in sentences])):
            fast, plain = WordStart(pattern, flags), re.compile(pattern, flags)
            rewritten += fast.rest is not None
            for sentence in texts:
                assert [m.span() for m in fast.finditer(sentence)] == [
                    m.span() for m in plain.finditer(sentence)
                ], (pattern, sentence)
    assert rewritten > len(patterns) / 2  # most patterns start at a word
