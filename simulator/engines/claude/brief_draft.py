"""Drafting a brief from an interviewer's notes with Claude: a forced tool call whose input
is validated as a Brief, retried once with the validation errors, then left for review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scoring.content import describe_validation_error
from scoring.judge.prompt_file import read_prompt_file
from simulator.content.models import Brief
from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient, ClaudeError

PROMPT = Path(__file__).with_name("prompts") / "brief-draft.md"
TEMPLATE = Path(__file__).resolve().parents[2] / "content" / "brief_template.yaml"
TOOL_NAME = "save_brief"
MAX_TOKENS = 8000


class DraftError(RuntimeError):
    """The model did not produce a valid brief; the message is one line."""


@dataclass(frozen=True)
class Draft:
    brief: Brief
    yaml_text: str
    record: CallRecord


def draft_params(notes: str, model: str, brief_id: str | None, fix: str = "") -> dict[str, Any]:
    prompt = read_prompt_file(PROMPT)
    system = prompt.text.replace("{template}", TEMPLATE.read_text(encoding="utf-8"))
    ask = f"<notes>\n{notes.strip()}\n</notes>"
    if brief_id:
        ask += f"\nUse the brief id {brief_id!r}."
    messages: list[dict[str, Any]] = [{"role": "user", "content": ask}]
    if fix:
        messages[0]["content"] += (
            f"\nYour previous draft was not valid ({fix}). Send the whole brief again, fixed."
        )
    schema = Brief.model_json_schema()
    return {
        "model": model,
        "max_tokens": MAX_TOKENS,
        "system": [{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
        "messages": messages,
        "tools": [
            {"name": TOOL_NAME, "description": "Save the drafted brief.", "input_schema": schema}
        ],
        "tool_choice": {"type": "tool", "name": TOOL_NAME},
    }


def _tool_input(message: Any) -> object:
    for block in getattr(message, "content", []) or []:
        if getattr(block, "type", "") == "tool_use" and getattr(block, "name", "") == TOOL_NAME:
            return block.input
    return None


def draft_brief(client: ClaudeClient, notes: str, *, brief_id: str | None, source: str) -> Draft:
    """Ask for a brief; one retry with the validation error; DraftError if still invalid."""
    model = client.settings.model
    version = read_prompt_file(PROMPT).version
    problem = ""
    for attempt in (1, 2):
        record = CallRecord(
            purpose="brief-draft", model=model, prompt_version=version, scope=source
        )
        try:
            message = client.create(draft_params(notes, model, brief_id, problem), record)
        except ClaudeError as exc:
            raise DraftError(str(exc)) from None
        data = _tool_input(message)
        if not isinstance(data, dict):
            problem = "the tool input was not a JSON object"
            continue
        if brief_id:
            data["id"] = brief_id
        try:
            brief = Brief.model_validate(data)
        except ValidationError as exc:
            problem = describe_validation_error(f"draft {attempt}", exc).split(": ", 1)[1]
            continue
        return Draft(brief, _as_yaml(brief, source, model, version), record)
    raise DraftError(f"the model's draft was not a valid brief twice ({problem})")


def _as_yaml(brief: Brief, source: str, model: str, version: str) -> str:
    stamp = dt.date.today().isoformat()
    header = (
        f"# Drafted by mockloop from {source} with {model} ({version}) on {stamp}.\n"
        "# A draft: read every field, fix what the notes did not say, then check it with\n"
        "# `mockloop briefs validate FILE` and move it into MOCKLOOP_HOME/briefs/.\n"
    )
    body = yaml.safe_dump(
        brief.model_dump(mode="json"), sort_keys=False, allow_unicode=True, width=96
    )
    return header + body
