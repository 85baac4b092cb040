"""What a candidate gets for a stage-1 work sample, as files (path -> text).

The candidate writes their own prompt, so they get the task and the labelled dataset, and
nothing that gives the answer away or belongs to the interviewer:
- `dataset.jsonl`: each item's id, label, input and expected output (not the item's note,
  which says why the item is there);
- `task.yaml`: the task without its `broken` paragraph (what the broken prompt breaks);
- `README.md`: the task in prose, what to hand back, and the command that grades it.
Never the broken prompt, the recorded outputs or the datasheet (it names the items the
broken prompt gets wrong). The good prompt is the reference answer to stage 1, so it is
added only on request (`prompts/good.md`): to practise iterating on a working prompt, or to
prepare for stage 2, where the candidate reads it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from string import Template

import yaml

from scoring.worksample.models import ItemLabel, WorkSample, WorkSampleTask

README_TEMPLATE = Path(__file__).resolve().parent / "candidate-readme.md"
LABEL_ORDER: tuple[ItemLabel, ...] = ("positive", "edge", "adversarial")


def label_counts(sample: WorkSample) -> dict[str, int]:
    """Items per label, in the order positive, edge, adversarial."""
    counts = Counter(item.label for item in sample.items)
    return {label: counts[label] for label in LABEL_ORDER if counts[label]}


def candidate_files(sample: WorkSample, *, good_prompt: bool = False) -> dict[str, str]:
    """The files of the candidate's copy, by path relative to the folder they go in."""
    files = {
        "dataset.jsonl": "".join(
            json.dumps(
                {"id": i.id, "label": i.label, "input": i.input, "expected": i.expected},
                ensure_ascii=False,
            )
            + "\n"
            for i in sample.items
        ),
        "task.yaml": _task_yaml(sample.task),
        "README.md": _readme(sample, good_prompt=good_prompt),
    }
    if good_prompt:
        files["prompts/good.md"] = sample.prompts["good"]
    return files


def _task_yaml(task: WorkSampleTask) -> str:
    shown = task.model_dump(exclude={"broken"})
    shown = {key: value for key, value in shown.items() if value != []}
    header = "# The task as the candidate reads it (exported by `mockloop worksample export`).\n"
    return header + yaml.safe_dump(shown, sort_keys=False, allow_unicode=True, width=88)


def _readme(sample: WorkSample, *, good_prompt: bool) -> str:
    task = sample.task
    if task.kind == "extraction":
        spec = "\n".join(
            f"- `{f.name}` ({f.type}): {_one_line(f.description)}" for f in task.fields
        )
        spec = f"\nFields:\n\n{spec}\n"
    elif task.kind == "triage":
        spec = "\nCategories:\n\n" + "".join(f"- {c}\n" for c in task.categories)
    else:
        spec = ""
    counts = ", ".join(f"{n} {label}" for label, n in label_counts(sample).items())
    prompt_line = (
        "- `prompts/good.md`: a working prompt for this task, to start from.\n"
        if good_prompt
        else ""
    )
    text = Template(README_TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=task.title,
        task=task.id,
        summary=_one_line(task.summary),
        input=_one_line(task.input),
        output=_one_line(task.output),
        spec=spec,
        count=len(sample.items),
        counts=counts,
        prompt_line=prompt_line,
    )
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def datasheet_opening(datasheet: str) -> str:
    """The datasheet's first paragraph of prose (headings skipped), on one line."""
    for block in datasheet.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#")]
        if lines:
            return _one_line(" ".join(lines))
    return ""
