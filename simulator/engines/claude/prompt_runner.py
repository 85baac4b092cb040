"""Running a candidate's stage-1 prompt over a work sample's dataset with Claude: one request
per item, sent directly (a few at a time) or as one Message Batch (half price).

How an item goes in: when the prompt holds `{{input}}`, the item's input takes its place and
the whole text is the user turn; otherwise the prompt is the system prompt and the input is the
user turn. An input that is a JSON object is sent as pretty JSON text. Nothing else is added:
no structured output, no prefill, no sampling parameters. The candidate's prompt alone decides
the output's shape, which is what stage 1 grades. The part of the prompt that is the same for
every item carries a cache breakpoint, so the items after the first read it from the cache.

An item the model refuses, or whose request fails, has no output and says why; the rest go on.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient, ClaudeError
from simulator.engines.claude.messages import add_usage, redact, refusal_of, text_of
from simulator.engines.claude.prices import PriceTable, TokenCounts
from simulator.engines.claude.retries import Notify
from simulator.engines.claude.settings import Effort
from simulator.engines.claude.tokens import approx, estimate_input_tokens

PLACEHOLDER = "{{input}}"
PURPOSE = "worksample-prompt"  # model_calls.purpose, and batches.purpose
# The effort a production feature would most likely run at: Haiku 5.5's own default.
DEFAULT_EFFORT: Effort = "medium"
# Adaptive thinking spends from max_tokens first: room for medium-effort thinking on top of the
# longest answer a task asks for (an email summary of a few hundred words).
MAX_TOKENS = 8_000
# A few requests at a time: a run of 40 items takes seconds, not minutes, and stays well under
# the lowest tier's request rate.
CONCURRENCY = 4
# When this many requests have failed and none has answered, the rest are not sent: a wrong
# model name or a refused key fails every item the same way.
FAILED_START = 3
_CACHED = {"type": "ephemeral"}


OutcomeKind = Literal["output", "refused", "error", "not_sent"]


@dataclass(frozen=True)
class CandidatePrompt:
    text: str

    @property
    def has_placeholder(self) -> bool:
        return PLACEHOLDER in self.text

    @property
    def version(self) -> str:
        """Names this exact text in the call log and the batches table."""
        return "prompt-" + hashlib.sha256(self.text.encode()).hexdigest()[:12]


def input_text(value: str | Mapping[str, Any]) -> str:
    """An item's input as the model reads it: text as it is, a JSON object as pretty JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False)


def request_params(
    prompt: CandidatePrompt, item_input: str | Mapping[str, Any], *, model: str, effort: str
) -> dict[str, Any]:
    """The Messages request for one item (see the module's docstring for where the input goes)."""
    text = input_text(item_input)
    params: dict[str, Any] = {
        "model": model,
        "max_tokens": MAX_TOKENS,
        "output_config": {"effort": effort},
    }
    if not prompt.has_placeholder:
        params["system"] = [{"type": "text", "text": prompt.text, "cache_control": _CACHED}]
        params["messages"] = [{"role": "user", "content": [{"type": "text", "text": text}]}]
        return params
    before, _, after = prompt.text.partition(PLACEHOLDER)
    rest = text + after.replace(PLACEHOLDER, text)
    if before.strip() and rest.strip():
        content = [
            {"type": "text", "text": before, "cache_control": _CACHED},
            {"type": "text", "text": rest},
        ]
    else:  # the API takes no whitespace-only block
        content = [{"type": "text", "text": before + rest}]
    params["messages"] = [{"role": "user", "content": content}]
    return params


def empty_turn(item_id: str, params: Mapping[str, Any]) -> ItemOutcome | None:
    """The outcome of an item that cannot be sent: the API takes no empty user turn (an empty
    input with the prompt as the system prompt). None when it can be sent."""
    if "".join(b["text"] for b in params["messages"][-1]["content"]).strip():
        return None
    return ItemOutcome(item_id, "error", problem="not sent: the item's input is empty")


# -- the estimate shown before anything is sent ---------------------------------------------


@dataclass(frozen=True)
class RunEstimate:
    items: int
    tokens: int  # ≈ input tokens of every request
    input_dollars: float | None  # the input at list price, no cache reads; None: unknown price
    ceiling_dollars: float | None  # input plus every answer at max_tokens
    batch: bool

    def text(self, model: str, effort: str) -> str:
        each = approx(round(self.tokens / self.items)) if self.items else approx(0)
        if self.input_dollars is None or self.ceiling_dollars is None:
            cost = f"cost unknown ({model} is not in the price table)"
        else:
            price = " at the batch price" if self.batch else ""
            cost = (
                f"input ≈${self.input_dollars:.4f}{price}, at most ${self.ceiling_dollars:.4f} "
                f"with every answer at its {MAX_TOKENS:,}-token limit (thinking included)"
            )
        return (
            f"{model} (effort {effort}) on {self.items} items: {approx(self.tokens)} input "
            f"tokens ({self.items} × {each}); {cost}"
        )


def estimate_run(
    requests: Sequence[Mapping[str, Any]], model: str, prices: PriceTable, *, batch: bool
) -> RunEstimate:
    """What a run will send and may cost, counted offline (cl100k scaled, as tokens.py does):
    nothing leaves the machine before the user agrees, not even to `count_tokens`."""
    per_request = [estimate_input_tokens(params) for params in requests]
    spent: list[float | None] = []
    ceiling: list[float | None] = []
    for tokens in per_request:
        spent.append(prices.dollars(model, TokenCounts(input=tokens), batch=batch))
        full = TokenCounts(input=tokens, output=MAX_TOKENS)
        ceiling.append(prices.dollars(model, full, batch=batch))
    return RunEstimate(
        items=len(per_request),
        tokens=sum(per_request),
        input_dollars=_total(spent),
        ceiling_dollars=_total(ceiling),
        batch=batch,
    )


def _total(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known), 6) if len(known) == len(values) else None


# -- what came back --------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemOutcome:
    item_id: str
    kind: OutcomeKind
    output: str | None = None  # the model's text ("output" only)
    problem: str = ""  # why there is no output


def outcome_of(item_id: str, message: Any) -> ItemOutcome:
    """An item's outcome from the model's reply: its text, or why there is none."""
    if message.stop_reason == "refusal":
        why = refusal_of(message)
        problem = f"refused by the model: {why}" if why else "refused by the model"
        return ItemOutcome(item_id, "refused", problem=problem)
    text = text_of(message)
    if message.stop_reason == "max_tokens" and not text.strip():
        problem = f"the {MAX_TOKENS:,}-token limit was spent thinking; nothing was written"
        return ItemOutcome(item_id, "error", problem=problem)
    # A text cut at max_tokens is still the model's output: the grade says what is wrong with it.
    return ItemOutcome(item_id, "output", output=text)


def _failed(item_id: str, error: ClaudeError) -> ItemOutcome:
    return ItemOutcome(item_id, "error", problem=f"the request failed: {error}")


# -- sending ---------------------------------------------------------------------------------


class PromptRunner:
    """Sends one work sample's items through the project's Claude client (retries, spend
    limit, every call in the call log under one `scope`)."""

    def __init__(
        self, client: ClaudeClient, prompt: CandidatePrompt, *, model: str, effort: str
    ) -> None:
        self.client = client
        self.prompt = prompt
        self.model = model
        self.effort = effort

    def params(self, item_input: str | Mapping[str, Any]) -> dict[str, Any]:
        return request_params(self.prompt, item_input, model=self.model, effort=self.effort)

    def _record(self, scope: str, **extra: Any) -> CallRecord:
        return CallRecord(
            purpose=PURPOSE,
            model=self.model,
            prompt_version=self.prompt.version,
            effort=self.effort,
            scope=scope,
            **extra,
        )

    def run(
        self,
        requests: Sequence[tuple[str, dict[str, Any]]],
        scope: str,
        on_item: Callable[[ItemOutcome], None] | None = None,
        on_notice: Notify | None = None,
    ) -> dict[str, ItemOutcome]:
        """Every item's outcome by item id, `CONCURRENCY` requests at a time. Daemon threads:
        Ctrl+C ends the run at once instead of waiting for the requests in flight."""
        _ = self.client.sdk  # made once here, not raced by the threads
        work: Iterator[tuple[str, dict[str, Any]]] = iter(requests)
        lock, stop = threading.Lock(), threading.Event()
        outcomes: dict[str, ItemOutcome] = {}
        reasons: list[str] = []
        done: queue.Queue[ItemOutcome] = queue.Queue()

        def worker() -> None:
            while True:
                with lock:  # the decision to stop is taken before the next item is taken
                    request = None if stop.is_set() else next(work, None)
                if request is None:
                    return
                outcome, halt = self._send(*request, scope, on_notice)
                with lock:
                    outcomes[outcome.item_id] = outcome
                    reason = halt or self._failing_start(outcomes)
                    if reason and not stop.is_set():
                        reasons.append(reason)
                        stop.set()
                done.put(outcome)

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(CONCURRENCY)]
        for thread in threads:
            thread.start()
        try:
            while any(t.is_alive() for t in threads) or not done.empty():
                try:
                    outcome = done.get(timeout=0.1)
                except queue.Empty:
                    continue
                if on_item is not None:
                    on_item(outcome)
        finally:
            stop.set()
        with lock:
            finished = dict(outcomes)
        why = f"not sent: {reasons[0]}" if reasons else "not sent"
        return {
            item_id: finished.get(item_id) or ItemOutcome(item_id, "not_sent", problem=why)
            for item_id, _ in requests
        }

    def _send(
        self, item_id: str, params: dict[str, Any], scope: str, on_notice: Notify | None
    ) -> tuple[ItemOutcome, str]:
        """The item's outcome, and why the run must stop ("" when it goes on)."""
        try:
            message = self.client.create(params, self._record(scope), on_notice=on_notice)
        except ClaudeError as exc:
            return _failed(item_id, exc), str(exc) if exc.spend_limit else ""
        return outcome_of(item_id, message), ""

    @staticmethod
    def _failing_start(outcomes: Mapping[str, ItemOutcome]) -> str:
        errors = [o for o in outcomes.values() if o.kind == "error"]
        if len(errors) < FAILED_START or any(o.kind == "output" for o in outcomes.values()):
            return ""
        return f"the first {len(errors)} requests all failed ({errors[0].problem})"

    # -- Message Batches -----------------------------------------------------------------

    def submit(self, requests: Sequence[tuple[str, dict[str, Any]]]) -> tuple[str, dict[str, str]]:
        """Send every request as one batch; the batch id and custom id -> item id (custom ids
        are positional: an item id need not fit the API's custom-id pattern)."""
        keys = {f"i{n}": item_id for n, (item_id, _) in enumerate(requests)}
        body = [{"custom_id": f"i{n}", "params": params} for n, (_, params) in enumerate(requests)]
        try:
            batch = self.client.sdk.messages.batches.create(requests=body)  # type: ignore[arg-type]
        except Exception as exc:
            raise self.client.classify(exc) from None
        return str(batch.id), keys

    def ended(self, batch_id: str) -> bool:
        try:
            batch = self.client.sdk.messages.batches.retrieve(batch_id)
        except Exception as exc:
            raise self.client.classify(exc) from None
        return batch.processing_status == "ended"

    def results(self, batch_id: str, keys: Mapping[str, str], scope: str) -> dict[str, ItemOutcome]:
        """Every item's outcome from an ended batch, by item id in `keys`' order; each answer
        is recorded in the call log at the batch price."""
        try:
            lines = list(self.client.sdk.messages.batches.results(batch_id))
        except Exception as exc:
            raise self.client.classify(exc) from None
        outcomes: dict[str, ItemOutcome] = {}
        for line in lines:
            item_id = keys.get(line.custom_id)
            if item_id is None:
                continue
            result = line.result
            if result.type != "succeeded":
                error = getattr(getattr(result, "error", None), "error", None)
                detail = redact(str(getattr(error, "message", "") or "")) if error else ""
                problem = f"the batch request {result.type}" + (f": {detail}" if detail else "")
                outcomes[item_id] = ItemOutcome(item_id, "error", problem=problem)
                continue
            message = result.message
            record = self._record(scope, stop_reason=message.stop_reason, batch_id=batch_id)
            add_usage(record, message.usage)
            self.client.price(record, batch=True)
            self.client.log.record(record)
            outcomes[item_id] = outcome_of(item_id, message)
        return {
            i: outcomes.get(i) or ItemOutcome(i, "error", problem="the batch has no result for it")
            for i in keys.values()
        }

    def wait(
        self, batch_id: str, *, poll_every: float, on_wait: Callable[[str], None] | None = None
    ) -> None:
        """Return once the batch has ended (a batch takes up to a day; Ctrl+C loses nothing,
        the batch is stored)."""
        while not self.ended(batch_id):
            if on_wait is not None:
                on_wait(f"batch {batch_id} is still running; checking again in {poll_every:g} s")
            time.sleep(poll_every)
