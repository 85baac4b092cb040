"""Reading a reply and what is recorded of it: its words (text blocks only), why it was
declined, its usage (thinking included), and the API key kept out of every message."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from simulator.engines.claude.calls import CallRecord


def redact(text: str) -> str:
    """Remove the API key (as set, and stripped) from any text that might be stored or shown."""
    raw = os.environ.get("ANTHROPIC_API_KEY", "")
    for key in {raw, raw.strip()}:
        if len(key) >= 8:
            text = text.replace(key, "[redacted]")
    return text


def text_of(message: Any) -> str:
    """The words of a reply: its text blocks only (thinking comes first and is never speech)."""
    return "".join(b.text for b in getattr(message, "content", None) or [] if b.type == "text")


def refusal_of(message: Any) -> str:
    """Why the model declined ("" when it did not, or gave no reason)."""
    if getattr(message, "stop_reason", None) != "refusal":
        return ""
    details = getattr(message, "stop_details", None)
    reason = getattr(details, "explanation", None) or getattr(details, "category", None)
    return redact(" ".join(str(reason).split()))[:200] if reason else ""


def effort_of(params: Mapping[str, Any]) -> str | None:
    effort = (params.get("output_config") or {}).get("effort")
    return str(effort) if effort else None


def add_usage(record: CallRecord, usage: Any) -> None:
    """Copy a response's usage onto the record (thinking tokens are part of output_tokens)."""
    if usage is None:
        return
    record.input_tokens = int(getattr(usage, "input_tokens", 0) or 0)
    record.output_tokens = int(getattr(usage, "output_tokens", 0) or 0)
    record.cache_write_tokens = int(getattr(usage, "cache_creation_input_tokens", 0) or 0)
    record.cache_read_tokens = int(getattr(usage, "cache_read_input_tokens", 0) or 0)
    details = getattr(usage, "output_tokens_details", None)
    record.thinking_tokens = int(getattr(details, "thinking_tokens", 0) or 0)


def snapshot_usage(stream: Any) -> Any:
    try:
        return stream.current_message_snapshot.usage
    except (AssertionError, AttributeError):
        return None
