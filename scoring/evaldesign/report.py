"""The report of `mockloop evaldesign check`: what the candidate's eval did on the good and the
broken version of a work sample, and what its source shows.

The rule, stated once (`build_report`): an eval catches the regression only when it passes on
the good version AND fails on the broken one. Failing on the good version means the eval is
wrong, not the prompt. A run the sandbox stopped or that could not run (error, timeout,
memory, refused) is neither a pass nor a failure: the report is then one line, the sandbox's
verdict, and `caught_regression` is false.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from scoring.worksample.models import ItemLabel

Verdict = Literal["passed", "failed", "error", "timeout", "memory", "refused"]
Version = Literal["good", "broken"]
StyleId = Literal["exact_match", "pattern", "similarity", "model_graded"]
LABELS: tuple[ItemLabel, ...] = ("positive", "edge", "adversarial")
# Verdicts where the eval ran to its end; any other is the sandbox's (or pytest's) word.
FINISHED: frozenset[str] = frozenset({"passed", "failed"})
STOPPED_BY_SANDBOX: frozenset[str] = frozenset({"timeout", "memory", "refused"})


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RunOutcome(Model):
    """One run of the eval against one version's outputs."""

    version: Version
    verdict: Verdict
    detail: str  # one line: why
    tests: int = 0
    passed: int = 0
    failed: int = 0  # failed or errored in setup or teardown
    skipped: int = 0
    failing: list[str] = []  # "test_name: why", in the order pytest ran them
    touched: list[str] = []  # the ids of the items the tests read
    seconds: float = 0.0


class KindCoverage(Model):
    """How many items of one kind (a dataset label) at least one test read."""

    label: ItemLabel
    read: int
    total: int


class StyleFinding(Model):
    style: StyleId
    label: str  # as the user reads it: "exact match"
    lines: list[int]  # where in the eval (first few)
    reason: str  # what was recognised: "== against the expected fields"


class Threshold(Model):
    text: str  # the comparison as written: "accuracy >= 0.9"
    value: float | None  # the number, when it is a literal or a named constant
    line: int


class CiHints(Model):
    """What the source says about how the eval would run in CI."""

    markers: list[str] = []  # the team's own pytest markers: "eval", "nightly"
    parametrized: bool = False
    notes: list[str] = []  # "line 3: runs nightly in CI"


class EvalAnalysis(Model):
    """What reading the eval's source (never running it) shows."""

    tests: int
    asserts: int
    styles: list[StyleFinding]
    threshold: Threshold | None
    ci: CiHints
    syntax_error: str | None = None  # "invalid syntax (line 3)"


class EvalDesignReport(Model):
    task: str
    eval_file: str
    caught_regression: bool
    passes_on_good: bool
    fails_on_broken: bool
    summary: str  # the headline, one line
    stopped: str | None  # the sandbox's verdict in one line when a run did not finish
    good: RunOutcome
    broken: RunOutcome
    kinds: list[KindCoverage]
    threshold_set: bool
    threshold: Threshold | None
    styles: list[StyleFinding]
    ci: CiHints
    tests_written: int


def build_report(
    task: str,
    eval_file: str,
    analysis: EvalAnalysis,
    good: RunOutcome,
    broken: RunOutcome,
    labels: dict[str, ItemLabel],
) -> EvalDesignReport:
    """The report from the two runs, the source analysis and the dataset's labels."""
    passes_on_good = good.verdict == "passed"
    fails_on_broken = broken.verdict == "failed"
    stopped = _stopped(good, broken)
    return EvalDesignReport(
        task=task,
        eval_file=eval_file,
        caught_regression=passes_on_good and fails_on_broken,
        passes_on_good=passes_on_good,
        fails_on_broken=fails_on_broken,
        summary=stopped or _summary(good, broken),
        stopped=stopped,
        good=good,
        broken=broken,
        kinds=kind_coverage(set(good.touched) | set(broken.touched), labels),
        threshold_set=analysis.threshold is not None,
        threshold=analysis.threshold,
        styles=analysis.styles,
        ci=analysis.ci,
        tests_written=analysis.tests,
    )


def kind_coverage(touched: set[str], labels: dict[str, ItemLabel]) -> list[KindCoverage]:
    """Per label, in the order positive, edge, adversarial: items read of items in the set."""
    return [
        KindCoverage(
            label=label,
            read=sum(1 for item, lab in labels.items() if lab == label and item in touched),
            total=sum(1 for lab in labels.values() if lab == label),
        )
        for label in LABELS
    ]


def _stopped(good: RunOutcome, broken: RunOutcome) -> str | None:
    for run in (good, broken):
        if run.verdict in FINISHED:
            continue
        what = (
            "the sandbox stopped the eval"
            if run.verdict in STOPPED_BY_SANDBOX
            else "the eval did not run"
        )
        return f"{what}: {run.verdict} on the {run.version} version: {run.detail}"
    return None


def _summary(good: RunOutcome, broken: RunOutcome) -> str:
    if good.verdict == "failed":
        why = f" ({good.failing[0]})" if good.failing else ""
        return f"Fails on the good version: the eval is wrong, not the prompt{why}."
    if broken.verdict == "failed":
        return (
            "Catches the regression: passes on the good version, fails on the broken one "
            f"({broken.failed} of {broken.tests} tests fail)."
        )
    return "Misses the regression: passes on the good version and on the broken one."
