"""`mockloop simulate`: a whole round with a simulated candidate (or a file of answers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.cli.options import (
    briefs_dir_option,
    effort_option,
    engine_option,
    judge_model_option,
    minutes_option,
    model_option,
)
from simulator.cli.show import notice, show

if TYPE_CHECKING:
    from scoring.judge.protocol import JudgeClient
    from simulator.interview.runner import RoundRunner
    from simulator.simulation import Player
    from simulator.workspace import Workspace


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
    from simulator.services.judging import judge_for_round
    from simulator.simulation import AnswersPlayer, answers_label, persona_player, read_answers
    from simulator.workspace import Workspace

    if (candidate_id is None) == (answers_file is None):
        fail("give exactly one of --candidate PERSONA or --answers FILE")
    with Workspace(briefs_dir) as ws:
        brief = ws.library.brief(brief_id)
        ws.library.interviewer(interviewer_id)
        if answers_file is not None:
            answers, label = read_answers(answers_file), answers_label(answers_file)
        else:
            assert candidate_id is not None
            label = ws.library.candidate(candidate_id).id
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
        if answers_file is not None:
            player: Player = AnswersPlayer(answers)
        else:
            player = persona_player(ws, label, brief.id, seed, chosen, runner.session_id)
        judge = judge_for_round(chosen, notice, model=judge_model, effort=judge_effort)
        run_and_report(ws, runner, player, as_json=as_json, pace=pace, judge=judge)


def run_and_report(
    ws: Workspace,
    runner: RoundRunner,
    player: Player,
    *,
    as_json: bool,
    pace: float,
    judge: JudgeClient | None = None,
) -> None:
    """Play the round, printing turns as they happen (or JSON at the end), then the summary."""
    from simulator.cli.render import coverage_lines, echo_turns
    from simulator.services.scoring import score_session, session_usage
    from simulator.simulation import play

    if not as_json:
        show(f"session {runner.session_id}", fg="yellow", err=True)
    ended = play(runner, player, on_turns=None if as_json else echo_turns, pace=pace)
    if ended != "completed":
        # Not finished, but nothing left to replay: kept out of the "unfinished" list.
        ws.sessions.stop(runner.session_id, ended)
    session = ws.sessions.get(runner.session_id)
    brief = ws.library.brief(session.brief_id)
    transcript = ws.sessions.transcript(session.id)
    for problem in getattr(player, "fallbacks", []):
        show(f"mockloop: a candidate turn was played offline: {problem}", err=True)
    card = None
    if ended == "completed":
        card = score_session(ws, session.id, transcript, judge=judge, on_notice=notice)
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
