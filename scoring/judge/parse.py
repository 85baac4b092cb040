"""Reading one judge answer: every dimension checked on its own with pydantic."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TypeVar

import pydantic_core
from pydantic import BaseModel, ValidationError

from scoring.judge.protocol import JudgeReply
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
    refused: bool = False  # the model declined: asking again would only cost more

    def problem_text(self) -> str:
        reasons = set(self.problems.values())
        if len(reasons) == 1 and len(self.problems) > 1:
            return f"every dimension: {reasons.pop()}"
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
            refused=self.refused,
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


def read_json(text: str, *, cut: bool = False) -> object | None:
    """The answer's JSON value, or None when the text is not JSON.

    An answer cut at max_tokens ends mid-value: `cut` keeps what was complete (an unfinished
    string is dropped, never shortened, so a quote is whole or absent)."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    if not cut:
        return None
    try:
        return pydantic_core.from_json(text, allow_partial=True)
    except ValueError:
        return None


def parse_sample(reply: JudgeReply, rubric: Rubric) -> Sample:
    """Check an answer against the rubric; problems name the dimension and the failure."""
    dimension_ids = [d.id for d in rubric.dimensions]
    if reply.stop_reason == "refusal":
        why = "the judge declined to rate this transcript (stop reason refusal)"
        if reply.refusal:
            why += f": {' '.join(reply.refusal.split())}"
        return Sample(problems=dict.fromkeys(dimension_ids, why), refused=True)
    was_cut = reply.stop_reason == "max_tokens"
    cut = " (the answer was cut off at max_tokens)" if was_cut else ""
    output = read_json(reply.text, cut=was_cut)
    if not isinstance(output, dict):
        what = "not valid JSON" if output is None else "not a JSON object"
        return Sample(problems=dict.fromkeys(dimension_ids, f"the answer is {what}{cut}"))
    raw = output.get("dimensions")
    if not isinstance(raw, dict):
        why = f"'dimensions' is missing or not an object{cut}"
        return Sample(problems=dict.fromkeys(dimension_ids, why))
    sample = Sample()
    for dim in dimension_ids:
        if dim not in raw:
            sample.problems[dim] = f"missing{cut}"
            continue
        try:
            sample.levels[dim] = DimensionJudgement.model_validate(raw[dim])
        except ValidationError as exc:
            sample.problems[dim] = f"dimensions.{dim}.{_first_error(exc)}{cut}"
    sample.red_flags = _items(FlagQuote, output.get("red_flags"))
    sample.grader_aimed = _items(GraderAimed, output.get("grader_aimed"))
    return sample
