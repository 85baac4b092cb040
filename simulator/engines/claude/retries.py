"""Inside the SDK's retry loop: a status line for each retry while the SDK waits, and a
spend-limit response stopped at once (raised as a non-SDK error, which the SDK does not
retry)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from simulator.engines.claude.messages import redact

Notify = Callable[[str], None]


SPEND_LIMIT_CODES = frozenset(
    {
        "enforced_spend_limit_reached",
        "contract_spend_limit_reached",
        "linked_organization_spend_limit_reached",
    }
)


DESCRIPTIONS = {408: "timed out", 409: "conflict", 429: "rate limited", 529: "overloaded"}


class SpendLimitReachedError(Exception):
    """Raised from the middleware on a spend-limit response. Not an SDK error type, so the
    SDK's retry loop lets it through at once."""


@dataclass
class Attempts:
    notify: Notify | None
    count: int = 0


current_call: ContextVar[Attempts | None] = ContextVar("mockloop_claude_call", default=None)


def _body(response: Any) -> dict[str, Any]:
    try:
        data = json.loads(response.read() or b"{}")
    except (ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def is_spend_limit(body: Mapping[str, Any]) -> bool:
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    assert isinstance(error, dict)
    details = error.get("details") if isinstance(error.get("details"), dict) else {}
    assert isinstance(details, dict)
    if details.get("error_code") in SPEND_LIMIT_CODES:
        return True
    return "spend limit" in str(error.get("message", "")).lower()


def describe_status(status: int) -> str:
    if status in DESCRIPTIONS:
        return f"{DESCRIPTIONS[status]} ({status})"
    return f"server error ({status})" if status >= 500 else f"error {status}"


def _retry_after(headers: Mapping[str, str]) -> float | None:
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        try:
            return float(headers[name]) / scale
        except (KeyError, ValueError):
            continue
    return None


def retry_guard(max_retries: int) -> Any:
    import anthropic
    from anthropic import Middleware

    class Guard(Middleware):
        """Runs once per HTTP attempt inside the SDK's retry loop."""

        def handle(self, request: Any, call_next: Any) -> Any:
            state = current_call.get()
            if state is not None:
                state.count += 1
            try:
                response = call_next(request)
            except anthropic.APIConnectionError as exc:  # timeouts and refused connections
                if state and state.notify and request.retries_taken < max_retries:
                    what = (
                        "timed out" if isinstance(exc, anthropic.APITimeoutError) else "unreachable"
                    )
                    state.notify(
                        f"Claude API {what}: retrying "
                        f"(attempt {request.retries_taken + 2} of {max_retries + 1})"
                    )
                raise
            status = int(response.status_code)
            if status < 400:
                return response
            body = _body(response.http_response)
            if status in (400, 402, 403, 429) and is_spend_limit(body):
                message = str((body.get("error") or {}).get("message", "spend limit reached"))
                raise SpendLimitReachedError(redact(message))
            retryable = status in (408, 409, 429) or status >= 500
            if state and state.notify and retryable and request.retries_taken < max_retries:
                wait = _retry_after(response.headers)
                after = f" in {wait:g} s" if wait else ""
                state.notify(
                    f"Claude API {describe_status(status)}: retrying{after} "
                    f"(attempt {request.retries_taken + 2} of {max_retries + 1})"
                )
            return response

    return Guard()
