"""A figure asked for and not given (scoring/heuristic/figures_asked.py): pressed for a number
("Roughly how many tokens?", "How big a set?"), a candidate who answers without one, in that
answer or the next, keeps the dimension the question is about at 2, and the card says why."""

from __future__ import annotations

from scoring.heuristic import score_transcript
from scoring.heuristic.figures_asked import dodged_caps
from scoring.reading.quantities import says_a_figure
from scoring.rubrics import load_rubrics
from tests.scoring_helpers import QUESTION, interview, levels
from tests.test_scoring_level_rules import AN_ESTIMATE, SCALE_WITHOUT_AN_ESTIMATE

DESIGN = load_rubrics()["system-design"]
TOKENS = "Roughly how many tokens is one classification?"
DEPENDS = "That would depend on the length of the ticket and on the provider's pricing."
TRACKED = "The more important point is to track cost per ticket over time."


def capped(*exchange: tuple[str, str]) -> dict[str, str]:
    questions = tuple(q for q, _ in exchange)
    transcript = interview(*(a for _, a in exchange), questions=questions)
    return {dimension: why for dimension, _, why in dodged_caps(DESIGN, transcript)}


def test_a_token_question_answered_without_a_figure_keeps_cost_at_2() -> None:
    found = capped((TOKENS, DEPENDS), ("And speed?", TRACKED))

    assert list(found) == ["cost_latency"]
    assert TOKENS in found["cost_latency"]


def test_a_figure_in_the_answer_or_the_next_one_answers_it() -> None:
    assert capped((TOKENS, "About 400 in and 20 out.")) == {}
    assert capped((TOKENS, "Hundreds, I'd guess.")) == {}
    # "I'd have to make some assumptions." "Go ahead." "Say 2,000 tokens in ..."
    assumed = ("Go ahead and make them.", "Say 2,000 tokens in and 300 out.")
    assert capped((TOKENS, "I'd have to make some assumptions first."), assumed) == {}
    # but not two answers later.
    later = ("And the bill?", "Say 2,000 tokens in and 300 out.")
    assert list(capped((TOKENS, DEPENDS), ("And speed?", TRACKED), later)) == ["cost_latency"]


def test_the_question_s_topic_names_the_dimension() -> None:
    sample = ("How big a golden set would you build?", "Large enough to be meaningful.")
    assert list(capped(sample, ("And the labels?", "From the support leads."))) == ["evaluation"]
    alerts = ("What threshold would page someone when drift shows up?", "Whatever fits the team.")
    assert list(capped(alerts, ("Okay.", "It depends on the team."))) == ["regression_monitoring"]
    # A question asking for no figure, or asking one about nothing graded this way, caps nothing.
    assert capped(("How would you test it?", DEPENDS), ("Okay?", TRACKED)) == {}
    assert capped(("How many teams are there?", "I'd ask you."), ("Fine.", "Yes.")) == {}


def test_the_brief_or_an_area_s_long_opening_is_not_a_follow_up() -> None:
    opening = (
        "Here is the brief. We get about 1,800 tickets a day and want a model to do the first "
        "pass: classify each one into one of seven categories, with a confidence score. Tell me "
        "how it works, what one classification costs and how long it takes, roughly?"
    )
    assert capped((opening, DEPENDS), ("Go on.", TRACKED)) == {}


def test_the_behavioural_rubric_asks_no_figures_this_way() -> None:
    transcript = interview(DEPENDS, TRACKED, questions=(TOKENS, "And speed?"))
    assert dodged_caps(load_rubrics()["behavioral"], transcript) == []


def test_a_lone_one_or_a_vague_word_is_no_figure() -> None:
    assert not says_a_figure("I would pick the smallest one that passes.")
    assert not says_a_figure("Cents, not dollars.")
    assert not says_a_figure("Large enough to be statistically meaningful.")
    assert says_a_figure("Probably a few cents.")
    assert says_a_figure("Maybe five hundred.")
    assert says_a_figure("Under a second.")
    assert says_a_figure("One in fifty.")


def test_an_estimate_then_a_dodged_follow_up_loses_cost_4_and_the_card_says_why() -> None:
    answers = (*SCALE_WITHOUT_AN_ESTIMATE, *AN_ESTIMATE)
    pressed = ("What does the bigger model cost per email, roughly?", DEPENDS)
    then = ("And the wait for the rep?", "Whatever the provider gives us, it's fine.")

    estimated = score_transcript(interview(*answers), DESIGN)
    asked = (*[QUESTION] * len(answers), pressed[0], then[0])
    dodged = score_transcript(interview(*answers, pressed[1], then[1], questions=asked), DESIGN)
    assert levels(estimated)["cost_latency"] == 4
    assert levels(dodged)["cost_latency"] == 2
    cost = next(d for d in dodged.dimensions if d.dimension == "cost_latency")
    assert any("asked for a figure" in cap and pressed[0] in cap for cap in cost.caps)
