"""The one place that talks to the Anthropic SDK: retries, visible status, spend limits,
stream cuts, usage and dollars per call, and keeping the API key out of every message.

- The SDK retries 408/409/429/5xx/529 itself (`max_retries`), honouring retry-after; a
  middleware reports each retry as a status line while the SDK waits.
- A spend-limit 429 is stopped inside the SDK's retry loop (raised as a non-SDK error, which
  the SDK does not retry) and reported as such.
- A stream cut after it started is retried here; the caller gets a reset event first, so
  nothing streamed twice stays on screen.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from simulator.engines.api_key import api_key
from simulator.engines.base import EngineEvent
from simulator.engines.claude.calls import CallLog, CallRecord
from simulator.engines.claude.prices import PriceTable, load_prices
from simulator.engines.claude.settings import ClaudeSettings
from simulator.engines.claude.tokens import estimate_input_tokens

if TYPE_CHECKING:
    import anthropic
    from anthropic.types import Message

Notify = Callable[[str], None]
SPEND_LIMIT_CODES = frozenset(
    {
        "enforced_spend_limit_reached",
        "contract_spend_limit_reached",
        "linked_organization_spend_limit_reached",
    }
)
STREAM_BACKOFF = 0.5  # seconds before re-asking after a cut stream (doubles each time)
DESCRIPTIONS = {408: "timed out", 409: "conflict", 429: "rate limited", 529: "overloaded"}


class ClaudeError(RuntimeError):
    """A call failed for good (after the retries that make sense); the message is one line."""

    def __init__(self, message: str, *, spend_limit: bool = False) -> None:
        super().__init__(message)
        self.spend_limit = spend_limit


class SpendLimitReachedError(Exception):
    """Raised from the middleware on a spend-limit response. Not an SDK error type, so the
    SDK's retry loop lets it through at once."""


class StreamCutError(Exception):
    """The stream ended before message_stop."""


@dataclass
class _Attempts:
    notify: Notify | None
    count: int = 0


_current: ContextVar[_Attempts | None] = ContextVar("mockloop_claude_call", default=None)


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


def _effort_of(params: Mapping[str, Any]) -> str | None:
    effort = (params.get("output_config") or {}).get("effort")
    return str(effort) if effort else None


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


def _guard(max_retries: int) -> Any:
    import anthropic
    from anthropic import Middleware

    class Guard(Middleware):
        """Runs once per HTTP attempt inside the SDK's retry loop."""

        def handle(self, request: Any, call_next: Any) -> Any:
            state = _current.get()
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


@dataclass
class StreamOutcome:
    """Filled in by ClaudeClient.stream once the stream completed."""

    text: str = ""
    stop_reason: str | None = None
    refusal: str = ""
    record: CallRecord | None = None
    first_token_ms: float | None = None
    cuts: int = 0


class ClaudeClient:
    def __init__(
        self,
        settings: ClaudeSettings,
        log: CallLog | None = None,
        prices: PriceTable | None = None,
    ) -> None:
        self.settings = settings
        self.log = log or CallLog()
        # Read (and check) the price table now: a bad override must stop us before the first
        # paid call, not after it.
        self._prices = prices or load_prices()

    @cached_property
    def sdk(self) -> anthropic.Anthropic:
        import anthropic  # imported on first call, so `--help` and the home screen stay fast

        return anthropic.Anthropic(
            api_key=api_key(),  # stripped of whitespace; a malformed key never gets here
            max_retries=self.settings.max_retries,
            timeout=self.settings.timeout,
            middleware=[_guard(self.settings.max_retries)],
        )

    @property
    def prices(self) -> PriceTable:
        if self._prices is None:
            self._prices = load_prices()
        return self._prices

    # -- calls ---------------------------------------------------------------------------

    def create(
        self,
        params: dict[str, Any],
        record: CallRecord,
        *,
        on_notice: Notify | None = None,
    ) -> Message:
        """One non-streaming call, recorded; raises ClaudeError."""
        record.effort = record.effort or _effort_of(params)
        if record.estimated_input_tokens is None:
            record.estimated_input_tokens = estimate_input_tokens(params)
        started = time.perf_counter()
        state = _Attempts(on_notice)
        token = _current.set(state)
        try:
            message = self.sdk.messages.create(**params)
        except Exception as exc:
            error = self.classify(exc)
            self._finish(record, started, state, error=error)
            raise error from None
        finally:
            _current.reset(token)
        self._finish(record, started, state, message=message)
        return message

    def stream(
        self,
        params: dict[str, Any],
        record: CallRecord,
        outcome: StreamOutcome,
        *,
        on_notice: Notify | None = None,
    ) -> Iterator[str | EngineEvent]:
        """Stream text deltas. A stream cut after it started is asked again (up to
        `stream_retries` times), preceded by a reset event when words had been shown."""
        record.effort = record.effort or _effort_of(params)
        if record.estimated_input_tokens is None:
            record.estimated_input_tokens = estimate_input_tokens(params)
        attempts = 1 + self.settings.stream_retries
        for attempt in range(attempts):
            started = time.perf_counter()
            state = _Attempts(on_notice)
            token = _current.set(state)
            try:
                stream = self.sdk.messages.stream(**params).__enter__()
            except Exception as exc:  # the SDK's own retries are spent
                error = self.classify(exc)
                self._finish(_copy(record), started, state, error=error)
                raise error from None
            finally:
                _current.reset(token)
            shown = False
            try:
                for event in stream:
                    if event.type == "text" and event.text:
                        if not shown:
                            outcome.first_token_ms = (time.perf_counter() - started) * 1000
                        shown = True
                        yield event.text
                message = stream.get_final_message()
                if message.stop_reason is None:
                    raise StreamCutError("the stream ended before the answer was complete")
            except Exception as exc:
                if not _is_cut(exc):
                    raise
                cut = _copy(record)
                cut.status = "cut"
                add_usage(cut, _snapshot_usage(stream))
                self._finish(cut, started, state, error=ClaudeError(_cut_text(exc)), usage=False)
                outcome.cuts += 1
                if attempt + 1 >= attempts:
                    raise ClaudeError(
                        f"the answer stream was cut {attempts} times ({_cut_text(exc)})"
                    ) from None
                note = "The connection dropped mid-answer; asking again."
                yield EngineEvent(reset=shown, notice=note, warning=True)
                time.sleep(STREAM_BACKOFF * 2**attempt)
                continue
            finally:
                stream.close()
            final = _copy(record)
            final.attempts = state.count + outcome.cuts
            self._finish(final, started, state, message=message)
            outcome.text = text_of(message)
            outcome.stop_reason = message.stop_reason
            outcome.refusal = refusal_of(message)
            outcome.record = final
            return

    def count_tokens(self, params: Mapping[str, Any]) -> int:
        """The API's exact input-token count for a request (no generation, no charge);
        raises ClaudeError."""
        allowed = ("model", "system", "messages", "tools", "tool_choice", "output_config")
        try:
            counted = self.sdk.messages.count_tokens(
                **{k: params[k] for k in allowed if k in params}
            )
        except Exception as exc:
            raise self.classify(exc) from None
        return int(counted.input_tokens)

    # -- bookkeeping ---------------------------------------------------------------------

    def price(self, record: CallRecord, *, batch: bool = False) -> None:
        table = self.prices
        record.dollars = table.dollars(record.model, record.tokens, batch=batch)
        record.price_date = table.date.isoformat()

    def _finish(
        self,
        record: CallRecord,
        started: float,
        state: _Attempts,
        *,
        message: Message | None = None,
        error: ClaudeError | None = None,
        usage: bool = True,
    ) -> None:
        record.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        record.attempts = max(record.attempts, state.count)
        if message is not None and usage:
            add_usage(record, message.usage)
            record.stop_reason = message.stop_reason
        if error is not None:
            record.status = "error" if record.status == "ok" else record.status
            record.error = redact(str(error))
        self.price(record)
        self.log.record(record)

    @staticmethod
    def classify(exc: BaseException) -> ClaudeError:
        """One line saying what went wrong, the key never in it."""
        import anthropic

        if isinstance(exc, ClaudeError):
            return exc
        if isinstance(exc, SpendLimitReachedError):
            return ClaudeError(
                f"the API spend limit is reached, so this was not retried ({exc})",
                spend_limit=True,
            )
        if isinstance(exc, anthropic.APIStatusError):
            what = getattr(exc, "api_message", None) or exc.message
            if exc.status_code in (401, 403):
                return ClaudeError(f"the API key was refused ({exc.status_code}): {redact(what)}")
            return ClaudeError(
                f"Claude API {describe_status(exc.status_code)} after retries: {redact(what)}"
            )
        if isinstance(exc, anthropic.APIConnectionError):
            return ClaudeError(f"cannot reach the Claude API ({redact(str(exc))})")
        return ClaudeError(redact(f"{type(exc).__name__}: {exc}"))


def _copy(record: CallRecord) -> CallRecord:
    from dataclasses import replace

    return replace(record)


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


def _snapshot_usage(stream: Any) -> Any:
    try:
        return stream.current_message_snapshot.usage
    except (AssertionError, AttributeError):
        return None


def _is_cut(exc: BaseException) -> bool:
    """Errors that end a started stream: transport errors (httpx's, whatever its package is
    called), an error event in the stream, or an early end."""
    import anthropic

    if isinstance(exc, StreamCutError | anthropic.APIError | ConnectionError | OSError):
        return True
    return type(exc).__module__.split(".")[0] in ("httpx", "httpx2", "httpcore", "httpcore2")


def _cut_text(exc: BaseException) -> str:
    return redact(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)[:200]
