"""Default replies of the fake API, derived from the request so tests can predict them.

- interviewer requests: an acknowledgement, any fact the move reveals, then the move's probe;
- simulated-candidate requests: a concrete answer that names numbers, reasons and a failure;
- judge requests (the record_scorecard tool): a valid scorecard quoting real candidate
  sentences from the transcript in the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_MOVE = re.compile(r'<move kind="([a-z_]+)"[^>]*>(.*?)</move>', re.S)
_TURN = re.compile(r'<turn id="(\d+)" role="candidate">\n(.*?)\n</turn>', re.S)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


@dataclass
class Reply:
    """One scripted answer of the fake (or a fault)."""

    text: str | None = None
    tool_input: object | None = None  # a dict, or any other JSON value to play a broken tool call
    tool_json: str | None = None  # streaming only: the raw partial JSON sent for the tool input
    stop_reason: str | None = None
    status: int = 200
    error_type: str = ""
    error_message: str = ""
    error_code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    drop_after: int | None = None  # streaming: cut the connection after this many deltas
    delay: float = 0.0

    @classmethod
    def error(cls, status: int, error_type: str, message: str, **kw: Any) -> Reply:
        return cls(status=status, error_type=error_type, error_message=message, **kw)

    @classmethod
    def rate_limited(cls, retry_after: str = "0.01") -> Reply:
        return cls.error(
            429, "rate_limit_error", "Rate limited", headers={"retry-after": retry_after}
        )

    @classmethod
    def overloaded(cls) -> Reply:
        return cls.error(529, "overloaded_error", "Overloaded")

    @classmethod
    def server_error(cls) -> Reply:
        return cls.error(500, "api_error", "Internal server error")

    @classmethod
    def spend_limit(cls) -> Reply:
        return cls.error(
            429,
            "rate_limit_error",
            "Your organization has reached its monthly spend limit.",
            error_code="enforced_spend_limit_reached",
            headers={"retry-after": "0.01"},
        )

    @classmethod
    def dropped(cls, text: str, after: int) -> Reply:
        return cls(text=text, drop_after=after)


def _text_of(content: object) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for block in content if isinstance(content, list) else []:
        if isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "\n".join(parts)


def _system_text(body: dict[str, Any]) -> str:
    return _text_of(body.get("system") or [])


def interviewer_text(body: dict[str, Any]) -> str:
    last = _text_of(body["messages"][-1]["content"])
    moves = _MOVE.findall(last)
    if not moves:
        return "Let's continue."
    kind, inner = moves[-1]
    fields: dict[str, list[str]] = {}
    for line in inner.strip().splitlines():
        name, _, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    parts = {"open": ["Hello, and welcome."], "close": ["Thank you, that's the end of the round."]}
    said = list(parts.get(kind, ["Thanks."]))
    said += fields.get("Fact to reveal", [])
    said += fields.get("Curveball", [])
    said += fields.get("Hint", [])
    said += fields.get("Probe", []) if kind != "close" else []
    return " ".join(said)


CANDIDATE_LINES = (
    "I would start with a golden set of 60 labelled ticket histories, because without it we "
    "cannot tell a better prompt from a worse one.",
    "I would cap the input at about 12,000 tokens and cache the stable system prompt, which "
    "cuts the input cost by roughly 80 percent.",
    "The failure I worry about is a summary that cites a ticket that is not in the input, so "
    "every cited ticket id is checked against the pasted text before it is shown.",
    "For latency I would stream the paragraph so the first words arrive in under two seconds, "
    "and fall back to a shorter prompt when the account has more than 400 tickets.",
    "After a model upgrade I would rerun the golden set and compare the agreement rate with the "
    "account managers' labels before switching any traffic.",
    "The output is JSON with a risk level, three cited ticket ids and the paragraph, validated "
    "against a schema and retried once when it does not parse.",
)


def candidate_text(body: dict[str, Any]) -> str:
    """Two different lines per answer, rotating with the length of the conversation."""
    n = len(body["messages"])
    first = CANDIDATE_LINES[n % len(CANDIDATE_LINES)]
    second = CANDIDATE_LINES[(n + 3) % len(CANDIDATE_LINES)]
    return f"On question {n // 2 + 1}: {first} {second}"


def _schema_enums(body: dict[str, Any]) -> tuple[list[str], list[str]]:
    props = body["tools"][0]["input_schema"]["properties"]
    dims = props["dimensions"]["items"]["properties"]["dimension"]["enum"]
    flags = props["red_flags"]["items"]["properties"]["id"]["enum"]
    return list(dims), list(flags)


def judge_input(body: dict[str, Any]) -> dict[str, Any]:
    """A valid scorecard: each dimension quotes a real candidate sentence, verbatim."""
    text = "\n".join(_text_of(m["content"]) for m in body["messages"] if m["role"] == "user")
    sentences: list[tuple[int, str]] = []
    for turn_id, turn_text in _TURN.findall(text):
        for match in _SENTENCE.finditer(turn_text):
            sentence = match.group(0).strip()
            if len(sentence.split()) >= 4:
                sentences.append((int(turn_id), sentence))
    dims, _ = _schema_enums(body)
    entries = []
    for index, dim in enumerate(dims):
        if sentences:
            turn, quote = sentences[index % len(sentences)]
            level = 2 + index % 2
            evidence = [{"turn": turn, "quote": quote}]
        else:
            level, evidence = 1, []
        entries.append(
            {
                "dimension": dim,
                "level": level,
                "evidence": evidence,
                "rationale": f"Fake judgement of {dim}.",
                "missed": [] if level == 4 else [f"More depth on {dim}."],
            }
        )
    return {"dimensions": entries, "red_flags": [], "grader_aimed": []}


def default_reply(body: dict[str, Any]) -> Reply:
    tools = body.get("tools") or []
    if tools and tools[0].get("name") == "record_scorecard":
        return Reply(tool_input=judge_input(body))
    system = _system_text(body)
    if "You are the interviewer" in system:
        return Reply(text=interviewer_text(body))
    if "You play a candidate" in system:
        return Reply(text=candidate_text(body))
    return Reply(text="OK.")
