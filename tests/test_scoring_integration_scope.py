"""Integration and reliability is how the model call is wired in so that it does not fall
over (retries, timeouts, fallbacks, idempotency, rate limits, validation, tracing): streaming
the answer, defending the prompt against injection or calling tools are other dimensions'
credit, not this one's."""

from __future__ import annotations

from scoring.heuristic import score_transcript
from scoring.rubrics import load_rubrics
from tests.scoring_helpers import interview, levels

ELSEWHERE = (
    "I'd stream the analysis token by token so the rep sees the first words in about a second, "
    "because waiting ten seconds for a blank panel feels broken.",
    "Ticket text goes inside delimiters and the system prompt says to treat it as data, since a "
    "customer could write instructions into a ticket to steer the model.",
)
WIRED = (
    "Each call has a twelve second timeout, and on a 429 or a 5xx we retry twice with "
    "exponential backoff, because the provider throttles at peak.",
    "If both retries fail the rep sees a clear message and the job goes back on the queue, so "
    "nothing is lost, and an idempotency key means a retry never writes two analyses.",
)


def test_streaming_and_injection_defence_earn_no_integration_credit() -> None:
    rubric = load_rubrics()["system-design"]
    elsewhere = levels(score_transcript(interview(*ELSEWHERE), rubric))
    wired = levels(score_transcript(interview(*ELSEWHERE, *WIRED), rubric))
    assert elsewhere["integration_reliability"] == 1
    assert wired["integration_reliability"] is not None
    assert wired["integration_reliability"] >= 2
