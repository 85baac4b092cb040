"""A design round that talks about techniques in general, never about this product, reaches no
level 3: its levels stay at 2 and the card says why. The same techniques said of this round's
accounts, tickets and figures are not general talk."""

from __future__ import annotations

from scoring.heuristic import score_transcript
from scoring.rubrics import load_rubrics
from scoring.transcripts.model import Transcript, Turn

BRIEF = (
    "Account managers paste up to 150 Zendesk tickets into the Salesforce panel before a "
    "renewal call, and want a churn-risk paragraph with the reasons."
)
QUESTIONS = [
    BRIEF,
    "How would you structure the prompt?",
    "How do you know it is good?",
    "What about cost and latency?",
    "What happens when the provider ships a new model?",
    "How do you handle hallucinations?",
    "And when the call fails?",
]
GENERAL = [
    "I'd treat prompts as code, versioned and reviewed, because that keeps changes traceable.",
    "I'd use a system prompt with clear instructions and delimit the context, so the model "
    "knows what is data. A few examples help, since they show the output format.",
    "I'd build a golden set and run evals in CI, because regressions otherwise slip through. "
    "An LLM judge can scale the review, with human spot checks to calibrate it.",
    "Cost matters, so I'd use a cheaper model where it passes the eval and cache the prompt "
    "prefix, because repeated instructions are wasted spend. Streaming helps perceived latency.",
    "I'd pin the model version and run the regression suite before any upgrade, so nothing "
    "changes silently. A canary rollout limits the blast radius.",
    "Grounding with citations reduces hallucinations, because claims can be checked. I'd "
    "validate the output against a schema too.",
    "Retries with exponential backoff and a timeout, because providers fail. A fallback model "
    "keeps the feature up, and tracing every call helps debugging.",
]
TIED = [
    "The system prompt holds the instructions, and the pasted Zendesk tickets go in the user "
    "turn inside tags, because a ticket can contain text that looks like an instruction.",
    "Golden set: 200 accounts the account managers already labelled churned or renewed, run in "
    "CI, because a prompt change must not drop agreement below 85%.",
    "An LLM judge checks every cited ticket id exists in the paste, with account managers "
    "spot-checking 20 paragraphs a week to calibrate it.",
    "About 9,000 input tokens for 150 tickets, so roughly 3 cents a paragraph on a mid-tier "
    "model; the cheaper model is fine if it passes the eval, since 500 renewals a month is "
    "small money either way. Streaming gets the first words in about a second.",
    "Pin the snapshot, rerun the 200 accounts on the new one and compare per account, then "
    "canary it to 10% of account managers for a week.",
    "Every reason must cite a ticket id from the paste; ids not in the Zendesk export are "
    "dropped before the panel shows them.",
    "A 20-second timeout, two retries with backoff on 429s, then a message in the Salesforce "
    "panel that the analysis is unavailable, and tracing per call with the prompt version.",
]


def round_of(answers: list[str]) -> Transcript:
    turns: list[Turn] = []
    for asked, said in zip(QUESTIONS, answers, strict=True):
        turns += [Turn(role="interviewer", text=asked), Turn(role="candidate", text=said)]
    return Transcript(id="general", turns=turns)


def test_techniques_in_general_reach_no_level_three() -> None:
    card = score_transcript(round_of(GENERAL), load_rubrics()["system-design"])
    assert all(d.level is not None and d.level <= 2 for d in card.dimensions)
    assert any(
        "talks about techniques in general" in cap for d in card.dimensions for cap in d.caps
    )


def test_the_same_techniques_said_of_this_round_are_not_general_talk() -> None:
    card = score_transcript(round_of(TIED), load_rubrics()["system-design"])
    assert not any("in general" in cap for d in card.dimensions for cap in d.caps)
    assert max(d.level or 0 for d in card.dimensions) >= 3


def test_a_behavioural_round_is_never_general_talk() -> None:
    card = score_transcript(round_of(GENERAL), load_rubrics()["behavioral"])
    assert not any("in general" in cap for d in card.dimensions for cap in d.caps)
