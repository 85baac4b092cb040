"""Mechanisms said in plain words fill their slots: a candidate who never says "canary",
"pinning" or "structured output" but describes the thing is heard as if they had. And talk
that only circles a subject fills nothing. (Own wording; the plain-spoken sets in
tests/data/reading/ measure the same against people, benchmarks/reading_heldout.py.)"""

from __future__ import annotations

import pytest

from scoring.reading.catalogue import slot_book
from scoring.reading.read import read_answer

BOOK = slot_book()

# (what the candidate says, a slot a listener hears in it)
PLAIN = [
    ("The agent copies the whole thread into the box on the ticket page.", "input_path"),
    ("Before anything lands in the ticket, the order id is looked up against the shop's records.",
     "output_check"),
    ("Each figure in the email has to match a number we counted ourselves.", "detection"),
    ("We check that each project name it mentions is actually in the workspace's list.",
     "detection"),
    ("I'd see how often its call on the account lines up with what happened at renewal.",
     "metric"),
    ("The model fills in a little form first: the risk, three reasons, the ticket for each.",
     "output_shape"),
    ("The action has to be one of five words we give it.", "output_shape"),
    ("If the corrections agents make go up after the switch, that's our alarm.",
     "production_signal"),
    ("If it is not sure about the date, leave it blank.", "prevention"),
    ("Every sentence stays tied to the event row it came from.", "traceability"),
    ("Two senior agents sort the same tickets separately and we keep the ones they agree on.",
     "labeller"),
    ("Long threads: only send the newest message, with the quoted history cut off.",
     "long_input"),
    ("Someone pasting the same tickets twice gets the saved paragraph back.", "caching_batching"),
    ("We strip card numbers and phone numbers before the call.", "data_handling"),
    ("Nobody is waiting on it; it runs overnight on Sunday.", "delivery_mode"),
    ("The whole test set runs whenever someone edits the prompt.", "when_it_runs"),
    ("I'd put odd ones in the test set on purpose: an empty week, a huge one.", "edge_cases"),
    ("The agents get scored on the same emails, and the bar is matching them.", "baseline"),
    ("The config names the exact release, not the alias.", "version_pinning"),
    ("The model we use stays fixed until we decide to change it.", "version_pinning"),
    ("I wouldn't let the provider move us on their schedule.", "version_pinning"),
    ("Run both versions on the same 300 tickets and read the ones where they disagree.",
     "old_new_comparison"),
    ("Turn it on for one small team first; everyone else keeps the old one for a week.",
     "rollout"),
    ("Going back is one switch in the settings, no deploy.", "rollback"),
    ("If the provider's down, the ticket goes to the same queue the agents already use.",
     "failure_path"),
    ("We send twenty at a time at a steady pace so we stay inside the provider's limit.",
     "rate_limits"),
    ("If the call times out we try again after two seconds, then eight.", "retries_idempotency"),
    ("Anything under the line goes to the people queue.", "human_queue"),
    ("When it says 0.9, is it right nine times in ten? I'd group old tickets by score and see.",
     "calibration"),
    ("I'll take it that the agents read every ticket today.", "assumption_stated"),
    ("The model writes the email from that sheet and nothing else.", "prevention"),
    ("Every number and name must be copied from the fact sheet.", "prevention"),
    ("Pull out every number in the text and look each one up in the account's records.",
     "detection"),
    ("Every label in the email must be on this workspace's list, exactly.", "detection"),
    ("If the check fails, the order field stays empty and a yellow note says to look it up.",
     "user_sees"),
    ("If anything doesn't match, that workspace gets the plain template email instead.",
     "user_sees"),
    ("The fields go into the ticket through the helpdesk's own update call.", "write_back"),
    ("When the email is ready, we hand it to our email sending service.", "write_back"),
    ("Each field is allowed to be empty; the instructions tell it plainly.", "prevention"),
    ("It leaves that field blank instead of guessing.", "prevention"),
    ("I'd pull 200 accounts from the last two years where we know whether they renewed.",
     "example_count"),
    ("What I'd watch once it's live is how often the rep edits the paragraph.",
     "production_signal"),
    ("Each Monday, twenty sent emails picked at random get read by someone from support.",
     "production_signal"),
    ("If Zendesk pings us twice, we check our list: if we've already filled it, we don't redo it.",
     "retries_idempotency"),
    ("I'd want to know how many updates Zendesk lets us make a minute.", "rate_limits"),
    ("After about a minute we give up on that ticket and tag it.", "failure_path"),
]  # fmt: skip

# A duration that is no wait: the cost of a mistake, said in the duration's own unit.
NOT_A_WAIT = [
    "If a billing ticket lands in the bugs pile it sits there for a day.",
    "A blank order number, an agent types it in ten seconds.",
]

# Talk around a subject that commits to nothing
VAGUE = [
    "We'd keep an eye on quality and adjust as needed.",
    "There are lots of ways to handle long inputs, it depends.",
    "Reliability-wise, the usual best practices.",
    "Testing matters a lot for something like this, obviously.",
]


@pytest.mark.parametrize(("said", "slot"), PLAIN, ids=[p[1] + ":" + p[0][:30] for p in PLAIN])
def test_a_mechanism_in_plain_words_fills_its_slot(said: str, slot: str) -> None:
    assert slot in read_answer(said, BOOK).slot_ids


@pytest.mark.parametrize("said", VAGUE)
def test_talk_that_circles_a_subject_fills_nothing(said: str) -> None:
    assert not read_answer(said, BOOK).slot_ids


@pytest.mark.parametrize("said", NOT_A_WAIT)
def test_a_duration_that_is_no_wait_is_no_latency_target(said: str) -> None:
    assert "latency_target" not in read_answer(said, BOOK).slot_ids


@pytest.mark.parametrize(
    "said",
    [
        "For every account I'd check the totals against our records.",
        "Every important figure gets compared against the source data.",
    ],
)
def test_a_word_ending_in_nt_is_no_denial_of_a_check(said: str) -> None:
    """Words such as "account" and "important" end in the letters of a denial but deny nothing."""
    assert "detection" in read_answer(said, BOOK).slot_ids


def test_a_check_denied_with_a_contraction_fills_nothing() -> None:
    assert (
        "detection"
        not in read_answer("We don't check the totals against our records.", BOOK).slot_ids
    )
