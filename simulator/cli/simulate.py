"""`mockloop simulate`: a whole round with a simulated candidate (or a file of answers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from simulator.cli.options import briefs_dir_option, engine_option, minutes_option


@click.command()
@click.option("--brief", "brief_id", required=True, help="Brief id (see `mockloop briefs list`).")
@click.option("--candidate", "candidate_id", default=None, help="Candidate persona id.")
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path, dir_okay=False),
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
    as_json: bool,
    pace: float,
    briefs_dir: Path | None,
) -> None:
    """Run a whole simulated round and print the transcript."""
    from simulator.cli.errors import fail
    from simulator.engines.select import select_engine
    from simulator.workspace import Workspace

    if (candidate_id is None) == (answers_file is None):
        fail("give exactly one of --candidate PERSONA or --answers FILE")
    with Workspace(briefs_dir) as ws:
        brief = ws.library.brief(brief_id)
        ws.library.interviewer(interviewer_id)
        player, label = _player(ws, brief_id, candidate_id, answers_file, seed)
        runner = ws.new_round(
            brief_id=brief.id,
            interviewer_id=interviewer_id,
            candidate=label,
            mode=mode,
            minutes=minutes,
            seed=seed,
            engine=select_engine(engine),
        )
        run_and_report(ws, runner, player, as_json=as_json, pace=pace)


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


def run_and_report(ws: Any, runner: Any, player: Any, *, as_json: bool, pace: float) -> None:
    """Play the round, printing turns as they happen (or JSON at the end), then the summary."""
    from simulator.cli.render import coverage_lines, echo_turns
    from simulator.simulation import play

    if not as_json:
        click.secho(f"session {runner.session_id}", fg="yellow", err=True)
    ended = play(runner, player, on_turns=None if as_json else echo_turns, pace=pace)
    if ended != "completed":
        # Not finished, but nothing left to replay: kept out of the "unfinished" list.
        update = {"status": "stopped", "ended_reason": ended}
        ws.sessions.db.table("sessions").update(runner.session_id, update)
    session = ws.sessions.get(runner.session_id)
    brief = ws.library.brief(session.brief_id)
    transcript = ws.sessions.transcript(session.id)
    card = score_session(ws, session.id, transcript) if ended == "completed" else None
    if as_json:
        click.echo(
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
                        "status": session.status,
                        "ended_reason": session.ended_reason or ended,
                    },
                    "coverage": session.coverage,
                    "transcript": transcript.model_dump(mode="json"),
                },
                indent=2,
            )
        )
        return
    titles = {a.id: a.title for a in brief.probe_areas}
    for line in coverage_lines(session.coverage, titles):
        click.echo(line)
    status = "finished" if session.status == "finished" else f"stopped ({ended})"
    click.echo(f"Session {session.id}: {status}; engine {session.engine}.")
    if card is not None:
        from scoring.render import scorecard_table

        click.echo("")
        click.echo(scorecard_table(card))


def score_session(ws: Any, session_id: str, transcript: Any) -> Any:
    """Score a finished session offline and store the scorecard with it."""
    from simulator.cli.score import rubric_by_id, score_with_brief
    from simulator.store.scorecards import ScorecardStore

    card = score_with_brief(ws, transcript, rubric_by_id("system-design"))
    ScorecardStore(ws.db).save_all([(card, session_id, f"session {session_id}")])
    return card
