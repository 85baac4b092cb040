"""Slots as evidence: what a candidate says in plain words fills the slots the interviewer
listens for, and those count for the slot's dimension as the vocabulary's names do; a
question, a dismissal or a bare number is not an explanation."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.heuristic.reading import read_candidate
from scoring.heuristic.slots import slot_gates
from scoring.rubrics import load_rubrics
from scoring.rubrics.models import Rubric
from scoring.scorecard import Scorecard
from scoring.vocabulary import default_matcher
from tests.test_scoring_manipulation import interview

PLAIN_ROLLOUT = (
    "We'd roll it out to ten reps for a week before everyone gets it, because if it goes wrong "
    "only they see it."
)
PLAIN_CHECK = (
    "Every number in the paragraph has to match a number in the tickets, so a made-up figure "
    "is caught before the account manager reads it."
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def level(card: Scorecard, dimension: str) -> int | None:
    return next(d.level for d in card.dimensions if d.dimension == dimension)


def slots_of(*answers: str) -> list[set[str]]:
    matcher = default_matcher()
    matcher.register(slot_gates())
    return [s.concepts for s in read_candidate(interview(*answers), matcher).sentences]


def test_a_plan_in_plain_words_is_evidence_for_its_dimension(rubric: Rubric) -> None:
    card = score_transcript(interview(PLAIN_ROLLOUT), rubric)
    regression = next(d for d in card.dimensions if d.dimension == "regression_monitoring")
    assert regression.status == "scored" and regression.level >= 2
    assert regression.evidence[0].quote == PLAIN_ROLLOUT
    assert "rollout" in regression.rationale


def test_plain_words_lift_a_level_the_vocabulary_alone_would_miss(rubric: Rubric) -> None:
    card = score_transcript(interview(PLAIN_CHECK), rubric)
    assert level(card, "hallucination_safety") == 2
    [concepts] = slots_of(PLAIN_CHECK)
    assert "slot:detection" in concepts


def test_a_question_fills_no_slot() -> None:
    asked = "Should we roll it out to ten reps for a week before everyone gets it?"
    assert slots_of(asked) == [set()]


def test_a_slot_set_aside_earns_nothing(rubric: Rubric) -> None:
    said = "We won't bother rolling it out to ten reps first, it's an internal tool."
    card = score_transcript(interview(said), rubric)
    assert level(card, "regression_monitoring") == 1
    [concepts] = slots_of(said)
    assert not any(c.startswith("slot:") for c in concepts)


def test_a_number_alone_does_not_explain_a_slot(rubric: Rubric) -> None:
    counted = "We'd collect 40 real tickets from last quarter as examples."
    reasoned = (
        "We'd collect 40 real tickets from last quarter as examples, because the odd ones are "
        "what breaks it."
    )
    thin = score_transcript(interview(counted), rubric)
    full = score_transcript(interview(reasoned), rubric)
    evaluation = next(d for d in thin.dimensions if d.dimension == "evaluation")
    assert evaluation.rationale.startswith("Named")
    assert level(full, "evaluation")  # scored
    assert next(d for d in full.dimensions if d.dimension == "evaluation").rationale.startswith(
        "Explained"
    )


@pytest.mark.parametrize(
    ("said", "flagged"),
    [
        ("I'd point at the latest alias, the provider's aliases only get better.", True),
        ("Upgrades are improvements by definition, so no need to re-test.", True),
        ("Newer models are always better, so we'd take them as they come out.", True),
        ("I'd never assume the new versions always get better; we re-run the set.", False),
        ("The new model is not always better on our data, so we pin it.", False),
    ],
)
def test_believing_upgrades_only_improve_is_a_red_flag(
    rubric: Rubric, said: str, flagged: bool
) -> None:
    card = score_transcript(interview(said), rubric)
    assert ("upgrades_always_better" in {f.id for f in card.red_flags}) is flagged
    if flagged:
        assert level(card, "regression_monitoring") == 1


@pytest.mark.parametrize(
    ("said", "flagged"),
    [
        ("A handful of test cases with asserts on the happy path, and that runs in CI.", True),
        ("Some tests for the happy path, then we ship it.", True),
        ("Beyond a few happy path tests we need edge cases and adversarial tickets.", False),
        ("Not just a couple of tests on the happy path: a golden set of 200 tickets.", False),
        # how testing starts, not that it stops at the happy path
        ("Run it on some tickets and see what comes out.", False),
        ("I'd try it on a few workspaces first and compare with the current emails.", False),
        ("I'd run twenty tickets through it and if they look right, turn it on.", True),
    ],
)
def test_a_few_happy_path_tests_is_a_red_flag(rubric: Rubric, said: str, flagged: bool) -> None:
    card = score_transcript(interview(said), rubric)
    assert ("happy_path_tests" in {f.id for f in card.red_flags}) is flagged


def test_walking_through_the_design_is_not_framing(rubric: Rubric) -> None:
    """Framing is what the candidate asks, assumes and puts at stake; the rubric lists those
    slots, so the steps of the design are no evidence of it."""
    design = (
        "We'd fetch the tickets from Zendesk by account id, because a pasted export drops the "
        "replies.",
        "Then one model call reads them and returns the risk and reasons, since one call is "
        "simpler to run than a chain.",
    )
    assumed = (
        "I will assume the reps run it before every renewal call, because that is when they "
        "need it."
    )
    assert level(score_transcript(interview(*design), rubric), "problem_framing") == 1
    framed = score_transcript(interview(assumed, *design), rubric)
    assert (level(framed, "problem_framing") or 0) >= 2


@pytest.mark.parametrize(
    ("said", "dimension"),
    [
        ("Some tests for the happy path, then we ship it.", "evaluation"),
        ("I'd always use the biggest model.", "cost_latency"),
        ("I'd start by fine-tuning our own model on the tickets.", "prompt_architecture"),
    ],
)
def test_what_a_level_one_anchor_describes_caps_at_one(
    rubric: Rubric, said: str, dimension: str
) -> None:
    """Each of these is the rubric's own level-1 anchor for its dimension, so a strong answer
    elsewhere in the round does not lift the dimension past 1."""
    strong = (
        "Before launch, a golden set of 200 past tickets labelled by two support leads, "
        "because we need the routing accuracy, and it runs in CI on every prompt change; if "
        "accuracy drops below 90% the change is blocked.",
        "The tickets go in the user turn inside XML tags, so an instruction inside a ticket "
        "is data, and the system prompt holds the rules, because they never change.",
        "One analysis is about 12,000 tokens in and 400 out, roughly four cents, so about $80 "
        "a day at 2,000 analyses, and I'd stream it because the rep is waiting.",
    )
    assert (level(score_transcript(interview(*strong), rubric), dimension) or 0) >= 2
    assert level(score_transcript(interview(*strong, said), rubric), dimension) == 1


def test_framing_quotes_the_candidates_questions_and_assumptions_first(rubric: Rubric) -> None:
    asked = "Who reads the paragraph, the rep or the account manager?"
    assumed = "I will assume the reps run it before every renewal call."
    deep = (
        "We'd fetch the tickets from Zendesk by account id, because a pasted export drops the "
        "replies, and if the API is down the rep sees a retry button."
    )
    card = score_transcript(interview(deep, asked, assumed), rubric)
    framing = next(d for d in card.dimensions if d.dimension == "problem_framing")
    quotes = [e.quote for e in framing.evidence]
    assert quotes[:2] == [asked, assumed]


@pytest.mark.parametrize(
    ("said", "down"),
    [
        ("If the provider goes down, the rep sees last week's analysis.", True),
        ("When the model API is down we queue the tickets.", True),
        ("Switch to the new prompt and see if the correction rate goes down over a week.", False),
        ("The complaints went down by half after the change.", False),
        ("After we batched the calls, the model cost went down by 40%.", False),
        ("It was down to two cents a call after caching.", False),
        ("When OpenAI is down, the jobs wait in a queue and the rep sees it is pending.", True),
        ("If Bedrock goes down, the rep gets a plain message.", True),
    ],
)
def test_an_outage_is_a_system_going_down_not_a_measure(said: str, down: bool) -> None:
    [concepts] = slots_of(said)
    assert ("slot:failure_path" in concepts) is down


def test_a_question_said_aloud_without_its_mark_fills_no_slot() -> None:
    asked = "um so like would we roll it out to ten reps for a week before everyone gets it"
    answered = "yeah, uh, we'd roll it out to ten reps for a week first"
    first, second = slots_of(asked, answered)
    assert "slot:rollout" not in first
    assert "slot:rollout" in second
