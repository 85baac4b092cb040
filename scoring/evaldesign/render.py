"""The eval-design report as text: a terminal table, or JSON.

A report whose eval did not run to its end (the sandbox stopped it, or it could not be
collected) is one line in the table: the sandbox's verdict. JSON always carries everything,
with `caught_regression` at the top level.
"""

from __future__ import annotations

import json

from scoring.evaldesign.report import EvalDesignReport, RunOutcome

MAX_FAILING_SHOWN = 3
_WIDTH = 100


def report_json(report: EvalDesignReport) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def report_table(report: EvalDesignReport) -> str:
    if report.stopped is not None:
        return f"{report.task} · {report.eval_file}: {report.stopped}\n"
    lines = [
        f"Eval design check · {report.task} · {report.eval_file}",
        report.summary,
        "",
        f"{'version':<8} {'verdict':<8} {'tests':>5} {'pass':>5} {'fail':>5} {'seconds':>8}",
    ]
    for run in (report.good, report.broken):
        lines += _run_rows(run)
    lines.append("")
    kinds = ", ".join(f"{k.label} {k.read}/{k.total}" for k in report.kinds)
    lines.append(f"{'items read':<13}{kinds}")
    threshold = (
        f"{report.threshold.text} (line {report.threshold.line})"
        if report.threshold is not None
        else "none: no pass rate or score is compared with a number"
    )
    lines.append(f"{'threshold':<13}{threshold}")
    if report.styles:
        for n, style in enumerate(report.styles):
            head = "eval style" if n == 0 else ""
            where = ", ".join(str(line) for line in style.lines)
            word = "line" if len(style.lines) == 1 else "lines"
            lines.append(_clip(f"{head:<13}{style.label} ({word} {where}: {style.reason})"))
    else:
        lines.append(f"{'eval style':<13}none recognised")
    lines.append(f"{'in CI':<13}{ci_text(report)}")
    for note in report.ci.notes:
        lines.append(_clip(f"{'':<13}{note}"))
    return "\n".join(lines) + "\n"


def ci_text(report: EvalDesignReport) -> str:
    ci = report.ci
    parts = [
        f"markers {', '.join(ci.markers)}" if ci.markers else "no marker of its own",
        "parametrized" if ci.parametrized else "not parametrized",
    ]
    if not ci.notes:
        parts.append("nothing says when it runs")
    return ", ".join(parts)


def _run_rows(run: RunOutcome) -> list[str]:
    rows = [
        f"{run.version:<8} {run.verdict:<8} {run.tests:>5} {run.passed:>5} {run.failed:>5} "
        f"{run.seconds:>8.1f}"
    ]
    for failing in run.failing[:MAX_FAILING_SHOWN]:
        rows.append(_clip(f"{'':<9}{failing}"))
    if len(run.failing) > MAX_FAILING_SHOWN:
        rows.append(f"{'':<9}… and {len(run.failing) - MAX_FAILING_SHOWN} more")
    return rows


def _clip(text: str) -> str:
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"
