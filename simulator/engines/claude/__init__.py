"""The Claude engine: streamed interviewer turns, simulated candidates, the judge.

The anthropic SDK is imported on the first call, not here, so choosing the engine is cheap.
"""

from __future__ import annotations

from simulator.engines.claude.interviewer import ClaudeEngine
from simulator.engines.claude.settings import ClaudeSettings


def claude_engine(model: str | None = None, judge_model: str | None = None) -> ClaudeEngine:
    """The engine with settings from options, then MOCKLOOP_MODEL / MOCKLOOP_JUDGE_MODEL."""
    return ClaudeEngine(ClaudeSettings.from_env(model=model, judge_model=judge_model))


__all__ = ["ClaudeEngine", "ClaudeSettings", "claude_engine"]
