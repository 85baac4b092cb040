"""A behavioural story told in plain speech, on any topic: what the speaker did, how it turned
out, who outside engineering they worked with, what they took from it. And the held-out
spoken rounds: the levels follow the raters' order of quality."""

from __future__ import annotations

from pathlib import Path

import yaml

from scoring.heuristic import score_transcript
from scoring.heuristic.story import read_story, story_level
from scoring.rubrics import load_rubrics
from scoring.transcripts.loader import load_transcript

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


def test_saying_the_same_thing_again_tells_no_more() -> None:
    once = read_story(["I built the eval.", "I decided to ship it."])
    again = read_story(["I built the eval.", "I built the eval.", "I built it again, I built it."])
    assert again.own_actions == 1 <= once.own_actions
    assert read_story(["I need a bigger model.", "I never owned the rollout."]).own_actions == 0


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
