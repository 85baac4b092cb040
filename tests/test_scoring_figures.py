"""Numbers sanity on the card: with the brief known, a token count or a price off by ten times
or more from the brief's figures and today's list prices is named with the right ballpark and
caps cost and latency at 2; a rough estimate within that is left alone, and a round with no
brief is checked only against the rules of thumb (tests/test_rules_of_thumb.py)."""

from __future__ import annotations

import pytest

from scoring.rubrics import load_rubrics
from scoring.rubrics.models import Rubric
from scoring.scorecard import DimensionScore, Scorecard
from scoring.transcripts.model import Transcript
from simulator.services.scoring import score_with_brief
from simulator.workspace import Workspace
from tests.scoring_helpers import interview

# The churn brief: three months of tickets and call notes, 12,000 to 150,000 tokens an analysis.
REASONED = (
    "I'd stream the paragraph, because the rep is about to call and waiting 20 seconds is too "
    "long, at the cost of a slightly more complex client.",
    "I'd start on the cheapest model tier that passes the golden set, since the p95 latency "
    "budget is 8 seconds, and move up only if agreement drops.",
    "The cached prompt prefix cuts input cost by about half, because the instructions are the "
    "same for every analysis.",
)
FEW_TOKENS = "Three months of tickets for an account is about 300 tokens, so input is cheap."
RIGHT_TOKENS = "Three months of tickets for an account is about 40,000 tokens of input."
TINY_PRICE = "It comes to about 0.001 cents per analysis, basically free."


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def of_brief(*answers: str, brief: str = "churn-analysis") -> Transcript:
    transcript = interview(*answers)
    return transcript.model_copy(update={"source": {"brief": brief}})


def cost(card: Scorecard) -> DimensionScore:
    return next(d for d in card.dimensions if d.dimension == "cost_latency")


def figures_off(card: Scorecard) -> list[str]:
    """The cost dimension's notes of a figure off by ten times or more."""
    return [c for c in cost(card).caps if "figure off" in c]


def test_a_token_count_far_too_small_is_named_with_the_ballpark(
    ws: Workspace, rubric: Rubric
) -> None:
    card = score_with_brief(ws, of_brief(*REASONED, FEW_TOKENS), rubric)
    dimension = cost(card)
    assert dimension.level is not None and dimension.level <= 2
    [named] = [c for c in dimension.caps if "figure off" in c]
    assert "about 300 tokens" in named and "12,000 to 150,000 tokens" in named


def test_a_price_far_too_small_is_named_with_todays_prices(ws: Workspace, rubric: Rubric) -> None:
    card = score_with_brief(ws, of_brief(*REASONED, TINY_PRICE), rubric)
    [named] = figures_off(card)
    assert "list prices" in named and "$" in named


def test_a_rough_estimate_in_the_right_range_is_left_alone(ws: Workspace, rubric: Rubric) -> None:
    card = score_with_brief(ws, of_brief(*REASONED, RIGHT_TOKENS), rubric)
    assert not figures_off(card)
    assert cost(card).level == 3 or cost(card).level == 4


def test_without_a_brief_its_figures_are_not_checked(ws: Workspace, rubric: Rubric) -> None:
    card = score_with_brief(ws, interview(*REASONED, FEW_TOKENS), rubric)
    assert not figures_off(card)


@pytest.mark.parametrize(
    ("said", "named"),
    [
        ("Even a heavy account's tickets are a few hundred tokens.", "a few hundred tokens"),
        ("Ninety days of tickets is only hundreds of tokens.", "hundreds of tokens"),
        ("At current pricing that's a few thousandths of a cent per analysis.",
         "a few thousandths of a cent"),
    ],
)  # fmt: skip
def test_a_vague_amount_far_off_is_named_as_said(
    ws: Workspace, rubric: Rubric, said: str, named: str
) -> None:
    card = score_with_brief(ws, of_brief(*REASONED, said), rubric)
    [why] = figures_off(card)
    assert named in why
    assert cost(card).level is not None and cost(card).level <= 2


@pytest.mark.parametrize(
    "said",
    [
        # one item of the input, not the whole of it
        "A ticket with its thread is maybe 300 to 600 tokens, so the median account is around "
        "6,000 to 8,000 tokens.",
        "The median account is about 25 tickets at 250 tokens, so around 6,000 tokens.",
        # the output beside the input
        "A typical account is thirty thousand tokens in and a few hundred out.",
        # a number said in words with a half in it
        "The median account is five and a half thousand tokens in, maybe six hundred out.",
        # a day's total, not one request
        "Say three thousand tokens a ticket, times 1,600 tickets: about five million tokens a day.",
        # a night's total
        "Naively, 2,400 accounts times 15k tokens is 36 million tokens a night.",
        # what the model writes, not what it reads
        "For the median account, a model generating 700 tokens is maybe six to nine seconds.",
        # a count of items and the size of each
        "Median account, twelve tickets, 600 words, it is around 7,000 words, so maybe 10,000 "
        "tokens with the system prompt and the examples.",
        # a compound number in words
        "Median input about seventy-five hundred tokens including the system prompt.",
    ],
)
def test_figures_of_an_item_a_day_or_the_output_are_not_taken_for_the_input(
    ws: Workspace, rubric: Rubric, said: str
) -> None:
    card = score_with_brief(ws, of_brief(*REASONED, said), rubric)
    assert not figures_off(card)


def test_one_item_said_bigger_than_the_whole_input_is_still_named(
    ws: Workspace, rubric: Rubric
) -> None:
    said = "For the big accounts with 400 tickets you're at something like three million tokens."
    card = score_with_brief(ws, of_brief(*REASONED, said), rubric)
    [why] = figures_off(card)
    assert "three million tokens" in why
    item = "A single ticket with its thread is about two million tokens."
    card = score_with_brief(ws, of_brief(*REASONED, item), rubric)
    assert [c for c in cost(card).caps if "two million tokens" in c]


def test_without_a_brief_a_rule_of_thumb_broken_caps_cost_and_latency(ws: Workspace) -> None:
    rubric = load_rubrics()["system-design"]
    sound = cost(score_with_brief(ws, interview(*REASONED), rubric))
    said = "And the models generate at about 2,000 tokens a second."
    wrong = cost(score_with_brief(ws, interview(*REASONED, said), rubric))
    assert sound.level is not None and sound.level >= 3
    assert wrong.level == 2
    [named] = [c for c in wrong.caps if "figure off" in c]
    assert "50 to 150 tokens a second" in named


@pytest.mark.parametrize(
    "said",
    [
        # a part of one request's cost, not the whole of it
        "So input is 2,520 times 0.15 divided by a million, about 0.038 cents, and output is "
        "almost nothing, 0.0024 cents.",
        # a day's cost split into its parts (the extraction brief: a cent or so a request)
        ("For a small model, say 15 cents per million input and 60 cents per million output. "
         "Input is about 2.50 dollars, output about 85 cents. So less than 4 dollars per day."),
        # a month of a pilot, not of the brief's full volume
        "At our volume that's a few dollars a month in the pilot.",
    ],
)  # fmt: skip
def test_a_part_of_the_cost_or_a_pilots_month_is_not_taken_for_the_whole(
    ws: Workspace, rubric: Rubric, said: str
) -> None:
    brief = "support-email-extraction" if "85 cents" in said else "churn-analysis"
    card = score_with_brief(ws, of_brief(*REASONED, said, brief=brief), rubric)
    assert not figures_off(card)


def test_a_price_far_too_small_said_of_each_request_is_still_named(
    ws: Workspace, rubric: Rubric
) -> None:
    said = "2,400 accounts at a few thousandths of a cent each is well under ten cents a night."
    card = score_with_brief(ws, of_brief(*REASONED, said), rubric)
    assert [c for c in cost(card).caps if "a few thousandths of a cent" in c]
