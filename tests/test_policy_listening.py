"""The interviewer listening across the round: requirement changes said in other words or
late, deeper questions the candidate has already answered, check-ins replied to in line with
what comes next, and notes about facts said once. Pure: (state, analysis) -> Move, then the
offline wording of that Move."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scoring.reading.catalogue import SlotCatalogue
from scoring.vocabulary import default_matcher, default_vocabulary
from simulator.content.loader import load_library
from simulator.engines.base import PhraseRequest
from simulator.engines.offline import OfflineEngine
from simulator.interview.analysis import Analysis, analyze_answer, match_facts
from simulator.interview.building import fresh_fills
from simulator.interview.graph import RoundSetup, initial_state
from simulator.interview.moves import Move
from simulator.interview.policy import PolicyContext, decide, policy_context
from simulator.interview.state import InterviewState
from simulator.interview.timing import plan_time

LIBRARY = load_library()
BRIEF = LIBRARY.brief("ticket-triage")
CTX = policy_context(BRIEF, plan_time(BRIEF, 60), default_vocabulary(), coach=False, seed=1)
OURS = CTX.curveball
OTHER = next(c for c in BRIEF.curveballs if c.id != OURS.id)


def state(**changes: Any) -> InterviewState:
    setup = RoundSetup(BRIEF, LIBRARY.interviewer("neutral"), "interview", 60, 1, default_matcher())
    base = initial_state("test", setup)
    base.update({"phase": "deep_dive", "area_index": 3, "elapsed": 1500.0})  # type: ignore[typeddict-item]
    base["coverage"][BRIEF.probe_areas[3].id].update({"status": "open", "started_at": 1450.0})
    base.update(changes)  # type: ignore[typeddict-item]
    return base


def analysis(text: str, brief_id: str = "ticket-triage") -> Analysis:
    brief = LIBRARY.brief(brief_id)
    return analyze_answer(text, brief=brief, matcher=default_matcher(), earlier_answers=[])


def worded(move: Move, ctx: PolicyContext = CTX) -> str:
    request = PhraseRequest(
        move=move,
        brief=ctx.brief,
        interviewer=LIBRARY.interviewer("neutral"),
        seed=1,
        turn_number=9,
        minutes=60,
        minutes_left=30,
        last_answer="",
    )
    return OfflineEngine().render(request)


def restating(change_text: str) -> str:
    return f"So the situation is: {change_text.strip()} I'd rework the thresholds first."


def test_the_round_uses_two_different_changes() -> None:
    assert OURS.id != OTHER.id


def test_another_change_before_ours_is_raised_gets_the_brief_stands_note() -> None:
    move = decide(state(), analysis(restating(OTHER.text)), CTX)
    assert move.reply.startswith(CTX.wording.other_change_ack)


def test_another_change_after_ours_was_raised_restates_ours_once_as_it_is() -> None:
    raised = state(curveballs_fired=[OURS.id], curveball_answered=True)
    move = decide(raised, analysis(restating(OTHER.text)), CTX)
    text = worded(move)
    assert move.curveball_id == OURS.id
    assert " ".join(OURS.text.split()) in text
    assert CTX.wording.other_change_ack not in text, "the brief no longer stands as it is"
    assert text.startswith("That's a different change"), "no stock lead-in before it"


def test_another_change_once_ours_was_restated_is_set_aside_not_denied() -> None:
    restated = state(curveballs_fired=[OURS.id], curveball_answered=True, change_restated=True)
    move = decide(restated, analysis(restating(OTHER.text)), CTX)
    assert move.reply.startswith(CTX.wording.other_change_aside)
    assert CTX.wording.other_change_ack not in move.reply


def test_ours_taken_up_late_in_answer_to_another_question_is_picked_up() -> None:
    late = (
        "OK, so if two of the triage agents leave and the queue can only take 300 tickets a "
        "day, I guess we'd lower the bar so fewer tickets go to the queue. Maybe go to 60."
    )
    assert OURS.id == "queue_halved", "the test speaks of this round's change"
    raised = state(
        curveballs_fired=[OURS.id],
        curveball_followed=True,
        pending_move=Move("next_area", "deep_dive", "moving on").to_dict(),
    )
    move = decide(raised, analysis(late), CTX)
    assert move.curveball_id == OURS.id, move.reason
    assert move.kind == "depth_follow_up"


def test_a_mention_without_the_changes_figures_is_not_taking_it_up() -> None:
    passing = "I'd track re-route rate per category and the human queue share daily for the team."
    assert OURS.id not in analysis(passing).changes_touched
    assert OURS.id in analysis(restating(OURS.text)).changes_touched


FALLBACK = (
    "Each ticket goes on a queue and the answer comes back to the agent asynchronously, with a "
    "notification when it is ready. If the model is down the ticket falls back to the human "
    "queue."
)


def test_a_deeper_question_already_answered_by_what_was_said_is_not_asked() -> None:
    # "What happens when a result takes three times longer, or never comes?" is answered by a
    # fallback for what never comes.
    a = analysis(FALLBACK)
    assert {"delivery_mode", "failure_path"} <= set(a.read.slot_ids)
    unsettled = replace(CTX, settled_by={})
    assert "delivery_mode" in [
        f.slot for f in fresh_fills(state(), a, unsettled, ["delivery_mode"])
    ]
    assert fresh_fills(state(), a, CTX, ["delivery_mode"]) == []


def test_a_techniques_follow_up_already_answered_is_not_asked() -> None:
    # "What happens to a job that fails three times..." is answered by the same fallback.
    a = analysis(FALLBACK)
    in_cost = state(area_index=2)
    in_cost["coverage"][BRIEF.probe_areas[2].id].update({"status": "open", "started_at": 1450.0})
    unsettled = decide(in_cost, a, replace(CTX, settled_by={}))
    assert unsettled.kind == "failure_probe" and unsettled.concept_id == "async_processing"
    assert decide(in_cost, a, CTX).concept_id != "async_processing"


def test_settling_slots_must_exist() -> None:
    raw = {
        "version": "1",
        "slots": [
            {"id": "a", "dimension": "evaluation", "means": "m", "ask": "q?", "deeper": "d?",
             "forms": ["x"], "settled_by": ["nope"]},
        ],
    }  # fmt: skip
    try:
        SlotCatalogue.model_validate(raw)
    except ValueError as exc:
        assert "settled_by: unknown slot or technique 'nope'" in str(exc)
    else:
        raise AssertionError("an unknown settling slot is accepted")


def test_a_check_in_before_a_new_topic_is_not_told_one_part_will_be_picked() -> None:
    text = (
        "The classifier returns one of the seven categories as an enum in JSON. "
        "Does that give you enough on the output, or should I talk about rare categories?"
    )
    move = decide(state(), analysis(text), CTX)
    said = worded(move)
    assert move.slot_id and not move.quote, "a stock question on another part comes next"
    assert said.startswith(CTX.wording.check_in_replies["enough"])
    assert "Let's go a little deeper" not in said, "one lead-in, not two"


def test_a_check_in_before_a_question_on_its_own_answer_is_told_one_part_is_picked() -> None:
    text = (
        "I'd send every ticket under 0.85 confidence to the human queue, which is about 300 "
        "tickets a day. Does that answer it?"
    )
    in_threshold = state(area_index=1)
    in_threshold["coverage"][BRIEF.probe_areas[1].id].update(
        {"status": "open", "started_at": 1450.0}
    )
    move = decide(in_threshold, analysis(text), CTX)
    assert move.deeper_slot in analysis(text).read.slot_ids
    assert worded(move).startswith(CTX.wording.check_in_replies["more"])


def test_a_fact_asked_again_is_said_again_and_a_question_with_no_fact_gets_one_note() -> None:
    question = "How many tickets a day do we get? And what is the VP's favourite colour?"
    a = analysis(question)
    given = state(facts_given=list(a.fact_ids))
    said = worded(decide(given, a, CTX))
    assert said.startswith("As I mentioned:"), said
    assert said.count("assume something") == 1, said


def test_money_words_about_mistakes_are_not_a_budget_question() -> None:
    support = LIBRARY.brief("support-email-extraction")
    assert "budget" not in match_facts("Compare the gain with the cost of the mistakes?", support)
    assert "budget" in match_facts("Is there a budget for model spend?", support)


def test_a_technique_named_settles_a_deeper_question_too() -> None:
    # "What do you do when two labellers disagree, and how often?" after their agreement rate.
    text = (
        "The support leads label every ticket in the set, and I'd expect their agreement with "
        "each other to be around 80 percent."
    )
    a = analysis(text)
    assert "inter_rater_agreement" in a.techniques
    unsettled = replace(CTX, settled_by={})
    assert [f.slot for f in fresh_fills(state(), a, unsettled, ["labeller"])] == ["labeller"]
    assert fresh_fills(state(), a, CTX, ["labeller"]) == []


def test_a_part_set_aside_earlier_is_opened_with_what_doing_without_it_costs() -> None:
    aside = state(area_index=3, dismissed_slots=["version_pinning"], curveballs_fired=[OURS.id])
    aside["coverage"][BRIEF.probe_areas[3].id].update({"status": "open", "started_at": 0.0})
    move = decide(aside, analysis("We'd compare precision per category on held-out tickets."), CTX)
    assert move.kind == "next_area" and move.area_id == "drift_and_upgrades"
    assert move.probe == CTX.challenges["version_pinning"]
    assert move.probe != CTX.ask("version_pinning"), "not asked for as if never said"


def test_an_answer_after_the_change_that_never_mentions_it_gets_the_change_again() -> None:
    active = state(curveballs_fired=[OURS.id], curveball_active=OURS.id)
    aside = analysis(
        "I'd set the confidence bar from the cost of a wrong route against a manual review."
    )
    assert set(aside.read.slot_ids) & set(OURS.slots), "it fills a slot of the change..."
    assert OURS.id not in aside.changes_touched, "...without a word about the change"
    move = decide(active, aside, CTX)
    assert move.curveball_id == OURS.id and " ".join(OURS.text.split()) in move.probe
    taken_up = analysis(
        "With only 300 a day for the human queue, I'd raise the confidence bar so fewer "
        "tickets go to people."
    )
    move = decide(active, taken_up, CTX)
    assert move.curveball_id == OURS.id and move.deeper_slot in OURS.slots, "built on, not re-asked"
