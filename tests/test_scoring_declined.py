"""A check the interviewer proposes and the candidate turns down: the refusal names nothing
itself ("no", "I'd argue against it"), so it is read against the question it answers. Turning
down any check between the model and money moving or a message going out is the
trusts-model-output red flag, however good the rest of the round; taking the check up, or
trading the proposed one for another check, is not."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric, load_rubrics
from scoring.scorecard import Scorecard
from tests.scoring_helpers import interview

STRONG = [
    (
        "How would you design the refund path?",
        "A small model reads the email into a schema with the order number, the action and a "
        "verbatim quote as evidence, and we validate the schema before anything else runs. "
        "I'd measure it on 300 labelled emails and gate every prompt change on field accuracy.",
    ),
    (
        "What about cost?",
        "About 1,500 input tokens and 150 output tokens per email, so at a dollar per million "
        "input tokens it's well under a cent each, because the emails are short.",
    ),
]
PROPOSALS = [
    "Would you put any kind of check between what the model decides and the refund itself?",
    "Is there a human or a second look before the reply goes out to the customer?",
    "Okay. Anything sitting between the model's action label and the money leaving?",
]
REFUSALS = [
    "Honestly no. A person in the loop brings the queue back, which is the thing we're removing.",
    "I'd argue against it, the loss per order is capped at fifty dollars.",
    "We wouldn't add one. It doubles the latency for a call the model already made well.",
    "The amount comes from the order system. But no, no human and no second pass, and that's "
    "by design.",
    "Nope, that's deliberate.",
    "Not a person, no, and I think that's the right call for refunds this small.",
]
TAKEN_UP = [
    "Yes, every order number is looked up and matched to the sender's account first.",
    "No human, but every order number is matched to the sender's account before it's paid.",
    "Definitely. Refunds over twenty dollars wait for an agent to approve them.",
    "No. Instead the order id has to appear verbatim in the email and belong to the sender.",
]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def card(rubric: Rubric, question: str, answer: str) -> Scorecard:
    asked, said = zip(*STRONG, strict=True)
    return score_transcript(interview(*said, answer, questions=(*asked, question)), rubric)


def flagged(scored: Scorecard) -> dict[str, str]:
    return {f.id: f.evidence.quote for f in scored.red_flags}


@pytest.mark.parametrize("question", PROPOSALS)
@pytest.mark.parametrize("refusal", REFUSALS)
def test_turning_down_a_check_on_what_the_model_sets_off_is_a_red_flag(
    rubric: Rubric, question: str, refusal: str
) -> None:
    scored = card(rubric, question, refusal)
    found = flagged(scored)

    assert "trusts_model_output" in found
    assert found["trusts_model_output"] in refusal
    assert scored.recommendation in {"no_hire", "strong_no_hire"}
    levels = {d.dimension: d.level for d in scored.dimensions}
    assert levels["hallucination_safety"] == 1


def test_the_card_says_which_question_was_declined(rubric: Rubric) -> None:
    scored = card(rubric, PROPOSALS[0], REFUSALS[1])
    (hit,) = [f for f in scored.red_flags if f.id == "trusts_model_output"]

    assert "Declined when asked" in hit.description
    assert "between what the model decides and the refund" in hit.description


@pytest.mark.parametrize("answer", TAKEN_UP)
def test_taking_the_check_up_or_trading_it_for_another_check_is_not_flagged(
    rubric: Rubric, answer: str
) -> None:
    assert "trusts_model_output" not in flagged(card(rubric, PROPOSALS[0], answer))


@pytest.mark.parametrize(
    "question",
    [
        "How would you handle a spike of a thousand emails in a minute?",
        "Would you use a bigger model here?",
        "Is there anything you'd cut from v1?",
    ],
)
def test_saying_no_to_something_else_is_not_turning_down_a_check(
    rubric: Rubric, question: str
) -> None:
    assert "trusts_model_output" not in flagged(card(rubric, question, REFUSALS[0]))


def test_a_refusal_later_in_a_long_answer_does_not_answer_the_question(rubric: Rubric) -> None:
    answer = (
        "Every order number is checked against the order system. The sender has to own it. "
        "We log each decision with the quote. No, I don't think a person adds much on top."
    )
    assert "trusts_model_output" not in flagged(card(rubric, PROPOSALS[0], answer))


def test_the_refusal_must_answer_the_very_next_turn(rubric: Rubric) -> None:
    round_ = interview(
        "Yes, the order number is matched to the sender.",
        "No need for the big one, the small one passes the eval.",
        questions=(PROPOSALS[0], "And how would you pick the model?"),
    )
    scored = score_transcript(round_, rubric)
    assert "trusts_model_output" not in flagged(scored)


@pytest.mark.parametrize(
    ("question", "answer", "flag"),
    [
        (
            "Would you consider a smaller model, say for the shorter histories?",
            "I don't really see the upside. I'd rather pay for the good one and not think "
            "about it.",
            True,
        ),
        (
            "Would a cheaper tier do for the short emails?",
            "Honestly no. The flagship reads tone better and that's the whole feature.",
            True,
        ),
        (
            "Would you consider a smaller model, say for the shorter histories?",
            "Yes, I'd try the small one first on the 300 labelled emails and only move up if "
            "it misses the bar.",
            False,
        ),
        (
            "You picked the small model for triage, would a bigger model help there?",
            "I don't really see the upside, the small one already hits 95% on our routing eval.",
            False,
        ),
        ("Is the smaller model going to be too slow at peak?", "No, about 300 ms a call.", False),
        (
            "Would a smaller model work for the classification step?",
            "Honestly I don't see the need for the big one there, it's a simple label.",
            False,
        ),
        (
            "Could a cheaper tier handle the summaries?",
            "Yeah. I don't see the point of paying flagship prices for summaries.",
            False,
        ),
    ],
)  # fmt: skip
def test_turning_down_a_smaller_model_when_asked_is_reaching_for_the_biggest(
    rubric: Rubric, question: str, answer: str, flag: bool
) -> None:
    """Asked to consider a cheaper model, the candidate says no: the biggest model always,
    as plainly as saying it."""
    assert ("biggest_model_always" in flagged(card(rubric, question, answer))) is flag


def test_turning_down_one_form_of_a_check_for_another_is_no_refusal(rubric: Rubric) -> None:
    answer = (
        "I don't see the need for a separate queue, the agent who owns the ticket approves "
        "every refund over fifty dollars in the same screen."
    )
    question = "Would you put a human review before the refund goes out?"
    assert "trusts_model_output" not in flagged(card(rubric, question, answer))
