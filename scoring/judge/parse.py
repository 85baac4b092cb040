"""Reading one judge answer: every dimension checked on its own with pydantic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from scoring.judge.schema import DimensionJudgement, FlagQuote, GraderAimed
from scoring.rubrics.models import Rubric

M = TypeVar("M", bound=BaseModel)


@dataclass
class Sample:
    """One usable (possibly partial) answer of the judge."""

    levels: dict[str, DimensionJudgement] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # dimension id -> what was wrong
    red_flags: list[FlagQuote] = field(default_factory=list)
    grader_aimed: list[GraderAimed] = field(default_factory=list)

    def problem_text(self) -> str:
        return "; ".join(f"{dim}: {why}" for dim, why in self.problems.items())

    def merged_over(self, earlier: Sample) -> Sample:
        """This (retried) answer, keeping dimensions only the earlier answer got right."""
        levels = {**earlier.levels, **self.levels}
        problems = {d: why for d, why in self.problems.items() if d not in levels}
        return Sample(
            levels=levels,
            problems=problems,
            red_flags=self.red_flags or earlier.red_flags,
            grader_aimed=self.grader_aimed or earlier.grader_aimed,
        )


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]


def _items(model: type[M], raw: object) -> list[M]:
    if not isinstance(raw, list):
        return []
    items: list[M] = []
    for entry in raw:
        try:
            items.append(model.model_validate(entry))
        except ValidationError:
            continue  # a malformed flag is dropped; flags never raise a level
    return items


def parse_sample(tool_input: object, rubric: Rubric, *, stop_reason: str | None = None) -> Sample:
    """Check an answer against the rubric; problems name the dimension and the failure."""
    dimension_ids = [d.id for d in rubric.dimensions]
    cut = " (the answer was cut off at max_tokens)" if stop_reason == "max_tokens" else ""
    if not isinstance(tool_input, dict):
        why = f"the tool input is not a JSON object{cut}"
        return Sample(problems=dict.fromkeys(dimension_ids, why))
    raw = tool_input.get("dimensions")
    if not isinstance(raw, list):
        why = f"'dimensions' is missing or not a list{cut}"
        return Sample(problems=dict.fromkeys(dimension_ids, why))
    sample = Sample()
    for index, entry in enumerate(raw):
        name = entry.get("dimension") if isinstance(entry, dict) else None
        if name not in dimension_ids:
            continue  # unknown or missing id: reported below as a missing dimension
        assert isinstance(name, str)
        if name in sample.levels:
            sample.problems[name] = "given twice"
            continue
        try:
            sample.levels[name] = DimensionJudgement.model_validate(entry)
        except ValidationError as exc:
            sample.problems[name] = f"dimensions.{index}.{_first_error(exc)}"
    for dim in dimension_ids:
        if dim not in sample.levels and dim not in sample.problems:
            sample.problems[dim] = f"missing{cut}"
    for dim in [d for d in sample.problems if d in sample.levels]:
        del sample.levels[dim]  # a duplicated dimension is not trusted either way
    sample.red_flags = _items(FlagQuote, tool_input.get("red_flags"))
    sample.grader_aimed = _items(GraderAimed, tool_input.get("grader_aimed"))
    return sample
