"""Figures every model call obeys, checked whatever the brief: a word is about 1.3 tokens, a
model writes tens to a couple of hundred tokens a second, a call takes at least a fraction of a
second, a small model costs cents per million tokens where the biggest cost dollars. A figure
off by ten times or more is named with the ballpark and caps cost and latency at 2, with or
without a brief; a rough figure in range, and things other than a model that are rightly fast,
are left alone. (The cap on the card: tests/test_scoring_figures.py.)"""

from __future__ import annotations

import pytest

from scoring.reading.rules_of_thumb import Rates, TierPrices, off_figure
from scoring.vocabulary import default_vocabulary
from simulator.content.loader import load_library
from simulator.engines.claude.prices import load_prices
from simulator.interview.ballpark import RULE_OF_THUMB, ballpark
from simulator.interview.policy import decide, policy_context
from simulator.interview.timing import plan_time
from tests.test_policy_listening import analysis, state, worded

PRICES = TierPrices(cheapest=Rates((0.1, 0.5), (0.5, 2.5)), dearest=Rates((4, 4), (20, 20)))

OFF = [
    ("A word comes out at roughly 30 tokens once you count the headers.", "a word"),
    ("A token is roughly a sentence, so 9,000 words is maybe seven hundred tokens.", "a word"),
    ("They generate at maybe five tokens a second.", "write about"),
    ("These models generate at something like two thousand tokens a second.", "write about"),
    ("The small models are really quick, like 20, 30 milliseconds per call.", "model call"),
    ("The small models are about fifteen dollars per million input tokens.", "a small model"),
    ("The capable models are priced at roughly 50 dollars per million input tokens.", "biggest"),
    # a price per thousand tokens is a thousandth of the price per million
    ("The small models are around a cent per thousand input tokens.", "a small model"),
    ("A cheap model runs $0.05 per 1k input tokens.", "a small model"),
]
IN_RANGE = [
    "About 1,500 words, so roughly 2,000 tokens.",
    "Two hundred tickets at four hundred words is about eighty thousand words, so perhaps a "
    "hundred and ten thousand tokens.",
    "It streams at about 80 tokens a second, so 300 tokens take four seconds.",
    "Prefill reads about 5,000 tokens a second, then it generates the answer.",
    "The keyword check takes 2 ms before the model runs.",
    "The first token from the model arrives in about 40 milliseconds on a warm cache.",
    "A small model at about 10 cents per million input tokens.",
    "The big model is around 20 dollars per million output tokens.",
    "Pricing is around fifteen dollars per million tokens.",  # no tier said: nothing to compare
    # what the review of these rules found flagged wrongly
    "In a word, the prompt is about 2,000 tokens.",
    "The label is one word, so the output is maybe 20 tokens with the JSON around it.",
    "Summaries are 100 words, and the input is 20,000 tokens.",
    "It condenses 5,000 words into a 300 token summary.",
    "The model call takes about 2 seconds, and the UI updates within 50 ms.",
    "The model responds, then the webhook fires 20 ms later.",
    "The model streams, and each output token takes about 20 ms.",
    "A word isn't 30 tokens, it's about 1.3.",
    "No model answers in 20 ms, it's more like a second.",
    "Users read the output at about 5 tokens a second.",
    "With 50 calls in parallel we generate about 4,000 tokens a second in total.",
    "Off the top of my head, it's about 25 cents per million input tokens.",
    "A less capable model at 20 cents per million input tokens would do.",
    "We moved to the small model, down from $15 per million input tokens on Opus.",
    "The small model is a fraction of a cent, about $0.0002 per thousand input tokens.",
    "The big model is about two cents per thousand output tokens.",
    # no model call in the sentence: a tool that is rightly that quick
    "Run a barcode decoder, ZXing or zbar, which takes about 50 milliseconds and costs nothing.",
    "Neither check needs a model, so they add maybe 50 milliseconds.",
    # words of one item, tokens of them all
    "For a typical account, a dozen tickets at a few hundred words, that's maybe five or six "
    "thousand tokens in.",
]


@pytest.mark.parametrize(("sentence", "named"), OFF)
def test_a_figure_off_by_ten_times_is_named_with_the_ballpark(sentence: str, named: str) -> None:
    off = off_figure(sentence, PRICES)
    assert off is not None and named in str(off) and "about" in off.fact


@pytest.mark.parametrize("sentence", IN_RANGE)
def test_a_figure_in_range_or_not_of_a_model_is_left_alone(sentence: str) -> None:
    assert off_figure(sentence, PRICES) is None


def test_prices_are_checked_only_with_a_price_table() -> None:
    assert off_figure("The small models are about fifteen dollars per million tokens.") is None


def test_the_interviewer_challenges_a_rule_of_thumb_broken_once_with_the_ballpark() -> None:
    brief = load_library().brief("ticket-triage")
    park = ballpark(brief, load_prices())
    ctx = policy_context(
        brief, plan_time(brief, 60), default_vocabulary(), coach=False, seed=1, ballpark=park
    )
    said = analysis("A word comes out at roughly 30 tokens, so a ticket is thousands of tokens.")
    move = decide(state(), said, ctx)
    assert move.kind == "numbers_check" and move.concept_id == RULE_OF_THUMB
    assert "1.3 tokens" in worded(move, ctx) and "30 tokens" in move.quote
    again = decide(state(numbers_checked=[RULE_OF_THUMB]), said, ctx)
    assert again.kind != "numbers_check"
