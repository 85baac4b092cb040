"""`mockloop transcripts list|show|export`."""

from __future__ import annotations

from pathlib import Path

import click

from simulator.cli.options import DASH_IS_STDOUT_JSON
from simulator.cli.show import show


@click.group()
def transcripts() -> None:
    """List, show and export session transcripts."""


@transcripts.command("list")
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True)
def list_transcripts(limit: int) -> None:
    """Sessions with their number of turns."""
    from simulator.workspace import Workspace

    with Workspace() as ws:
        rows = ws.sessions.recent(limit=limit)
        if not rows:
            show("No transcripts yet.")
        for row in rows:
            count = ws.db.table("turns").count_where("session_id = ?", [row.id])
            show(f"{row.id:<24} {row.brief_id:<26} {count:>3} turns  {row.status}")


@transcripts.command("show")
@click.argument("session")
def show_transcript(session: str) -> None:
    """Print a session's transcript."""
    from simulator.cli.render import echo_turns
    from simulator.workspace import Workspace

    with Workspace() as ws:
        row = ws.sessions.find(session)
        echo_turns(ws.sessions.round_turns(row.id), 0)


@transcripts.command("export")
@click.argument("session")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=f"Write to this file instead of standard output ({DASH_IS_STDOUT_JSON}).",
)
def export_transcript_cmd(session: str, fmt: str, out: Path | None) -> None:
    """Export a session's transcript as Markdown or JSON (re-importable by `mockloop score`)."""
    from scoring.transcripts import export_transcript
    from simulator.cli.output import is_stdout, write_text_file
    from simulator.workspace import Workspace

    with Workspace() as ws:
        row = ws.sessions.find(session)
        text = export_transcript(ws.sessions.transcript(row.id), "md" if fmt == "md" else "json")
    if out is None or is_stdout(out):
        show(text, nl=False)
        return
    write_text_file(out, text, overwrite=True)
    show(f"wrote {out}", err=True)
