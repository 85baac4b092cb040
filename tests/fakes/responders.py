"""Default replies of the fake API, derived from the request so tests can predict them.

- interviewer requests: an acknowledgement, any fact the move reveals, then the move's probe;
- simulated-candidate requests: a concrete answer that names numbers, reasons and a failure;
- judge requests (structured output whose schema has a `dimensions` object): a valid
  scorecard quoting real candidate sentences from the transcript in the request;
- any other structured-output request: a minimal valid instance of its schema.
"""

from __future__ import annotations

import re
from typing import Any

from tests.fakes.replies import Reply
from tests.fakes.schemas import example_instance, resolve

__all__ = [
    "CANDIDATE_LINES",
    "Reply",
    "candidate_text",
    "default_reply",
    "interviewer_text",
    "judge_output",
]

_MOVE = re.compile(r'<move kind="([a-z_]+)"[^>]*>(.*?)</move>', re.S)
_TURN = re.compile(r'<turn id="(\d+)" role="candidate">\n(.*?)\n</turn>', re.S)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


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


def output_schema(body: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON schema of the request's structured output (`output_config.format`), if any."""
    fmt = (body.get("output_config") or {}).get("format")
    schema = fmt.get("schema") if isinstance(fmt, dict) else None
    return schema if isinstance(schema, dict) else None


def is_judge_schema(schema: dict[str, Any]) -> bool:
    """The judge's scorecard: `dimensions` is an object of per-dimension entries."""
    props = resolve(schema, schema).get("properties") or {}
    if "dimensions" not in props or "red_flags" not in props:
        return False
    dims = resolve(props["dimensions"], schema)
    return dims.get("type") == "object" and bool(dims.get("properties"))


def candidate_sentences(body: dict[str, Any]) -> list[tuple[int, str]]:
    """(turn id, sentence) of every candidate sentence of four words or more, in order."""
    text = "\n".join(_text_of(m["content"]) for m in body["messages"] if m["role"] == "user")
    sentences: list[tuple[int, str]] = []
    for turn_id, turn_text in _TURN.findall(text):
        for match in _SENTENCE.finditer(turn_text):
            sentence = match.group(0).strip()
            if len(sentence.split()) >= 4:
                sentences.append((int(turn_id), sentence))
    return sentences


def judge_output(body: dict[str, Any]) -> dict[str, Any]:
    """A valid scorecard for the request's schema: each dimension (in schema order) quotes a
    real candidate sentence verbatim at level 2 or 3 (alternating), or is level 1 without
    evidence when the transcript has no candidate sentence. No red flags, nothing grader-aimed.
    """
    schema = output_schema(body)
    if schema is None or not is_judge_schema(schema):
        raise ValueError("not a judge request: no output_config.format with a dimensions object")
    card = example_instance(schema)
    dims = resolve(resolve(schema, schema)["properties"]["dimensions"], schema)
    sentences = candidate_sentences(body)
    entries: dict[str, Any] = {}
    for index, (dim, dim_schema) in enumerate(dims["properties"].items()):
        if sentences:
            turn, quote = sentences[index % len(sentences)]
            level = 2 + index % 2
            evidence = [{"turn": turn, "quote": quote}]
        else:
            level, evidence = 1, []
        entries[dim] = {
            **example_instance(dim_schema, schema),
            "level": level,
            "evidence": evidence,
            "rationale": f"Fake judgement of {dim}.",
            "missed": [] if level == 4 else [f"More depth on {dim}."],
        }
    return {**card, "dimensions": entries, "red_flags": [], "grader_aimed": []}


_ANSWER = re.compile(r"<answer>\n(.*?)\n</answer>", re.S)


def is_reading_schema(schema: dict[str, Any]) -> bool:
    return {"amounts", "slots", "dismissed"} <= set(schema.get("properties") or {})


def reading_output(body: dict[str, Any]) -> dict[str, Any]:
    """A plain reading of the answer in the request: its questions (clarifying), nothing
    else; every text copied from the answer, as the model is told to."""
    text = _ANSWER.search(_text_of(body["messages"][-1]["content"]))
    answer = text.group(1) if text else ""
    questions = [
        {"text": m.group(0).strip(), "kind": "clarifying"}
        for m in re.finditer(r"[^.!?\n]+\?", answer)
    ]
    return {
        "questions": questions,
        "amounts": [],
        "slots": [],
        "dismissed": [],
        "quoted": [],
        "hedged": False,
    }


def default_reply(body: dict[str, Any]) -> Reply:
    schema = output_schema(body)
    if schema is not None:
        if is_judge_schema(schema):
            return Reply.structured(judge_output(body))
        if is_reading_schema(schema):
            return Reply.structured(reading_output(body))
        return Reply.structured(example_instance(schema))
    system = _system_text(body)
    if "You are the interviewer" in system:
        return Reply(text=interviewer_text(body))
    if "You play a candidate" in system:
        return Reply(text=candidate_text(body))
    return Reply(text="OK.")
