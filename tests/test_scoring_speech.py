"""Speech as a reader hears it: hesitations, set-apart fillers and words said twice are dropped
before reading, so a spoken answer is read like the same answer written down; the card still
quotes the words as said."""

from __future__ import annotations

import pytest

from scoring.evidence import quote_is_verbatim
from scoring.heuristic import score_transcript
from scoring.heuristic.speech import cleaned, sounds_spoken
from scoring.reading.questions import asks_unpunctuated
from scoring.rubrics import load_rubrics
from tests.scoring_helpers import interview, levels


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("Um, so we, we looked at it.", "so we looked at it."),
        ("Enough to get, like, a feel for it.", "Enough to get a feel for it."),
        ("I was, I was involved in all of it. Uh. Yeah.", "I was involved in all of it. Yeah."),
        (
            "So, I mean, the the prompt was fine, you know, mostly.",
            "So the prompt was fine mostly.",
        ),
        ("We'd build a, um, a golden set.", "We'd build a golden set."),
        ("uhm we kinda just, ah, shipped it", "we kinda just shipped it"),
    ],
)
def test_fillers_and_words_said_twice_are_dropped(said: str, heard: str) -> None:
    assert cleaned(said).text == heard


@pytest.mark.parametrize(
    "written",
    [
        "I think that that is fine, and we had had enough of it.",
        "We reran the 400 400-token tests.",
        "Tickets like billing questions go first, like the brief says.",
        "The umbrella account and the uhuru team, ahead of the rest.",
        "It is kind of slow, sort of.",
    ],
)
def test_written_text_and_meaningful_words_stay(written: str) -> None:
    assert cleaned(written).text == written


@pytest.mark.parametrize(
    "said",
    [
        "Um, so we, we looked at it, and, like, the the prompt was, uh, fine.",
        "uh, uh, we, we, we kinda, you know, shipped it",
    ],
)
def test_every_character_read_maps_back_to_the_same_character_said(said: str) -> None:
    heard = cleaned(said)
    assert all(said[heard.said_at(i)] == c for i, c in enumerate(heard.text))
    start, end = heard.said_span(0, len(heard.text))
    assert said[start:end].endswith(heard.text[-4:])


def test_a_round_is_read_as_speech_when_its_first_answers_sound_spoken() -> None:
    assert sounds_spoken(["Um, so I'd start with the tickets.", "Yeah."])
    assert sounds_spoken(["so I'd, you know, start with the tickets"])
    assert not sounds_spoken(["I'd start with the tickets, like the brief says.", "Error rates."])
    assert not sounds_spoken([])


def test_a_written_round_keeps_its_words_as_written() -> None:
    rubric = load_rubrics()["system-design"]
    typo = "We pin the the model snapshot and rerun the golden set before any upgrade."
    card = score_transcript(interview(typo), rubric)

    quotes = [e.quote for d in card.dimensions for e in d.evidence]
    assert typo in quotes


SPOKEN = [
    "Um, so, before launch we'd, we'd look at, like, a bunch of them and, uh, see if they, "
    "you know, look right.",
    "And the, the model would, um, figure out which tickets matter, honestly.",
]
WRITTEN = [
    "So before launch we'd look at a bunch of them and see if they look right.",
    "And the model would figure out which tickets matter, honestly.",
]


def test_a_spoken_answer_scores_as_the_same_answer_written_and_is_quoted_as_said() -> None:
    rubric = load_rubrics()["system-design"]
    spoken = interview(*SPOKEN)
    said = score_transcript(spoken, rubric)
    written = score_transcript(interview(*WRITTEN), rubric)

    assert levels(said) == levels(written)
    assert [f.id for f in said.red_flags] == [f.id for f in written.red_flags]
    assert {"vibes_only", "trusts_model_output"} <= {f.id for f in said.red_flags}
    quotes = [f.evidence for f in said.red_flags]
    assert all(quote_is_verbatim(spoken, e) for e in quotes)
    assert any(", like," in e.quote for e in quotes)  # the words as said, fillers and all


ASKED_ALOUD = [
    "ok cool. um so can I ask a few things first. like how many analyses are we talking about, "
    "once its past the pilot",
    "ok and how big is the paste, like whats a typical 90 days of tickets for one account",
    "right ok. and um, do you know which accounts actually churned, like historically. is that "
    "in the CRM",
]


@pytest.mark.parametrize(
    ("said", "asks"),
    [
        ("like how many analyses are we talking about, once its past the pilot", True),
        ("and um, do you know which accounts actually churned", True),
        ("is that in the CRM", True),
        ("so what we do is send it to the model", False),
        ("what I would do is cache the prefix", False),
        ("the model reads it and writes the paragraph", False),
        ("what happens is if the provider goes down the rep just gets an error", False),
        ("whats nice about this is we can batch the calls overnight", False),
        ("how much it costs is about two cents a request", False),
        ("who reads these summaries are the account managers", False),
        ("is it expensive, not really at two cents", False),
        ("do the cheap classification first and only call the big model on escalations", False),
        ("I was curious how much caching would save so I measured it", False),
    ],
)
def test_a_question_written_down_without_its_mark_opens_as_questions_do(
    said: str, asks: bool
) -> None:
    assert asks_unpunctuated(said) is asks


def test_questions_said_aloud_without_question_marks_are_the_candidates_framing() -> None:
    """Speech-to-text writes no question marks: targeted questions the interviewer answers
    are still questions, read and quoted as the candidate's framing."""
    rubric = load_rubrics()["system-design"]
    scoped = (
        "ok so the thing that matters is does the paragraph make the account manager do the "
        "right thing, so every sentence has to point at a ticket, and v1 is only english "
        "accounts because thats 90 percent of them"
    )
    replies = ("Here is the brief.", "About 1,500 a week.", "About 18 tickets.", "Go on.")
    card = score_transcript(interview(*ASKED_ALOUD, scoped, questions=replies), rubric)
    framing = next(d for d in card.dimensions if d.dimension == "problem_framing")

    assert framing.level == 4
    assert "targeted questions" in framing.rationale
    assert "whats a typical 90 days" in framing.evidence[0].quote
