"""The eval-design grade as text: a terminal table (in the manner of the interview scorecard's)
or JSON, alone or with the check's report."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator

from scoring.evaldesign.grading import DimensionGrade, EvalDesignGrade
from scoring.evaldesign.report import EvalDesignReport
from scoring.render import level_text

WIDTH = 100
QUOTE_AT_MOST = 160  # characters of a note's sentence shown; the JSON has it whole
_TITLE = 34
_LEVEL = 12
_INDENT = "    "


def grade_json(grade: EvalDesignGrade, report: EvalDesignReport | None = None) -> str:
    """The grade as JSON; with `report`, {"report": ..., "grade": ...}."""
    data = grade.model_dump(mode="json")
    if report is not None:
        data = {"report": report.model_dump(mode="json"), "grade": data}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_grade(grade: EvalDesignGrade) -> str:
    """The grade as aligned plain text, ending with a newline."""
    return "\n".join(_lines(grade)) + "\n"


def _lines(grade: EvalDesignGrade) -> Iterator[str]:
    yield (
        f"Eval design grade · {grade.task} ({grade.task_kind}) · {grade.eval_file} · rubric "
        f"{grade.rubric} {grade.version} · rater {grade.rater}"
    )
    yield grade.summary
    yield ""
    yield f"{'dimension':<{_TITLE}} {'level':<{_LEVEL}} weight"
    for dimension in grade.dimensions:
        yield from _dimension(dimension)
    yield ""
    recommendation = grade.recommendation.replace("_", " ")
    yield from _wrapped(f"Overall: {recommendation} ({grade.recommendation_reason})", "")
    yield from _wrapped(f"How this was read: {grade.method}", "")
    for remark in grade.remarks:
        yield from _wrapped(remark, "")
    for sentence in grade.aimed_at_grader:
        yield from _wrapped(f"Aimed at the grader, not read: “{_clip(sentence)}”", "")


def _dimension(d: DimensionGrade) -> Iterator[str]:
    yield f"{d.title:<{_TITLE}} {level_text(d.level):<{_LEVEL}} {d.weight:g}"
    yield from _wrapped(d.rationale, _INDENT)
    for evidence in d.evidence:
        text = f"note: “{_clip(evidence.text)}”" if evidence.source == "note" else evidence.text
        yield from _wrapped(f"· {text}", _INDENT, _INDENT + "  ")
    if d.cap:
        yield from _wrapped(d.cap, _INDENT)
    if d.stronger:
        yield from _wrapped(f"stronger: {d.stronger}", _INDENT, _INDENT + "  ")


def _wrapped(text: str, indent: str, then: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if then is None else then,
        break_on_hyphens=False,
    )


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_AT_MOST else text[: QUOTE_AT_MOST - 1] + "…"
