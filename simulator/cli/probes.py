"""`mockloop probes`: an interviewer guide (probe script) for a brief."""

from __future__ import annotations

import json
from pathlib import Path

import click

from simulator.cli.options import DASH_IS_STDOUT_JSON, briefs_dir_option, minutes_option
from simulator.cli.show import show


@click.command()
@click.argument("brief_id")
@minutes_option
@click.option(
    "--rubric",
    "rubric_id",
    default="system-design",
    show_default=True,
    help="Rubric whose levels, red flags and weights the guide shows.",
)
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Write the guide to this file (replaced if it exists; {DASH_IS_STDOUT_JSON}).",
)
@briefs_dir_option
def probes(
    brief_id: str,
    minutes: int,
    rubric_id: str,
    fmt: str,
    out: Path | None,
    briefs_dir: Path | None,
) -> None:
    """Write an interviewer guide for a brief: timing plan, probes, follow-ups keyed to what
    the candidate says, what each level sounds like, red flags, curveballs, scoring sheet."""
    from simulator.cli.errors import fail
    from simulator.cli.output import write_text_file
    from simulator.content.loader import load_library
    from simulator.guide import GuideMismatchError, build_guide, render_markdown
    from simulator.services.rubrics import rubric_by_id

    brief = load_library(briefs_dir).brief(brief_id)
    rubric = rubric_by_id(rubric_id)
    try:
        guide = build_guide(brief, rubric, minutes)
    except GuideMismatchError as exc:
        fail(str(exc))
    if fmt == "json":
        text = json.dumps(guide.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_markdown(guide)
    if out is None:
        show(text, nl=False)
        return
    write_text_file(out, text, overwrite=True)
    show(f"wrote {out}", err=True)
