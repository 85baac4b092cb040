"""What a model-backed judge needs from a model client, and nothing more.

scoring builds the prompt (Messages-API shaped blocks with cache breakpoints) and reads the
answer; a client (simulator's Claude engine) sends it and reports usage in dollars. scoring
never imports the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from scoring.scorecard import Usage

Block = dict[str, Any]
Message = dict[str, Any]


@dataclass(frozen=True)
class JudgeCall:
    """One request: a byte-stable system prefix, the transcript, the answer's JSON schema."""

    system: tuple[Block, ...]
    messages: tuple[Message, ...]
    output_schema: dict[str, Any]
    max_tokens: int
    scope: str = ""  # what is being judged (a transcript id), for usage records
    purpose: str = "judge"


@dataclass(frozen=True)
class JudgeReply:
    """The model's answer: its text (JSON when well formed), why it stopped, and its usage.

    `refusal` explains a declined answer (stop reason "refusal"); such a sample is not asked
    again."""

    text: str
    usage: Usage = field(default_factory=Usage)
    stop_reason: str | None = None
    refusal: str = ""


class JudgeUnavailableError(RuntimeError):
    """The model could not be reached after the client's retries."""


class JudgeStoppedError(JudgeUnavailableError):
    """Further calls are pointless (for example the spend limit is reached): stop judging."""


class JudgeClient(Protocol):
    """Sends one JudgeCall and returns the reply; raises JudgeUnavailableError."""

    rater: str  # recorded on the scorecard, e.g. "claude:claude-sonnet-5-5"
    engine: str

    def complete(self, call: JudgeCall) -> JudgeReply: ...


@dataclass(frozen=True)
class BatchStatus:
    batch_id: str
    ended: bool
    counts: dict[str, int] = field(default_factory=dict)


class BatchJudgeClient(Protocol):
    """Bulk judging (cheaper, slower): submit calls by id, poll, then read the replies.

    `results` maps every custom id to its reply, or to a string saying why it failed.
    """

    rater: str
    engine: str

    def submit(self, calls: Mapping[str, JudgeCall]) -> str: ...

    def status(self, batch_id: str) -> BatchStatus: ...

    def results(self, batch_id: str) -> dict[str, JudgeReply | str]: ...
