"""`mockloop bench`: how consistent is a rubric? Several raters over many transcripts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scoring.transcripts.formats import format_names
from simulator.cli.options import DASH_IS_STDOUT, DASH_IS_STDOUT_JSON
from simulator.cli.show import show

if TYPE_CHECKING:
    from scoring.bench.ratings import BenchTranscript, Rating
    from scoring.bench.results import BenchResult
    from scoring.transcripts.model import Transcript
    from simulator.bench_synthetic import SyntheticRound
    from simulator.workspace import Workspace

DEFAULT_RATER = "offline"


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """The bench's own input errors become one line on stderr and exit code 2."""
    from scoring.bench.gates import GateError
    from scoring.bench.human import HumanRatingsError
    from scoring.bench.raters import RaterError
    from scoring.bench.run import BenchInputError
    from simulator.cli.errors import fail

    try:
        yield
    except (BenchInputError, GateError, HumanRatingsError, RaterError) as exc:
        fail(str(exc))


@contextmanager
def _progress(label: str, length: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when it is a terminal; silent otherwise (logs, pipes)."""
    if length <= 0 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rubric", "rubric_id", default="system-design", show_default=True)
@click.option(
    "--rater",
    "rater_specs",
    multiple=True,
    metavar="SPEC",
    help="offline, offline:plain or claude:MODEL; repeat for several (default: offline).",
)
@click.option(
    "--repeats",
    type=click.IntRange(1, 50),
    default=1,
    show_default=True,
    help="Rate every transcript K times per machine rater (test-retest).",
)
@click.option(
    "--human",
    "human_csv",
    type=click.Path(path_type=Path),
    default=None,
    metavar="RATINGS.CSV",
    help="Human ratings: transcript,rater,dimension,level.",
)
@click.option(
    "--synthetic",
    type=click.IntRange(0, 100_000),
    default=0,
    metavar="N",
    help="Add N simulated transcripts with known expected levels.",
)
@click.option("--batch", is_flag=True, help="Model raters use a batch API (no-op offline).")
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help=f"Write every figure as JSON ({DASH_IS_STDOUT_JSON}).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE.html",
    help=f"Write a self-contained HTML report with charts ({DASH_IS_STDOUT}).",
)
@click.option(
    "--fail-under",
    "gate_texts",
    multiple=True,
    metavar="METRIC=VALUE",
    help="Exit 1 when a metric is below VALUE: alpha, kappa, exact, adjacent, "
    "retest, known_groups.",
)
@click.option(
    "--compare",
    nargs=2,
    default=None,
    metavar="RATER_A RATER_B",
    help="Per-dimension shift B − A with bootstrap 95% intervals.",
)
@click.option(
    "--perturb",
    "perturb_sample",
    type=click.IntRange(0, 100_000),
    default=40,
    show_default=True,
    metavar="N",
    help="Re-rate perturbed copies of N transcripts (robustness); 0 skips it.",
)
@click.option("--candidate-label", default=None, help="The candidate's speaker label or name.")
@click.option(
    "--input-format",
    type=click.Choice(sorted(format_names())),
    default=None,
    help="Read every file in this format instead of guessing.",
)
@click.option("--no-save", is_flag=True, help="Do not store the run in the database.")
def bench(
    paths: tuple[Path, ...],
    rubric_id: str,
    rater_specs: tuple[str, ...],
    repeats: int,
    human_csv: Path | None,
    synthetic: int,
    batch: bool,
    json_path: Path | None,
    report_path: Path | None,
    gate_texts: tuple[str, ...],
    compare: tuple[str, str] | None,
    perturb_sample: int,
    candidate_label: str | None,
    input_format: str | None,
    no_save: bool,
) -> None:
    """Score transcripts with several raters and measure the rubric's consistency.

    PATH is a transcript file or a folder of them (JSON, Markdown, text, WebVTT). Reports
    Krippendorff's alpha, kappa, agreement, severity, length bias, robustness, known groups
    and cost; --fail-under makes it a CI gate (exit 1). Bad input exits 2 and stores nothing.
    """
    from scoring.bench.gates import check_gates_possible, evaluate, missed_reason, parse_gate
    from scoring.bench.human import read_human_ratings, transcript_names
    from scoring.bench.raters import RaterOptions
    from scoring.bench.run import BenchPlan, check_plan, rate_bench, robustness, summarize
    from simulator.cli import bench_inputs
    from simulator.cli.errors import fail
    from simulator.cli.output import check_output_paths, is_stdout
    from simulator.services.rubrics import rubric_by_id
    from simulator.workspace import Workspace

    with _one_line_errors():
        gates = [parse_gate(text) for text in gate_texts]
        check_output_paths([("--json", json_path), ("--report", report_path)], overwrite=True)
        if not paths and not synthetic:
            fail("no transcripts to bench: give transcript files or folders, or --synthetic N")
        rubric = rubric_by_id(rubric_id)
        files = bench_inputs.transcript_files(paths)
        items = bench_inputs.load_items(files, candidate_label=candidate_label, fmt=input_format)

    with Workspace() as ws, _one_line_errors():
        options = RaterOptions(batch=batch, matcher=ws.matcher, entity_words=_entities(ws))
        raters = bench_inputs.build_raters(rater_specs or (DEFAULT_RATER,), options)
        planned = _planned(ws, synthetic)
        plan = BenchPlan(
            rubric,
            items,
            raters,
            repeats=repeats,
            perturb_sample=perturb_sample,
            compare=compare,
            batch=batch,
        )
        if human_csv is not None:
            names = transcript_names(items, keys=[r.key for r in planned])
            plan.human = read_human_ratings(human_csv, rubric, names)
        # Every check before the slow part: simulating, then rating.
        check_plan(plan, simulated=len(planned))
        check_gates_possible(
            gates, raters=len(plan.rater_names), repeats=repeats, synthetic=synthetic
        )
        if planned:
            plan.items = items + _simulated(ws, planned)
        with _progress("rating", plan.steps()) as advance:
            table = rate_bench(plan, advance)
            robust = robustness(plan, table, advance) if perturb_sample else {}
        result = summarize(plan, table, robust)
        result.gates = evaluate(result, gates)
        _write_outputs(result, json_path, report_path)
        run_id = None if no_save else _store(ws, result, table.ratings)

    from scoring.bench.tables import bench_tables

    # With `--json -` or `--report -` standard output carries that alone; the tables go aside.
    aside = is_stdout(json_path) or is_stdout(report_path)
    show(bench_tables(result), err=aside)
    if run_id:
        show(f"\nStored as bench run {run_id}.", err=aside)
    reason = missed_reason(result.gates)
    if reason:
        fail(reason, code=1)


def _entities(ws: Workspace) -> Callable[[Transcript], frozenset[str]]:
    from simulator.interview.analysis import entity_words

    def words(transcript: Transcript) -> frozenset[str]:
        brief = ws.library.briefs.get(str(transcript.source.get("brief", "")))
        return entity_words(brief) if brief is not None else frozenset()

    return words


def _planned(ws: Workspace, count: int) -> list[SyntheticRound]:
    if not count:
        return []  # without --synthetic, the interview agent (LangGraph) is never loaded
    from simulator.bench_synthetic import plan_rounds

    return plan_rounds(ws.library, count)


def _simulated(ws: Workspace, planned: list[SyntheticRound]) -> list[BenchTranscript]:
    from simulator.bench_synthetic import simulate_rounds

    with _progress("simulating", len(planned)) as advance:
        return simulate_rounds(ws.library, planned, matcher=ws.matcher, progress=advance)


def _write_outputs(result: BenchResult, json_path: Path | None, report_path: Path | None) -> None:
    import json

    from scoring.bench.report_html import render_report
    from simulator.cli.output import write_text_file

    if json_path is not None:
        write_text_file(json_path, json.dumps(result.to_json(), indent=2) + "\n", overwrite=True)
    if report_path is not None:
        write_text_file(report_path, render_report(result), overwrite=True)


def _store(ws: Workspace, result: BenchResult, ratings: list[Rating]) -> str:
    from simulator.store.bench import BenchStore

    return BenchStore(ws.db).save_run(result, ratings)
