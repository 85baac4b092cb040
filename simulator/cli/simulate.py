"""`mockloop simulate`: a whole round with a simulated candidate (or a file of answers)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from simulator.cli.options import (
    briefs_dir_option,
    effort_option,
    engine_option,
    judge_model_option,
    minutes_option,
    model_option,
)
from simulator.cli.show import show


@click.command()
@click.option("--brief", "brief_id", required=True, help="Brief id (see `mockloop briefs list`).")
@click.option("--candidate", "candidate_id", default=None, help="Candidate persona id.")
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path),  # read_answers refuses a folder, a pipe or a device
    default=None,
    help="Play the candidate from a file: one answer per paragraph (blank-line separated).",
)
@click.option("--interviewer", "interviewer_id", default="neutral", show_default=True)
@click.option(
    "--mode", type=click.Choice(["interview", "coach"]), default="interview", show_default=True
)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same transcript.")
@minutes_option
@engine_option
@model_option
@judge_model_option
@effort_option("Claude: how hard the interviewer and candidate think (default low).")
@effort_option("Claude: how hard the judge thinks (default medium).", "--judge-effort")
@click.option("--json", "as_json", is_flag=True, help="Print the session as JSON instead of text.")
@click.option(
    "--pace", type=click.FloatRange(0, 10), default=0.0, help="Pause between turns (seconds)."
)
@briefs_dir_option
def simulate(
    brief_id: str,
    candidate_id: str | None,
    answers_file: Path | None,
    interviewer_id: str,
    mode: str,
    seed: int,
    minutes: int,
    engine: str,
    model: str | None,
    judge_model: str | None,
    effort: str | None,
    judge_effort: str | None,
    as_json: bool,
    pace: float,
    briefs_dir: Path | None,
) -> None:
    """Run a whole simulated round and print the transcript.

    With the claude engine, Claude interviews, plays the candidate persona (test modes stay
    offline) and judges the finished round.
    """
    from simulator.cli.errors import fail
    from simulator.engines.select import select_engine
    from simulator.workspace import Workspace

    if (candidate_id is None) == (answers_file is None):
        fail("give exactly one of --candidate PERSONA or --answers FILE")
    with Workspace(briefs_dir) as ws:
        brief = ws.library.brief(brief_id)
        ws.library.interviewer(interviewer_id)
        player, label = _player(ws, brief_id, candidate_id, answers_file, seed)
        chosen = select_engine(engine, model=model, effort=effort)
        runner = ws.new_round(
            brief_id=brief.id,
            interviewer_id=interviewer_id,
            candidate=label,
            mode=mode,
            minutes=minutes,
            seed=seed,
            engine=chosen,
        )
        if candidate_id is not None and hasattr(chosen, "candidate"):
            persona = ws.library.candidate(candidate_id)
            player = chosen.candidate(persona, brief, seed, runner.session_id)
        judge = model_judge(chosen, judge_model, judge_effort=judge_effort)
        run_and_report(ws, runner, player, as_json=as_json, pace=pace, judge=judge)


def echo_notice(message: str) -> None:
    show(f"mockloop: {message}", err=True)


def model_judge(
    engine: Any,
    judge_model: str | None,
    on_notice: Callable[[str], None] = echo_notice,
    *,
    judge_effort: str | None = None,
) -> Any:
    """The Claude judge when the round ran on Claude (None: score offline)."""
    if engine.name != "claude":
        return None
    from dataclasses import replace

    from simulator.engines.claude.judge import ClaudeJudge
    from simulator.engines.claude.settings import effort_level

    settings = engine.settings
    if judge_model:
        settings = replace(settings, judge_model=judge_model)
    if judge_effort:
        settings = replace(settings, judge_effort=effort_level(judge_effort, "--judge-effort"))
    return ClaudeJudge(settings, engine.client, on_notice=on_notice)


def _player(
    ws: Any, brief_id: str, candidate_id: str | None, answers_file: Path | None, seed: int
) -> tuple[Any, str]:
    from simulator.engines.offline.candidate import SimulatedCandidate
    from simulator.simulation import ANSWERS_PREFIX, AnswersPlayer, PersonaPlayer, read_answers

    if answers_file is not None:
        return AnswersPlayer(
            read_answers(answers_file)
        ), f"{ANSWERS_PREFIX}{answers_file.resolve()}"
    assert candidate_id is not None
    persona = ws.library.candidate(candidate_id)
    return PersonaPlayer(SimulatedCandidate(persona, ws.library.brief(brief_id), seed)), persona.id


def run_and_report(
    ws: Any, runner: Any, player: Any, *, as_json: bool, pace: float, judge: Any = None
) -> None:
    """Play the round, printing turns as they happen (or JSON at the end), then the summary."""
    from simulator.cli.render import coverage_lines, echo_turns
    from simulator.simulation import play

    if not as_json:
        show(f"session {runner.session_id}", fg="yellow", err=True)
    ended = play(runner, player, on_turns=None if as_json else echo_turns, pace=pace)
    if ended != "completed":
        # Not finished, but nothing left to replay: kept out of the "unfinished" list.
        update = {"status": "stopped", "ended_reason": ended}
        ws.sessions.db.table("sessions").update(runner.session_id, update)
    session = ws.sessions.get(runner.session_id)
    brief = ws.library.brief(session.brief_id)
    transcript = ws.sessions.transcript(session.id)
    for problem in getattr(player, "fallbacks", []):
        show(f"mockloop: a candidate turn was played offline: {problem}", err=True)
    card = score_session(ws, session.id, transcript, judge=judge) if ended == "completed" else None
    usage = session_usage(ws, session.id)
    if as_json:
        show(
            json.dumps(
                {
                    "session": {
                        "id": session.id,
                        "brief": session.brief_id,
                        "candidate": session.candidate,
                        "interviewer": session.interviewer_id,
                        "mode": session.mode,
                        "seed": session.seed,
                        "minutes": session.minutes,
                        "engine": session.engine,
                        "engines": session.engines,
                        "model": session.model,
                        "prompt_version": session.prompt_version,
                        "status": session.status,
                        "ended_reason": session.ended_reason or ended,
                    },
                    "coverage": session.coverage,
                    "transcript": transcript.model_dump(mode="json"),
                    "usage": usage.to_json(),
                    "scorecard": None if card is None else card.model_dump(mode="json"),
                },
                indent=2,
            )
        )
        return
    titles = {a.id: a.title for a in brief.probe_areas}
    for line in coverage_lines(session.coverage, titles):
        show(line)
    status = "finished" if session.status == "finished" else f"stopped ({ended})"
    model = f" ({session.model})" if session.model else ""
    mixed = f"; turns worded by {session.engines}" if session.engines else ""
    cost = f"; {usage.line()}" if usage.calls else ""
    show(f"Session {session.id}: {status}; engine {session.engine}{model}{mixed}{cost}.")
    if card is not None:
        from scoring.render import scorecard_table

        show("")
        show(scorecard_table(card))


def score_session(
    ws: Any,
    session_id: str,
    transcript: Any,
    *,
    judge: Any = None,
    on_notice: Callable[[str], None] = echo_notice,
) -> Any:
    """Score a finished session and store the scorecard with it: by the model judge when one
    is given (offline, and said so, if it cannot be reached), else offline."""
    from simulator.cli.score import judge_one, rubric_by_id, score_with_brief
    from simulator.store.scorecards import ScorecardStore

    rubric = rubric_by_id("system-design")
    card = None
    if judge is not None:
        from scoring.judge import JudgeUnavailableError

        try:
            card = judge_one(ws, transcript, rubric, judge)
        except JudgeUnavailableError as exc:
            on_notice(f"the Claude judge is unavailable ({exc}); scored offline")
        if card is not None and not card.scored:
            on_notice(f"the Claude judge scored nothing ({card.unscored_reason()}); scored offline")
            card = None
    if card is None:
        card = score_with_brief(ws, transcript, rubric)
    ScorecardStore(ws.db).save_all([(card, session_id, f"session {session_id}")])
    return card


def session_usage(ws: Any, session_id: str) -> Any:
    """Tokens and dollars of every model call made for the session (zero when offline)."""
    from simulator.engines.claude.calls import CallLog

    return CallLog(ws.db).totals(session_id=session_id)
