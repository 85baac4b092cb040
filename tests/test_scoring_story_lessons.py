"""What a speaker took from a behavioural story: the answer to the lesson question however it
is worded (an instruction, a practice in the negative, a lesson without lesson words), a lesson
applied since (said so, or a yes to "have you applied that since?"), and what is no lesson of
theirs (what others should do, a lesson any story would give, the story told at a previous
job)."""

from __future__ import annotations

from scoring.heuristic import score_transcript
from scoring.heuristic.story import read_story, story_level
from scoring.heuristic.story_lessons import answers_to_the_lesson, applied_since, the_lesson_applied
from scoring.rubrics import load_rubrics
from scoring.transcripts.model import Transcript, Turn
from tests.test_scoring_story import TOLD


def test_the_story_told_at_a_previous_job_is_not_a_lesson_applied_since() -> None:
    assert read_story(["So at my last company we built a claims summariser."]).applied == 0
    assert read_story(["On every feature since, I pair the metric with a check."]).applied == 1
    assert read_story(["On every feature I'd pair the metric with a check."]).applied == 0


def test_a_practice_kept_since_is_a_lesson_applied_however_it_is_put() -> None:
    kept = [
        "So now on every search feature we ship, the first thing in the repo is a labelled set.",
        "Now, with any prompt change, I run the forty hard cases before it goes out.",
        "We've done it on three launches since, and it caught a bad one in March.",
    ]
    for sentence in kept:
        told = read_story([sentence])
        assert told.applied == 1, sentence
        assert told.reflections == 1, sentence  # a practice kept is what they took from it
    # two lessons, one of them kept since: the reflection anchor's level 4
    lessons = ["Looking back, I trusted the vendor's changelog far too much.", kept[1]]
    assert story_level(read_story(lessons), "reflection") == 4
    wished = ["Now, with any prompt change, I'd run the hard cases first.", "Now it works fine."]
    assert all(read_story([s]).applied == 0 for s in wished)


def test_the_answer_to_the_lesson_question_is_what_the_speaker_took_from_it() -> None:
    asked = Transcript(
        id="lesson",
        turns=[
            Turn(role="interviewer", text="Tell me about a launch that went wrong."),
            Turn(role="candidate", text=" ".join(TOLD[:3])),
            Turn(role="interviewer", text="What's the lesson you took from the whole thing?"),
            Turn(
                role="candidate",
                text=(
                    "Two things. One, never point anything in production at a floating model "
                    "alias. And the eval set has to be built with the people who know the "
                    "domain, because my 150 tickets were me testing my own assumptions."
                ),
            ),
            Turn(role="interviewer", text="Thanks. Any questions for me?"),
            Turn(role="candidate", text="Yes, how big is the team I would join?"),
        ],
    )

    assert answers_to_the_lesson(asked) == {4}
    answer = asked.turns[3].text.split(". ")
    told = read_story(answer, lessons=answer)
    assert told.reflections == 2  # "Two things." is too short to be a lesson
    assert read_story(answer).reflections == 0


def test_a_lesson_told_without_lesson_words_is_quoted_as_reflection() -> None:
    rubric = load_rubrics()["behavioral"]
    answer = (
        "We should test with real invoices before we go to production, not the easy ones. "
        "And talk with the users earlier, not only through the product manager."
    )
    asked = Transcript(
        id="lesson-in-plain-words",
        turns=[
            Turn(role="interviewer", text="Tell me about a launch that went wrong."),
            Turn(role="candidate", text=" ".join(TOLD)),
            Turn(role="interviewer", text="Looking back at the whole thing, what would you do?"),
            Turn(role="candidate", text=answer),
        ],
    )

    reflection = next(
        d for d in score_transcript(asked, rubric).dimensions if d.dimension == "reflection"
    )

    assert reflection.level is not None and reflection.level >= 3
    assert any(e.turn == 4 for e in reflection.evidence)


def test_what_others_should_do_is_no_lesson_of_the_speakers() -> None:
    """Called a lesson or not, what product or another team should do is the speaker's blame,
    not what they took from it."""
    blamed = [
        "So I think the lesson is product needs to listen to engineering when we say so.",
        "And I'd want the content team to own keeping their articles up to date.",
    ]
    owned = [
        "The lesson for me is that I ship nothing without an eval set built with support.",
        "Looking back, I should have asked for real invoices in the first week.",
        "Now I always get the ops team to walk me through their workflow first.",
        "What I learned is that when they push for a date, I have to push back with data.",
        "I learned that design should be in the loop from day one, so now I always invite them.",
        "The lesson for me was that the team needs clear ownership, so now I write down owners.",
    ]
    assert read_story(blamed, lessons=blamed).reflections == 0
    assert read_story(owned, lessons=owned).reflections == len(owned)


def test_a_lesson_any_story_would_give_is_the_generic_level() -> None:
    generic = [
        "I think the lesson is communication is really important, everyone on the same page.",
        "Honestly I would test more before launch next time, that's the main thing.",
    ]
    tied = [
        "In hindsight I should have pulled the archived articles out of the index first.",
        "Next time I would ask support for the twenty worst tickets before writing the eval.",
    ]
    assert read_story(generic).generic == 2 and read_story(generic).reflections == 0
    assert story_level(read_story(generic), "reflection") == 2
    assert story_level(read_story(tied), "reflection") == 3
    assert story_level(read_story([*generic, tied[0]]), "reflection") == 2


def test_a_practice_kept_now_on_everything_is_a_lesson_applied_since() -> None:
    told = read_story(
        [
            "I should have read the drafts side by side before the switch.",
            "What I took from it is that the number I had was not the thing people cared about.",
            "I do that now on everything, even when the numbers look good.",
        ]
    )
    assert told.applied == 1 and story_level(told, "reflection") == 4
    assert read_story(["I know now for every reason why it failed."]).applied == 0


def test_a_practice_said_in_the_negative_answers_the_lesson_question() -> None:
    """ "I wouldn't make any field required unless the answer always exists" is what the speaker
    took from the story, as "never make a field required ..." is."""
    answer = [
        "The specific thing: I wouldn't make any field required unless the answer always exists.",
        "We no longer ship a schema change before the support team has labelled a sample.",
    ]

    assert read_story(answer, lessons=answer).reflections == 2
    assert read_story(answer).reflections == 0


def test_a_lesson_said_as_an_instruction_answers_the_lesson_question() -> None:
    """ "Treat changes to what the model reads as seriously as changes to the prompt", "And, um,
    talk to support before, not after": the answer to the lesson question as an instruction, led
    in by a word or two; others made to do it, or clearer requirements, are no lesson."""
    answer = [
        "Treat changes to what the model reads as seriously as changes to the prompt.",
        "And, um, talk to support before, not after, about the worst emails.",
        "Stratify the eval set by the categories the domain people already use.",
    ]
    assert read_story(answer, lessons=answer).reflections == 3
    others = [
        "Like, get the data team to sign off on a date for the feed, in writing.",
        "And make sure the requirements are clear up front before anyone builds.",
    ]
    assert read_story(others, lessons=others).reflections == 0


def test_a_yes_to_have_you_applied_it_since_tells_the_lesson_applied() -> None:
    """ "Have you applied that since?" - "Yes. In my current role, prices live in a table and every
    number in an output is checked against it.": what follows the yes is the lesson applied; a
    "not really" is not."""

    def asked(answer: str) -> Transcript:
        return Transcript(
            id="applied",
            turns=[
                Turn(role="interviewer", text="What would you do differently?"),
                Turn(
                    role="candidate",
                    text="Treat changes to what the model reads as seriously "
                    "as changes to the prompt.",
                ),
                Turn(role="interviewer", text="Have you applied that since?"),
                Turn(role="candidate", text=answer),
            ],
        )

    yes = asked(
        "Yes. In my current role, prices and discount rules live in a table, and every number "
        "in an output is checked against it before it ships."
    )
    assert applied_since(yes) == {4}
    assert applied_since(asked("Not really, we haven't had a project like that.")) == set()
    how = the_lesson_applied(["Yes.", *yes.turns[3].text.split(". ")[1:]])
    assert how is not None and how.startswith("In my current role")
    told = read_story([yes.turns[1].text, how], [yes.turns[1].text], [how])
    assert told.applied == 1 and story_level(told, "reflection") == 4
