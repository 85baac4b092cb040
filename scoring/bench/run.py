"""A bench run: rate every transcript with every rater (and its repeats), re-rate perturbed
copies of a sample, then compute every figure. No I/O: the CLI reads and writes."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from scoring.bench import metrics
from scoring.bench.perturb import PERTURBATIONS
from scoring.bench.raters import (
    BulkRater,
    Levels,
    Progress,
    Rater,
    RaterError,
    SpreadRater,
)
from scoring.bench.ratings import LEVELS, BenchTranscript, Rating, RatingTable
from scoring.bench.results import BenchResult, RaterSummary
from scoring.bench.stats import mean_abs_change
from scoring.rubrics.models import Rubric
from scoring.transcripts.model import Transcript

DEFAULT_PERTURB_SAMPLE = 40
SAMPLE_SEED = 7


class BenchInputError(ValueError):
    """A bench that cannot run as asked; the message is one line."""


@dataclass
class BenchPlan:
    """Everything a run needs, already read and checked."""

    rubric: Rubric
    items: list[BenchTranscript]
    raters: list[Rater]
    human: list[Rating] = field(default_factory=list)
    repeats: int = 1
    perturb_sample: int = DEFAULT_PERTURB_SAMPLE
    compare: tuple[str, str] | None = None
    batch: bool = False

    @property
    def human_raters(self) -> list[str]:
        return list(dict.fromkeys(r.rater for r in self.human))

    @property
    def rater_names(self) -> list[str]:
        return [r.name for r in self.raters] + self.human_raters

    def sample(self) -> list[BenchTranscript]:
        """The transcripts whose perturbed copies are re-rated (seeded, in bench order)."""
        count = min(self.perturb_sample, len(self.items))
        chosen = set(random.Random(SAMPLE_SEED).sample(range(len(self.items)), count))
        return [item for i, item in enumerate(self.items) if i in chosen]

    def steps(self) -> int:
        """Rating calls the run will make (for a progress bar)."""
        machine = len(self.raters)
        return machine * (len(self.items) * self.repeats + len(self.sample()) * len(PERTURBATIONS))


def check_plan(plan: BenchPlan, *, simulated: int = 0) -> None:
    """Raise BenchInputError (one line) for a plan that cannot run.

    ``simulated`` counts transcripts still to be simulated (not yet in ``plan.items``).
    """
    if not plan.items and not simulated:
        raise BenchInputError(
            "no transcripts to bench: give transcript files or folders, or --synthetic N"
        )
    keys = [i.key for i in plan.items]
    if len(set(keys)) != len(keys):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise BenchInputError(f"two transcripts share the id {dup!r}; rename one of the files")
    machine = [r.name for r in plan.raters]
    if len(set(machine)) != len(machine):
        dup = next(n for n in machine if machine.count(n) > 1)
        raise BenchInputError(f"rater {dup!r} is given twice; use --repeats to rate again")
    clash = sorted(set(machine) & set(plan.human_raters))
    if clash:
        raise BenchInputError(f"the ratings CSV uses the machine rater's name {clash[0]!r}")
    if plan.compare:
        for name in plan.compare:
            if name not in plan.rater_names:
                raise BenchInputError(
                    f"--compare {name!r} is not a rater of this bench "
                    f"(raters: {', '.join(plan.rater_names)})"
                )
        if plan.compare[0] == plan.compare[1]:
            raise BenchInputError("--compare needs two different raters")


def _checked(rater: Rater, levels: Levels, dimensions: Sequence[str]) -> dict[str, int | None]:
    checked: dict[str, int | None] = {}
    for dimension in dimensions:
        level = levels.get(dimension)
        if level is not None and level not in LEVELS:
            raise RaterError(f"rater {rater.name} returned level {level!r} for {dimension}")
        checked[dimension] = level
    return checked


def rate_all(
    rater: Rater,
    transcripts: Sequence[Transcript],
    rubric: Rubric,
    progress: Progress | None = None,
) -> list[dict[str, int | None]]:
    """The rater's levels for each transcript, in order (in one call if it rates in bulk or
    spreads the work over the cores itself)."""
    dimensions = [d.id for d in rubric.dimensions]
    if isinstance(rater, BulkRater):
        found = rater.rate_all(transcripts, rubric)
        if progress:
            progress(len(transcripts))
        return [_checked(rater, levels, dimensions) for levels in found]
    if isinstance(rater, SpreadRater):
        found = rater.rate_many(transcripts, rubric, progress)
        return [_checked(rater, levels, dimensions) for levels in found]
    rated: list[dict[str, int | None]] = []
    for transcript in transcripts:
        rated.append(_checked(rater, rater.rate(transcript, rubric), dimensions))
        if progress:
            progress(1)
    return rated


def rate_bench(plan: BenchPlan, progress: Progress | None = None) -> RatingTable:
    """Every machine rating (every repeat) plus the human ones, as one table."""
    transcripts = [i.transcript for i in plan.items]
    ratings: list[Rating] = []
    for rater in plan.raters:
        for repeat in range(plan.repeats):
            found = rate_all(rater, transcripts, plan.rubric, progress)
            for item, levels in zip(plan.items, found, strict=True):
                ratings.extend(
                    Rating(item.key, rater.name, repeat, d, level) for d, level in levels.items()
                )
    ratings.extend(plan.human)
    return RatingTable(
        ratings,
        transcripts=[i.key for i in plan.items],
        dimensions=[d.id for d in plan.rubric.dimensions],
        raters=plan.rater_names,
    )


def robustness(
    plan: BenchPlan, table: RatingTable, progress: Progress | None = None
) -> dict[str, dict[str, float | None]]:
    """Per machine rater and perturbation: the mean absolute level change on the sample."""
    sample = plan.sample()
    units = [(i.key, d) for i in sample for d in table.dimensions]
    changes: dict[str, dict[str, float | None]] = {}
    for rater in plan.raters:
        before = table.vector(rater.name, units)
        changes[rater.name] = {}
        for name, perturb in PERTURBATIONS.items():
            copies = [perturb(i.transcript) for i in sample]
            after = [
                levels[d]
                for levels in rate_all(rater, copies, plan.rubric, progress)
                for d in table.dimensions
            ]
            changes[rater.name][name] = mean_abs_change(before, after)
    return changes


def run_bench(plan: BenchPlan, progress: Progress | None = None) -> tuple[BenchResult, RatingTable]:
    """Rate, re-rate the perturbed sample, and compute every figure."""
    check_plan(plan)
    table = rate_bench(plan, progress)
    robust = robustness(plan, table, progress) if plan.perturb_sample else {}
    return summarize(plan, table, robust), table


def summarize(
    plan: BenchPlan, table: RatingTable, robust: dict[str, dict[str, float | None]]
) -> BenchResult:
    names = plan.rater_names
    rubric = plan.rubric
    words = {i.key: i.words for i in plan.items}
    severity = metrics.severity(table, names) if len(names) >= 2 else {}
    points = {n: metrics.length_points(table, n, rubric, words) for n in names}
    summaries = [
        RaterSummary(
            name=rater.name,
            kind="machine",
            identity=rater.identity,
            repeats=plan.repeats,
            transcripts=len(plan.items),
            usage=rater.usage.model_dump(),
            retest=metrics.retest_alpha(table, rater.name),
            robustness=robust.get(rater.name, {}),
        )
        for rater in plan.raters
    ]
    summaries += [
        RaterSummary(
            name=name,
            kind="human",
            identity=f"human:{name}",
            repeats=1,
            transcripts=len(table.rated_transcripts(name)),
        )
        for name in plan.human_raters
    ]
    for summary in summaries:
        summary.severity = severity.get(summary.name)
        summary.length_bias = metrics.length_bias(points[summary.name])
    groups = [metrics.known_groups(table, r.name, rubric, plan.items) for r in plan.raters]
    return BenchResult(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        transcripts=len(plan.items),
        synthetic=sum(1 for i in plan.items if i.expected is not None),
        dimensions=table.dimensions,
        raters=summaries,
        alpha=metrics.overall_alpha(table, names) if len(names) >= 2 else None,
        alpha_by_dimension=metrics.alpha_by_dimension(table, names) if len(names) >= 2 else {},
        pairs=metrics.pairwise(table, names),
        disagreements=metrics.most_disagreed(table, names) if len(names) >= 2 else [],
        length_points=points,
        robustness_sample=len(plan.sample()) if plan.perturb_sample else 0,
        known_groups=[g for g in groups if g is not None],
        comparison=metrics.compare(table, *plan.compare) if plan.compare else None,
        notes=_notes(plan),
    )


def _notes(plan: BenchPlan) -> list[str]:
    notes: list[str] = []
    if plan.batch:
        unbatched = [r.name for r in plan.raters if not r.uses_batches]
        if unbatched:
            notes.append(
                f"--batch is a no-op for {', '.join(unbatched)}: "
                "it rates in-process, without a batch API"
            )
    if plan.repeats > 1:
        notes.append(
            f"each machine rater rated every transcript {plan.repeats} times; between-rater "
            "figures use the median of its repeats"
        )
    names = plan.rater_names
    if len(names) < 2:
        notes.append("agreement needs two or more raters: add --rater or --human")
    return notes
