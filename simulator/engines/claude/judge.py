"""The Claude side of the judge: sends scoring's JudgeCalls (one by one, or as a Message
Batch) and hands back the tool input with usage priced in dollars."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scoring.judge import BatchStatus, JudgeCall, JudgeReply, JudgeStoppedError
from scoring.judge.prompt import judge_prompt_version
from scoring.judge.protocol import JudgeUnavailableError
from scoring.scorecard import Usage
from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient, ClaudeError, Notify, redact
from simulator.engines.claude.settings import ClaudeSettings


def call_params(call: JudgeCall, model: str) -> dict[str, Any]:
    """A JudgeCall as Messages parameters: the tool is forced; no sampling parameters."""
    return {
        "model": model,
        "max_tokens": call.max_tokens,
        "system": list(call.system),
        "messages": list(call.messages),
        "tools": [call.tool],
        "tool_choice": {"type": "tool", "name": call.tool["name"]},
    }


def _usage(record: CallRecord) -> Usage:
    return Usage(
        input_tokens=record.input_tokens,
        output_tokens=record.output_tokens,
        cache_read_tokens=record.cache_read_tokens,
        cache_write_tokens=record.cache_write_tokens,
        dollars=record.dollars or 0.0,
    )


def reply_from(message: Any, record: CallRecord) -> JudgeReply:
    tool = next((b for b in message.content if b.type == "tool_use"), None)
    text = "".join(b.text for b in message.content if b.type == "text")
    return JudgeReply(
        tool_input=None if tool is None else tool.input,
        tool_use_id=None if tool is None else tool.id,
        stop_reason=message.stop_reason,
        usage=_usage(record),
        text=text,
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
            scope=call.scope or None,
            **extra,
        )

    def complete(self, call: JudgeCall) -> JudgeReply:
        record = self._record(call)
        try:
            message = self.client.create(
                call_params(call, self.model), record, on_notice=self.on_notice
            )
        except ClaudeError as exc:
            if exc.spend_limit:
                raise JudgeStoppedError(str(exc)) from None
            raise JudgeUnavailableError(str(exc)) from None
        return reply_from(message, record)

    # -- Message Batches -----------------------------------------------------------------

    def submit(self, calls: Mapping[str, JudgeCall]) -> str:
        requests = [
            {"custom_id": custom_id, "params": call_params(call, self.model)}
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
                scope=line.custom_id.rsplit("-s", 1)[0],
                stop_reason=message.stop_reason,
                batch_id=batch_id,
            )
            usage = message.usage
            record.input_tokens = usage.input_tokens
            record.output_tokens = usage.output_tokens
            record.cache_write_tokens = usage.cache_creation_input_tokens or 0
            record.cache_read_tokens = usage.cache_read_input_tokens or 0
            self.client.price(record, batch=True)
            self.client.log.record(record)
            replies[line.custom_id] = reply_from(message, record)
        return replies
