"""The behavioural red flag `blaming_others` in plain words: the failure put on another team,
on the requirements or on "them", said as a speaker would say it; a root cause named without
deflecting, or one's own mistake owned, is not blame."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric, load_rubrics
from tests.scoring_helpers import interview

STORY = (
    "Last year I owned the reply-suggestion feature for our support agents, and after launch "
    "the agents stopped using it within two weeks."
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["behavioral"]


def flagged(rubric: Rubric, *answers: str) -> set[str]:
    return {f.id for f in score_transcript(interview(STORY, *answers), rubric).red_flags}


@pytest.mark.parametrize(
    "blame",
    [
        "Honestly a lot of it was, the problem was the docs, they hadn't been updated in forever.",
        "The articles were out of date, and that's not on us.",
        "We didn't break anything, it was them.",
        "I think it was them, they changed the schema without telling anyone.",
        "It was them, they found the bug late and then dumped it on us.",
        "Product should have asked for that before we built it.",
        "If the requirements had been clearer from the start it would have gone a lot better.",
        "It's garbage in, garbage out, there's only so much engineering can do.",
        "The real problem was really the requirements, nobody wrote them down.",
        "The PM was good at process stuff but she didnt really get LLMs, so it went nowhere.",
        "I mean I think I did my part.",
        "I think the issue was more that the requirements weren't clear.",
        "Product said shorter, but they didn't really define what shorter meant.",
        "The alerting wasn't really my area, that was on the platform team's backlog.",
        "But the model switch wasn't, like, that wasn't my call. The platform team just did it.",
        "If the knowledge base had been right, it wouldn't have happened.",
        "Or if the agents had done their job and read the drafts, nobody would have noticed.",
        "Honestly, that's on the product team.",
        "I don't think this was an engineering failure.",
        "Some of it was really on the agents, though.",
        "That was support's side, we just shipped what they asked for.",
        "The provider shouldn't change output formatting in a minor version, that's on them.",
        "The classifier was a bit too loose honestly, thats another team's thing.",
        "Not really. I did what was asked.",
        "It worked in testing, but it was the timeline really.",
        "If leadership hadnt set end of quarter we would have had time to do it properly.",
    ],
)
def test_the_failure_put_on_someone_else_is_blame(rubric: Rubric, blame: str) -> None:
    assert "blaming_others" in flagged(rubric, blame)


@pytest.mark.parametrize(
    "owned",
    [
        "It was not a random hallucination, it was the model doing arithmetic we never asked for.",
        "The root cause was my eval set: I had only taken calls from one team.",
        "I should have asked support for real examples before we launched.",
        "It was them who spotted it first, so I set up a weekly review with the support leads.",
        "Who noticed? I think it was support, from the thumbs-down feedback.",
        "It was support that flagged it, two days after launch.",
        "She didn't know the model had changed, and shipping it to everyone was my decision.",
        "I wrote up what happened for the account managers, so they weren't explaining "
        "something they didn't understand.",
        "Had I brought the examples to the first meeting, the mock-ups that were shown to the "
        "support head would have been different.",
        "If the eval set had been right, I would have caught it before launch.",
        "It was an engineering failure, and it was mine: I made the field required.",
        "The float default was a third thing, but if our side had been right it wouldn't have "
        "mattered.",
        "It was the PM's dashboard, so I asked her which numbers she read first.",
        "How long to keep the transcripts, that's on them to decide, so I asked legal.",
        # another topic, or another thing of the story, is not another team's
        "So that's the other thing, that was from support too.",
        "I think there was one more, but it was a different issue, a message in Spanish.",
        "The deadline was one I had agreed to, so it was the timeline I set that hurt us.",
    ],
)
def test_a_root_cause_or_an_owned_mistake_is_not_blame(rubric: Rubric, owned: str) -> None:
    assert "blaming_others" not in flagged(rubric, owned)


@pytest.mark.parametrize(
    "dismissal",
    [
        "The adjusters dont really understand how LLMs work, they expect it to be perfect.",
        "Honestly a lot of the feedback was not that useful, they couldn't say what was wrong.",
        "The business side doesn't understand AI, so we stopped showing them drafts.",
        "Ops wasn't really technical, so they stayed out of the build.",
        "They sent us screenshots with no ticket id and honestly it was mostly noise.",
        "Support agents are not technical, so they stayed out of it.",
        "Support wouldn't know how to pick good test cases.",
        "A lot of them didn't really understand how the model works, they expected it to be "
        "perfect.",
        "The support folks don't really understand how the model works, so what they flag is "
        "often not the real issue.",
        "To be honest support dont really know how the llm stuff works, so its hard for them "
        "to give useful input.",
        "And support always wants more review time on everything, if we did every trial they "
        "asked for we would never ship anything.",
    ],
)
def test_people_outside_engineering_written_off_is_the_red_flag(
    rubric: Rubric, dismissal: str
) -> None:
    assert "dismisses_non_engineers" in flagged(rubric, dismissal)


@pytest.mark.parametrize(
    "heard",
    [
        "At first I thought the adjusters didn't understand how the model works, but they were "
        "right: it was dropping amounts.",
        "Their feedback was not that useful until we gave them a form with the three questions.",
        "The feedback was really useful: the agents found the cases our eval missed.",
        "The adjusters don't really understand how LLMs work, so we built a panel that shows "
        "the source line for every amount.",
        "A lot of the feedback was not that useful, so I sat with three adjusters for a day.",
        "At first I thought support wasn't technical enough to help, but they caught most of the "
        "failures.",
        "The screenshots looked like noise until we added the ticket id to each one.",
        "They didn't really understand how the model works, so we built a page that shows the "
        "source of every answer.",
        "I learned that support knew how to pick the test cases better than I did.",
    ],
)
def test_listening_to_them_or_learning_better_is_not(rubric: Rubric, heard: str) -> None:
    assert "dismisses_non_engineers" not in flagged(rubric, heard)


@pytest.mark.parametrize(
    "hypothetical",
    [
        "Honestly, I've been fairly lucky there, I haven't really had a major failure. But I can "
        "tell you how I'd handle one.",
        "The way I'd handle that is to set up a clear channel with support from the start.",
        "My approach would be to bring the data to the product manager and let it decide.",
    ],
)
def test_how_they_would_act_in_place_of_a_story_is_no_example(
    rubric: Rubric, hypothetical: str
) -> None:
    assert "no_example" in flagged(rubric, hypothetical)


def test_a_story_told_is_an_example(rubric: Rubric) -> None:
    told = (
        "The way I handled it was to pull fifty of the flagged replies and read them with the "
        "support lead that afternoon."
    )
    assert "no_example" not in flagged(rubric, told)


def test_blame_is_level_one_of_ownership_and_collaboration(rubric: Rubric) -> None:
    """Both anchors name it: ownership's level 1 "blames other people or teams for the
    failure", collaboration's "describes non-engineers as obstacles"."""
    card = score_transcript(
        interview(
            STORY,
            "I built the prompt and I wrote the eval, and I ran the rollout to all agents.",
            "The real problem was really the requirements, product never wrote them down.",
            "Support should have escalated faster, they sat on the complaints for a week.",
        ),
        rubric,
    )
    levels = {d.dimension: d.level for d in card.dimensions}
    assert "blaming_others" in {f.id for f in card.red_flags}
    assert levels["ownership"] == 1
    assert levels["collaboration"] == 1


def test_writing_off_people_outside_engineering_is_level_one_of_collaboration(
    rubric: Rubric,
) -> None:
    """Collaboration's level 1 "describes non-engineers as obstacles"."""
    card = score_transcript(
        interview(
            STORY,
            "I rewrote the prompt and I added the eval, and I shipped it to all agents.",
            "I sat down with the support lead once and we went through ten of the flagged "
            "replies together.",
            "The business side doesn't understand AI, so we stopped showing them drafts.",
        ),
        rubric,
    )
    assert "dismisses_non_engineers" in {f.id for f in card.red_flags}
    assert {d.dimension: d.level for d in card.dimensions}["collaboration"] == 1
