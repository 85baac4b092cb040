"""Concepts said in a candidate's own words are read as the concept: checking which part the
interviewer wants ("want me to go into the checks or move on?", "stop me if this is too much",
"is that fair?") as checking in, giving an answer its shape ("three checks", "I'll start with
the input, then I'll go on to the prompt") as a structured walk-through, "with a time limit" as
a timeout and "a to-do list" as a queue; a question about the product is no check-in."""

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


@pytest.mark.parametrize(
    ("said", "concept"),
    [
        ("It sends the text to the model with a time limit.", "timeouts"),
        ("Our service writes the ticket number down in a to-do list and says got it.",
         "async_processing"),
    ],
)  # fmt: skip
def test_reliability_said_in_everyday_words_is_read(said: str, concept: str) -> None:
    assert concept in MATCHER.concepts(said)
