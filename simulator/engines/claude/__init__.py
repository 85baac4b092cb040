"""The Claude engine: streamed interviewer turns, simulated candidates, the judge.

Nothing heavy is imported here (the anthropic SDK on the first call, the engine on first use),
so choosing the engine, or reading its settings for a `--help`, stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.engines.claude.settings import ClaudeSettings

if TYPE_CHECKING:
    from simulator.engines.claude.interviewer import ClaudeEngine


def claude_engine(
    model: str | None = None, judge_model: str | None = None, *, effort: str | None = None
) -> ClaudeEngine:
    """The engine with settings from options, then MOCKLOOP_MODEL / MOCKLOOP_JUDGE_MODEL /
    MOCKLOOP_EFFORT."""
    from simulator.engines.claude.interviewer import ClaudeEngine

    return ClaudeEngine(
        ClaudeSettings.from_env(model=model, judge_model=judge_model, effort=effort)
    )


def __getattr__(name: str) -> Any:
    if name == "ClaudeEngine":
        from simulator.engines.claude.interviewer import ClaudeEngine

        return ClaudeEngine
    raise AttributeError(name)


__all__ = ["ClaudeEngine", "ClaudeSettings", "claude_engine"]
