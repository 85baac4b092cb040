"""Clauses split where the plainly written break pattern finds a break."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.reading.dismissal import _CLAUSE_BREAK, clauses, stance

PLAIN_BREAK = re.compile(r"[,;:]\s|\s(but|however|whereas|while|although|though|then)\s")
PIECES = ["but", "then", "though", "while", "x", "we", ",", ";", ":", " ", "\n", "\u00a0", "-"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_clause_breaks_are_the_plain_patterns_breaks(sentence: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None]]:
        return [(m.span(), m.group(1)) for m in pattern.finditer(sentence)]

    assert found(_CLAUSE_BREAK) == found(PLAIN_BREAK)


def test_a_short_piece_after_a_comma_shares_the_clause_before_it() -> None:
    sentence = "we don't need chunking, retrieval or anything clever, but we do need evals"
    assert [sentence[a:b] for a, b in clauses(sentence)] == [
        "we don't need chunking, retrieval or anything clever",
        "but we do need evals",
    ]


def test_a_short_piece_that_turns_after_a_comma_is_a_clause_of_its_own() -> None:
    sentence = "we'd skip the golden set, but not the canary"
    assert [sentence[a:b] for a, b in clauses(sentence)] == [
        "we'd skip the golden set",
        "but not the canary",
    ]


def stance_of(said: str, named: str) -> str:
    start = said.index(named)
    return stance(said, start, start + len(named))


@pytest.mark.parametrize(
    ("said", "named", "read"),
    [
        ("tool calls i dont think we need", "tool calls", "dismissed"),
        ("caching we won't need", "caching", "dismissed"),
        ("prompt caching i don't think we need it at this volume", "prompt caching", "dismissed"),
        ("retries we do need, with backoff", "retries", ""),
        ("the golden set we don't need a big one", "golden set", ""),
        ("retries i don't think we need to tune much", "retries", ""),
    ],
)
def test_what_comes_first_is_set_aside_by_a_need_denied_after_it(
    said: str, named: str, read: str
) -> None:
    """Said of what comes first ("tool calls I don't think we need"), a need denied sets it
    aside; one that goes on to a thing of its own ("we don't need a big one") does not."""
    assert stance_of(said, named) == read


@pytest.mark.parametrize(
    ("said", "named", "read"),
    [
        ("i wouldn't go hunting for weird ones", "weird ones", "dismissed"),
        ("we won't go looking for edge cases in v1", "edge cases", "dismissed"),
        ("i'd go looking for the weird ones first", "weird ones", ""),
        ("building a big labelled dataset isn't realistic here", "labelled dataset", "dismissed"),
        ("a labelled dataset is realistic if support helps", "labelled dataset", ""),
    ],
)
def test_not_looking_for_it_or_calling_it_unrealistic_sets_it_aside(
    said: str, named: str, read: str
) -> None:
    assert stance_of(said, named) == read


@pytest.mark.parametrize(
    ("said", "named"),
    [
        ("i didn't skip the golden set", "golden set"),
        ("we never skipped pinning", "pinning"),
        ("it isn't overkill to canary it", "canary"),
    ],
)
def test_a_dismissal_denied_is_not_one(said: str, named: str) -> None:
    """A negation right before the dismissing word, contracted or not, takes it back."""
    assert stance_of(said, named) != "dismissed"


@pytest.mark.parametrize(
    ("said", "named", "read"),
    [
        ("i'd rather spend the six weeks on reliability than build an eval harness", "eval harness",
         "dismissed"),
        ("i'd rather have a golden set than ship blind", "golden set", ""),
        ("i'd rather they see a false positive than miss a deletion request", "false positive",
         ""),
        ("i'd rather pay that than let the summary drift from the evidence", "drift", ""),
        ("i'd rather fix the prompt than run a canary for a pilot", "canary", "dismissed"),
        ("i'd rather hear it from the reps than users who try the canary", "canary", ""),
    ],
)  # fmt: skip
def test_what_one_would_rather_not_do_is_set_aside(said: str, named: str, read: str) -> None:
    """ "I'd rather spend the weeks on X than build Y" sets Y aside, as "rather than Y" does; a
    harm one would rather avoid ("than miss a deletion request") is no practice set aside."""
    assert stance_of(said, named) == read
