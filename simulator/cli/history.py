"""`mockloop history`: past sessions."""

from __future__ import annotations

import click

from simulator.cli.show import show


@click.command()
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True)
@click.option("--unfinished", is_flag=True, help="Only sessions that can be resumed.")
def history(limit: int, unfinished: bool) -> None:
    """List past sessions, newest first."""
    from simulator.workspace import Workspace

    with Workspace() as ws:
        rows = ws.sessions.recent(status="active" if unfinished else None, limit=limit)
        if not rows:
            if unfinished:
                show("No unfinished sessions to resume; `mockloop history` lists every session.")
            else:
                show("No sessions yet. Start one with `mockloop practice` or `mockloop simulate`.")
            return
        show(f"{'session':<24} {'brief':<26} {'candidate':<20} {'status':<9} phase")
        for row in rows:
            candidate = row.candidate.split("/")[-1]
            show(
                f"{row.id:<24} {row.brief_id:<26} {candidate[:20]:<20} {row.status:<9} {row.phase}"
            )
