"""The string-method readings of ASCII text find exactly what the regexes they replace find."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.heuristic.recitation import _FILLERS, _PUNCTUATION, _words
from scoring.vocabulary.ascii_fold import ascii_table, fold_ascii
from scoring.vocabulary.gate import DIGIT
from scoring.vocabulary.matcher import _WORD, words
from scoring.vocabulary.text_index import NUMBER, TOKEN, build_index

# Letters, digits, the separators that matter (hyphen, apostrophe, underscore), the sentence
# ends, and whitespace `str.split` knows but `bytes.split` does not.
ASCII_TEXT = st.text(alphabet="aZq09 -'_.!?,\n\t\x0b\x1c\x1f", max_size=60)


@settings(max_examples=300, deadline=None)
@given(ASCII_TEXT)
def test_ascii_tokens_are_the_token_pattern_matches(text: str) -> None:
    index = build_index(text, None)
    assert index.token_string.split() == TOKEN.findall(text.lower())
    spaced = f" {index.token_string} "  # each token's first and last characters, by offset
    starts = [i - 1 for i in range(1, len(spaced) - 1) if spaced[i - 1] == " " != spaced[i]]
    ends = [i - 1 for i in range(1, len(spaced) - 1) if spaced[i] != " " == spaced[i + 1]]
    tokens = list(TOKEN.finditer(text))
    assert [index.text_offset(i) for i in starts] == [m.start() for m in tokens]
    assert [index.text_offset(i) + 1 for i in ends] == [m.end() for m in tokens]


@settings(max_examples=300, deadline=None)
@given(ASCII_TEXT)
def test_sentences_with_a_digit_are_those_the_number_pattern_finds(text: str) -> None:
    index = build_index(text, _NoLiterals())
    expected = {i for i, s in enumerate(index.folded_sentences) if NUMBER.search(s)}
    assert index.literal_sentences.get(DIGIT, set()) == expected


def test_a_table_maps_each_ascii_character_by_its_rule() -> None:
    table = ascii_table(lambda c: c.upper() if c in string.ascii_lowercase else "_")
    assert fold_ascii("ab-C d", table) == "AB___D"


def test_a_rule_that_leaves_ascii_is_refused() -> None:
    with pytest.raises(ValueError):
        ascii_table(lambda c: "é")


class _NoLiterals:
    """A gate automaton that finds nothing: only the digits are recorded."""

    def iter(self, text: str) -> list[tuple[int, str]]:
        return []


@settings(max_examples=300, deadline=None)
@given(ASCII_TEXT)
def test_ascii_words_are_the_word_pattern_matches(text: str) -> None:
    assert words(text) == _WORD.findall(text.lower())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZq0 -'_.,\n\x1c\u2019\u2014", max_size=60))
def test_recitation_words_drop_punctuation_and_fillers_as_before(text: str) -> None:
    spaced = text.lower().translate(_PUNCTUATION).split()
    assert _words(text) == [w for w in spaced if w not in _FILLERS]
