"""Reasoning said plainly, as people speak it (no apostrophes, an adverb in the way), counts as
depth: a consequence ("so it literally cant return anything else"), a preference that names
what it gives up ("i would rather they get some junk than miss one"), and a known weakness
("the models own number isnt really calibrated")."""

from __future__ import annotations

import pytest

from scoring.heuristic.reading import read_candidate
from scoring.transcripts.model import Transcript, Turn
from scoring.vocabulary import default_matcher


def depth_of(answer: str) -> set[str]:
    turns = [Turn(role="interviewer", text="Go on."), Turn(role="candidate", text=answer)]
    reading = read_candidate(Transcript(id="t", turns=turns), default_matcher(), frozenset())
    return set().union(*(s.depth for s in reading.usable()))


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        (
            "the category is an enum with the seven values so it literally cant return "
            "anything else.",
            "reason",
        ),
        ("so the rep only has to look at the flagged ones.", "reason"),
        (
            "anything that mentions privacy goes to the privacy team, i would rather they get "
            "some junk than miss one.",
            "tradeoff",
        ),
        ("the models own number isnt really calibrated, it says 0.9 for everything.",
         "failure_mode"),
        ("Facts first, then the email. Three reasons: the big workspaces wouldn't fit.",
         "reason"),
        ("The ids are checked against the document, which is why a made-up one never ships.",
         "reason"),
        ("it goes live for a small slice first, and if the bounce rate goes up, we go back.",
         "failure_mode"),
        ("Then our code checks those words are in the email. If they're not, we blank the field.",
         "failure_mode"),
        ("the model picks one, and if its unclear, leave it empty and show the agent both.",
         "failure_mode"),
        ("When the lookup finds no order, the ticket goes to a person.", "failure_mode"),
        ("we rerun the test set on it first. Newer doesn't mean better for our categories.",
         "reason"),
    ],
)  # fmt: skip
def test_plain_spoken_reasoning_is_depth(said: str, kind: str) -> None:
    assert kind in depth_of(said)


@pytest.mark.parametrize(
    "said",
    [
        "the category is an enum with the seven values.",
        "privacy tickets go to the privacy team.",
        "the model gives a confidence number with each category.",
        "it goes live for a small slice of tickets first.",
        "if the email is long, we send the first two pages.",
        "when it's done, we post the summary to the channel.",
    ],
)
def test_the_same_facts_without_the_reasoning_are_not(said: str) -> None:
    assert not depth_of(said) & {"reason", "tradeoff", "failure_mode"}


@pytest.mark.parametrize(
    "said",
    [
        "Every number in the text must match a number in a cited fact.",
        "each highlight has to reference at least one fact id.",
        "every claim cites the ticket it came from.",
        "Every output traces back to a row in the fact sheet.",
    ],
)
def test_an_exact_rule_said_of_every_case_is_depth(said: str) -> None:
    """A mechanism stated exactly ("every number must match the source") explains it, as a
    reason would, though it says no "because"."""
    assert "rule" in depth_of(said)


@pytest.mark.parametrize(
    "said",
    [
        "every answer should be good.",
        "each ticket goes to the model.",
        "we check the numbers sometimes.",
        "every week we look at it.",
        "Not every answer has to cite a source, the reps know their accounts.",
        "I don't think every account name needs to match the CRM, that's a lot of work.",
        "Each team has to decide how much latency they can live with.",
        "Every few months someone has to look at the dashboards.",
        "Each engineer needs to know the prompt by heart.",
    ],
)
def test_a_wish_a_habit_or_a_rule_denied_is_no_rule(said: str) -> None:
    assert "rule" not in depth_of(said)
