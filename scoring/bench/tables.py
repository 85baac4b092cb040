"""A bench result as tables: sections of rows that the terminal and the HTML report share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.bench.perturb import PERTURBATIONS
from scoring.bench.results import GROUP_ORDER, BenchResult, RaterSummary

DASH = "—"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    header: list[str]
    rows: list[list[str]]


def number(value: float | None, digits: int = 2, *, signed: bool = False) -> str:
    if value is None:
        return DASH
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def headline(result: BenchResult) -> str:
    simulated = f" ({result.synthetic} simulated)" if result.synthetic else ""
    return (
        f"Bench · rubric {result.rubric_id} {result.rubric_version} · "
        f"{result.transcripts} transcripts{simulated} · "
        f"raters {', '.join(r.name for r in result.raters)}"
    )


def _cost(rater: RaterSummary) -> list[str]:
    if rater.kind == "human":
        return [DASH, DASH]
    counted = ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens")
    tokens = sum(int(rater.usage.get(k) or 0) for k in counted)  # output includes thinking
    dollars = rater.usage.get("dollars", 0.0)
    return [f"{tokens:,}", "unknown" if dollars is None else f"${dollars:.2f}"]


def raters_section(result: BenchResult) -> Section:
    rows = [
        [
            r.name,
            r.kind,
            str(r.repeats),
            str(r.transcripts),
            number(r.retest, 3),
            number(r.severity, signed=True),
            number(r.length_bias),
            *_cost(r),
        ]
        for r in result.raters
    ]
    header = ["rater", "kind", "repeats", "transcripts", "retest α", "severity", "length ρ",
              "tokens", "cost"]  # fmt: skip
    return Section("raters", "Raters", header, rows)


def alpha_section(result: BenchResult) -> Section | None:
    if not result.alpha_by_dimension:
        return None
    rows = [[d, number(a, 3)] for d, a in result.alpha_by_dimension.items()]
    rows.append(["overall (pooled)", number(result.alpha, 3)])
    return Section("alpha", "Agreement: Krippendorff's alpha (ordinal)", ["dimension", "α"], rows)


def pairs_section(result: BenchResult) -> Section | None:
    if not result.pairs:
        return None
    rows = [
        [f"{p.a} · {p.b}", str(p.units), number(p.kappa, 3), number(p.exact), number(p.adjacent)]
        for p in result.pairs
    ]
    header = ["raters", "units", "kappa (quadratic)", "exact", "adjacent"]
    return Section("pairs", "Pairwise agreement", header, rows)


def disagreement_section(result: BenchResult) -> Section | None:
    if not result.disagreements:
        return None
    rows = [
        [
            d.transcript,
            number(d.spread),
            d.dimension,
            ", ".join(f"{r} {DASH if v is None else v}" for r, v in d.levels.items()),
        ]
        for d in result.disagreements
    ]
    header = ["transcript", "mean spread", "widest dimension", "levels there"]
    return Section("disagreement", "Most disagreement (calibrate on these)", header, rows)


def robustness_section(result: BenchResult) -> Section | None:
    machine = [r for r in result.raters if r.robustness]
    if not machine:
        return None
    names = list(PERTURBATIONS)
    rows = [[r.name, *(number(r.robustness.get(n)) for n in names)] for r in machine]
    title = (
        f"Robustness: mean |level change| on {result.robustness_sample} perturbed "
        "transcripts (lower is better)"
    )
    return Section("robustness", title, ["rater", *names], rows)


def known_groups_section(result: BenchResult) -> Section | None:
    if not result.known_groups:
        return None
    rows = [
        [
            g.rater,
            str(g.units),
            number(g.spearman, 3),
            *(number(g.group_means.get(name)) for name in GROUP_ORDER),
            DASH if g.ordered is None else ("yes" if g.ordered else "NO"),
        ]
        for g in result.known_groups
    ]
    header = ["rater", "units", "expected ρ", *GROUP_ORDER, "strong > average > weak"]
    title = f"Known groups: {result.synthetic} simulated transcripts"
    return Section("known-groups", title, header, rows)


def comparison_section(result: BenchResult) -> Section | None:
    c = result.comparison
    if c is None:
        return None
    rows = [
        [
            s.dimension,
            str(s.transcripts),
            number(s.shift, signed=True),
            f"[{number(s.low, signed=True)}, {number(s.high, signed=True)}]",
            "*" if s.flagged else "",
        ]
        for s in c.shifts
    ]
    title = (
        f"Compare {c.b} − {c.a} per dimension (95% bootstrap interval, {c.resamples} "
        "resamples; * = interval excludes zero)"
    )
    return Section("compare", title, ["dimension", "n", "shift", "95% interval", ""], rows)


def gates_section(result: BenchResult) -> Section | None:
    if not result.gates:
        return None
    rows = [
        [g.metric, f">= {g.threshold:g}", number(g.value, 3), "ok" if g.passed else "MISSED"]
        for g in result.gates
    ]
    return Section("gates", "Gates", ["metric", "threshold", "value", ""], rows)


def sections(result: BenchResult) -> list[Section]:
    """Every table of the result, in reading order."""
    found = [
        raters_section(result),
        alpha_section(result),
        pairs_section(result),
        disagreement_section(result),
        robustness_section(result),
        known_groups_section(result),
        comparison_section(result),
        gates_section(result),
    ]
    return [s for s in found if s is not None]


def is_numeric_column(cells: Sequence[str]) -> bool:
    """Figures (numbers, intervals, dashes, costs) line up on the right; words on the left."""
    return all(not c or c == DASH or c.lstrip("+-$[>= ")[:1].isdigit() for c in cells)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns padded to width: words left-aligned, figures right-aligned."""
    columns = list(zip(header, *rows, strict=True))
    widths = [max(len(c) for c in column) for column in columns]
    right = [i > 0 and is_numeric_column(column[1:]) for i, column in enumerate(columns)]
    lines = []
    for row in (header, *rows):
        cells = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def bench_tables(result: BenchResult) -> str:
    """The whole result as text, sections separated by blank lines."""
    blocks = [headline(result)]
    blocks += ["\n".join([s.title, *text_table(s.header, s.rows)]) for s in sections(result)]
    if result.notes:
        blocks.append("\n".join(f"Note: {note}" for note in result.notes))
    return "\n\n".join(blocks)
