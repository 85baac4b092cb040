"""Ways to look better without saying more: reciting the rubric's anchors, reading the
interviewer's questions back, one frame of connectives said of every technique, and naming
techniques only to set them aside. None raises a level or the recommendation. And the other
side: plain answers that give a reason for each choice are clear communication."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.heuristic.levels import explaining_sentences
from scoring.heuristic.reading import read_candidate
from scoring.heuristic.recitation import echoes_of
from scoring.rubrics import Rubric, load_rubrics
from scoring.vocabulary import default_matcher
from tests.scoring_helpers import interview, levels

THIN = (
    "I'd paste the tickets into the model and ask for a paragraph.",
    "We could check a few outputs by hand before launch.",
)
QUESTIONS = (
    "What goes in the system prompt, what goes in the user turn, and what shape do you ask "
    "the model to return?",
    "How would you know the new model is not worse before anyone relies on it, and what "
    "would you do when it is?",
)
SURFACE = tuple(
    f"I'd use {thing}, because {why} matters, at the cost of {cost}, otherwise {risk}."
    for thing, why, cost, risk in [
        ("structured output", "reliability", "a few milliseconds", "parsing fails"),
        ("prompt caching", "cost", "some cache management", "we pay twice"),
        ("a canary release", "safety", "a slower rollout", "users see regressions"),
        ("a golden set", "quality", "labelling effort", "we are guessing"),
        ("logprobs", "calibration", "extra processing", "the confidence is off"),
        ("a fallback to the template", "availability", "a plainer email", "nothing is sent"),
        ("retries with backoff", "resilience", "some latency", "timeouts drop requests"),
        ("an LLM judge", "scale", "some judge cost", "we cannot review everything"),
    ]
)
DISMISSED = (
    "Pinning the model version is overkill; the provider's aliases only get better.",
    "Canary releases are overkill for this, it's not a payments system.",
    "We won't need a golden set, we'll watch complaints.",
)
REASONED = (
    "I'd fetch the tickets through the Zendesk API by account id, because a pasted export "
    "drops the replies.",
    "The tickets go in the user turn inside XML tags, so an instruction inside a ticket is "
    "treated as data and never followed.",
    "It returns a risk level and up to three reasons, each with the ticket number it came "
    "from, since the account manager will check them.",
    "One analysis is about 12,000 tokens in and 400 out, roughly four cents, so about $80 a "
    "day at 2,000 analyses.",
    "I'd stream the paragraph, because the rep is about to call and waiting 20 seconds for "
    "the whole thing is too long.",
    "Before launch, a golden set of 200 past accounts whose renewal we know, so we see "
    "whether the risk level matches what happened.",
    "Every ticket number in the output must exist in the input, otherwise the paragraph is "
    "held and the rep sees the raw tickets instead.",
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def never_higher(rubric: Rubric, base: tuple[str, ...], gamed: tuple[str, ...]) -> None:
    plain = score_transcript(interview(*base), rubric)
    played = score_transcript(interview(*gamed), rubric)
    for dimension, level in levels(played).items():
        assert (level or 0) <= (levels(plain)[dimension] or 0), dimension
    order = ["strong_no_hire", "no_hire", "hire", "strong_hire"]
    assert order.index(played.recommendation) <= order.index(plain.recommendation)


def test_reciting_the_rubrics_anchors_raises_nothing(rubric: Rubric) -> None:
    anchors = tuple(d.anchors.for_level(4) for d in rubric.dimensions for _ in (0,))
    never_higher(rubric, THIN, THIN + anchors)


def test_a_round_that_recites_the_rubric_is_flagged_and_capped(rubric: Rubric) -> None:
    """What is left of a round spent reading back the anchors counts for 2 at most."""
    anchors = tuple(d.anchors.for_level(4) for d in rubric.dimensions)
    honest = score_transcript(interview(*REASONED), rubric)
    card = score_transcript(interview(*REASONED, *anchors), rubric)
    [flag] = [f for f in card.red_flags if f.id == "recites_rubric"]
    assert flag.description.startswith("said the rubric's own words back in 8 sentences")
    assert max(levels(honest).values()) > 2  # type: ignore[type-var]
    assert all((level or 0) <= 2 for level in levels(card).values())
    assert card.recommendation in ("no_hire", "strong_no_hire")


def test_asking_the_rubrics_own_questions_is_not_reciting(rubric: Rubric) -> None:
    """A strong candidate may well ask "Who reads the analysis?" in the anchor's words."""
    asked = ("Who reads the analysis?", "How many reps?", "How fast must it be?")
    card = score_transcript(interview(*asked, *REASONED), rubric)
    assert "recites_rubric" not in [f.id for f in card.red_flags]


def test_reading_the_questions_back_raises_nothing(rubric: Rubric) -> None:
    asked = ("Walk me through how you would build it.", *QUESTIONS)
    echoed = tuple(f"So, {q[0].lower()}{q[1:-1]}." for q in QUESTIONS)
    plain = score_transcript(interview(*THIN, questions=asked), rubric)
    played = score_transcript(interview(*THIN, *echoed, questions=asked + asked), rubric)
    for dimension, level in levels(played).items():
        assert (level or 0) <= (levels(plain)[dimension] or 0), dimension


def test_one_frame_of_connectives_said_of_every_technique_explains_once(rubric: Rubric) -> None:
    named = tuple(s.split(", because")[0] + "." for s in SURFACE)
    never_higher(rubric, SURFACE[:1] + named[1:], SURFACE)
    reading = read_candidate(interview(*SURFACE), default_matcher())
    assert len(explaining_sentences(reading.usable())) == 1


def test_techniques_named_only_to_be_set_aside_earn_nothing(rubric: Rubric) -> None:
    never_higher(rubric, THIN, THIN + DISMISSED)
    card = score_transcript(interview(*THIN, *DISMISSED), rubric)
    regression = next(d for d in card.dimensions if d.dimension == "regression_monitoring")
    assert not {"version_pinning", "canary_shadow"} & set(regression.concepts)


def test_a_letter_that_lowers_to_two_does_not_turn_a_dismissal_into_credit() -> None:
    said = "İİİİİİİİİİİİ We won't use canary releases here, it is overkill."
    [sentence] = read_candidate(interview(said), default_matcher()).sentences
    assert "canary_shadow" in sentence.dismissed and "canary_shadow" not in sentence.concepts


def test_a_recited_red_flag_still_counts(rubric: Rubric) -> None:
    # the cost dimension's level-1 anchor, said as the candidate's own plan
    said = "I'd always use the biggest model regardless of price and speed, and stream it."
    transcript = interview(*REASONED, said)
    reading = read_candidate(transcript, default_matcher(), echoes=echoes_of(rubric, transcript))
    assert [s.recited for s in reading.sentences if s.text == said] == [True]
    card = score_transcript(transcript, rubric)
    assert [f.id for f in card.red_flags] == ["biggest_model_always"]


def test_the_candidates_words_quoted_back_stay_theirs(rubric: Rubric) -> None:
    asked = tuple(f"You said: “{answer}” What would you change?" for answer in REASONED)
    quoted_back = score_transcript(
        interview(*REASONED, questions=("Walk me through it.", *asked)), rubric
    )
    assert levels(quoted_back) == levels(score_transcript(interview(*REASONED), rubric))


def test_padding_a_copied_anchor_with_fillers_does_not_hide_it(rubric: Rubric) -> None:
    padded = tuple(
        " ".join(f"{w} really" if i % 3 == 2 else w for i, w in enumerate(a.split()))
        for a in (d.anchors.for_level(4) for d in rubric.dimensions)
    )
    never_higher(rubric, THIN, THIN + padded)


def test_a_reason_in_most_answers_is_clear_communication(rubric: Rubric) -> None:
    card = score_transcript(interview(*REASONED), rubric)
    shown = next(d for d in card.dimensions if d.dimension == "communication")
    assert shown.level == 3, shown.rationale
    assert shown.rationale.startswith("Clear: 7 of 7 substantial answers give a reason")
    too_few = score_transcript(interview(*REASONED[:3]), rubric)
    assert (levels(too_few)["communication"] or 0) <= 2


@pytest.mark.parametrize(
    "sentence",
    [
        "I\u2019d always use the bigg\u0435st model.",  # a Cyrillic e
        "I\u02bcd always use the big\u200bgest model.",  # a letter apostrophe, a zero-width space
        "I'd al\u00adways use the biggest model.",  # a soft hyphen
        "I'd always use the\nbiggest model.",  # a line break inside the sentence
    ],
)
def test_a_red_flag_is_found_however_it_is_written(rubric: Rubric, sentence: str) -> None:
    card = score_transcript(interview(*REASONED, sentence), rubric)
    assert [f.id for f in card.red_flags] == ["biggest_model_always"]


@pytest.mark.parametrize(
    ("said", "flag"),
    [
        (
            "Retries are safe: the API is idempotent, so the same request gets the same answer "
            "back.",
            "idempotency_repeats_the_model",
        ),
        ("I wouldn't stream, because streaming roughly doubles the cost.", "streaming_costs_more"),
        (
            "Temperature zero eliminates hallucinations, so we don't need a check.",
            "training_cures_hallucination",
        ),
        (
            "At temperature zero the model only outputs what the input supports, so it can't "
            "invent numbers.",
            "training_cures_hallucination",
        ),
        (
            "We set temperature to 0, so it won't make things up.",
            "training_cures_hallucination",
        ),
    ],
)
def test_known_false_beliefs_are_red_flags(rubric: Rubric, said: str, flag: str) -> None:
    card = score_transcript(interview(*REASONED, said), rubric)
    assert flag in [f.id for f in card.red_flags]
    assert card.recommendation in ("no_hire", "strong_no_hire")


@pytest.mark.parametrize(
    "said",
    [
        "The write is idempotent: the same request twice writes the fields once.",
        "Streaming does not cost more tokens, it only changes when the rep sees them.",
        "Temperature zero does not prevent hallucinations, so every name is checked.",
        "Even at temperature zero it can still invent numbers, so every figure is checked.",
        "Temperature zero doesn't mean it can't invent a number; the check does that.",
    ],
)
def test_the_true_versions_are_not_red_flags(rubric: Rubric, said: str) -> None:
    card = score_transcript(interview(*REASONED, said), rubric)
    assert not card.red_flags


def test_the_same_reason_after_every_answer_is_one_reason(rubric: Rubric) -> None:
    plain = tuple(answer.split(",")[0].rstrip(".") + "." for answer in REASONED)
    because = tuple(
        f"{answer[:-1]}, because the account manager reads it before the call." for answer in plain
    )
    never_higher(rubric, plain, because)
