"""Which judge scores: for `score`, `simulate`, `practice` and the app.

A judge is scoring.judge's JudgeClient (one call) and BatchJudgeClient (bulk); `ClaudeJudge`
is both, and every one is made by `simulator.engines.claude.judge.make_judge` (the bench's
claude rater too). Offline scoring needs no judge: these say so with None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.engines.base import Engine
    from simulator.engines.claude.judge import ClaudeJudge

Notice = Callable[[str], None]


def judge_for_choice(
    engine: str, model: str | None, effort: str | None, on_notice: Notice | None
) -> ClaudeJudge | None:
    """The judge `--engine engine` asks for, or None to score offline; EngineUnavailableError
    when Claude is asked for and cannot run here."""
    from simulator.engines.claude.judge import make_judge
    from simulator.engines.select import claude_wanted

    if engine == "offline" or not claude_wanted(engine):
        return None
    return make_judge(model=model, effort=effort, on_notice=on_notice)


def judge_for_round(
    engine: Engine,
    on_notice: Notice | None,
    *,
    model: str | None = None,
    effort: str | None = None,
) -> ClaudeJudge | None:
    """The judge of a round played on `engine`: Claude (sharing the round's client and its
    call log) when a model ran the round, else None (scored offline)."""
    from simulator.engines.base import ModelEngine
    from simulator.engines.claude.judge import make_judge

    if not isinstance(engine, ModelEngine):
        return None
    return make_judge(
        engine.settings, client=engine.client, model=model, effort=effort, on_notice=on_notice
    )


def judge_for_model(judge: ClaudeJudge, model: str) -> ClaudeJudge:
    """The same judge on another model (collecting a batch sent to that model)."""
    from simulator.engines.claude.judge import make_judge

    if judge.model == model:
        return judge
    return make_judge(judge.settings, model=model, on_notice=judge.on_notice)
