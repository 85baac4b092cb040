"""`mockloop practice` and `mockloop resume`: a round with you as the candidate."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.cli.options import (
    briefs_dir_option,
    effort_option,
    engine_option,
    minutes_option,
    model_option,
)
from simulator.cli.show import notice, show

if TYPE_CHECKING:
    from simulator.interview.runner import RoundRunner
    from simulator.tui.options import PracticeOptions
    from simulator.workspace import Workspace


@click.command()
@click.option("--brief", "brief_id", default="churn-analysis", show_default=True)
@click.option("--interviewer", "interviewer_id", default="neutral", show_default=True)
@click.option(
    "--mode", type=click.Choice(["interview", "coach"]), default="interview", show_default=True
)
@minutes_option
@engine_option
@model_option
@effort_option("Claude: how hard the interviewer thinks (default MOCKLOOP_EFFORT, else low).")
@click.option("--seed", type=int, default=None, help="Fix the interviewer's wording variation.")
@click.option("--plain", is_flag=True, help="A plain line-by-line round instead of the app.")
@briefs_dir_option
def practice(
    brief_id: str,
    interviewer_id: str,
    mode: str,
    minutes: int,
    engine: str,
    model: str | None,
    effort: str | None,
    seed: int | None,
    plain: bool,
    briefs_dir: Path | None,
) -> None:
    """Practise a mock system-design round in the terminal app."""
    from simulator.engines.claude.settings import EFFORT_ENV, MODEL_ENV
    from simulator.engines.select import select_engine
    from simulator.services.sessions import HUMAN
    from simulator.workspace import Workspace

    # The app builds its own engine: hand the choices over like the env vars would.
    if model:
        os.environ[MODEL_ENV] = model
    if effort:
        os.environ[EFFORT_ENV] = effort
    if not plain:
        from simulator.tui.options import PracticeOptions

        with Workspace(briefs_dir) as ws:  # check the choices before the screen opens
            ws.library.brief(brief_id)
            ws.library.interviewer(interviewer_id)
            select_engine(engine)
        open_app(PracticeOptions(brief_id, interviewer_id, mode, minutes, engine), briefs_dir)
        return
    with Workspace(briefs_dir) as ws:
        chosen = select_engine(engine)
        runner = ws.new_round(
            brief_id=brief_id,
            interviewer_id=interviewer_id,
            candidate=HUMAN,
            mode=mode,
            minutes=minutes,
            seed=seed if seed is not None else int(time.time()) % 100_000,
            engine=chosen,
        )
        _converse(ws, runner)


@click.command()
@click.argument("session", required=False)
@click.option("--json", "as_json", is_flag=True, help="For simulated sessions: print JSON.")
@click.option("--plain", is_flag=True, help="Continue your own round line by line, not in the app.")
def resume(session: str | None, as_json: bool, plain: bool) -> None:
    """Continue an unfinished session at the same turn (default: the most recent one)."""
    from simulator.cli.errors import fail
    from simulator.engines.select import select_engine
    from simulator.services.sessions import HUMAN
    from simulator.workspace import Workspace

    with Workspace() as ws:
        if session is None:
            unfinished = ws.sessions.recent(status="active", limit=1)
            if not unfinished:
                fail("no unfinished session to resume")
            row = unfinished[0]
        else:
            row = ws.sessions.find(session)
        if row.status == "finished":
            from simulator.store.scorecards import ScorecardStore

            if ScorecardStore(ws.db).for_session(row.id) is not None:
                fail(f"session {row.id} is finished; see `mockloop transcripts show {row.id}`")
            # The round closed but its scorecard was never stored (e.g. the process died
            # while scoring): resuming finishes that job.
        if row.candidate == HUMAN and not plain:
            from simulator.tui.options import PracticeOptions

            options = PracticeOptions(row.brief_id, row.interviewer_id, row.mode, row.minutes)
            options.engine = "offline" if row.engine == "offline" else "auto"
            ws.close()
            open_app(options, resume_id=row.id)
            return
        chosen = select_engine("offline" if row.engine == "offline" else "auto", model=row.model)
        runner = ws.round_for(row, chosen)
        if row.candidate == HUMAN:
            _converse(ws, runner)
            return
        from simulator.cli.simulate import run_and_report
        from simulator.services.judging import judge_for_round
        from simulator.simulation import session_player

        player = session_player(ws, row, chosen)
        judge = judge_for_round(chosen, notice)
        run_and_report(ws, runner, player, as_json=as_json, pace=0.0, judge=judge)


def _converse(ws: Workspace, runner: RoundRunner) -> None:
    """A plain terminal round: answers end with an empty line; /hint and /end are commands."""
    from simulator.cli.render import echo_turns
    from simulator.interview.runner import Answer
    from simulator.services.rounds import end_early

    runner.start()
    state = runner.state
    show(
        f"session {runner.session_id} · {runner.setup.brief.title} · engine {runner.engine.name}\n"
        "Type your answer; an empty line sends it. /hint asks for a hint (coach mode), "
        "/end ends the round. Ctrl+C saves and quits (`mockloop resume`).\n",
        fg="yellow",
    )
    show_moves = runner.setup.mode == "coach"
    echo_turns(state["turns"], 0, show_moves=show_moves)
    shown = len(state["turns"])
    started = time.monotonic() - state.get("elapsed", 0.0)
    draft = ws.sessions.draft(runner.session_id)
    while not runner.finished:
        lines: list[str] = [draft] if draft else []
        if draft:
            show(f"(restored your unsent answer)\n{draft}")
        try:
            while True:
                line = input("> " if not lines else "  ")
                if not line.strip():
                    if lines:
                        break
                    continue
                if line.strip() in ("/hint", "/end") and not lines:
                    break
                lines.append(line)
                ws.sessions.save_draft(runner.session_id, "\n".join(lines))
        except (EOFError, KeyboardInterrupt):
            ws.sessions.save_draft(runner.session_id, "\n".join(lines))
            show(f"\nSaved. Continue with `mockloop resume {runner.session_id}`.")
            return
        command = line.strip() if not lines else ""
        if command == "/end":
            if click.confirm("End the round now?", default=False):
                end_early(ws.sessions, runner.session_id)
                show(f"Round ended. Transcript: `mockloop transcripts show {runner.session_id}`.")
                _show_scorecard(ws, runner)
                return
            continue
        elapsed = time.monotonic() - started
        runner.answer(Answer(text="\n".join(lines), elapsed=elapsed, hint=command == "/hint"))
        ws.sessions.save_draft(runner.session_id, "")
        draft = ""
        turns = runner.state["turns"]
        echo_turns(turns[shown:], shown, show_moves=show_moves)
        shown = len(turns)
    show(f"Round over. Transcript: `mockloop transcripts show {runner.session_id}`.")
    _show_scorecard(ws, runner)


def _show_scorecard(ws: Workspace, runner: RoundRunner) -> None:
    """The round's scorecard, got as the practice app gets it."""
    from scoring.render import scorecard_table
    from simulator.services.rounds import NOTHING_TO_SCORE, round_scoring

    scoring = round_scoring(ws, runner.session_id, lambda _: runner.engine, notice)
    if scoring.nothing_to_score:
        show(NOTHING_TO_SCORE)
        return
    if scoring.stored is None and scoring.judge is not None:
        notice(scoring.judging_notice())
    show("")
    show(scorecard_table(scoring.score(ws, notice)))


def open_app(
    options: PracticeOptions, briefs_dir: Path | None = None, resume_id: str | None = None
) -> None:
    """Run the practice app (imported here so `--help` stays fast), with the briefs of
    `briefs_dir` beside the shipped ones. It needs a terminal: with stdin or stdout a pipe or
    a file it could never be answered, and would spin until killed."""
    from simulator.cli.errors import fail
    from simulator.workspace import Workspace

    if not has_terminal():
        fail("the practice app needs a terminal; add --plain to answer line by line instead")
    from simulator.tui.app import MockloopApp

    MockloopApp(options, resume=resume_id, workspace=Workspace(briefs_dir)).run()


def has_terminal() -> bool:
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))
