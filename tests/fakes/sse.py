"""The server-sent events of a streamed reply, in the API's order: message_start, then per
content block (thinking, text, tool_use) content_block_start → deltas → content_block_stop,
then message_delta (stop reason, stop details, output usage) and message_stop."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from tests.fakes.replies import Reply

Event = tuple[str, dict[str, Any]]
THINKING_DELTAS = frozenset({"thinking_delta", "signature_delta"})


def sse_events(
    final: dict[str, Any], reply: Reply, new_id: Callable[[str], str]
) -> Iterator[Event]:
    """The events that stream `final` (the finished message JSON of `reply`)."""
    start = {**final, "content": [], "stop_reason": None, "stop_details": None}
    start["usage"] = {k: v for k, v in final["usage"].items() if k != "output_tokens_details"}
    start["usage"]["output_tokens"] = 1
    yield "message_start", {"type": "message_start", "message": start}
    blocks = list(final["content"])
    if reply.tool_json is not None and not any(b["type"] == "tool_use" for b in blocks):
        blocks.append({"type": "tool_use", "id": new_id("toolu"), "name": "tool", "input": {}})
    for index, block in enumerate(blocks):
        for number, event in enumerate(_block_events(index, block, reply)):
            yield event
            if index == 0 and number == 0:
                yield "ping", {"type": "ping"}
    usage = final["usage"]
    yield (
        "message_delta",
        {
            "type": "message_delta",
            "delta": {
                "stop_reason": final["stop_reason"],
                "stop_sequence": None,
                "stop_details": final.get("stop_details"),
            },
            "usage": {
                "output_tokens": usage["output_tokens"],
                "output_tokens_details": usage.get("output_tokens_details"),
            },
        },
    )
    yield "message_stop", {"type": "message_stop"}


def _block_events(index: int, block: dict[str, Any], reply: Reply) -> Iterator[Event]:
    kind = block["type"]
    if kind == "thinking":
        opening: dict[str, Any] = {"type": "thinking", "thinking": "", "signature": ""}
        deltas = [{"type": "thinking_delta", "thinking": p} for p in _pieces(block["thinking"])]
        deltas.append({"type": "signature_delta", "signature": block["signature"]})
    elif kind == "text":
        opening = {"type": "text", "text": ""}
        deltas = [{"type": "text_delta", "text": p} for p in _pieces(block["text"])]
    else:
        opening = {**block, "input": {}}
        raw = reply.tool_json if reply.tool_json is not None else json.dumps(block["input"])
        deltas = [
            {"type": "input_json_delta", "partial_json": raw[at : at + 40]}
            for at in range(0, len(raw), 40)
        ]
    yield (
        "content_block_start",
        {"type": "content_block_start", "index": index, "content_block": opening},
    )
    for delta in deltas:
        yield (
            "content_block_delta",
            {"type": "content_block_delta", "index": index, "delta": delta},
        )
    yield "content_block_stop", {"type": "content_block_stop", "index": index}


def _pieces(text: str) -> Iterator[str]:
    """Deltas of a few words each, as the API sends them."""
    words = text.split(" ")
    for start in range(0, len(words), 3):
        chunk = " ".join(words[start : start + 3])
        yield chunk if start + 3 >= len(words) else chunk + " "
