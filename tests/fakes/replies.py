"""`Reply`: one scripted answer of the fake API, or a fault."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

DEFAULT_REFUSAL = "The request was declined by a safety classifier."


@dataclass
class Reply:
    """One scripted answer of the fake (or a fault).

    The fake puts a thinking block before `text` / `tool_input` unless the request disables
    thinking; `thinking` scripts it (None: generated from the effort, "": no thinking block).
    """

    text: str | None = None
    tool_input: object | None = None  # a dict, or any other JSON value to play a broken tool call
    tool_json: str | None = None  # streaming only: the raw partial JSON sent for the tool input
    stop_reason: str | None = None
    status: int = 200
    error_type: str = ""
    error_message: str = ""
    error_code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    drop_after: int | None = None  # streaming: cut the connection after this many text deltas
    delay: float = 0.0
    thinking: str | None = None
    stop_details: dict[str, Any] | None = None

    @classmethod
    def structured(cls, obj: object, **kw: Any) -> Reply:
        """A structured-output answer: one text block holding `obj` as JSON."""
        return cls(text=json.dumps(obj), **kw)

    @classmethod
    def refusal(
        cls,
        text: str = "",
        explanation: str = DEFAULT_REFUSAL,
        category: str | None = None,
        **kw: Any,
    ) -> Reply:
        """The model stops mid-answer: stop_reason "refusal", with `stop_details`."""
        details = {"type": "refusal", "category": category, "explanation": explanation}
        return cls(text=text or None, stop_reason="refusal", stop_details=details, **kw)

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
