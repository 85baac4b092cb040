"""A new dimension is content only: a rubric with a ninth dimension and a vocabulary concept
for it, both in the user's folder (MOCKLOOP_HOME/rubrics, MOCKLOOP_HOME/vocabulary), give a
simulated round and a scorecard that score it, with no change to code."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring.rubrics import SHIPPED_RUBRICS
from simulator.engines.offline.candidate import stock_answers
from tests.cli_helpers import mockloop, one_line_error

BRIEFS = Path(__file__).resolve().parent.parent / "briefs"
RUBRIC_ID = "system-design-privacy"
PRIVACY = "data_privacy"
# What the strong shipper says about logging on the churn brief: "Every request is logged
# with prompt version and model id." and "I'd log which path each request took, so the eval
# can report quality per path ..." (a reason: the concept is explained, level 2).
LOGGING = {
    "id": "request_logging",
    "label": "Deciding what each request logs",
    "dimensions": [PRIVACY],
    "phrases": ["every request is logged", "log which path each request took", "request logging"],
}


def ninth_dimension_rubric() -> dict[str, Any]:
    """The shipped system-design rubric under a new id, with data privacy as a ninth dimension
    (weighted like framing; communication gives up a little so the total stays near)."""
    rubric = yaml.safe_load((SHIPPED_RUBRICS / "system-design.yaml").read_text(encoding="utf-8"))
    rubric["id"] = RUBRIC_ID
    rubric["title"] = "System design, with data privacy"
    for dimension in rubric["dimensions"]:
        if dimension["id"] == "communication":
            dimension["weight"] = 0.5
    rubric["dimensions"].append(
        {
            "id": PRIVACY,
            "title": "Data privacy",
            "weight": 1.0,
            "description": "What is kept of the users' data, where, and for how long.",
            "anchors": {
                "1": "Never says what is logged or kept.",
                "2": "Says requests are logged, without saying what is kept out of the logs.",
                "3": "Names what each request logs and keeps personal data out of it.",
                "4": "Adds how long logs are kept, who can read them, and how that is checked.",
            },
            "signals": {"concepts": [LOGGING["id"], "pii_redaction"]},
        }
    )
    return rubric


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def ninth_dimension(isolated_home: Path) -> Path:
    write_yaml(isolated_home / "rubrics" / f"{RUBRIC_ID}.yaml", ninth_dimension_rubric())
    write_yaml(isolated_home / "vocabulary" / "privacy.yaml", {"concepts": [LOGGING]})
    return isolated_home


def test_a_ninth_dimension_in_the_rubric_and_vocabulary_is_simulated_and_scored(
    ninth_dimension: Path, tmp_path: Path
) -> None:
    simulated = mockloop(
        "simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper", "--json"
    )
    assert simulated.code == 0, simulated.err
    session = json.loads(simulated.out)["session"]["id"]
    transcript = tmp_path / "round.json"
    exported = mockloop("transcripts", "export", session, "--format", "json", "--out", transcript)
    assert exported.code == 0, exported.err

    scored = mockloop("score", "--rubric", RUBRIC_ID, "--no-save", "--format", "json", transcript)

    assert scored.code == 0, scored.err
    card = json.loads(scored.out)
    assert card["rubric_id"] == RUBRIC_ID
    dimensions = {d["dimension"]: d for d in card["dimensions"]}
    assert len(dimensions) == 9
    privacy = dimensions[PRIVACY]
    assert privacy["level"] == 2
    assert privacy["concepts"] == [LOGGING["id"]]
    quotes = [evidence["quote"] for evidence in privacy["evidence"]]
    assert "Every request is logged with prompt version and model id." in quotes


def test_the_shipped_rubric_is_unchanged_beside_the_ninth_dimension(
    ninth_dimension: Path, tmp_path: Path
) -> None:
    listed = mockloop("rubrics", "list")
    shown = mockloop("rubrics", "show", "system-design")

    assert listed.code == 0 and RUBRIC_ID in listed.out, listed.err
    assert shown.code == 0, shown.err
    assert "Data privacy" not in shown.out


def test_a_concept_on_a_dimension_no_rubric_defines_is_refused_in_one_line(
    isolated_home: Path,
) -> None:
    path = write_yaml(isolated_home / "vocabulary" / "privacy.yaml", {"concepts": [LOGGING]})

    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")

    line = one_line_error(run)
    assert f"{path}: concepts.0.dimensions.0: unknown dimension '{PRIVACY}'" in line


def test_a_persona_with_nothing_to_say_on_the_new_dimension_gives_its_stock_replies(
    ninth_dimension: Path,
) -> None:
    brief = yaml.safe_load((BRIEFS / "churn-analysis.yaml").read_text(encoding="utf-8"))
    area = next(a for a in brief["probe_areas"] if a["id"] == "hallucinated_account")
    area["dimension"] = PRIVACY  # the strong shipper has no answers (nor expected level) for it
    write_yaml(ninth_dimension / "briefs" / "churn-analysis.yaml", brief)

    run = mockloop(
        "simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper", "--json"
    )

    assert run.code == 0, run.err
    turns = json.loads(run.out)["transcript"]["turns"]
    in_area = [
        answer["text"]
        for question, answer in itertools.pairwise(turns)
        if answer["role"] == "candidate"
        and question["meta"].get("area") == area["id"]
        and question["meta"]["move"] != "curveball"
    ]
    assert len(in_area) >= 2, "the round probed the area"
    assert set(in_area) <= set(stock_answers())


def quiet_persona(**changes: Any) -> dict[str, Any]:
    """A persona with something to say on evaluation alone, and an expected level only there."""
    persona = {
        "id": "evaluation-only",
        "title": "Evaluation only",
        "description": "Talks about evals and nothing else.",
        "group": "average",
        "expected_levels": {"evaluation": 3},
        "answers": {
            "design": ["One model call, then a golden set of {golden_set} before anything else."],
            "evaluation": ["{golden_set}, scored by {metric}, run on every prompt change."],
            "curveball": ["I'd rerun the golden set against the new constraint first."],
            "wrap_up": ["In short: measure {metric} on {golden_set} before and after each change."],
        },
    }
    return {**persona, **changes}


def test_a_persona_may_leave_out_the_dimensions_it_has_nothing_to_say_about(
    isolated_home: Path,
) -> None:
    write_yaml(isolated_home / "personas" / "candidates" / "evaluation-only.yaml", quiet_persona())

    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "evaluation-only")

    assert run.code == 0, run.err
    assert "golden set" in run.out


@pytest.mark.parametrize(
    ("field", "key", "expected"),
    [
        ("expected_levels", "charisma", "unknown dimension 'charisma' (the rubrics define: "),
        ("answers", "evalution", "unknown answer slot 'evalution' (a round slot: design, "),
        ("follow_ups", "summary", "unknown answer slot 'summary'"),
    ],
)
def test_a_persona_naming_no_dimension_of_a_rubric_is_refused_in_one_line(
    isolated_home: Path, field: str, key: str, expected: str
) -> None:
    persona = quiet_persona()
    value = 3 if field == "expected_levels" else ["Something."]
    persona[field] = {**persona.get(field, {}), key: value}
    path = write_yaml(isolated_home / "personas" / "candidates" / "evaluation-only.yaml", persona)

    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "evaluation-only")

    assert f"{path}: {field}.{key}: {expected}" in one_line_error(run)


def test_a_normal_persona_without_a_wrap_up_summary_is_refused(isolated_home: Path) -> None:
    persona = quiet_persona()
    del persona["answers"]["wrap_up"]
    path = write_yaml(isolated_home / "personas" / "candidates" / "evaluation-only.yaml", persona)

    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "evaluation-only")

    assert f"{path}: answers: missing wrap_up" in one_line_error(run)
