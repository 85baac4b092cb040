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

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from simulator.engines.api_key import api_key
from simulator.engines.base import EngineEvent
from simulator.engines.claude.calls import CallLog, CallRecord
from simulator.engines.claude.messages import (
    add_usage,
    effort_of,
    redact,
    refusal_of,
    snapshot_usage,
    text_of,
)
from simulator.engines.claude.prices import PriceTable, load_prices
from simulator.engines.claude.retries import (
    Attempts,
    Notify,
    SpendLimitReachedError,
    current_call,
    describe_status,
    retry_guard,
)
from simulator.engines.claude.settings import ClaudeSettings
from simulator.engines.claude.tokens import estimate_input_tokens

if TYPE_CHECKING:
    import anthropic
    from anthropic.types import Message

STREAM_BACKOFF = 0.5  # seconds before re-asking after a cut stream (doubles each time)


class ClaudeError(RuntimeError):
    """A call failed for good (after the retries that make sense); the message is one line."""

    def __init__(self, message: str, *, spend_limit: bool = False) -> None:
        super().__init__(message)
        self.spend_limit = spend_limit


class StreamCutError(Exception):
    """The stream ended before message_stop."""


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
            middleware=[retry_guard(self.settings.max_retries)],
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
        record.effort = record.effort or effort_of(params)
        if record.estimated_input_tokens is None:
            record.estimated_input_tokens = estimate_input_tokens(params)
        started = time.perf_counter()
        state = Attempts(on_notice)
        token = current_call.set(state)
        try:
            message = self.sdk.messages.create(**params)
        except Exception as exc:
            error = self.classify(exc)
            self._finish(record, started, state, error=error)
            raise error from None
        finally:
            current_call.reset(token)
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
        record.effort = record.effort or effort_of(params)
        if record.estimated_input_tokens is None:
            record.estimated_input_tokens = estimate_input_tokens(params)
        attempts = 1 + self.settings.stream_retries
        for attempt in range(attempts):
            started = time.perf_counter()
            state = Attempts(on_notice)
            token = current_call.set(state)
            try:
                stream = self.sdk.messages.stream(**params).__enter__()
            except Exception as exc:  # the SDK's own retries are spent
                error = self.classify(exc)
                self._finish(_copy(record), started, state, error=error)
                raise error from None
            finally:
                current_call.reset(token)
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
                add_usage(cut, snapshot_usage(stream))
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
        state: Attempts,
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


def _is_cut(exc: BaseException) -> bool:
    """Errors that end a started stream: transport errors (httpx's, whatever its package is
    called), an error event in the stream, or an early end."""
    import anthropic

    if isinstance(exc, StreamCutError | anthropic.APIError | ConnectionError | OSError):
        return True
    return type(exc).__module__.split(".")[0] in ("httpx", "httpx2", "httpcore", "httpcore2")


def _cut_text(exc: BaseException) -> str:
    return redact(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)[:200]
