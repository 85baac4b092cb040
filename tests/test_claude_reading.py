"""With the Claude engine the answer is read by the model (structured output, cheapest model,
low effort); every span it returns is checked against the answer, and the offline reading
takes over, marked, when the call fails."""

from __future__ import annotations

from typing import Any

from scoring.reading.catalogue import slot_book
from simulator.engines.claude.reading import verified
from simulator.workspace import Workspace
from tests.claude_helpers import answer, is_reading_request, new_round, start
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.fakes.responders import default_reply

FIRST = "We'd send 5% of reps to the new version first."
SAID = (
    "We'd send 5% of reps to the new version first. The golden set is 60 past accounts. "
    "Does that cover it?"
)


def reading_reply(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "questions": [{"text": "Does that cover it?", "kind": "check_in"}],
        "amounts": [
            {
                "text": "60 past accounts",
                "kind": "count",
                "low": 60,
                "high": 60,
                "unit": "accounts",
                "approx": False,
                "per": "",
            }
        ],
        "slots": [{"slot": "rollout", "sentence": FIRST}],
        "dismissed": [],
        "quoted": [],
        "hedged": False,
    }
    return {**base, **changes}


def test_only_what_is_verbatim_in_the_answer_survives() -> None:
    reading = verified(
        SAID,
        reading_reply(
            slots=[
                {"slot": "rollout", "sentence": "We'd send 5% of reps to the new version first."},
                {"slot": "rollback", "sentence": "We can flip back in a minute."},  # not said
            ],
            questions=[{"text": "Is that enough?", "kind": "check_in"}],  # not said
        ),
    )
    assert reading.slot_ids == ("rollout",)
    span = reading.sentence_for("rollout")
    assert span is not None and SAID[span.start : span.end] == span.text
    assert reading.questions == ()
    assert [q.text for q in reading.quantities] == ["60 past accounts"]


def round_reading_with(fake: FakeAnthropic, reading: Reply) -> Any:
    """The state after one answer, the model's reading of it being `reading`."""

    def responder(body: dict[str, Any]) -> Reply:
        return reading if is_reading_request(body) else default_reply(body)

    fake.responder = responder
    with Workspace() as ws:
        runner = new_round(ws)
        start(runner)
        answer(runner, SAID, 60)
        return runner.state


def test_the_model_reads_each_answer_and_the_policy_uses_its_reading(
    fake_api: FakeAnthropic,
) -> None:
    state = round_reading_with(fake_api, Reply.structured(reading_reply()))
    body = next(b for b in fake_api.message_bodies() if is_reading_request(b))
    assert body["model"] == "claude-haiku-5-5"
    assert body["output_config"]["effort"] == "low"
    assert "<answer>\n" + SAID in body["messages"][-1]["content"]
    schema = body["output_config"]["format"]["schema"]
    slot_enum = schema["$defs"]["SlotSentence"]["properties"]["slot"]["enum"]
    assert set(slot_enum) == set(slot_book().ids)
    assert "rollout" in state["filled_slots"]
    turn = state["turns"][-1]
    assert turn["meta"]["read_by"] == "claude"


def test_when_the_reading_call_fails_the_offline_reading_is_used_and_marked(
    fake_api: FakeAnthropic,
) -> None:
    state = round_reading_with(fake_api, Reply.overloaded())
    assert state["turns"][-1]["meta"]["read_by"] == "offline (fallback)"
    assert "rollout" in state["filled_slots"], "the offline reading heard it too"
