"""`mockloop briefs new` (your own briefs): the commented template, a new user filling it in
and running it through simulate, score and probes, and the one-line errors for their
mistakes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.content.models import Brief, CandidateContext, Curveball, Fact, ProbeArea
from tests.brief_helpers import fill, placeholders
from tests.cli_helpers import mockloop, one_line_error

ANSWERS_FILE = Path(__file__).resolve().parent / "data" / "guide" / "action-items-answers.yaml"
ANSWERS = yaml.safe_load(ANSWERS_FILE.read_text(encoding="utf-8"))


def template_path(home: Path, brief_id: str) -> Path:
    return home / "briefs" / f"{brief_id}.yaml"


def new_brief(home: Path, brief_id: str = "action-items") -> tuple[Path, dict[str, Any]]:
    run = mockloop("briefs", "new", brief_id)
    assert run.code == 0, run.err
    path = template_path(home, brief_id)
    assert f"wrote {path}" in run.out
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def write_filled(path: Path, template: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = fill(template, ANSWERS)
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def test_briefs_new_writes_a_commented_template_with_every_field(isolated_home: Path) -> None:
    path, template = new_brief(isolated_home)
    text = path.read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))

    assert template["id"] == "action-items"
    assert set(template) == set(Brief.model_fields)
    assert set(template["context"]) == set(CandidateContext.model_fields)
    assert all(set(a) == set(ProbeArea.model_fields) for a in template["probe_areas"])
    assert all(set(f) == set(Fact.model_fields) for f in template["facts"])
    assert all(set(c) == set(Curveball.model_fields) for c in template["curveballs"])
    for model in (Brief, CandidateContext, Fact, ProbeArea, Curveball):
        for name in model.model_fields:
            assert re.search(rf"\b{name}\b", comments), f"{model.__name__}.{name} is not explained"
    for line_no, line in enumerate(text.splitlines()):
        if re.match(r"^[a-z_]+:", line) and not line.startswith("id:"):
            before = text.splitlines()[line_no - 1]
            assert before.startswith("#"), f"no comment above {line!r}"
    assert f"mockloop briefs validate {path}" in text
    assert placeholders(template)  # placeholders are there to fill


def test_a_template_filled_in_by_a_new_user_validates(isolated_home: Path) -> None:
    path, template = new_brief(isolated_home)
    write_filled(path, template)

    run = mockloop("briefs", "validate", str(path))

    assert run.code == 0, run.err
    assert run.out.strip() == f"ok  {path} (action-items)"
    assert "action-items" in mockloop("briefs", "list").out


def test_a_brief_from_the_template_runs_through_simulate_score_and_probes(
    isolated_home: Path, tmp_path: Path
) -> None:
    path, template = new_brief(isolated_home)
    write_filled(path, template)

    simulated = mockloop(
        "simulate", "--brief", "action-items", "--candidate", "strong-shipper", "--json"
    )
    assert simulated.code == 0, simulated.err
    session = json.loads(simulated.out)["session"]
    assert session["brief"] == "action-items" and session["status"] == "finished"

    exported = tmp_path / "f.md"
    run = mockloop("transcripts", "export", session["id"], "--format", "md", "--out", str(exported))
    assert run.code == 0, run.err
    scored = mockloop("score", str(exported), "--format", "json")
    assert scored.code == 0, scored.err
    card = json.loads(scored.out)
    assert card["recommendation"] in ("hire", "strong_hire")

    guide = mockloop("probes", "action-items", "--format", "json")
    assert guide.code == 0, guide.err
    data = json.loads(guide.out)
    assert [a["title"] for a in data["areas"]] == [a["title"] for a in ANSWERS["probe_areas"]]
    assert sum(slot["minutes"] for slot in data["timing"]) == 60
    assert all(len(a["follow_ups"]) >= 2 for a in data["areas"])


def test_a_template_left_unfilled_names_the_file_and_the_first_field(isolated_home: Path) -> None:
    path, _ = new_brief(isolated_home)

    line = one_line_error(mockloop("briefs", "validate", str(path)))

    assert line.startswith(f"mockloop: {path}: title: ")
    assert "valid string" in line


def test_a_placeholder_filled_with_the_wrong_type_names_the_file_and_field(
    isolated_home: Path,
) -> None:
    path, template = new_brief(isolated_home)
    data = write_filled(path, template)
    data["probe_areas"][1]["weight"] = "a bit more than the others"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    for run in (mockloop("briefs", "validate", str(path)), mockloop("probes", "action-items")):
        line = one_line_error(run)
        assert line.startswith(f"mockloop: {path}: probe_areas.1.weight: ")
        assert "number" in line


def test_a_probe_area_missing_a_field_names_the_file_and_field(isolated_home: Path) -> None:
    path, template = new_brief(isolated_home)
    data = write_filled(path, template)
    del data["probe_areas"][2]["main_probe"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    line = one_line_error(mockloop("briefs", "validate", str(path)))

    assert line == f"mockloop: {path}: probe_areas.2.main_probe: Field required"


def test_a_curveball_without_a_known_dimension_names_the_file_and_field(
    isolated_home: Path,
) -> None:
    path, template = new_brief(isolated_home)
    data = write_filled(path, template)
    data["curveballs"][0]["dimension"] = "latency"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    line = one_line_error(mockloop("simulate", "--brief", "action-items", "--candidate", "empty"))

    assert line.startswith(f"mockloop: {path}: curveballs.0.dimension: ")


def test_briefs_new_refuses_to_overwrite_an_existing_brief(isolated_home: Path) -> None:
    path, template = new_brief(isolated_home)
    write_filled(path, template)
    before = path.read_text(encoding="utf-8")

    line = one_line_error(mockloop("briefs", "new", "action-items"))

    assert "'action-items' is taken" in line
    assert path.read_text(encoding="utf-8") == before


def test_briefs_new_refuses_the_id_of_a_shipped_brief(isolated_home: Path) -> None:
    line = one_line_error(mockloop("briefs", "new", "churn-analysis"))

    assert "'churn-analysis' is taken" in line
    assert not (isolated_home / "briefs" / "churn-analysis.yaml").exists()


@pytest.mark.parametrize("bad_id", ["../x", "a/../../b", "My-Brief", "1st-brief", "my_brief", ""])
def test_briefs_new_refuses_an_id_that_is_not_a_plain_name(
    bad_id: str, isolated_home: Path, tmp_path: Path
) -> None:
    line = one_line_error(mockloop("briefs", "new", bad_id))

    assert f"invalid brief id {bad_id!r}" in line
    assert not (isolated_home.parent / "x.yaml").exists()
    assert not (isolated_home / "briefs").exists() or not any((isolated_home / "briefs").iterdir())


def test_an_id_of_64_characters_makes_a_brief_that_validates(isolated_home: Path) -> None:
    brief_id = "action-items-" + "x" * 51  # the most an id may have: one over is refused
    path, template = new_brief(isolated_home, brief_id)
    write_filled(path, template)

    run = mockloop("briefs", "validate", str(path))

    assert len(brief_id) == 64
    assert run.code == 0, run.err


def test_briefs_new_out_takes_the_id_from_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    target = folder / "team-brief.yaml"

    run = mockloop("briefs", "new", "--out", str(target))

    assert run.code == 0, run.err
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["id"] == "team-brief"
    assert sorted(p.name for p in folder.iterdir()) == ["team-brief.yaml"]
    again = one_line_error(mockloop("briefs", "new", "--out", str(target)))
    assert "already exists" in again


def test_briefs_new_out_must_be_named_after_the_id(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"

    line = one_line_error(mockloop("briefs", "new", "team-brief", "--out", str(target)))

    assert "use team-brief.yaml" in line


def test_briefs_new_refuses_a_folder_as_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()

    line = one_line_error(mockloop("briefs", "new", "team-brief", "--out", str(folder)))

    assert "is a folder" in line
    assert list(folder.iterdir()) == []


def test_briefs_new_without_an_id_says_how_to_give_one() -> None:
    line = one_line_error(mockloop("briefs", "new"))

    assert "mockloop briefs new my-brief" in line
