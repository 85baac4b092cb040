"""The Claude side of the judge: sends scoring's JudgeCalls (one by one, or as a Message
Batch) with the answer bound to the rubric's JSON schema (structured outputs), and hands back
the answer's text with usage priced in dollars.

No forced tool choice (Sonnet and Opus 5.5 refuse it), no prefill, no sampling parameters:
the schema shapes the answer, the effort is the judge's, consistency comes from k samples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from scoring.judge import BatchStatus, JudgeCall, JudgeReply, JudgeStoppedError
from scoring.judge.prompt import judge_prompt_version
from scoring.judge.protocol import JudgeUnavailableError
from scoring.scorecard import Usage
from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient, ClaudeError
from simulator.engines.claude.messages import add_usage, redact, refusal_of, text_of
from simulator.engines.claude.retries import Notify
from simulator.engines.claude.settings import ClaudeSettings, effort_level
from simulator.engines.claude.structured import json_format


def call_params(call: JudgeCall, model: str, effort: str) -> dict[str, Any]:
    """A JudgeCall as Messages parameters: JSON output bound to the call's schema."""
    return {
        "model": model,
        "max_tokens": call.max_tokens,
        "system": list(call.system),
        "messages": list(call.messages),
        "output_config": {"effort": effort, "format": json_format(call.output_schema)},
    }


def _usage(record: CallRecord) -> Usage:
    return Usage(
        input_tokens=record.input_tokens,
        output_tokens=record.output_tokens,
        thinking_tokens=record.thinking_tokens,
        cache_read_tokens=record.cache_read_tokens,
        cache_write_tokens=record.cache_write_tokens,
        dollars=record.dollars,
    )


def reply_from(message: Any, record: CallRecord) -> JudgeReply:
    return JudgeReply(
        text=text_of(message),
        stop_reason=message.stop_reason,
        refusal=refusal_of(message),
        usage=_usage(record),
    )


class ClaudeJudge:
    """scoring.judge's JudgeClient and BatchJudgeClient, backed by the Messages API."""

    engine = "claude"

    def __init__(
        self,
        settings: ClaudeSettings,
        client: ClaudeClient | None = None,
        *,
        on_notice: Notify | None = None,
    ) -> None:
        self.settings = settings
        self.client = client or ClaudeClient(settings)
        self.model = settings.judge_model
        self.effort = settings.judge_effort
        self.rater = f"claude:{self.model}"
        self.on_notice = on_notice

    @property
    def prompt_version(self) -> str:
        return judge_prompt_version()

    def _record(self, call: JudgeCall, purpose: str | None = None, **extra: Any) -> CallRecord:
        return CallRecord(
            purpose=purpose or call.purpose,
            model=self.model,
            prompt_version=self.prompt_version,
            effort=self.effort,
            scope=call.scope or None,
            **extra,
        )

    def params(self, call: JudgeCall) -> dict[str, Any]:
        return call_params(call, self.model, self.effort)

    def complete(self, call: JudgeCall) -> JudgeReply:
        record = self._record(call)
        try:
            message = self.client.create(self.params(call), record, on_notice=self.on_notice)
        except ClaudeError as exc:
            if exc.spend_limit:
                raise JudgeStoppedError(str(exc)) from None
            raise JudgeUnavailableError(str(exc)) from None
        return reply_from(message, record)

    # -- Message Batches -----------------------------------------------------------------

    def submit(self, calls: Mapping[str, JudgeCall]) -> str:
        requests = [
            {"custom_id": custom_id, "params": self.params(call)}
            for custom_id, call in calls.items()
        ]
        try:
            batch = self.client.sdk.messages.batches.create(requests=requests)  # type: ignore[arg-type]
        except Exception as exc:
            error = self.client.classify(exc)
            raise (JudgeStoppedError if error.spend_limit else JudgeUnavailableError)(
                str(error)
            ) from None
        return str(batch.id)

    def status(self, batch_id: str) -> BatchStatus:
        try:
            batch = self.client.sdk.messages.batches.retrieve(batch_id)
        except Exception as exc:
            raise JudgeUnavailableError(str(self.client.classify(exc))) from None
        counts = batch.request_counts
        return BatchStatus(
            batch_id=batch_id,
            ended=batch.processing_status == "ended",
            counts={
                "processing": counts.processing,
                "succeeded": counts.succeeded,
                "errored": counts.errored,
                "canceled": counts.canceled,
                "expired": counts.expired,
            },
        )

    def results(self, batch_id: str) -> dict[str, JudgeReply | str]:
        """Every result of an ended batch; each success is recorded at the batch price."""
        replies: dict[str, JudgeReply | str] = {}
        try:
            lines = list(self.client.sdk.messages.batches.results(batch_id))
        except Exception as exc:
            raise JudgeUnavailableError(str(self.client.classify(exc))) from None
        for line in lines:
            result = line.result
            if result.type != "succeeded":
                error = getattr(getattr(result, "error", None), "error", None)
                detail = getattr(error, "message", "") if error is not None else ""
                replies[line.custom_id] = redact(f"batch request {result.type} {detail}".strip())
                continue
            message = result.message
            record = CallRecord(
                purpose="judge-batch",
                model=self.model,
                prompt_version=self.prompt_version,
                effort=self.effort,
                scope=line.custom_id.rsplit("-s", 1)[0],
                stop_reason=message.stop_reason,
                batch_id=batch_id,
            )
            add_usage(record, message.usage)
            self.client.price(record, batch=True)
            self.client.log.record(record)
            replies[line.custom_id] = reply_from(message, record)
        return replies


def make_judge(
    settings: ClaudeSettings | None = None,
    *,
    client: ClaudeClient | None = None,
    model: str | None = None,
    effort: str | None = None,
    on_notice: Notify | None = None,
) -> ClaudeJudge:
    """The one way a Claude judge is made (score, simulate, practice, the app, the bench):
    `settings` (else the environment's), with `model` and `effort` for the judge when given
    (EffortError for an effort level the API does not take)."""
    if settings is None:
        settings = ClaudeSettings.from_env(judge_model=model, judge_effort=effort)
    else:
        if model:
            settings = replace(settings, judge_model=model)
        if effort:
            settings = replace(settings, judge_effort=effort_level(effort, "--judge-effort"))
    return ClaudeJudge(settings, client, on_notice=on_notice)
