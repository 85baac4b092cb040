"""What the work-sample Claude tests share: the tasks, a fake that answers each item from the
dataset's good outputs, a prompt file, and reading what was sent and graded."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from simulator.cli.worksample import worksample
from simulator.engines.claude.prompt_runner import (
    input_text,
)
from simulator.services.worksamples import work_sample
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.fakes.responders import default_reply

TRIAGE = "ticket-triage"
SUMMARY = "event-log-email-summary"
Responder = Callable[[dict[str, Any]], Reply]


def user_text(body: dict[str, Any]) -> str:
    content = body["messages"][-1]["content"]
    return content if isinstance(content, str) else "".join(b["text"] for b in content)


def answering(task_id: str, special: dict[str, Reply] | None = None) -> Responder:
    """Answers each item with its good prompt's recorded output (or `special`'s reply for
    that item), found by the item's input in the user turn."""
    sample = work_sample(task_id)
    inputs = {item.id: input_text(item.input) for item in sample.items}

    def responder(body: dict[str, Any]) -> Reply:
        text = user_text(body)
        for item_id, given in inputs.items():
            if given.strip() and given in text:
                return (special or {}).get(item_id) or Reply(text=sample.outputs["good"][item_id])
        return default_reply(body)

    return responder


def good_prompt(tmp_path: Path, task_id: str = TRIAGE) -> Path:
    path = tmp_path / "prompt.md"
    path.write_text(work_sample(task_id).prompts["good"], encoding="utf-8")
    return path


def message_requests(fake: FakeAnthropic) -> list[dict[str, Any]]:
    return fake.message_bodies()


def grade_json(run_out: str) -> dict[str, Any]:
    return dict(json.loads(run_out))


def invoke(*args: str | Path, stdin: str | None = None) -> Result:
    return CliRunner().invoke(worksample, [str(a) for a in args], input=stdin)
