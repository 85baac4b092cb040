"""A behavioural story told in plain speech, on any topic: what the speaker did, how it turned
out, who outside engineering they worked with, what they took from it. And the held-out
spoken rounds: the levels follow the raters' order of quality."""

from __future__ import annotations

from pathlib import Path

import yaml

from scoring.heuristic import score_transcript
from scoring.heuristic.story import read_story, story_level
from scoring.heuristic.story_lessons import answers_to_the_lesson, applied_since, the_lesson_applied
from scoring.rubrics import load_rubrics
from scoring.transcripts.loader import load_transcript
from scoring.transcripts.model import Transcript, Turn

HELDOUT = Path(__file__).parent / "data" / "heldout"

TOLD = [
    "So, um, the one I'd pick is from my last role, I was one of two engineers on reply drafts.",
    "The support lead came to me with a spreadsheet of drafts that promised refunds.",
    "I asked our PM to turn drafts off for refund tickets, and I rebuilt the eval first.",
    "I replaced the prose policy with a table, and I took out the generous line.",
    "I pushed for two weeks with ten agents first, and I decided to add a check in code.",
    "Afterwards we set up a flag button, and every Thursday the support lead and I reviewed "
    "the flags.",
    "The out-of-policy rate went from four percent to under half a percent.",
    "Looking back, filtering out the exceptions was my mistake, and I should have asked "
    "support what a hard ticket looks like.",
    "Since then I always ask support for the hard cases before I build an eval.",
]
IMAGINED = [
    "I would talk to the product manager and I would set up an eval.",
    "We'd probably ship it and see how it goes.",
]


def test_what_the_speaker_did_is_counted_and_what_they_would_do_is_not() -> None:
    told, imagined = read_story(TOLD), read_story(IMAGINED)
    assert told.own_actions >= 8 and told.decisions >= 2
    assert imagined.own_actions == imagined.team_actions == 0
    assert story_level(told, "ownership") == 4
    assert story_level(imagined, "ownership") == 1
    assert story_level(imagined, "structure") == 1


def test_an_outcome_with_a_figure_a_standing_loop_and_a_lesson_are_heard() -> None:
    told = read_story(TOLD)
    assert told.measured_outcomes >= 1
    assert told.together >= 3 and told.loops >= 1
    assert told.reflections >= 2
    assert story_level(told, "collaboration") == 4
    assert told.applied == 1  # "since then I always ask support ..."
    assert story_level(told, "reflection") == 4
    # the same lesson as what they would do next time: specific, not shown in use
    would = [*TOLD[:-1], "Next time I would ask support for the hard cases before an eval."]
    assert story_level(read_story(would), "reflection") == 3


def test_a_mistake_owned_beside_a_decision_or_another_is_ownership_at_its_best() -> None:
    did = [f"I {verb} the {thing}." for verb, thing in zip(
        ["rebuilt", "wrote", "ran", "took", "built", "fixed", "moved", "cut"],
        ["eval", "checks", "tests", "tickets", "router", "parser", "prompt", "cost"],
        strict=True,
    )]  # fmt: skip
    decided = "I argued against launching to everyone that week."
    mistake = "The test set was my mistake: I hadn't included a single scanned invoice."
    assert story_level(read_story([*did, decided, mistake]), "ownership") == 4
    assert story_level(read_story([*did, decided]), "ownership") == 3
    assert story_level(read_story([*did, mistake]), "ownership") == 3
    # two mistakes of their own, owned in so many words, are ownership at its best too
    another = "And this part is on me: I had pointed the API at the floating alias."
    assert story_level(read_story([*did, mistake, another]), "ownership") == 4
    # a call said not to be theirs is no decision; disagreeing is no mistake
    not_mine = "I figured they knew the business, and it wasn't really my call."
    assert read_story([not_mine]).decisions == 0
    assert read_story(["I didn't think that was a good reason to drop it."]).mistakes == 0


def test_a_loop_held_with_users_counts_wherever_its_people_are_named() -> None:
    met = [
        "Our PM, Sofia, and I went through the flagged drafts.",
        "I sat with the support lead to label two hundred replies.",
        "I went to the PM before the meeting and showed her the numbers.",
    ]
    held = "Every Tuesday, me, Marek and whoever is on call, half an hour, we go through them."
    button = 'We added a "flag this draft" button next to send.'
    wished = "Next time I'd set up a weekly review with support from day one."
    assert story_level(read_story([*met, held]), "collaboration") == 4
    assert story_level(read_story([*met, button]), "collaboration") == 4
    assert story_level(read_story([*met, wished]), "collaboration") == 3
    assert story_level(read_story(met), "collaboration") == 3
    # a weekly status update is no loop with the people who use the output
    assert read_story(["We sent the PM a weekly update with the metrics."]).loops == 0


def test_someone_named_for_their_role_works_with_the_speaker() -> None:
    told = read_story(
        ["I was chatting with Marek, he's the team lead for the phone agents.",
         "Marek and I read two hundred conversations together."]
    )  # fmt: skip
    assert told.names == frozenset({"Marek"})
    assert told.together == 2


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


def rater_mean(stem: str) -> float:
    levels = [
        yaml.safe_load((HELDOUT / f"grades-{rater}" / f"{stem}.yaml").read_text("utf-8"))["levels"]
        for rater in ("X", "Y")
    ]
    return sum(sum(lv.values()) / len(lv) for lv in levels) / len(levels)


def test_spoken_behavioural_rounds_follow_the_raters_order() -> None:
    rubric = load_rubrics()["behavioral"]
    stems = sorted(p.stem for p in (HELDOUT / "transcripts").glob("behavioral-spoken-*.txt"))
    scored = {
        stem: score_transcript(load_transcript(HELDOUT / "transcripts" / f"{stem}.txt"), rubric)
        for stem in stems
    }
    by_raters = sorted(stems, key=rater_mean)
    weighted = [scored[stem].weighted_level for stem in by_raters]
    assert len(stems) == 3 and weighted == sorted(weighted), list(
        zip(by_raters, weighted, strict=True)
    )
    assert weighted[-1] - weighted[0] >= 1.5, "a spread, not three middling cards"
    best, worst = scored[by_raters[-1]], scored[by_raters[0]]
    assert max(d.level or 0 for d in worst.dimensions) <= 2
    assert sum((d.level or 0) >= 3 for d in best.dimensions) >= 4


def test_a_name_given_for_a_role_counts_as_that_role_from_then_on() -> None:
    told = read_story(
        [
            "Our PM was Daniel, and I was the engineer on the generation side.",
            "Daniel agreed to hold the rollout for two weeks.",
            "Every Tuesday Daniel and I went through the week's flagged drafts.",
            "Daniel's favourite colour is green.",
        ]
    )
    assert told.together == 2 and told.loops == 1


def test_a_name_put_after_its_role_counts_as_that_role_too() -> None:
    told = read_story(
        [
            "Our support lead, Marta, sent me six tickets with the wrong totals.",
            "Marta and I set up a half-hour review of the flags every Friday.",
            "Marta was on holiday in August.",
        ]
    )
    assert told.names == {"Marta"}
    assert told.together == 2 and told.loops == 1


def test_a_name_put_after_a_role_said_with_a_counts_and_what_they_decided_with_us_too() -> None:
    told = read_story(
        [
            "There was one other backend engineer, a PM, Leah, and a designer part-time.",
            "Leah owned the conversation with sales and set up the customer call.",
            "Leah decided to hold the launch for the approval step.",
            "Leah has two cats.",
        ]
    )
    assert told.names == {"Leah"}
    assert told.together == 2


def test_someone_who_leads_a_team_outside_engineering_counts_as_that_role() -> None:
    told = read_story(
        [
            "That Monday, Inés, who runs one of the billing operations teams, pinged me.",
            "Then Inés and I spent an hour on the wrong invoices.",
            "Every Thursday she and I go through what the clerks flagged.",
            "Karl, who leads the platform engineering team, reviewed my change.",
        ]
    )
    assert told.names == {"Inés"}
    assert told.together == 2


def test_the_speaker_and_someone_outside_engineering_together_is_collaboration() -> None:
    told = read_story(
        [
            "The support lead and I set up a button to flag a wrong amount, reviewed weekly.",
            "I said that plainly to the product manager before the rollback.",
            "Me and the claims handlers went through forty of them by hand.",
            "The backend team and I rewrote the parser.",
        ]
    )
    assert told.together == 3 and told.loops == 1
    assert story_level(told, "collaboration") == 4


def test_many_things_done_by_the_speaker_own_the_story_however_often_we_did() -> None:
    """A speaker who names ten things they did has separated their part, even in a story
    where the team did more; fewer than that still has to outweigh "we"."""
    mine = [f"I {verb} the thing." for verb in (
        "wrote", "rebuilt", "tested", "measured", "changed", "checked", "asked", "moved",
        "added", "shipped",
    )]  # fmt: skip
    ours = [f"We {verb} the thing." for verb in (
        "planned", "built", "reviewed", "deployed", "tried", "watched", "fixed", "cleaned",
        "labelled", "compared", "launched", "dropped",
    )]  # fmt: skip
    assert story_level(read_story(mine + ours), "ownership") == 3
    assert story_level(read_story(mine[:8] + ours), "ownership") == 2
    assert story_level(read_story(mine[:8] + ours[:8]), "ownership") == 3


def test_figures_and_dates_are_the_specifics_of_a_story() -> None:
    told = read_story(TOLD)
    assert told.figures >= 3
    assert story_level(told, "specifics") == 3  # a few figures and dates: roughly when, how many
    assert story_level(read_story(TOLD[:2]), "specifics") <= 2
    assert story_level(read_story(IMAGINED), "specifics") == 1


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


def test_saying_the_same_thing_again_tells_no_more() -> None:
    once = read_story(["I built the eval.", "I decided to ship it."])
    again = read_story(["I built the eval.", "I built the eval.", "I built it again, I built it."])
    assert again.own_actions == 1 <= once.own_actions
    assert read_story(["I need a bigger model.", "I never owned the rollout."]).own_actions == 0


def test_a_capitalised_word_after_a_role_is_not_a_name() -> None:
    told = read_story(["Then the PM agreed with me.", "Then I went home with my dog."])
    assert told.names == frozenset()
    assert told.together == 1


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


def test_the_people_who_use_the_output_in_their_work_are_outside_engineering() -> None:
    told = read_story(
        ["I sat with six paralegals while they reviewed two leases each.",
         "Two senior specialists flagged the summaries that dropped a deadline."]
    )  # fmt: skip
    assert told.together == 2


def test_a_call_made_in_plain_verbs_is_a_decision_owned() -> None:
    """ "I signed it off", "I moved everyone back that afternoon", "I accepted that trade-off":
    calls the speaker made, said without "decided" or "chose"."""
    told = read_story(
        [
            "I ran the evaluation set and I signed it off.",
            "So I moved everyone back that afternoon.",
            "I accepted that trade-off for three weeks.",
            "We moved the meeting to Tuesday.",
        ]
    )
    assert told.decisions == 3
    assert read_story(["I moved the file to the shared folder."]).decisions == 0


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


def test_work_done_with_people_outside_engineering_is_collaboration() -> None:
    """ "We'd built a golden set with the customer success team": a thing done with them."""
    told = read_story(
        [
            "We'd built a golden set with the customer success team before launch.",
            "I went through the flagged cases together with two support agents every week.",
            "I rewrote the prompt with our designer over two afternoons.",
        ]
    )
    assert told.together == 3
    assert read_story(["We shipped it with the new parser in March."]).together == 0


def test_what_people_outside_engineering_said_and_decided_with_the_speaker_is_collaboration() -> (
    None
):
    """Told tersely: "after talking to the PM", "the support lead said they were wrong half the
    time", "the PM signed off on my numbers", "me plus two support leads go through the flags"."""
    told = read_story(
        [
            "Third, after talking to the PM, I switched summaries to the secondary provider.",
            "The support lead said they were wrong half the time.",
            "The PM signed off based on my numbers.",
            "Every Thursday, me plus two support leads go through that week's flags.",
        ]
    )
    assert told.together == 4
    assert story_level(told, "collaboration") == 4
    # a role named with nothing done together is not
    assert read_story(["Our support team is about fifteen agents."]).together == 0


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


def test_how_it_turned_out_in_plain_words_is_an_outcome() -> None:
    """ "The flags for that carrier went back to roughly zero the next week", "the new snapshot
    scored slightly better, 98.4 against 97.8", "it cost three days of her team's time"."""
    told = read_story(
        [
            "We fixed the prompt, and the flags for that carrier went back to roughly zero.",
            "The new snapshot scored slightly better overall, 98.4 against 97.8 accuracy.",
            "The last time we skipped a check it cost three days of Dana's team.",
        ]
    )
    assert told.outcomes == 3 and told.measured_outcomes >= 1
    assert read_story(["We talked about the carrier's layout on Monday."]).outcomes == 0
