"""Grading a candidate's stage-1 outputs, whatever the kind: missing and malformed lines,
empty files, any file at all, and the shipped broken outputs grading worse than the good ones.
The per-kind tables are in test_worksample_extraction.py, _triage.py and _summary.py."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.worksample.grade import grade_outputs
from scoring.worksample.submission import read_submission
from tests.worksample_helpers import grade, jsonl, raw, tiny

# --- every kind ----------------------------------------------------------------------------


def test_each_dataset_item_with_no_line_is_listed_once() -> None:
    found = read_submission(jsonl({"id": "t1"}, raw("t2", {})), ["t1", "t2", "t3"])

    assert [(p.kind, p.id) for p in found.problems] == [
        ("missing_output", "t1"),
        ("no_output", "t3"),
    ]
    assert found.outputs == {"t2": "{}"}


@pytest.mark.parametrize("kind", ["extraction", "triage", "summary"])
def test_an_empty_outputs_file_fails_every_item_and_names_each(kind: str) -> None:
    result = grade(kind, "")

    assert result.usable == 0
    assert result.problem_counts == {"no_output": result.items}
    assert all(value in (0.0, None) for value in result.headline().values())


@pytest.mark.parametrize("kind", ["extraction", "triage", "summary"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=40),
            st.builds(
                lambda i, o: json.dumps({"id": i, "output": o}),
                st.sampled_from(["x1", "t1", "s1", "x2", "t3", "zz", ""]),
                st.one_of(
                    st.none(),
                    st.integers(),
                    st.text(max_size=30),
                    st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3),
                    st.lists(st.integers(), max_size=3),
                ),
            ),
        ),
        max_size=8,
    )
)
def test_no_outputs_file_crashes_the_grader(kind: str, lines: list[str]) -> None:
    result = grade(kind, "\n".join(lines))

    assert result.items == len(tiny(kind)[1])
    assert 0 <= result.usable <= result.items


@pytest.mark.parametrize(
    ("task_id", "worse"),
    [
        ("support-email-extraction", "item_accuracy"),
        ("ticket-triage", "accuracy"),
        ("event-log-email-summary", "pass_rate"),
    ],
)
def test_the_recorded_broken_outputs_grade_worse_than_the_good_ones(
    task_id: str, worse: str
) -> None:
    from simulator.services.worksamples import work_sample

    sample = work_sample(task_id)
    grades = {
        version: grade_outputs(
            sample.task,
            sample.items,
            jsonl(*({"id": i, "output": o} for i, o in sample.outputs[version].items())),
        )
        for version in ("good", "broken")
    }

    good, broken = (grades[v].headline()[worse] for v in ("good", "broken"))
    assert good is not None and broken is not None
    assert broken < good
    assert grades["good"].problem_counts == grades["broken"].problem_counts == {}
