"""Which models the Claude engine uses and how hard each role thinks: defaults chosen for cost
and speed, overridden by options (--model, --judge-model, --effort, --judge-effort) and
environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal, cast, get_args

# The interviewer and the simulated candidate write short turns that follow a decided move:
# the cheapest current model does that well. The judge reads a whole transcript against eight
# anchored dimensions and must quote verbatim: a mid-tier model, k samples, median.
DEFAULT_MODEL = "claude-haiku-5-5"
DEFAULT_JUDGE_MODEL = "claude-sonnet-5-5"
MODEL_ENV = "MOCKLOOP_MODEL"
JUDGE_MODEL_ENV = "MOCKLOOP_JUDGE_MODEL"
RETRIES_ENV = "MOCKLOOP_MAX_RETRIES"
EFFORT_ENV = "MOCKLOOP_EFFORT"
JUDGE_EFFORT_ENV = "MOCKLOOP_JUDGE_EFFORT"

Effort = Literal["low", "medium", "high", "xhigh", "max"]
EFFORTS: tuple[str, ...] = get_args(Effort)


class EffortError(ValueError):
    """An effort level the API does not take; the message names the allowed ones."""


def effort_level(value: str, source: str) -> Effort:
    if value not in EFFORTS:
        raise EffortError(f"{source}: {value!r} is not an effort level ({', '.join(EFFORTS)})")
    return cast(Effort, value)


@dataclass(frozen=True)
class ClaudeSettings:
    model: str = DEFAULT_MODEL
    judge_model: str = DEFAULT_JUDGE_MODEL
    max_retries: int = 2  # the SDK's own retries: 408, 409, 429 (retry-after), 5xx, 529
    stream_retries: int = 2  # our retries of a stream cut after it started
    timeout: float = 120.0
    # Effort per role. The first words of an interviewer turn must come fast, and a simulated
    # candidate follows a persona: low. The judge weighs a whole transcript: medium.
    effort: Effort = "low"  # the interviewer and the simulated candidate
    judge_effort: Effort = "medium"
    draft_effort: Effort = "medium"  # `briefs draft`
    # Adaptive thinking spends from max_tokens before the first word, so each limit leaves room
    # for thinking at the role's effort on top of the longest text the role should write.
    interviewer_max_tokens: int = 2_000
    candidate_max_tokens: int = 2_500

    @classmethod
    def from_env(
        cls,
        model: str | None = None,
        judge_model: str | None = None,
        *,
        effort: str | None = None,
        judge_effort: str | None = None,
    ) -> ClaudeSettings:
        """Options first, then MOCKLOOP_* variables, then the defaults. EffortError for an
        effort level the API does not take."""
        retries = os.environ.get(RETRIES_ENV, "").strip()
        return cls(
            model=model or os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL,
            judge_model=judge_model
            or os.environ.get(JUDGE_MODEL_ENV, "").strip()
            or DEFAULT_JUDGE_MODEL,
            max_retries=int(retries) if retries.isdigit() else 2,
            effort=_effort(effort, EFFORT_ENV, cls.effort),
            judge_effort=_effort(judge_effort, JUDGE_EFFORT_ENV, cls.judge_effort),
        )


def _effort(option: str | None, env: str, default: Effort) -> Effort:
    if option:
        return effort_level(option, "--effort")
    value = os.environ.get(env, "").strip().lower()
    return effort_level(value, env) if value else default
