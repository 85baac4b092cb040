"""Drafting a brief from an interviewer's notes with Claude: JSON bound to the Brief model's
schema (structured outputs), validated as a Brief, retried once with the validation errors,
then left for review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scoring.content import describe_validation_error
from scoring.judge.parse import read_json
from scoring.judge.prompt_file import read_prompt_file
from simulator.content.models import Brief
from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient, ClaudeError
from simulator.engines.claude.messages import refusal_of, text_of
from simulator.engines.claude.settings import ClaudeSettings
from simulator.engines.claude.structured import json_format

PROMPT = Path(__file__).with_name("prompts") / "brief-draft.md"
TEMPLATE = Path(__file__).resolve().parents[2] / "content" / "brief_template.yaml"
# A brief is 3,000-5,000 tokens of JSON; adaptive thinking spends from the same budget.
MAX_TOKENS = 16_000


class DraftError(RuntimeError):
    """The model did not produce a valid brief; the message is one line."""


@dataclass(frozen=True)
class Draft:
    brief: Brief
    yaml_text: str
    record: CallRecord


def draft_params(
    notes: str, settings: ClaudeSettings, brief_id: str | None, fix: str = ""
) -> dict[str, Any]:
    prompt = read_prompt_file(PROMPT)
    system = prompt.text.replace("{template}", TEMPLATE.read_text(encoding="utf-8"))
    ask = f"<notes>\n{notes.strip()}\n</notes>"
    if brief_id:
        ask += f"\nUse the brief id {brief_id!r}."
    if fix:
        ask += f"\nYour previous draft was not valid ({fix}). Send the whole brief again, fixed."
    return {
        "model": settings.model,
        "max_tokens": MAX_TOKENS,
        "system": [{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": ask}],
        "output_config": {
            "effort": settings.draft_effort,
            "format": json_format(Brief.model_json_schema()),
        },
    }


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
            message = client.create(draft_params(notes, client.settings, brief_id, problem), record)
        except ClaudeError as exc:
            raise DraftError(str(exc)) from None
        if message.stop_reason == "refusal":
            why = refusal_of(message)
            raise DraftError(
                "the model declined to draft this brief" + (f" ({why})" if why else "")
            )
        data = read_json(text_of(message))
        if not isinstance(data, dict):
            cut = " (cut off at max_tokens)" if message.stop_reason == "max_tokens" else ""
            problem = f"the answer was not a JSON object{cut}"
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
