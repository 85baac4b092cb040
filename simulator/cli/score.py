"""`mockloop score` and `mockloop rubrics`: scoring transcripts against a rubric."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scoring.transcripts.formats import format_names
from simulator.cli.options import effort_option, engine_option, judge_model_option
from simulator.cli.show import notice, show

if TYPE_CHECKING:
    from scoring.rubrics.models import Rubric
    from scoring.scorecard import Scorecard
    from scoring.transcripts.model import Transcript
    from simulator.engines.claude.judge import ClaudeJudge
    from simulator.workspace import Workspace


def estimate_line(
    judge: ClaudeJudge,
    transcripts: list[Transcript],
    rubric: Rubric,
    samples: int | None,
    *,
    batch: bool = False,
) -> str:
    """What a judge run will send, said before it goes (tokens counted by the API)."""
    from scoring.judge import DEFAULT_SAMPLES
    from scoring.judge.prompt import build_call
    from simulator.engines.claude.estimate import estimate_judging

    calls = [build_call(t, rubric) for t in transcripts]
    estimate = estimate_judging(judge, calls, samples or DEFAULT_SAMPLES, batch=batch)
    return estimate.text(judge.model, judge.effort)


def render_cards(cards: list[Scorecard], fmt: str) -> str:
    from scoring.render import scorecard_markdown, scorecard_table

    if fmt == "json":
        payload = [c.model_dump(mode="json") for c in cards]
        return json.dumps(payload[0] if len(payload) == 1 else payload, indent=2)
    render = scorecard_markdown if fmt == "md" else scorecard_table
    return "\n\n".join(render(c) for c in cards)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rubric", "rubric_id", default="system-design", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table",
              show_default=True)  # fmt: skip
@click.option("--candidate-label", default=None, help="The candidate's speaker label or name.")
@click.option(
    "--input-format",
    type=click.Choice(sorted(format_names())),
    default=None,
    help="Read every file in this format instead of guessing from its name and content.",
)
@click.option(
    "--brief",
    "brief_id",
    default=None,
    metavar="BRIEF",
    help="The brief the round was run on (for files that do not say): its figures check the "
    "candidate's token counts and prices offline.",
)
@click.option("--no-save", is_flag=True, help="Do not store the scorecards.")
@engine_option
@judge_model_option
@effort_option("Claude: how hard the judge thinks (default MOCKLOOP_JUDGE_EFFORT, else medium).")
@click.option(
    "--samples",
    type=click.IntRange(1, 9),
    default=None,
    help="Claude: judge each transcript K times and take the median per dimension (default 3).",
)
@click.option(
    "--batch",
    is_flag=True,
    help="Claude: send everything as one Message Batch (half price, may take hours); "
    "the batch id is stored.",
)
@click.option(
    "--resume-batch",
    "resume_batch",
    is_flag=False,
    flag_value="latest",
    default=None,
    metavar="[BATCH]",
    help="Collect a stored batch (default: the oldest open one).",
)
@click.option(
    "--poll",
    type=click.FloatRange(0.01, 3600),
    default=30.0,
    show_default=True,
    help="Seconds between checks on a batch.",
)
def score(
    files: tuple[Path, ...],
    rubric_id: str,
    fmt: str,
    candidate_label: str | None,
    input_format: str | None,
    brief_id: str | None,
    no_save: bool,
    engine: str,
    judge_model: str | None,
    effort: str | None,
    samples: int | None,
    batch: bool,
    resume_batch: str | None,
    poll: float,
) -> None:
    """Score transcript files (JSON, Markdown, text with speaker labels, WebVTT).

    Every file is read and checked before anything is scored or stored. With the claude
    engine (auto when ANTHROPIC_API_KEY is set) Claude judges: k samples, median per
    dimension, every quote verified, the recommendation computed from the levels. A card on
    which no dimension could be scored is shown, not stored, and the exit code is 1.
    """
    from scoring.transcripts import load_transcript
    from simulator.cli.errors import fail
    from simulator.services.judging import judge_for_choice
    from simulator.services.rubrics import rubric_by_id
    from simulator.workspace import Workspace

    if not files and resume_batch is None:
        fail("give one or more transcript files (or --resume-batch)")
    rubric = rubric_by_id(rubric_id)
    transcripts = [
        (p, load_transcript(p, candidate_label=candidate_label, fmt=input_format)) for p in files
    ]
    for path, transcript in transcripts:
        if warning := transcript.source.get("warning"):
            show(f"mockloop: {path}: {warning}", err=True)
    judge = judge_for_choice(engine, judge_model, effort, notice)
    if (batch or resume_batch) and judge is None:
        fail("--batch and --resume-batch need the claude engine (set ANTHROPIC_API_KEY)")
    with Workspace() as ws:
        if brief_id is not None:
            transcripts = _of_brief(ws, brief_id, transcripts)
        if judge is not None and (batch or resume_batch):
            from simulator.cli.score_batch import run_batch

            scored = run_batch(
                ws, judge, rubric, transcripts, samples=samples, poll=poll, resume=resume_batch
            )
        elif judge is not None:
            scored = _judged(ws, judge, rubric, transcripts, samples)
        else:
            scored = _offline(ws, rubric, transcripts)
        if not no_save:
            from simulator.store.scorecards import ScorecardStore

            kept = [(c, None, source) for c, source in scored if c.scored]
            ScorecardStore(ws.db).save_all(kept)
    if scored:
        show(render_cards([c for c, _ in scored], fmt))
    _fail_unscored(scored)


def _offline(
    ws: Workspace, rubric: Rubric, transcripts: list[tuple[Path, Transcript]]
) -> list[tuple[Scorecard, str]]:
    """Each transcript's offline card beside its path, in order, on every usable core."""
    from scoring.cores import map_on_cores
    from simulator.services.scoring import score_with_brief

    def one(item: tuple[Path, Transcript]) -> tuple[Scorecard, str]:
        return score_with_brief(ws, item[1], rubric), str(item[0])

    return map_on_cores(one, transcripts)


def _of_brief(
    ws: Workspace, brief_id: str, transcripts: list[tuple[Path, Transcript]]
) -> list[tuple[Path, Transcript]]:
    """Each transcript that names no brief of its own, as a round of `brief_id`."""
    from simulator.cli.errors import fail

    if brief_id not in ws.library.briefs:
        known = ", ".join(sorted(ws.library.briefs))
        fail(f"no brief {brief_id!r} (known: {known})")
    return [
        (
            p,
            t
            if t.source.get("brief")
            else t.model_copy(update={"source": {**t.source, "brief": brief_id}}),
        )
        for p, t in transcripts
    ]


def _fail_unscored(scored: list[tuple[Scorecard, str]]) -> None:
    """Exit 1 when any card could not be scored at all (shown above, not stored)."""
    from simulator.cli.errors import fail

    missing = [(c, source) for c, source in scored if not c.scored]
    if not missing:
        return
    card, source = missing[0]
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    fail(f"{source}: not scored: {card.unscored_reason()}{more}", code=1)


def _judged(
    ws: Workspace,
    judge: ClaudeJudge,
    rubric: Rubric,
    transcripts: list[tuple[Path, Transcript]],
    samples: int | None,
) -> list[tuple[Scorecard, str]]:
    from scoring.judge import JudgeUnavailableError
    from simulator.cli.errors import fail
    from simulator.services.scoring import judge_one

    scored: list[tuple[Scorecard, str]] = []
    for path, transcript in transcripts:
        show(f"mockloop: {path}: {estimate_line(judge, [transcript], rubric, samples)}", err=True)
        try:
            scored.append((judge_one(ws, transcript, rubric, judge, samples), str(path)))
        except JudgeUnavailableError as exc:
            fail(f"{path}: the Claude judge is unavailable: {exc}", code=1)
    return scored


@click.group()
def rubrics() -> None:
    """List, show and validate rubrics (add your own in MOCKLOOP_HOME/rubrics)."""


@rubrics.command("list")
def list_rubrics() -> None:
    from simulator.services.rubrics import all_rubrics

    for rubric in all_rubrics().values():
        dims = ", ".join(d.id for d in rubric.dimensions)
        show(f"{rubric.id:<16} {rubric.version:<12} {rubric.title}")
        show(f"{'':<29} {dims}")


@rubrics.command("show")
@click.argument("rubric_id")
def show_rubric(rubric_id: str) -> None:
    from simulator.services.rubrics import rubric_by_id

    rubric = rubric_by_id(rubric_id)
    show(f"{rubric.title} ({rubric.id} {rubric.version})", bold=True)
    for d in rubric.dimensions:
        show(f"\n{d.title} ({d.id}, weight {d.weight})")
        for level in (1, 2, 3, 4):
            show(f"  {level}: {' '.join(d.anchors.for_level(level).split())}")
    if rubric.red_flags:
        show("\nRed flags:")
        for flag in rubric.red_flags:
            show(f"  - {flag.id}: {' '.join(flag.description.split())} (caps "
                       f"{', '.join(flag.dimensions)} at {flag.cap})")  # fmt: skip


@rubrics.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def validate_rubrics(files: tuple[Path, ...]) -> None:
    """Check rubric files (default: every rubric mockloop can find). Exit 2 on an error."""
    from scoring.rubrics import load_rubric_file
    from simulator.services.rubrics import all_rubrics

    if files:
        for path in files:
            show(f"ok  {path} ({load_rubric_file(path).id})")
        return
    for rubric in all_rubrics().values():
        show(f"ok  {rubric.id} {rubric.version}")
