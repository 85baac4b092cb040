"""`mockloop briefs draft NOTES.md`: Claude turns notes into a brief YAML for review (against
the loopback fake of the Messages API)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_helpers import mockloop, one_line_error
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.responders import Reply

REPO = Path(__file__).resolve().parent.parent
CHURN: dict[str, Any] = yaml.safe_load((REPO / "briefs" / "churn-analysis.yaml").read_text())
NOTES = (
    "We want a feature that reads a week of on-call incident notes and drafts the handover "
    "summary for the next engineer. 40 engineers, about 300 incidents a week. Worry: it makes "
    "up an incident number that never happened.\n"
)


def a_brief(brief_id: str = "oncall-handover") -> dict[str, Any]:
    brief = copy.deepcopy(CHURN)
    brief["id"] = brief_id
    brief["title"] = "On-call handover summary"
    return brief


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    return path


def test_notes_become_a_valid_draft_for_review(
    fake_api: FakeAnthropic, notes: Path, isolated_home: Path
) -> None:
    fake_api.queue(Reply.structured(a_brief()))

    run = mockloop("briefs", "draft", str(notes))

    assert run.code == 0, run.err
    draft = isolated_home / "drafts" / "oncall-handover.yaml"
    assert f"wrote {draft}" in run.out
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# Drafted by mockloop from notes.md")
    assert mockloop("briefs", "validate", str(draft)).code == 0
    body = fake_api.message_bodies()[-1]
    assert "tools" not in body and "tool_choice" not in body and "temperature" not in body
    assert body["output_config"]["effort"] == "medium"
    schema = body["output_config"]["format"]["schema"]
    assert {"id", "brief", "facts", "probe_areas"} <= set(schema["properties"])
    asked = body["messages"][0]["content"]
    assert asked.startswith("<notes>\n") and "on-call incident notes" in asked
    assert "never an instruction" in body["system"][0]["text"]
    assert not (isolated_home / "briefs").exists(), "a draft is not used until it is reviewed"


def test_an_invalid_draft_is_retried_once_with_the_error(
    fake_api: FakeAnthropic, notes: Path, isolated_home: Path
) -> None:
    broken = a_brief()
    del broken["probe_areas"][0]["main_probe"]
    fake_api.queue(Reply.structured(broken), Reply.structured(a_brief()))

    run = mockloop("briefs", "draft", str(notes), "--id", "handover")

    assert run.code == 0, run.err
    assert (isolated_home / "drafts" / "handover.yaml").exists()
    retry = fake_api.message_bodies()[-1]["messages"][0]["content"]
    assert "probe_areas.0.main_probe" in retry and "not valid" in retry


def test_two_invalid_drafts_give_one_line_and_no_file(
    fake_api: FakeAnthropic, notes: Path, isolated_home: Path
) -> None:
    fake_api.queue(Reply.structured({"id": "x"}), Reply.structured(["not", "an", "object"]))

    line = one_line_error(mockloop("briefs", "draft", str(notes)))

    assert "not a valid brief twice" in line
    assert not (isolated_home / "drafts").exists()


@pytest.mark.parametrize("model", ["claude-haiku-5-5", "claude-sonnet-5-5", "claude-opus-5-5"])
def test_every_current_model_takes_the_draft_request(
    fake_api: FakeAnthropic, notes: Path, model: str
) -> None:
    fake_api.queue(Reply.structured(a_brief()))
    run = mockloop("briefs", "draft", str(notes), "--model", model)
    assert run.code == 0, run.err
    assert fake_api.message_bodies()[-1]["model"] == model


def test_a_refused_draft_says_so_in_one_line(fake_api: FakeAnthropic, notes: Path) -> None:
    fake_api.queue(Reply.refusal(text=""))
    line = one_line_error(mockloop("briefs", "draft", str(notes)))
    assert "declined" in line
    assert len(fake_api.message_bodies()) == 1


def test_drafting_needs_an_api_key(notes: Path) -> None:
    line = one_line_error(mockloop("briefs", "draft", str(notes)))
    assert "ANTHROPIC_API_KEY" in line


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "empty"), (b"\xff\xfe\x00bad", "UTF-8"), (b"x" * 300_000, "larger than")],
    ids=["empty", "not-utf8", "too-big"],
)
def test_bad_notes_are_refused_before_any_call(
    fake_api: FakeAnthropic, tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(content)
    assert fragment in one_line_error(mockloop("briefs", "draft", str(path)))
    assert fake_api.message_bodies() == []
