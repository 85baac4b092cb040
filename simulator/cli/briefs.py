"""`mockloop briefs list|show|validate`."""

from __future__ import annotations

from pathlib import Path

import click

from simulator.cli.options import briefs_dir_option


@click.group()
def briefs() -> None:
    """List, show and validate product briefs."""


@briefs.command("list")
@briefs_dir_option
def list_briefs(briefs_dir: Path | None) -> None:
    """List the briefs you can practise on."""
    from simulator.content.loader import load_library

    library = load_library(briefs_dir)
    for brief in library.briefs.values():
        click.echo(f"{brief.id:<28} {brief.title}")
        click.echo(f"{'':<28} {brief.summary}")


@briefs.command("show")
@click.argument("brief_id")
@click.option(
    "--all", "show_all", is_flag=True, help="Also show hidden facts and strong-answer notes."
)
@briefs_dir_option
def show_brief(brief_id: str, show_all: bool, briefs_dir: Path | None) -> None:
    """Show a brief as the candidate reads it (--all: as the interviewer sees it)."""
    from simulator.content.loader import load_library

    brief = load_library(briefs_dir).brief(brief_id)
    click.secho(brief.title, bold=True)
    click.echo(brief.brief.strip())
    click.echo("\nConstraints:")
    for constraint in brief.constraints:
        click.echo(f"  - {constraint}")
    click.echo("\nProbe areas:")
    for n, area in enumerate(brief.probe_areas, start=1):
        click.echo(f"  {n}. {area.title} ({area.dimension}): {area.main_probe}")
    if not show_all:
        return
    click.echo("\nHidden facts (revealed when asked):")
    for fact in brief.facts:
        click.echo(f"  - {fact.id}: {fact.answer}")
    click.echo("\nCurveballs:")
    for curveball in brief.curveballs:
        click.echo(f"  - {curveball.text}")
    click.echo("\nA strong answer covers:")
    for note in brief.strong_answer_notes:
        click.echo(f"  - {note}")


@briefs.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@briefs_dir_option
def validate_briefs(files: tuple[Path, ...], briefs_dir: Path | None) -> None:
    """Check brief files (default: every brief mockloop can find). Exit 2 on the first error."""
    from scoring.content import ContentError, load_model
    from simulator.content.loader import load_library
    from simulator.content.models import Brief

    if files:
        for path in files:
            brief = load_model(path, Brief)
            if path.stem != brief.id:
                raise ContentError(f"{path}: id: brief id {brief.id!r} must match the file name")
            click.echo(f"ok  {path} ({brief.id})")
        return
    library = load_library(briefs_dir)
    for brief_id, path in library.brief_files.items():
        click.echo(f"ok  {path} ({brief_id})")
