"""The candidate's own questions and what they already said: facts found in their words,
facts they know already, facts said again only when asked for plainly, "assume" before the
question they were asked; deeper questions and challenges the answers have already met; a
technique named only to be set aside. Pure: (state, analysis) -> Move, then its wording."""

from __future__ import annotations

from dataclasses import replace

from scoring.reading.topics import stem
from scoring.vocabulary import default_vocabulary
from simulator.interview.analysis import match_facts
from simulator.interview.building import fresh_fills
from simulator.interview.policy import decide, policy_context
from simulator.interview.timing import plan_time
from tests.test_policy_listening import BRIEF, CTX, LIBRARY, analysis, state, worded

EVENTS = LIBRARY.brief("event-log-email-summary")
EVENTS_CTX = policy_context(
    EVENTS, plan_time(EVENTS, 60), default_vocabulary(), coach=False, seed=1
)


def test_word_endings_fold_without_joining_different_words() -> None:
    assert stem("languages") == stem("language")
    assert stem("labelled") == stem("labels") == stem("label")
    assert stem("workspaces") == stem("workspace")
    assert stem("paste") != stem("past")
    assert "languages" in match_facts("Languages?", BRIEF)
    churn = LIBRARY.brief("churn-analysis")
    asked = match_facts("Is there a churn flag in the CRM for past accounts?", churn)
    assert asked == ("outcome_labels",), "past accounts are no paste"


def test_a_question_in_words_no_keyword_has_finds_the_fact_it_names() -> None:
    assert "event_log_size" in match_facts(
        "Is the event log in a warehouse we can query, or only a stream?", EVENTS
    )
    assert "event_log_size" in match_facts(
        "Roughly how many events does a workspace produce in a week?", EVENTS
    )
    menu = "Is it acceptable for the suggestion to come from a fixed menu?"
    assert match_facts(menu, EVENTS) == ()


def test_a_fact_the_answer_already_states_is_not_the_answer_to_its_question() -> None:
    text = (
        "8 am Monday local runs from Sunday evening UTC for the furthest-east customers to "
        "Monday 18:00 UTC in Hawaii, so I'd generate each email in waves ordered by send time "
        "and schedule every send with the provider in advance. Is last week Monday to Sunday "
        "in the admin's own timezone, or is one global cutoff acceptable?"
    )
    a = analysis(text, "event-log-email-summary")
    assert "send_timing" not in a.fact_ids
    assert a.unanswerable == 1


def test_a_fact_given_already_is_said_again_only_when_asked_for_plainly() -> None:
    given = state(facts_given=["current_baseline"], open_question="What do you measure?")
    given["coverage"] = {a.id: given["coverage"].get(a.id) for a in EVENTS.probe_areas}  # type: ignore[misc]
    loosely = analysis(
        "How do admins react to the current email: do you get replies, and who reads them?"
        " Is there a review step I could attach the eval to?",
        "event-log-email-summary",
    )
    assert loosely.fact_ids == loosely.loose_facts == ("current_baseline",)
    said = worded(decide(given, loosely, EVENTS_CTX), EVENTS_CTX)
    assert "As I mentioned" not in said and "don't have that" not in said, said
    assert said.startswith("Beyond what I mentioned earlier") and "assume something" in said
    plainly = analysis(
        "What's the current template's open rate and click rate again?", "event-log-email-summary"
    )
    said = worded(decide(given, plainly, EVENTS_CTX), EVENTS_CTX)
    assert said.startswith("As I mentioned: The current templated email"), said


def test_assume_mid_round_comes_before_the_question_they_were_asked() -> None:
    asked = "How would you know that a confidence of 0.9 means right nine times in ten?"
    mid = state(open_question=asked)
    a = analysis("Is there a style guide for the replies the teams send to customers?")
    said = worded(decide(mid, a, CTX))
    assert "assume something" in said and said.endswith(asked), said


def test_a_deeper_question_already_answered_in_other_words_is_not_asked() -> None:
    # "...well calibrated overall but badly off on one category?" after a fit per category
    a = analysis(
        "I'd use the label token's probability and calibrate it on held-out tickets, with an "
        "isotonic fit per category."
    )
    assert "calibration" in a.read.slot_ids
    unsettled = replace(CTX, settled_when={})
    assert [f.slot for f in fresh_fills(state(), a, unsettled, ["calibration"])] == ["calibration"]
    assert fresh_fills(state(), a, CTX, ["calibration"]) == []


def test_a_challenge_the_same_answer_has_met_is_not_asked() -> None:
    text = (
        "I wouldn't bother pinning the model; the aliases get better over time. If the re-route "
        "rate spikes after an upgrade, we'll see it within a day and switch back."
    )
    a = analysis(text)
    assert "version_pinning" in a.read.dismissed_ids
    in_upgrades = state(area_index=4, curveballs_fired=[CTX.curveball.id])
    in_upgrades["coverage"]["drift_and_upgrades"].update({"status": "open", "started_at": 1450.0})
    unmet = decide(in_upgrades, a, replace(CTX, challenge_settled_by={}))
    assert unmet.probe == CTX.challenges["version_pinning"]
    assert decide(in_upgrades, a, CTX).probe != CTX.challenges["version_pinning"]


def test_a_technique_named_only_to_be_set_aside_is_not_probed() -> None:
    a = analysis("Model upgrades: I wouldn't bother pinning the model, the alias is fine.")
    assert "version_pinning" in a.read.dismissed_ids
    assert not a.techniques, "no failure probe on a technique they will not use"
