"""Which models the Claude engine uses and how hard it tries: defaults chosen for cost,
overridden by options (--model, --judge-model) and environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass

# The interviewer and the simulated candidate write short turns that follow a decided move:
# the cheapest current model does that well. The judge reads a whole transcript against eight
# anchored dimensions and must quote verbatim: a mid-tier model, k samples, median.
DEFAULT_MODEL = "claude-haiku-5-5"
DEFAULT_JUDGE_MODEL = "claude-sonnet-5-5"
MODEL_ENV = "MOCKLOOP_MODEL"
JUDGE_MODEL_ENV = "MOCKLOOP_JUDGE_MODEL"
RETRIES_ENV = "MOCKLOOP_MAX_RETRIES"


@dataclass(frozen=True)
class ClaudeSettings:
    model: str = DEFAULT_MODEL
    judge_model: str = DEFAULT_JUDGE_MODEL
    max_retries: int = 2  # the SDK's own retries: 408, 409, 429 (retry-after), 5xx, 529
    stream_retries: int = 2  # our retries of a stream cut after it started
    timeout: float = 120.0
    interviewer_max_tokens: int = 600
    candidate_max_tokens: int = 900

    @classmethod
    def from_env(cls, model: str | None = None, judge_model: str | None = None) -> ClaudeSettings:
        retries = os.environ.get(RETRIES_ENV, "").strip()
        return cls(
            model=model or os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL,
            judge_model=judge_model
            or os.environ.get(JUDGE_MODEL_ENV, "").strip()
            or DEFAULT_JUDGE_MODEL,
            max_retries=int(retries) if retries.isdigit() else 2,
        )
