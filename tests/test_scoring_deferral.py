"""What a candidate leaves for later ("maybe later a tool to look up the contract value", "no
tool calls in v1", "v1 is the paste box only, nothing written back into the CRM") is neither
done nor rejected: it earns its dimension nothing and raises no red flag, while the scoping
itself ("out of scope for v1: ...") still counts as framing."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.heuristic.reading import read_candidate
from scoring.reading.deferral import deferrals
from scoring.reading.dismissal import clauses
from scoring.rubrics import load_rubrics
from scoring.vocabulary import default_matcher
from tests.scoring_helpers import interview, levels

DEFERRED = [
    ("Maybe later a tool to look up the contract value, but that's scope creep for now.", "tool"),
    ("Tool calls, I don't think I need any in v1.", "tool calls"),
    ("Writing the result back into the CRM is a v2 thing.", "writing"),
    ("Tool calls, not in v1.", "tool calls"),
    (
        "We add retries with exponential backoff now, and a dead-letter queue maybe later.",
        "dead-letter",
    ),
    ("We could add a tool to fetch the account later, maybe.", "tool"),
    ("A tool to pull the renewal date, that's for later.", "tool"),
    ("For scope, v1 is: English only, one click, nothing written back into the CRM.", "written"),
    ("I'd park that: a retry queue can come later.", "retry"),
]
NOT_DEFERRED = [
    ("We retry twice with backoff, then show the rep a clear message.", "retry"),
    ("For v2 versus v1 of the prompt, run both on the same set and compare.", "run"),
    ("I'd save the tool call results for later review by the team.", "tool"),
    ("The webhook writes the category back into the ticket, no human in the loop.", "writes"),
    ("Out of scope for v1: priority, sentiment and reply drafting.", "v1"),
    # what the review of this reading found put off wrongly
    (
        "We validate the output against a schema because a bad field breaks things down the line.",
        "validate",
    ),
    ("If confidence is low we defer it to a human reviewer.", "human reviewer"),
    ("If the call fails three times we park it in a dead-letter queue for replay.", "dead-letter"),
    ("In the second phase, the output is validated against a JSON schema.", "validated"),
    ("The current prompt is v2, with three few-shot examples.", "few-shot"),
    ("The cached prompt prefix is for later calls in the same session.", "cached"),
    ("Retries are not optional in v1.", "retries"),
    ("Timeouts and retries: I wouldn't ship without them in v1.", "retries"),
    ("Rate limiting, that's something we can't do without in v1.", "rate limiting"),
    ("Evals: I don't want to skip them for now.", "evals"),
    ("We retry twice with backoff, and no more than that for now.", "retry"),
    (
        "We add retries with exponential backoff now, and a dead-letter queue maybe later.",
        "retries",
    ),
    ("To start, no reply is sent until a human reviewer approves it.", "human reviewer"),
    ("For v1, no ticket is closed unless a human reviewer approves it.", "human reviewer"),
]


def _put_off(sentence: str, word: str) -> bool:
    lowered = sentence.lower()
    start = lowered.index(word)
    found = deferrals(lowered)
    return found is not None and found.cover(clauses(lowered), start, start + len(word))


@pytest.mark.parametrize(("sentence", "word"), DEFERRED)
def test_a_technique_left_for_later_is_put_off(sentence: str, word: str) -> None:
    assert _put_off(sentence, word)


@pytest.mark.parametrize(("sentence", "word"), NOT_DEFERRED)
def test_a_technique_used_now_or_the_scoping_itself_is_not_put_off(
    sentence: str, word: str
) -> None:
    assert not _put_off(sentence, word)


def _concepts(answer: str) -> set[str]:
    reading = read_candidate(interview(answer), default_matcher())
    return set().union(*(s.concepts for s in reading.sentences))


def test_the_reading_credits_no_technique_put_off_and_sets_none_aside() -> None:
    answer = "Maybe later a tool to look up the contract value, but that's scope creep for now."
    reading = read_candidate(interview(answer), default_matcher())
    assert "tool_calling" not in set().union(*(s.concepts for s in reading.sentences))
    assert not any(s.dismissed for s in reading.sentences)
    assert "tool_calling" in _concepts("The model gets a tool to look up the contract value.")


def test_scoping_out_of_v1_still_counts_as_framing() -> None:
    assert "scope_definition" in _concepts("Out of scope for v1: priority, sentiment, replies.")


WIRED = (
    "The analysis call retries twice with exponential backoff on 429s and 5xx errors, then shows "
    "the rep a clear message, because a blank panel reads as a bug. The result is written back "
    "into the CRM through its API, with a timeout of ten seconds so a slow provider can't hang "
    "the page, and a tool lets the model look up the renewal date when it needs it."
)
PUT_OFF = (
    "Maybe later a tool to look up the renewal date, but that's scope creep for now. For scope, "
    "v1 is: English only, the paste box, one analysis per click, nothing written back into the "
    "CRM. Retries and a queue can come later, we'd see how often the provider fails first."
)


def test_a_round_that_puts_integration_off_scores_below_one_that_does_it() -> None:
    rubric = load_rubrics()["system-design"]
    wired = levels(score_transcript(interview(WIRED), rubric))
    put_off = score_transcript(interview(PUT_OFF), rubric)
    assert levels(put_off)["integration_reliability"] < wired["integration_reliability"]
    assert levels(put_off)["integration_reliability"] == 1
    assert put_off.red_flags == []
