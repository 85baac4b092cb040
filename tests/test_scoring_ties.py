"""A sentence that reuses what the interviewer said of this product is tied to the round, with
or without the brief known: "the Freshdesk tickets in the Pipedrive panel" where the interviewer
spoke of them. The candidate's own names for things tie nothing."""

from __future__ import annotations

from scoring.heuristic import score_transcript
from scoring.heuristic.ties import round_words
from scoring.rubrics import load_rubrics
from scoring.transcripts.model import Transcript, Turn
from scoring.vocabulary import default_matcher

PRODUCT = (
    "Account managers paste Freshdesk tickets into the Pipedrive panel before a renewal call "
    "and want a paragraph on churn risk."
)
PLAIN = "We have a new feature for the sales team and want a paragraph on churn risk."
ANSWER = (
    "The system prompt holds the rules and the Freshdesk tickets go in the user turn inside "
    "tags, because a ticket can hold text that reads like an instruction. Every reason must "
    "cite a ticket id, so a made-up reason fails the check before the Pipedrive panel shows "
    "it."
)


def round_of(opening: str) -> Transcript:
    return Transcript(
        id="ties",
        turns=[
            Turn(role="interviewer", text=opening),
            Turn(role="candidate", text=ANSWER),
            Turn(role="interviewer", text="How would you structure the prompt?"),
            Turn(role="candidate", text=ANSWER),
        ],
    )


def rationale(transcript: Transcript, dimension: str) -> str:
    card = score_transcript(transcript, load_rubrics()["system-design"])
    return next(d.rationale for d in card.dimensions if d.dimension == dimension)


def test_the_round_words_are_what_only_this_interviewer_said() -> None:
    said = round_words(round_of(PRODUCT), default_matcher())
    assert {"freshdesk", "pipedrive"} <= said
    assert not {"want", "before", "into", "managers"} & said  # common English, the vocabulary
    assert "tags" not in said and "instruction" not in said  # the candidate's words only


def test_answers_about_the_product_the_interviewer_named_tie_to_it_without_a_brief() -> None:
    assert "ties to the brief" in rationale(round_of(PRODUCT), "prompt_architecture")
    # the same answer where the interviewer never named those systems ties to nothing
    assert "ties to the brief" not in rationale(round_of(PLAIN), "prompt_architecture")
