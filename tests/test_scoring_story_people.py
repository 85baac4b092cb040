"""Who a behavioural speaker worked with outside engineering: roles named or given a name ("our
PM was Daniel", "a PM, Leah", "Marta, who runs one of the billing teams"), what they did with the
speaker or said and decided in the story, and the standing loops held with them; a capitalised
word after a role is no name, and a team of engineers is not outside engineering."""

from __future__ import annotations

from scoring.heuristic.story import read_story, story_level


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


def test_a_capitalised_word_after_a_role_is_not_a_name() -> None:
    told = read_story(["Then the PM agreed with me.", "Then I went home with my dog."])
    assert told.names == frozenset()
    assert told.together == 1


def test_the_people_who_use_the_output_in_their_work_are_outside_engineering() -> None:
    told = read_story(
        ["I sat with six paralegals while they reviewed two leases each.",
         "Two senior specialists flagged the summaries that dropped a deadline."]
    )  # fmt: skip
    assert told.together == 2


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
