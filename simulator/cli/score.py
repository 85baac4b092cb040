"""`mockloop score` and `mockloop rubrics`: scoring transcripts against a rubric."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def user_rubrics_dir() -> Path:
    from simulator.paths import user_dir

    return user_dir("rubrics")


def rubric_by_id(rubric_id: str) -> Any:
    from scoring.rubrics import load_rubrics
    from simulator.cli.errors import fail

    rubrics = load_rubrics([user_rubrics_dir()])
    if rubric_id not in rubrics:
        fail(f"unknown rubric {rubric_id!r} (known: {', '.join(sorted(rubrics))})")
    return rubrics[rubric_id]


def score_with_brief(ws: Any, transcript: Any, rubric: Any) -> Any:
    """Score offline; a transcript from a known brief also gets credit for ties to it."""
    from scoring.heuristic import score_transcript
    from simulator.interview.analysis import entity_words

    brief_id = transcript.source.get("brief", "")
    entities = frozenset[str]()
    if brief_id and brief_id in ws.library.briefs:
        entities = entity_words(ws.library.briefs[brief_id])
    return score_transcript(transcript, rubric, matcher=ws.matcher, entity_words=entities)


def render_cards(cards: list[Any], fmt: str) -> str:
    from scoring.render import scorecard_markdown, scorecard_table

    if fmt == "json":
        payload = [c.model_dump(mode="json") for c in cards]
        return json.dumps(payload[0] if len(payload) == 1 else payload, indent=2)
    render = scorecard_markdown if fmt == "md" else scorecard_table
    return "\n\n".join(render(c) for c in cards)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rubric", "rubric_id", default="system-design", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table",
              show_default=True)  # fmt: skip
@click.option("--candidate-label", default=None, help="The candidate's speaker label or name.")
@click.option(
    "--input-format",
    type=click.Choice(["json", "md", "txt", "vtt"]),
    default=None,
    help="Read every file in this format instead of guessing from its name and content.",
)
@click.option("--no-save", is_flag=True, help="Do not store the scorecards.")
def score(
    files: tuple[Path, ...],
    rubric_id: str,
    fmt: str,
    candidate_label: str | None,
    input_format: str | None,
    no_save: bool,
) -> None:
    """Score transcript files (JSON, Markdown, text with speaker labels, WebVTT).

    Every file is read and checked before anything is scored or stored.
    """
    from scoring.transcripts import load_transcript
    from simulator.store.scorecards import ScorecardStore
    from simulator.workspace import Workspace

    rubric = rubric_by_id(rubric_id)
    transcripts = [
        (p, load_transcript(p, candidate_label=candidate_label, fmt=input_format)) for p in files
    ]
    with Workspace() as ws:
        cards = [score_with_brief(ws, t, rubric) for _, t in transcripts]
        if not no_save:
            ScorecardStore(ws.db).save_all(
                [(c, None, str(p)) for c, (p, _) in zip(cards, transcripts, strict=True)]
            )
    click.echo(render_cards(cards, fmt))


@click.group()
def rubrics() -> None:
    """List, show and validate rubrics (add your own in MOCKLOOP_HOME/rubrics)."""


@rubrics.command("list")
def list_rubrics() -> None:
    from scoring.rubrics import load_rubrics

    for rubric in load_rubrics([user_rubrics_dir()]).values():
        dims = ", ".join(d.id for d in rubric.dimensions)
        click.echo(f"{rubric.id:<16} {rubric.version:<12} {rubric.title}")
        click.echo(f"{'':<29} {dims}")


@rubrics.command("show")
@click.argument("rubric_id")
def show_rubric(rubric_id: str) -> None:
    rubric = rubric_by_id(rubric_id)
    click.secho(f"{rubric.title} ({rubric.id} {rubric.version})", bold=True)
    for d in rubric.dimensions:
        click.echo(f"\n{d.title} ({d.id}, weight {d.weight})")
        for level in (1, 2, 3, 4):
            click.echo(f"  {level}: {' '.join(d.anchors.for_level(level).split())}")
    if rubric.red_flags:
        click.echo("\nRed flags:")
        for flag in rubric.red_flags:
            click.echo(f"  - {flag.id}: {' '.join(flag.description.split())} (caps "
                       f"{', '.join(flag.dimensions)} at {flag.cap})")  # fmt: skip


@rubrics.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def validate_rubrics(files: tuple[Path, ...]) -> None:
    """Check rubric files (default: every rubric mockloop can find). Exit 2 on an error."""
    from scoring.rubrics import load_rubric_file, load_rubrics

    if files:
        for path in files:
            click.echo(f"ok  {path} ({load_rubric_file(path).id})")
        return
    for rubric in load_rubrics([user_rubrics_dir()]).values():
        click.echo(f"ok  {rubric.id} {rubric.version}")
