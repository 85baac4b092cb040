"""Driving rounds with the Claude engine against the fake API."""

from __future__ import annotations

import json
from typing import Any

from langgraph.types import Command

from simulator.engines.claude import ClaudeEngine, claude_engine
from simulator.interview.runner import RoundRunner
from simulator.workspace import Workspace


def new_round(
    ws: Workspace, engine: ClaudeEngine | None = None, *, minutes: int = 60, seed: int = 1
) -> RoundRunner:
    return ws.new_round(
        brief_id="churn-analysis",
        interviewer_id="neutral",
        candidate="strong-shipper",
        mode="interview",
        minutes=minutes,
        seed=seed,
        engine=engine or claude_engine(),
    )


def stream(runner: RoundRunner, graph_input: Any) -> list[dict[str, Any]]:
    """Run one step of the graph, returning its custom-stream events in order."""
    events = [
        e
        for e in runner.graph.stream(graph_input, runner.config, stream_mode="custom")
        if isinstance(e, dict)
    ]
    runner.sync()
    return events


def start(runner: RoundRunner) -> list[dict[str, Any]]:
    from simulator.interview.graph import initial_state

    return stream(runner, initial_state(runner.session_id, runner.setup))


def answer(runner: RoundRunner, text: str, elapsed: float) -> list[dict[str, Any]]:
    return stream(runner, Command(resume={"text": text, "elapsed": elapsed, "hint": False}))


def screen_text(events: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """What a screen following the events shows at the end, and every state it showed."""
    shown = ""
    states: list[str] = []
    for event in events:
        if event.get("reset"):
            shown = ""
        elif "delta" in event:
            shown += event["delta"]
        states.append(shown)
    return shown.strip(), states


def strip_cache_control(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_cache_control(v) for k, v in value.items() if k != "cache_control"}
    if isinstance(value, list):
        return [strip_cache_control(v) for v in value]
    return value


def canonical(value: Any) -> bytes:
    return json.dumps(strip_cache_control(value), ensure_ascii=False).encode()


def interviewer_bodies(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [b for b in bodies if "You are the interviewer" in b["system"][0]["text"]]


def is_judge_request(body: dict[str, Any]) -> bool:
    """A judge call: its answer is bound to the scorecard schema (structured output)."""
    schema = ((body.get("output_config") or {}).get("format") or {}).get("schema") or {}
    return "dimensions" in (schema.get("properties") or {})


def cut_scorecard(output: dict[str, Any], complete: int) -> str:
    """A judge answer as it reads when max_tokens stops it inside the dimension that follows
    the first `complete` ones (its JSON unfinished)."""
    text = json.dumps(output)
    following = list(output["dimensions"])[complete]
    return text[: text.index(f'"{following}": ') + len(following) + 30]


def is_reading_request(body: dict[str, Any]) -> bool:
    """The engine reading a candidate's answer (structured output with slots and amounts)."""
    schema = ((body.get("output_config") or {}).get("format") or {}).get("schema") or {}
    return "amounts" in (schema.get("properties") or {})


def script_interviewer(fake: Any, *replies: Any) -> None:
    """Scripted replies for the interviewer's next calls only: the reading of each answer,
    which comes first, keeps getting the fake's ordinary reply."""
    from collections import deque

    from tests.fakes.responders import default_reply

    script = deque(replies)

    def responder(body: dict[str, Any]) -> Any:
        if script and not is_reading_request(body) and not is_judge_request(body):
            return script.popleft()
        return default_reply(body)

    fake.responder = responder
