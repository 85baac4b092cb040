"""A dimension shown only by how the candidate reasons (the rubric's `shown_by_explaining`):
answers that explain their choices, in no stated order, are generic (level 2) communication
with a quote; fragments and buzzword lists stay at level 1 with no evidence."""

from __future__ import annotations

import pytest

from scoring.evidence import quote_is_verbatim
from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric, load_rubrics
from scoring.scorecard import DimensionScore, Scorecard
from tests.scoring_helpers import interview

# Three answers that explain their choices, with no structure, trade-off, summary or check-in.
REASONED = (
    "We cache the static system prompt prefix, because it is about 4,000 tokens on every call "
    "and cuts input cost by roughly 90%.",
    "A golden set of 200 labelled ticket histories runs in CI on every prompt change, and the "
    "build fails if accuracy drops by 3 points.",
    "Every account name in the summary is checked against the pasted tickets, since an invented "
    "account is the worst failure; a mismatch blocks the summary.",
)
LISTED = (
    "I'd use RAG, few-shot examples, prompt caching, a canary release, LLM-as-judge, "
    "guardrails, structured output, streaming, retries, a golden set and model routing.",
    "For evaluation: LLM-as-judge, golden datasets, A/B testing and human review.",
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def communication(card: Scorecard) -> DimensionScore:
    return next(d for d in card.dimensions if d.dimension == "communication")


def test_reasoned_answers_are_generic_communication_with_a_verbatim_quote(rubric: Rubric) -> None:
    transcript = interview(*REASONED)
    card = score_transcript(transcript, rubric)

    shown = communication(card)
    assert (shown.level, shown.status) == (2, "scored")
    assert shown.rationale.startswith("Generic: the answers reason about their choices")
    [quote] = shown.evidence
    assert quote_is_verbatim(transcript, quote)
    # the most reasoned sentence: a reason, a failure mode and an exact rule ("every account
    # name ... is checked against the pasted tickets")
    assert quote.quote in REASONED[2]
    assert shown.missed[0].startswith("For level 3:")


@pytest.mark.parametrize(
    "answers", [REASONED[:1], LISTED], ids=["one-reasoned-answer", "buzzword-lists"]
)
def test_too_little_reasoning_or_lists_stay_at_no_evidence(
    rubric: Rubric, answers: tuple[str, ...]
) -> None:
    shown = communication(score_transcript(interview(*answers), rubric))

    assert (shown.level, shown.status) == (1, "no_evidence")


def test_only_dimensions_that_ask_for_it_are_shown_by_explaining() -> None:
    rubrics = load_rubrics()
    asking = {
        (rubric.id, d.id)
        for rubric in rubrics.values()
        for d in rubric.dimensions
        if d.signals.shown_by_explaining
    }

    assert asking == {("system-design", "communication")}
    card = score_transcript(interview(*REASONED), rubrics["system-design"])
    framing = next(d for d in card.dimensions if d.dimension == "problem_framing")
    assert (framing.level, framing.status) == (1, "no_evidence")


# The design laid out, its trade-off stated and summarised: communication at 3 by its concepts.
STRUCTURED = (
    "Let me walk through it in order: the input, the prompt, the model call, the checks and "
    "the delivery, because each step can fail on its own.",
    "The main trade-off is latency against cost: streaming costs nothing extra but the check "
    "has to wait for the whole answer, so the rep sees it two seconds later.",
    "To summarise before we move on: one call, a schema, a check on every cited id, because an "
    "invented id is the worst failure.",
)
STATED = (
    "We cache the static prompt prefix.",
    "There is a golden set of 200 histories in CI.",
    "Names are checked against the tickets.",
    "The model id is pinned.",
    "Long pastes are cut to the newest 60 tickets.",
)
MORE_REASONED = (
    "The model id is pinned in config, because an alias that moves under us changes the output "
    "without a deploy.",
    "Long pastes are cut to the newest 60 tickets, since the oldest rarely change the risk.",
)


def test_a_structured_round_with_a_reason_in_nearly_every_answer_communicates_at_4(
    rubric: Rubric,
) -> None:
    stated = communication(score_transcript(interview(*STRUCTURED, *STATED), rubric))
    reasoned = communication(
        score_transcript(interview(*STRUCTURED, *REASONED, *MORE_REASONED), rubric)
    )

    assert stated.level == 3
    assert reasoned.level == 4
