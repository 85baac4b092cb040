"""`mockloop worksample grade TASK --prompt PROMPT.md --batch`: the candidate's prompt run as one
Message Batch against the loopback fake API with the real SDK: priced as one, its id stored
before waiting, collected by the same command, and refused as the API refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.engines.claude.calls import CallLog
from simulator.engines.claude.prompt_runner import (
    PURPOSE,
)
from simulator.services.worksamples import plan_prompt_run, run_prompt, work_sample
from simulator.workspace import Workspace
from tests.cli_helpers import mockloop
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.worksample_claude_helpers import (
    TRIAGE,
    answering,
    good_prompt,
    grade_json,
    message_requests,
    user_text,
)

# --- in a Message Batch ---------------------------------------------------------------------


def test_a_batch_is_priced_as_one_submitted_collected_and_graded(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    fake_api.responder = answering(TRIAGE, {"tt-005": Reply.refusal()})

    run = mockloop(
        "worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes", "--batch",
        "--poll", "0.01", "--format", "json",
    )  # fmt: skip

    assert run.code == 0, run.err
    assert "at the batch price" in run.err and "submitted batch msgbatch_" in run.err
    assert message_requests(fake_api) == [], "every item went in the batch"
    [created] = [r for r in fake_api.requests if r.path == "/v1/messages/batches"]
    assert created.body is not None and len(created.body["requests"]) == 42
    grade = grade_json(run.out)
    assert grade["usable"] == 41 and grade["problems"][0]["detail"].startswith("refused")
    rows = CallLog().rows(purpose=PURPOSE)
    assert len(rows) == 42 and all(r["batch_id"] for r in rows)
    with Workspace() as ws:
        [stored] = ws.db.table("batches").rows_where("purpose = ?", [PURPOSE])
    assert stored["status"] == "collected" and stored["rubric_id"] == TRIAGE


def test_a_batch_left_waiting_is_collected_by_the_same_command_without_sending_again(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    fake_api.responder = answering(TRIAGE)
    fake_api.polls_before_end = 10_000
    prompt = good_prompt(tmp_path)
    plan = plan_prompt_run(TRIAGE, prompt, batch=True)

    def stop_waiting(message: str) -> None:
        if "still running" in message:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_prompt(plan, poll_every=0.01, on_notice=stop_waiting)
    fake_api.polls_before_end = 0

    # a new process; no --yes and no terminal: collecting costs nothing more, so nothing is asked
    run = mockloop("worksample", "grade", TRIAGE, "--prompt", prompt, "--batch", "--poll", "0.01")

    assert run.code == 0, run.err
    assert "collecting batch msgbatch_" in run.err and "42 of 42 items answered" in run.err
    assert len([r for r in fake_api.requests if r.path == "/v1/messages/batches"]) == 1
    assert "Accuracy" in run.out


def test_the_fake_refuses_a_batch_whose_custom_ids_the_api_would_refuse(
    fake_api: FakeAnthropic,
) -> None:
    import anthropic

    client = anthropic.Anthropic(max_retries=0)
    params = {"model": "claude-haiku-5-5", "max_tokens": 10, "messages": []}
    for custom_ids in (["item 1"], ["a", "a"], ["x" * 65]):
        requests = [{"custom_id": c, "params": params} for c in custom_ids]
        with pytest.raises(anthropic.BadRequestError):
            client.messages.batches.create(requests=requests)  # type: ignore[arg-type]


def test_an_item_with_an_empty_input_is_not_sent_and_is_a_problem(
    fake_api: FakeAnthropic, tmp_path: Path, isolated_home: Path
) -> None:
    shipped = work_sample(TRIAGE).folder
    mine = isolated_home / "worksamples" / TRIAGE
    shutil.copytree(shipped, mine)
    rows = [json.loads(line) for line in (mine / "dataset.jsonl").read_text().splitlines()]
    rows[3]["input"] = "  \n"
    (mine / "dataset.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    fake_api.responder = answering(TRIAGE)

    run = mockloop(
        "worksample", "grade", TRIAGE, "--prompt", good_prompt(tmp_path), "--yes",
        "--format", "json",
    )  # fmt: skip

    assert run.code == 0, run.err
    assert "on 41 items" in run.err
    assert len(message_requests(fake_api)) == 41
    assert all(user_text(b).strip() for b in message_requests(fake_api))
    [problem] = grade_json(run.out)["problems"]
    assert problem["id"] == rows[3]["id"]
    assert problem["detail"] == "not sent: the item's input is empty"
