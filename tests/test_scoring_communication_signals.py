"""Communication as candidates show it: checking which part the interviewer wants ("want me to
go into the checks or move on?", "stop me if this is too much", "is that fair?") and giving an
answer its shape ("three checks", "I'll start with the input, then I'll go on to the prompt")
are read as checking in and as a structured walk-through; a question about the product is
neither."""

from __future__ import annotations

import pytest

from scoring.vocabulary import default_matcher

MATCHER = default_matcher()


@pytest.mark.parametrize(
    ("said", "concept"),
    [
        ("Want me to spend a minute on cost, or move on?", "checking_in"),
        ("Where do you want to start?", "checking_in"),
        ("Stop me if this is more detail than you need.", "checking_in"),
        ("Then you can pull me into whichever bit you want.", "checking_in"),
        ("Is that fair?", "checking_in"),
        ("There are three checks before anything is sent.", "structured_walkthrough"),
        ("I'll start with how the ticket arrives.", "structured_walkthrough"),
        ("Then I'll go on to what the model returns.", "structured_walkthrough"),
    ],
)
def test_checking_in_and_shaping_the_answer_are_read(said: str, concept: str) -> None:
    assert concept in MATCHER.concepts(said)


@pytest.mark.parametrize(
    "said",
    [
        "Is the order number always in the subject line?",
        "Is that field required by the ticketing system, or optional?",
        "How many agents work the queue on a Monday?",
    ],
)
def test_a_question_about_the_product_is_no_check_in(said: str) -> None:
    assert "checking_in" not in MATCHER.concepts(said)
